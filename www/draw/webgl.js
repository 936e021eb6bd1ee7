// Draws one pane's network with WebGL2, the same picture as canvas.js at
// any size: ties as one line buffer (the core's tie pairs are the index
// buffer, uploaded once per run), firms as point sprites whose shaders
// compute each firm's flash or phase colour from the core's release ages or
// phases (one upload of that view per frame), coordinators and their roadmap
// rings as a second pass of sprites on top. Points, not instanced quads:
// software WebGL (SwiftShader) draws instances several times slower.
//
// WebGL2 draws on a layer canvas over the pane's own canvas, which keeps a
// canvas.js Renderer. Under the layer, that canvas holds what canvas.js
// draws between the ties and the firms (the background, the inspected
// firm's ties and ring, the pulses and signal waves of effects.js), redrawn
// only when it changes. Without the layer (WebGL2 not started yet, missing,
// drawn in software, or its context lost) the Renderer draws everything, so
// a pane always shows its network. Firm positions are uploaded when the run
// changes or the renderer is marked dirty (resize, layout placed): whatever
// moves firms must mark it. A device whose largest point sprite is smaller
// than a halo (1023 px in SwiftShader; GPUs allow hundreds and up) would
// clip the halo to a square.
import { Renderer, drawSelection, drawEffects } from './canvas.js';
import { BACKGROUND, TIE, rgba } from './palette.js';
import { countFlashing, coordinatorRadius, ROADMAP_GAP, ROADMAP_WIDTH } from './look.js';
import { fitLayout, nearestFirm } from './fit.js';
import { buildPrograms, buildBuffers, use } from './gl.js';

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

let probed;
/**
 * What draws WebGL2 here: { name, software }, or null without WebGL2. Asked
 * once per page, on a canvas of its own (the first WebGL2 context of a page
 * starts the browser's GL: about 200 ms in headless Chromium).
 */
export function webglHere() {
  if (probed !== undefined) return probed;
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) {
    probed = null;
    return probed;
  }
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext(); // one context fewer held
  probed = { name, software: SOFTWARE.test(name) };
  return probed;
}

export class WebGLRenderer {
  /**
   * Draws on `canvas` with canvas.js until WebGL2 takes over: at once when
   * `now` (which also takes software WebGL2), else after the first frame
   * and only where WebGL2 runs on a GPU (in software Canvas 2D is faster).
   */
  constructor(canvas, { now = false } = {}) {
    this.canvas = canvas;
    this.flat = new Renderer(canvas);
    this.gl = null;
    this.changed = true;
    if (now) this.start(true);
    else this.pending = true;
  }

  /** 'webgl' while WebGL2 draws the pane, else 'canvas'. */
  get kind() {
    return this.gl && !this.lost ? 'webgl' : 'canvas';
  }

  // Marked by the page (new run, layout placed) and by a resize of the canvas.
  get dirty() {
    return this.changed || this.flat.dirty;
  }
  set dirty(value) {
    this.changed = value;
    this.flat.dirty = value;
  }

  /** Starts WebGL2 on a layer over the canvas where it runs on a GPU (or anywhere, `evenSoftware`). */
  start(evenSoftware) {
    const here = webglHere();
    if (!here || (here.software && !evenSoftware)) return;
    const layer = overlay(this.canvas);
    // Multisampled ties cost little on a GPU and several times over in software.
    const gl = layer.getContext('webgl2', {
      antialias: !here.software,
      premultipliedAlpha: true,
      depth: false,
      stencil: false,
    });
    if (!gl || !this.build(gl)) {
      layer.remove();
      return;
    }
    layer.addEventListener('webglcontextlost', (e) => {
      e.preventDefault(); // lets the browser restore it
      this.lost = true;
      layer.hidden = true;
      this.dirty = true;
    });
    layer.addEventListener('webglcontextrestored', () => {
      if (!this.build(gl)) return;
      this.lost = false;
      layer.hidden = false;
    });
    this.gl = gl;
    this.layer = layer;
  }

  // Programs and buffers (again after a restored context); false when they cannot be built.
  build(gl) {
    try {
      this.programs = buildPrograms(gl);
      this.buffers = buildBuffers(gl);
      this.maxPoint = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE)?.[1] ?? 64;
    } catch (err) {
      console.warn(`network drawing: ${err.message}; drawing with Canvas 2D`);
      return false;
    }
    this.run = null; // upload everything again
    this.dirty = true;
    return true;
  }

  fit(run) {
    Object.assign(this, fitLayout(run, this.flat.width, this.flat.height, this.flat.dpr));
  }

  hit(run, px, py) {
    this.fit(run);
    return nearestFirm(run, this, px, py);
  }

  // Fits the layout and uploads positions; ties and coordinator flags too for a new run.
  place(run) {
    const { gl, buffers: b } = this;
    this.fit(run);
    if (run !== this.run) {
      gl.bindVertexArray(null);
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, b.ties);
      gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, run.ties, gl.STATIC_DRAW);
      gl.bindBuffer(gl.ARRAY_BUFFER, b.skip);
      // Reactive panes draw their would-be coordinators as plain firms (as canvas.js does).
      gl.bufferData(gl.ARRAY_BUFFER, run.coordinated ? run.isCoordinator : new Uint8Array(run.n), gl.STATIC_DRAW);
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
    // The layer's backing store follows the canvas's (resized by the Renderer).
    const { width, height } = this.canvas;
    if (this.layer.width !== width || this.layer.height !== height) Object.assign(this.layer, { width, height });
    this.dpr = width / this.flat.width;
    this.backdropDrawn = null;
  }

  /**
   * The canvases on screen, bottom first: the WebGL layer's picture can be
   * copied only in the task that drew it (the small view of the panes does).
   */
  canvases() {
    return this.kind === 'webgl' ? [this.canvas, this.layer] : [this.canvas];
  }

  /** The picture as shown (canvas and WebGL layer), drawn again now, for export. */
  image() {
    const [run, options] = this.last ?? [];
    if (this.kind === 'canvas' || !run?.sim) return this.canvas; // 2D only, or nothing drawn since a new run
    run.refreshViews();
    this.draw(run, options);
    const out = document.createElement('canvas');
    out.width = this.canvas.width;
    out.height = this.canvas.height;
    const ctx = out.getContext('2d');
    ctx.drawImage(this.canvas, 0, 0);
    ctx.drawImage(this.layer, 0, 0); // in the task that drew it: the buffer is still there
    return out;
  }

  /** As Renderer.draw: one frame of `run`; returns how many firms were drawn flashing. */
  draw(run, options) {
    if (this.pending) {
      this.pending = false;
      setTimeout(() => this.start(false), 0); // after the first frame is on screen
    }
    this.last = [run, options];
    if (this.kind === 'canvas') {
      this.backdropDrawn = null;
      this.changed = false; // the Renderer keeps its own mark (a tie layer still filling in)
      return this.flat.draw(run, options);
    }
    const { speed, calm, now, effects, selected = -1, roadmap = 0 } = options;
    const [buffer, offset] = this.positionsAt ?? [];
    const refit =
      this.dirty || run !== this.run || run.positions.buffer !== buffer || run.positions.byteOffset !== offset;
    if (refit) this.place(run);
    this.drawBackdrop(run, { calm, now, effects, selected });

    const { gl } = this;
    gl.viewport(0, 0, this.layer.width, this.layer.height);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    const shared = this.sharedUniforms(speed, calm);
    if (run.ties.length) this.drawTies(run, shared);
    this.drawFirms(run, shared, calm);
    if (run.coordinated && run.coordinators.length) this.drawCoordinators(run, shared, calm, roadmap);
    gl.bindVertexArray(null);
    this.dirty = false; // all drawn: nothing to finish in a later frame
    return calm ? 0 : countFlashing(run.releaseAges, speed);
  }

  /** The uniforms every program of a frame shares. */
  sharedUniforms(speed, calm) {
    return {
      u_offset: [this.ox, this.oy],
      u_scale: this.scale,
      u_size: [this.flat.width, this.flat.height],
      u_pixel: 1 / this.dpr,
      u_speed: speed,
      u_calm: calm,
      u_radius: this.radius,
      u_maxPoint: this.maxPoint,
    };
  }

  /** WebGL has no wide lines: a tie is one device pixel, with the ink of canvas.js's one CSS pixel. */
  drawTies(run, shared) {
    const { gl, programs: p, buffers: b } = this;
    const [r, g, bl, a] = rgba(TIE);
    const alpha = Math.min(1, a * Math.max(1, this.dpr));
    use(gl, p.tie, { ...shared, u_colour: [(r / 255) * alpha, (g / 255) * alpha, (bl / 255) * alpha, alpha] });
    gl.bindVertexArray(b.tieArray);
    gl.drawElements(gl.LINES, run.ties.length, gl.UNSIGNED_INT, 0);
  }

  /** Every firm as a point, coloured by its phase (calm) or lit by its release age. */
  drawFirms(run, shared, calm) {
    const { gl, programs: p, buffers: b } = this;
    gl.bindBuffer(gl.ARRAY_BUFFER, b.value);
    gl.bufferSubData(gl.ARRAY_BUFFER, 0, calm ? run.phases : run.releaseAges);
    use(gl, p.firm, shared);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, b.phaseRamp);
    gl.bindVertexArray(b.firmArray);
    gl.drawArrays(gl.POINTS, 0, run.n);
  }

  /** The coordinators as outlined diamonds, each with its roadmap ring. */
  drawCoordinators(run, shared, calm, roadmap) {
    const { gl, programs: p, buffers: b } = this;
    const k = run.coordinators.length;
    const data = this.coordinatorData;
    run.coordinators.forEach((c, j) => {
      data[3 * j] = this.x(c);
      data[3 * j + 1] = this.y(c);
      data[3 * j + 2] = calm ? run.phases[c] : run.releaseAges[c];
    });
    gl.bindBuffer(gl.ARRAY_BUFFER, b.coordinators);
    gl.bufferSubData(gl.ARRAY_BUFFER, 0, data);
    const r = coordinatorRadius(this.radius);
    use(gl, p.coordinator, {
      ...shared,
      u_r: r,
      u_reach: r + ROADMAP_GAP + ROADMAP_WIDTH / 2,
      u_roadmap: run.coordinated ? roadmap : -1,
    });
    gl.bindVertexArray(b.coordinatorArray);
    gl.drawArrays(gl.POINTS, 0, k);
  }

  // Under the layer: the background, the inspected firm and the effects; skipped while unchanged.
  drawBackdrop(run, { calm, now, effects, selected }) {
    const live = !calm && effects && (effects.pulses.length > 0 || effects.waves.length > 0);
    if (!live && !this.backdropLive && this.backdropDrawn === selected) return;
    const { ctx } = this.flat;
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, this.flat.width, this.flat.height);
    if (selected >= 0 && selected < run.n) drawSelection(ctx, this, run, selected);
    if (live) drawEffects(ctx, this, effects, now);
    this.backdropLive = live;
    this.backdropDrawn = selected;
  }
}

/**
 * A canvas over `canvas`, the same size, transparent to the pointer: beside
 * it in its box (the pane's .canvas-box, which holds the canvas and what
 * shows over it, such as the Building note, kept above the layer).
 */
function overlay(canvas) {
  const box = canvas.parentElement;
  if (getComputedStyle(box).position === 'static') box.style.position = 'relative';
  const layer = document.createElement('canvas');
  layer.className = 'network-gl';
  layer.setAttribute('aria-hidden', 'true');
  Object.assign(layer.style, {
    position: 'absolute',
    left: '0',
    top: '0',
    width: '100%',
    height: '100%',
    pointerEvents: 'none',
    borderRadius: getComputedStyle(canvas).borderRadius,
  });
  Object.assign(layer, { width: canvas.width, height: canvas.height });
  canvas.after(layer);
  return layer;
}
