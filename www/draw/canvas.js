// Draws one pane's network on a canvas: ties as faint lines, firms as dots
// that flash when they release (or, in the calm display, a steady phase
// colour with a clock hand), coordinators as outlined diamonds with their
// roadmap ring, and the pulses and signal waves of effects.js. The ties come
// from a layer drawn once per layout (tie-layer.js); dots too small for a
// clock hand are written as pixels (dots.js), so 50,000 firms draw in
// milliseconds.
import { HAND, ROADMAP, COORDINATOR_OUTLINE, phaseColour, flashColour } from './palette.js';
import { TieLayer } from './tie-layer.js';
import { Dots } from './dots.js';

// A flash rises over a few frames and fades over FADE_S of wall time, so no
// firm is ever a one-frame spike.
const RISE_S = 0.04;
const FADE_S = 0.3;
// Fewest firms drawn as pixels (below, paths look smoother and cost little).
const PIXEL_FIRMS = 1000;

/** Brightness of a release flash `ageS` wall seconds after the release. */
export function flashLevel(ageS) {
  if (!(ageS >= 0) || ageS >= RISE_S + FADE_S) return 0;
  if (ageS < RISE_S) return 0.6 + (0.4 * ageS) / RISE_S;
  const k = 1 - (ageS - RISE_S) / FADE_S;
  return k * k;
}

export class Renderer {
  constructor(canvas) {
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
   * and `key`, which changes whenever the positions or the canvas do.
   */
  fit(run) {
    const { width, height } = this;
    const { n, positions } = run;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, sum = 0;
    for (let i = 0; i < n; i++) {
      const px = positions[2 * i], py = positions[2 * i + 1];
      x0 = Math.min(x0, px); x1 = Math.max(x1, px);
      y0 = Math.min(y0, py); y1 = Math.max(y1, py);
      sum += px * (1 + (i % 7)) + py * (1 + (i % 5));
    }
    this.key = `${width} ${height} ${this.dpr} ${n} ${sum}`;
    const spanX = Math.max(x1 - x0, 1e-6), spanY = Math.max(y1 - y0, 1e-6);
    const margin = Math.max(14, Math.min(width, height) * 0.06);
    const scale = Math.max(1e-6, Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY));
    const ox = (width - spanX * scale) / 2 - x0 * scale, oy = (height - spanY * scale) / 2 - y0 * scale;
    this.scale = scale;
    this.x = (i) => ox + positions[2 * i] * scale;
    this.y = (i) => oy + positions[2 * i + 1] * scale;
    const dense = Math.sqrt((width * height) / Math.max(n, 1));
    this.radius = Math.min(8, Math.max(1.6, dense / 5));
  }

  /** The firm nearest to canvas point (px, py), within reach of a finger. */
  hit(run, px, py) {
    this.fit(run);
    let best = -1, bestD = Math.max(14, this.radius * 2.5);
    for (let i = 0; i < run.n; i++) {
      const d = Math.hypot(this.x(i) - px, this.y(i) - py);
      if (d < bestD) { best = i; bestD = d; }
    }
    return best;
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
    const asPixels = radius * 1.15 < 3 && n > PIXEL_FIRMS;
    let flashing = 0;
    if (asPixels) {
      flashing = this.dots.draw(ctx, this.ties.image(), run, {
        x, y, radius, dpr: this.dpr, calm, flash: (i) => flashLevel(run.releaseAge[i] / speed),
      });
    } else {
      ctx.drawImage(this.ties.canvas, 0, 0, width, height);
    }
    if (selected >= 0 && selected < n) this.drawSelection(run, selected);
    if (!calm && effects) effects.draw(ctx, now, x, y, this.scale, this.key);

    // Without coordination (reactive) the tracked would-be coordinators are
    // drawn as plain firms: nothing on the canvas claims a plan.
    const coordinators = run.coordinated ? run.coordinators : [];
    for (let i = 0; i < n && !asPixels; i++) {
      if (run.isCoordinator[i] && run.coordinated) continue;
      if (calm) this.calmFirm(x(i), y(i), radius * 1.15, run.phases[i]);
      else if (this.flashFirm(x(i), y(i), radius, run.releaseAge[i] / speed)) flashing++;
    }
    for (const c of coordinators) {
      const r = radius * 1.25 + 2.5;
      ctx.fillStyle = calm ? phaseColour(run.phases[c]) : flashColour(flashLevel(run.releaseAge[c] / speed));
      if (!calm && flashLevel(run.releaseAge[c] / speed) > 0) flashing++;
      diamond(ctx, x(c), y(c), r);
      ctx.fill();
      ctx.strokeStyle = COORDINATOR_OUTLINE;
      ctx.lineWidth = 2;
      ctx.stroke();
      if (run.coordinated) {
        // The roadmap: a ring that fills over the planned cycle.
        ctx.strokeStyle = ROADMAP;
        ctx.lineWidth = 2.5;
        ctx.beginPath();
        ctx.arc(x(c), y(c), r + 4, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * roadmap);
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
      ctx.fillStyle = `rgba(240, 228, 66, ${0.28 * level})`;
      ctx.beginPath();
      ctx.arc(cx, cy, radius * (1.6 + 1.2 * level), 0, 2 * Math.PI);
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
    if (r < 3) return;
    const a = 2 * Math.PI * phase - Math.PI / 2;
    ctx.strokeStyle = HAND;
    ctx.lineWidth = Math.max(1.2, r / 4);
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(cx, cy);
    ctx.lineTo(cx + 0.8 * r * Math.cos(a), cy + 0.8 * r * Math.sin(a));
    ctx.stroke();
  }

  // The inspected firm: its ties drawn bright, a ring around it.
  drawSelection(run, i) {
    const { ctx, x, y, radius } = this;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.75)';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (const j of run.partners(i)) { ctx.moveTo(x(i), y(i)); ctx.lineTo(x(j), y(j)); }
    ctx.stroke();
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x(i), y(i), radius * 2 + 5, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

function diamond(ctx, cx, cy, r) {
  ctx.beginPath();
  ctx.moveTo(cx, cy - r);
  ctx.lineTo(cx + r, cy);
  ctx.lineTo(cx, cy + r);
  ctx.lineTo(cx - r, cy);
  ctx.closePath();
}
