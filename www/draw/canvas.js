// Draws one pane's network on a canvas with Canvas 2D: ties as faint lines,
// firms as dots that flash when they release (or, in the calm display, a
// steady phase colour with a clock hand), coordinators as outlined diamonds
// with their roadmap ring, and the pulses and signal waves of effects.js.
// The fallback where WebGL2 is missing (webgl.js draws the same picture).
// The ties come from a layer drawn once per layout (tie-layer.js); dots too
// small for a clock hand are written as pixels (dots.js), so 50,000 firms
// draw in milliseconds.
import { HAND, ROADMAP, COORDINATOR_OUTLINE, FIRM_RELEASING, phaseColour, flashColour } from './palette.js';
import {
  flashLevel,
  HALO_ALPHA,
  HALO_GROW,
  HALO_GROW_PER_LEVEL,
  CALM_GROW,
  HAND_MIN_RADIUS,
  HAND_LENGTH,
  handWidth,
  coordinatorRadius,
  OUTLINE_WIDTH,
  ROADMAP_GAP,
  ROADMAP_WIDTH,
} from './look.js';
import { fitLayout, nearestFirm } from './fit.js';
import { TieLayer } from './tie-layer.js';
import { Dots } from './dots.js';

const HALO_RGB = FIRM_RELEASING.join(', ');
// Fewest firms drawn as pixels (below, paths look smoother and cost little).
const PIXEL_FIRMS = 1000;

export class Renderer {
  constructor(canvas) {
    this.kind = 'canvas';
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d', { alpha: false });
    this.width = 0;
    this.height = 0;
    this.dpr = 1;
    this.ties = new TieLayer();
    this.dots = new Dots();
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(canvas);
    this.resize();
  }

  // Match the backing store to CSS size x devicePixelRatio for sharp dots.
  resize() {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    this.dpr = dpr;
    this.width = Math.max(1, rect.width);
    this.height = Math.max(1, rect.height);
    this.canvas.width = Math.round(this.width * dpr);
    this.canvas.height = Math.round(this.height * dpr);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.dirty = true;
  }

  /**
   * Fits the layout (unit square) to the canvas; sets x(i), y(i), radius,
   * scale, and `key`, which changes whenever the positions or the canvas do.
   */
  fit(run) {
    Object.assign(this, fitLayout(run, this.width, this.height, this.dpr));
  }

  /** The firm nearest to canvas point (px, py), within reach of a finger. */
  hit(run, px, py) {
    this.fit(run);
    return nearestFirm(run, this, px, py);
  }

  /** The picture as last drawn, for export (a canvas to drawImage from). */
  image() {
    return this.canvas;
  }

  /** The canvases on screen, bottom first (copied in the task that drew them). */
  canvases() {
    return [this.canvas];
  }

  /**
   * Draws one frame of `run`. `speed` in cycles per second turns release age
   * in cycles into wall seconds; `calm` selects the display without flashes
   * (and without pulses and waves); `selected` is the inspected firm or -1.
   * Returns how many firms were drawn flashing.
   */
  draw(run, { speed, calm, now, effects, selected = -1, roadmap = 0 }) {
    const { ctx, width, height } = this;
    this.fit(run);
    const { x, y, radius } = this;
    const { n } = run;
    this.ties.update(run, this);
    // Dots too small for the calm display's clock hand are pixels.
    const asPixels = radius * CALM_GROW < HAND_MIN_RADIUS && n > PIXEL_FIRMS;
    let flashing = 0;
    if (asPixels) {
      flashing = this.dots.draw(ctx, this.ties.image(), run, {
        x,
        y,
        radius,
        dpr: this.dpr,
        calm,
        flash: (i) => flashLevel(run.releaseAges[i] / speed),
      });
    } else {
      ctx.drawImage(this.ties.canvas, 0, 0, width, height);
    }
    if (selected >= 0 && selected < n) drawSelection(ctx, this, run, selected);
    if (!calm && effects) drawEffects(ctx, this, effects, now);

    // Without coordination (reactive) the tracked would-be coordinators are
    // drawn as plain firms: nothing on the canvas claims a plan.
    const coordinators = run.coordinated ? run.coordinators : [];
    for (let i = 0; i < n && !asPixels; i++) {
      if (run.isCoordinator[i] && run.coordinated) continue;
      if (calm) this.calmFirm(x(i), y(i), radius * CALM_GROW, run.phases[i]);
      else if (this.flashFirm(x(i), y(i), radius, run.releaseAges[i] / speed)) flashing++;
    }
    for (const c of coordinators) {
      const r = coordinatorRadius(radius);
      ctx.fillStyle = calm ? phaseColour(run.phases[c]) : flashColour(flashLevel(run.releaseAges[c] / speed));
      if (!calm && flashLevel(run.releaseAges[c] / speed) > 0) flashing++;
      diamond(ctx, x(c), y(c), r);
      ctx.fill();
      ctx.strokeStyle = COORDINATOR_OUTLINE;
      ctx.lineWidth = OUTLINE_WIDTH;
      ctx.stroke();
      if (run.coordinated) {
        // The roadmap: a ring that fills over the planned cycle.
        ctx.strokeStyle = ROADMAP;
        ctx.lineWidth = ROADMAP_WIDTH;
        ctx.beginPath();
        ctx.arc(x(c), y(c), r + ROADMAP_GAP, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * roadmap);
        ctx.stroke();
      }
    }
    // A layer still filling in needs more frames, even when nothing moves.
    this.dirty = !this.ties.complete;
    return flashing;
  }

  flashFirm(cx, cy, radius, ageS) {
    const { ctx } = this;
    const level = flashLevel(ageS);
    if (level > 0) {
      ctx.fillStyle = `rgba(${HALO_RGB}, ${HALO_ALPHA * level})`;
      ctx.beginPath();
      ctx.arc(cx, cy, radius * (HALO_GROW + HALO_GROW_PER_LEVEL * level), 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.fillStyle = flashColour(level);
    ctx.beginPath();
    ctx.arc(cx, cy, radius, 0, 2 * Math.PI);
    ctx.fill();
    return level > 0;
  }

  // Colour and a clock hand both show the phase: firms in step point alike,
  // which reads without colour vision too.
  calmFirm(cx, cy, r, phase) {
    const { ctx } = this;
    ctx.fillStyle = phaseColour(phase);
    ctx.beginPath();
    ctx.arc(cx, cy, r, 0, 2 * Math.PI);
    ctx.fill();
    if (r < HAND_MIN_RADIUS) return;
    const a = 2 * Math.PI * phase - Math.PI / 2;
    ctx.strokeStyle = HAND;
    ctx.lineWidth = handWidth(r);
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(cx, cy);
    ctx.lineTo(cx + HAND_LENGTH * r * Math.cos(a), cy + HAND_LENGTH * r * Math.sin(a));
    ctx.stroke();
  }
}

/** The inspected firm `i` on `fit` (x, y, radius): its ties drawn bright, a ring around it. */
export function drawSelection(ctx, fit, run, i) {
  const { x, y, radius } = fit;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.75)';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (const j of run.partnersOf(i)) {
    ctx.moveTo(x(i), y(i));
    ctx.lineTo(x(j), y(j));
  }
  ctx.stroke();
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(x(i), y(i), radius * 2 + 5, 0, 2 * Math.PI);
  ctx.stroke();
}

/** Pulses and waves of `effects` on `fit` (its key tells them when distances change). */
export function drawEffects(ctx, fit, effects, now) {
  effects.draw(ctx, now, fit.x, fit.y, fit.scale, fit.key);
}

function diamond(ctx, cx, cy, r) {
  ctx.beginPath();
  ctx.moveTo(cx, cy - r);
  ctx.lineTo(cx + r, cy);
  ctx.lineTo(cx, cy + r);
  ctx.lineTo(cx - r, cy);
  ctx.closePath();
}
