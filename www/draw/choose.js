// Which renderer draws a pane's network: WebGL2 where the browser draws it
// on a GPU, Canvas 2D otherwise. Where WebGL2 is drawn in software
// (SwiftShader, llvmpipe), Canvas 2D is the faster of the two at every size
// (scripts/bench-draw.mjs), so it is chosen there too. `?renderer=canvas` or
// `?renderer=webgl` in the page's address overrides the choice (for tests
// and benchmarks). The choice is made before the pane canvas's first
// getContext, on a canvas of its own: a canvas that gave one kind of
// context never gives the other.
import { Renderer } from './canvas.js';
import { WebGLRenderer } from './webgl.js';

const CHOICES = ['webgl', 'canvas'];
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** The renderer asked for in the address, or null to choose. */
export function askedRenderer(search = globalThis.location?.search ?? '') {
  const asked = new URLSearchParams(search).get('renderer');
  if (asked === null) return null;
  if (CHOICES.includes(asked)) return asked;
  console.warn(`renderer=${asked}: not one of ${CHOICES.join(', ')}; choosing by what the browser has`);
  return null;
}

let probed;
/** What draws WebGL2 here: { name, software }, or null without WebGL2. Asked once per page. */
export function webglHere() {
  if (probed !== undefined) return probed;
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return (probed = null);
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext(); // one context fewer held
  return (probed = { name, software: SOFTWARE.test(name) });
}

/** A renderer for `canvas`, whose `kind` says which one it is ('webgl' or 'canvas'). */
export function createRenderer(canvas) {
  const asked = askedRenderer();
  if (asked === 'canvas') return new Renderer(canvas);
  const here = webglHere();
  if (here && (asked === 'webgl' || !here.software)) {
    // Multisampled ties cost little on a GPU and several times over in software.
    const gl = WebGLRenderer.create(canvas, { antialias: !here.software });
    if (gl) return gl;
  }
  if (asked === 'webgl') console.warn('renderer=webgl: this browser has no WebGL2; drawing with Canvas 2D');
  return new Renderer(canvas);
}
