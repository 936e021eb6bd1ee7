// WebGL2 plumbing for webgl.js: the programs of shaders.js with their
// uniforms, and the buffers and vertex arrays the renderer fills.
import { PHASE_RGB } from './palette.js';
import * as glsl from './shaders.js';

export function buildPrograms(gl) {
  return {
    tie: program(gl, glsl.TIE_VERTEX, glsl.TIE_FRAGMENT),
    firm: program(gl, glsl.FIRM_VERTEX, glsl.FIRM_FRAGMENT),
    coordinator: program(gl, glsl.COORDINATOR_VERTEX, glsl.COORDINATOR_FRAGMENT),
  };
}

function program(gl, vertex, fragment) {
  const prog = gl.createProgram();
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertex],
    [gl.FRAGMENT_SHADER, fragment],
  ]) {
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
export function use(gl, p, values) {
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
export function buildBuffers(gl) {
  const b = {
    positions: gl.createBuffer(),
    value: gl.createBuffer(),
    skip: gl.createBuffer(),
    coordinators: gl.createBuffer(),
    ties: gl.createBuffer(),
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
