// Which renderer draws a pane's network: WebGL2 where the browser draws it
// on a GPU, Canvas 2D otherwise (webgl.js starts on Canvas 2D and hands
// over after the first frame, so starting WebGL never delays it). Where
// WebGL2 is drawn in software (SwiftShader, llvmpipe) Canvas 2D is the
// faster of the two (scripts/bench-draw.mjs), so it stays. `?renderer=canvas`
// or `?renderer=webgl` in the page's address overrides the choice, for tests
// and benchmarks: webgl then starts at once, in software too.
import { Renderer } from './canvas.js';
import { WebGLRenderer } from './webgl.js';

const CHOICES = ['webgl', 'canvas'];

/** The renderer asked for in the address, or null to choose. */
export function askedRenderer(search = globalThis.location?.search ?? '') {
  const asked = new URLSearchParams(search).get('renderer');
  if (asked === null) return null;
  if (CHOICES.includes(asked)) return asked;
  console.warn(`renderer=${asked}: not one of ${CHOICES.join(', ')}; choosing by what the browser has`);
  return null;
}

/** A renderer for `canvas`; its `kind` says which draws now ('webgl' or 'canvas'). */
export function createRenderer(canvas) {
  const asked = askedRenderer();
  if (asked === 'canvas') return new Renderer(canvas);
  const renderer = new WebGLRenderer(canvas, { now: asked === 'webgl' });
  if (asked === 'webgl' && renderer.kind !== 'webgl')
    console.warn('renderer=webgl: this browser has no WebGL2; drawing with Canvas 2D');
  return renderer;
}
