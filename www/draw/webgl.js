// Draws one pane's network with WebGL2, the same picture as canvas.js at
// any size: ties as one line buffer (the core's tie pairs are the index
// buffer, uploaded once per run), firms as point sprites whose shaders
// compute each firm's flash or phase colour from the core's release ages or
// phases (one upload of that view per frame), coordinators and their roadmap
// rings as a second pass of sprites on top. Points, not instanced quads:
// software WebGL (SwiftShader) draws instances several times slower.
//
// What canvas.js draws between the ties and the firms (the background, the
// inspected firm's ties and ring, the pulses and signal waves of effects.js)
// is drawn with Canvas 2D on a backdrop canvas under this transparent one,
// and redrawn only when it changes. Firm positions are uploaded when the run
// changes or the renderer is marked dirty (resize, layout placed).
//
// On context loss the pane waits for the browser to restore the context;
// if it does not come back within RESTORE_MS, or the shaders fail to build,
// the pane draws with canvas.js on the backdrop from then on. A device whose
// largest point sprite is smaller than a halo (never seen: 1023 in software,
// hundreds and up on GPUs) clips the halo to a square.
import { Renderer, drawSelection, drawEffects } from './canvas.js';
import { BACKGROUND, TIE, PHASE_RGB, rgba } from './palette.js';
import { countFlashing, coordinatorRadius, ROADMAP_GAP, ROADMAP_WIDTH } from './look.js';
import { fitLayout, nearestFirm } from './fit.js';
import * as glsl from './shaders.js';

const RESTORE_MS = 3000;

export class WebGLRenderer {
  /**
   * A WebGL2 renderer on `canvas`, or null where WebGL2 is missing (the
   * canvas is then still free for 2D). `antialias`: multisampled ties.
   */
  static create(canvas, { antialias = true } = {}) {
    const gl = canvas.getContext('webgl2', { antialias, premultipliedAlpha: true, depth: false, stencil: false });
    return gl ? new WebGLRenderer(canvas, gl) : null;
  }

  constructor(canvas, gl) {
    this.canvas = canvas;
    this.gl = gl;
    this.fallback = null;
    this.backdrop = underlay(canvas);
    this.ctx = this.backdrop.getContext('2d', { alpha: false });
    canvas.addEventListener('webglcontextlost', (e) => {
      e.preventDefault(); // lets the browser restore it
      this.lost = true;
      this.lossTimer = setTimeout(() => this.fallBack('the WebGL context was lost'), RESTORE_MS);
    });
    canvas.addEventListener('webglcontextrestored', () => {
      clearTimeout(this.lossTimer);
      if (this.fallback) return;
      this.lost = false;
      this.start();
    });
    this.width = 0;
    this.height = 0;
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(canvas);
    this.resize();
    this.start();
  }

  get kind() { return this.fallback ? 'canvas' : 'webgl'; }

  /** Builds the programs and buffers (again after a restored context). */
  start() {
    try {
      this.programs = buildPrograms(this.gl);
      this.buffers = buildBuffers(this.gl);
      this.maxPoint = this.gl.getParameter(this.gl.ALIASED_POINT_SIZE_RANGE)?.[1] ?? 64;
    } catch (err) {
      this.fallBack(err.message);
    }
    this.run = null; // upload everything again
    this.dirty = true;
  }

  fallBack(reason) {
    if (this.fallback) return;
    console.warn(`network drawing: ${reason}; drawing with Canvas 2D instead`);
    this.fallback = new Renderer(this.backdrop);
    this.dirty = true;
  }

  resize() {
    this.dirty = true;
    if (this.fallback) return; // it sizes the backdrop itself
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    this.width = Math.max(1, rect.width);
    this.height = Math.max(1, rect.height);
    for (const c of [this.canvas, this.backdrop]) {
      c.width = Math.round(this.width * dpr);
      c.height = Math.round(this.height * dpr);
    }
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.dpr = this.canvas.width / this.width;
    this.resizedAt = performance.now();
  }

  fit(run) {
    if (this.fallback) return this.fallback.fit(run);
    Object.assign(this, fitLayout(run, this.width, this.height));
  }

  hit(run, px, py) {
    if (this.fallback) return this.fallback.hit(run, px, py);
    this.fit(run);
    return nearestFirm(run, this, px, py);
  }

  // Fits the layout and uploads positions; ties and coordinator flags too for a new run.
  place(run) {
    const { gl, buffers: b } = this;
    this.fit(run);
    if (this.lost) return;
    if (run !== this.run) {
      gl.bindVertexArray(null);
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, b.ties);
      gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, run.ties, gl.STATIC_DRAW);
      gl.bindBuffer(gl.ARRAY_BUFFER, b.skip);
      gl.bufferData(gl.ARRAY_BUFFER, run.isCoordinator, gl.STATIC_DRAW);
      gl.bindBuffer(gl.ARRAY_BUFFER, b.value);
      gl.bufferData(gl.ARRAY_BUFFER, 4 * run.n, gl.DYNAMIC_DRAW);
      this.coordinatorData = new Float32Array(3 * run.coordinators.length);
      gl.bindBuffer(gl.ARRAY_BUFFER, b.coordinators);
      gl.bufferData(gl.ARRAY_BUFFER, this.coordinatorData.byteLength, gl.DYNAMIC_DRAW);
      this.run = run;
    }
    gl.bindBuffer(gl.ARRAY_BUFFER, b.positions);
    gl.bufferData(gl.ARRAY_BUFFER, run.positions, gl.DYNAMIC_DRAW);
    this.positionsAt = [run.positions.buffer, run.positions.byteOffset];
  }

  /** The picture as shown (backdrop and WebGL layer), drawn again now, for export. */
  image() {
    if (this.fallback) return this.fallback.image();
    const [run, options] = this.last ?? [];
    if (!run?.sim) return this.backdrop; // nothing drawn yet, or a run since freed
    run.refreshViews();
    this.backdropDrawn = null;
    this.draw(run, options);
    const out = document.createElement('canvas');
    out.width = this.canvas.width;
    out.height = this.canvas.height;
    const ctx = out.getContext('2d');
    ctx.drawImage(this.backdrop, 0, 0);
    if (!this.lost) ctx.drawImage(this.canvas, 0, 0); // same task as the draw: the buffer is still there
    return out;
  }

  /** As Renderer.draw: one frame of `run`; returns how many firms were drawn flashing. */
  draw(run, options) {
    if (this.fallback) return this.fallback.draw(run, options);
    this.last = [run, options];
    const { speed, calm, now, effects, selected = -1, roadmap = 0 } = options;
    const [buffer, offset] = this.positionsAt ?? [];
    const refit = this.dirty || run !== this.run || run.positions.buffer !== buffer || run.positions.byteOffset !== offset;
    if (refit) this.place(run);
    this.drawBackdrop(run, { calm, now, effects, selected, refit });
    if (this.lost) return 0;

    const { gl, programs: p, buffers: b } = this;
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    const shared = { u_offset: [this.ox, this.oy], u_scale: this.scale, u_size: [this.width, this.height],
      u_pixel: 1 / this.dpr, u_speed: speed, u_calm: calm, u_radius: this.radius, u_maxPoint: this.maxPoint };

    if (run.ties.length) {
      // A tie is one device pixel wide; as dark as canvas.js's one CSS pixel.
      const [r, g, bl, a] = rgba(TIE);
      const alpha = Math.min(1, a * Math.max(1, this.dpr));
      use(gl, p.tie, { ...shared, u_colour: [(r / 255) * alpha, (g / 255) * alpha, (bl / 255) * alpha, alpha] });
      gl.bindVertexArray(b.tieArray);
      gl.drawElements(gl.LINES, run.ties.length, gl.UNSIGNED_INT, 0);
    }

    gl.bindBuffer(gl.ARRAY_BUFFER, b.value);
    gl.bufferSubData(gl.ARRAY_BUFFER, 0, calm ? run.phases : run.releaseAge);
    use(gl, p.firm, shared);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, b.phaseRamp);
    gl.bindVertexArray(b.firmArray);
    gl.drawArrays(gl.POINTS, 0, run.n);

    const k = run.coordinators.length;
    if (k) {
      const data = this.coordinatorData;
      run.coordinators.forEach((c, j) => {
        data[3 * j] = this.x(c);
        data[3 * j + 1] = this.y(c);
        data[3 * j + 2] = calm ? run.phases[c] : run.releaseAge[c];
      });
      gl.bindBuffer(gl.ARRAY_BUFFER, b.coordinators);
      gl.bufferSubData(gl.ARRAY_BUFFER, 0, data);
      const r = coordinatorRadius(this.radius);
      use(gl, p.coordinator, { ...shared, u_r: r, u_reach: r + ROADMAP_GAP + ROADMAP_WIDTH / 2,
        u_roadmap: run.coordinated ? roadmap : -1 });
      gl.bindVertexArray(b.coordinatorArray);
      gl.drawArrays(gl.POINTS, 0, k);
    }
    gl.bindVertexArray(null);
    return calm ? 0 : countFlashing(run.releaseAge, speed);
  }

  // The background, the inspected firm and the effects; skipped while unchanged.
  drawBackdrop(run, { calm, now, effects, selected, refit }) {
    const live = !calm && effects && (effects.pulses.length > 0 || effects.waves.length > 0);
    const key = `${selected}`;
    if (!refit && !live && !this.backdropLive && this.backdropDrawn === key) return;
    const { ctx } = this;
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, this.width, this.height);
    if (selected >= 0 && selected < run.n) drawSelection(ctx, this, run, selected);
    if (live) drawEffects(ctx, this, effects, now);
    this.backdropLive = live;
    this.backdropDrawn = key;
  }
}

/** A 2D canvas under `canvas`, the same size, in a wrapper that takes the canvas's place. */
function underlay(canvas) {
  const stack = document.createElement('div');
  stack.style.position = 'relative';
  const under = document.createElement('canvas');
  under.setAttribute('aria-hidden', 'true');
  Object.assign(under.style, {
    position: 'absolute', left: '0', top: '0', width: '100%', height: '100%',
    pointerEvents: 'none', borderRadius: getComputedStyle(canvas).borderRadius,
  });
  canvas.before(stack);
  stack.append(under, canvas);
  // Positioned, so it paints over the backdrop; transparent, so the backdrop shows.
  canvas.style.position = 'relative';
  canvas.style.background = 'transparent';
  return under;
}

function buildPrograms(gl) {
  return {
    tie: program(gl, glsl.TIE_VERTEX, glsl.TIE_FRAGMENT),
    firm: program(gl, glsl.FIRM_VERTEX, glsl.FIRM_FRAGMENT),
    coordinator: program(gl, glsl.COORDINATOR_VERTEX, glsl.COORDINATOR_FRAGMENT),
  };
}

function program(gl, vertex, fragment) {
  const prog = gl.createProgram();
  for (const [type, source] of [[gl.VERTEX_SHADER, vertex], [gl.FRAGMENT_SHADER, fragment]]) {
    const shader = gl.createShader(type);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS) && !gl.isContextLost()) {
      throw new Error(`a shader did not compile (${gl.getShaderInfoLog(shader)})`);
    }
    gl.attachShader(prog, shader);
  }
  gl.linkProgram(prog);
  if (!gl.getProgramParameter(prog, gl.LINK_STATUS) && !gl.isContextLost()) {
    throw new Error(`the shaders did not link (${gl.getProgramInfoLog(prog)})`);
  }
  const uniforms = new Map();
  for (let i = 0; i < gl.getProgramParameter(prog, gl.ACTIVE_UNIFORMS); i++) {
    const { name, type } = gl.getActiveUniform(prog, i);
    uniforms.set(name, { at: gl.getUniformLocation(prog, name), type });
  }
  return { prog, uniforms };
}

/** Uses program `p` with the uniforms of `values` it has (numbers, booleans, vec2, vec4). */
function use(gl, p, values) {
  gl.useProgram(p.prog);
  for (const [name, { at, type }] of p.uniforms) {
    const v = values[name];
    if (v === undefined) continue;
    if (type === gl.FLOAT) gl.uniform1f(at, v);
    else if (type === gl.BOOL) gl.uniform1i(at, v ? 1 : 0);
    else if (type === gl.FLOAT_VEC2) gl.uniform2fv(at, v);
    else if (type === gl.FLOAT_VEC4) gl.uniform4fv(at, v);
  }
}

// Buffers and vertex arrays: positions serve the ties' vertices and the
// firms' points; a firm's value is its release age or its phase.
function buildBuffers(gl) {
  const b = {
    positions: gl.createBuffer(), value: gl.createBuffer(), skip: gl.createBuffer(),
    coordinators: gl.createBuffer(), ties: gl.createBuffer(),
  };
  const attribute = (loc, buf, size, type, stride = 0, offset = 0) => {
    gl.bindBuffer(gl.ARRAY_BUFFER, buf);
    gl.enableVertexAttribArray(loc);
    gl.vertexAttribPointer(loc, size, type, false, stride, offset);
  };
  b.tieArray = gl.createVertexArray();
  gl.bindVertexArray(b.tieArray);
  attribute(0, b.positions, 2, gl.FLOAT);
  gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, b.ties);
  b.firmArray = gl.createVertexArray();
  gl.bindVertexArray(b.firmArray);
  attribute(0, b.positions, 2, gl.FLOAT);
  attribute(1, b.value, 1, gl.FLOAT);
  attribute(2, b.skip, 1, gl.UNSIGNED_BYTE);
  b.coordinatorArray = gl.createVertexArray();
  gl.bindVertexArray(b.coordinatorArray);
  attribute(0, b.coordinators, 2, gl.FLOAT, 12, 0);
  attribute(1, b.coordinators, 1, gl.FLOAT, 12, 8);
  gl.bindVertexArray(null);

  // The calm display's colour ramp, one texel per step.
  b.phaseRamp = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, b.phaseRamp);
  const ramp = new Uint8Array(PHASE_RGB.flatMap(([r, g, bl]) => [r, g, bl, 255]));
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, PHASE_RGB.length, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, ramp);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
  return b;
}
