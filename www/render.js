// Draws the network on a canvas: ties as faint lines, firms as dots that
// flash when they release (or, in the calm display, a steady phase colour).
import { BACKGROUND, TIE, HAND, phaseColour, flashColour } from './palette.js';

// A flash rises over a few frames and fades over FADE_S of wall time, so no
// firm is ever a one-frame spike.
const RISE_S = 0.04;
const FADE_S = 0.3;

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
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(canvas);
    this.resize();
  }

  // Match the backing store to CSS size x devicePixelRatio for sharp dots.
  resize() {
    const rect = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    this.width = Math.max(1, rect.width);
    this.height = Math.max(1, rect.height);
    this.canvas.width = Math.round(this.width * dpr);
    this.canvas.height = Math.round(this.height * dpr);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.dirty = true;
  }

  /**
   * Draws one frame. `firms` has typed-array views (positions, phases,
   * releaseAge, ties) and n; `speed` in cycles per second turns release age
   * in cycles into wall seconds; `calm` selects the display without flashes.
   * Returns how many firms were drawn flashing.
   */
  draw(firms, { speed, calm }) {
    const { ctx, width, height } = this;
    const { n, positions, phases, releaseAge, ties } = firms;
    // Fit the layout's bounding box to the canvas, keeping its proportions.
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, positions[2 * i]); x1 = Math.max(x1, positions[2 * i]);
      y0 = Math.min(y0, positions[2 * i + 1]); y1 = Math.max(y1, positions[2 * i + 1]);
    }
    const spanX = Math.max(x1 - x0, 1e-6), spanY = Math.max(y1 - y0, 1e-6);
    const margin = Math.max(14, Math.min(width, height) * 0.06);
    const scale = Math.max(1e-6, Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY));
    const ox = (width - spanX * scale) / 2 - x0 * scale, oy = (height - spanY * scale) / 2 - y0 * scale;
    const x = (i) => ox + positions[2 * i] * scale;
    const y = (i) => oy + positions[2 * i + 1] * scale;
    const radius = Math.min(9, Math.max(3.5, Math.min(width, height) / 70));

    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, width, height);

    ctx.strokeStyle = TIE;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let e = 0; e < ties.length; e += 2) {
      ctx.moveTo(x(ties[e]), y(ties[e]));
      ctx.lineTo(x(ties[e + 1]), y(ties[e + 1]));
    }
    ctx.stroke();

    return calm ? this.drawCalm(n, x, y, radius, phases) : this.drawFlashing(n, x, y, radius, releaseAge, speed);
  }

  drawFlashing(n, x, y, radius, releaseAge, speed) {
    const { ctx } = this;
    let flashing = 0;
    for (let i = 0; i < n; i++) {
      const level = flashLevel(releaseAge[i] / speed);
      if (level > 0) {
        flashing++;
        ctx.fillStyle = `rgba(240, 228, 66, ${0.28 * level})`;
        ctx.beginPath();
        ctx.arc(x(i), y(i), radius * (1.6 + 1.2 * level), 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.fillStyle = flashColour(level);
      ctx.beginPath();
      ctx.arc(x(i), y(i), radius, 0, 2 * Math.PI);
      ctx.fill();
    }
    return flashing;
  }

  // Colour and a clock hand both show the phase: firms in step point alike,
  // which reads without colour vision too.
  drawCalm(n, x, y, radius, phases) {
    const { ctx } = this;
    const r = radius * 1.15;
    ctx.strokeStyle = HAND;
    ctx.lineWidth = Math.max(1.2, r / 4);
    ctx.lineCap = 'round';
    for (let i = 0; i < n; i++) {
      const cx = x(i), cy = y(i);
      ctx.fillStyle = phaseColour(phases[i]);
      ctx.beginPath();
      ctx.arc(cx, cy, r, 0, 2 * Math.PI);
      ctx.fill();
      const a = 2 * Math.PI * phases[i] - Math.PI / 2;
      ctx.beginPath();
      ctx.moveTo(cx, cy);
      ctx.lineTo(cx + 0.8 * r * Math.cos(a), cy + 0.8 * r * Math.sin(a));
      ctx.stroke();
    }
    return 0;
  }
}
