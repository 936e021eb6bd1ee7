// The ties of a pane, drawn once into a layer of their own and copied onto
// every frame: they change only when the layout or the canvas does. Canvas 2D
// takes about a second for 250,000 lines in software, so the layer is drawn
// in slices of SLICE ties a frame (the ties fill in over a few frames), and
// beyond MAX_DRAWN ties an evenly spaced sample of them is drawn: at that
// density the ties are a haze, and the sample shows the same haze.
import { BACKGROUND, TIE } from './palette.js';

const SLICE = 25000;
export const MAX_DRAWN = 100000;

export class TieLayer {
  constructor() {
    this.canvas = document.createElement('canvas');
    this.ctx = this.canvas.getContext('2d', { alpha: false, willReadFrequently: true });
    this.key = null;
    this.next = 0; // the next tie (index into the run's list) to draw
    this.step = 1; // draw every step-th tie
    this.pixels = null; // the layer's pixels, when asked for (see `image`)
    this.pixelsAt = -1; // `next` when they were read
  }

  /** True once every tie to be drawn is in the layer. */
  get complete() {
    return this.key !== null && this.next * 2 >= this.ties;
  }

  /**
   * Brings the layer up to date with `run` as `view` (the renderer: x(i),
   * y(i), width, height, dpr, key) places it, drawing one more slice if
   * needed. Returns true when the layer changed.
   */
  update(run, view) {
    const key = `${view.key} ${run.ties.length}`;
    if (key !== this.key || run !== this.run) this.restart(run, view, key);
    if (this.complete) return false;
    const { ctx } = this;
    const { ties } = run;
    const { x, y } = view;
    const end = Math.min(ties.length / 2, this.next + SLICE * this.step);
    ctx.strokeStyle = TIE;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let e = this.next; e < end; e += this.step) {
      ctx.moveTo(x(ties[2 * e]), y(ties[2 * e]));
      ctx.lineTo(x(ties[2 * e + 1]), y(ties[2 * e + 1]));
    }
    ctx.stroke();
    this.next = end;
    return true;
  }

  restart(run, view, key) {
    const { canvas, ctx } = this;
    const w = Math.round(view.width * view.dpr),
      h = Math.round(view.height * view.dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, view.width, view.height);
    this.run = run;
    this.key = key;
    this.ties = run.ties.length;
    this.next = 0;
    this.step = Math.max(1, Math.ceil(this.ties / 2 / MAX_DRAWN));
    this.pixelsAt = -1;
  }

  /** The layer's pixels as ImageData (read again only when the layer changed). */
  image() {
    if (this.pixelsAt !== this.next || !this.pixels) {
      this.pixels = this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
      this.pixelsAt = this.next;
    }
    return this.pixels;
  }

  /** Forgets the run (the layer is drawn again for the next one). */
  clear() {
    this.key = null;
    this.run = null;
  }
}
