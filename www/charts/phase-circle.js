// The phase circle of one pane: every firm as a dot on the unit circle at
// angle 2π·phase (release at the top), coloured and shaped by subgroup, the
// coordinators (if they coordinate) as diamonds, and an arrow of length r
// toward the mean phase. Dots move steadily; nothing here flashes. Beyond
// MAX_DOTS firms, an evenly spaced sample of them is drawn (and every
// coordinator): the circle cannot show more, and drawing each of 50,000 firms
// takes a frame's time.
import { GROUP_COLOURS } from '../draw/palette.js';

const SHAPES = ['circle', 'square', 'triangle'];
const MAX_DOTS = 3000;

export class PhaseCircle {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize();
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    const size = Math.max(120, this.canvas.getBoundingClientRect().width);
    this.size = size;
    this.canvas.width = Math.round(size * dpr);
    this.canvas.height = Math.round(size * dpr);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }

  draw(run, r) {
    const { ctx, size } = this;
    const c = size / 2,
      R = size * 0.4;
    ctx.clearRect(0, 0, size, size);
    ctx.strokeStyle = '#c9d0db';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(c, c, R, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.fillStyle = '#4d5869';
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText('release', c, c - R - 8);
    let sx = 0,
      sy = 0;
    for (let i = 0; i < run.n; i++) {
      const a = 2 * Math.PI * run.phases[i] - Math.PI / 2;
      sx += Math.cos(a);
      sy += Math.sin(a);
    }
    const step = Math.max(1, Math.ceil(run.n / MAX_DOTS));
    const dot = Math.max(2, Math.min(5, 200 / Math.sqrt(run.n / step)));
    for (let i = 0; i < run.n; i += step) if (!run.isCoordinator[i]) this.firm(run, i, dot);
    for (const i of run.coordinators) this.firm(run, i, dot);
    // The mean: direction of the average phase, length r (from the core).
    const a = Math.atan2(sy, sx);
    ctx.strokeStyle = '#17202e';
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.moveTo(c, c);
    ctx.lineTo(c + R * r * Math.cos(a), c + R * r * Math.sin(a));
    ctx.stroke();
    ctx.fillText(`r = ${r.toFixed(2)}`, c, c + R + 20);
  }

  /** Firm `i` of `run` as a dot of size `dot` (a coordinator that plans as a larger, outlined diamond). */
  firm(run, i, dot) {
    const { ctx, size } = this;
    const c = size / 2,
      R = size * 0.4;
    const a = 2 * Math.PI * run.phases[i] - Math.PI / 2;
    const jitter = 1 + (0.06 * (((i * 7919) % 11) - 5)) / 5; // rings apart, so stacked dots stay visible
    const x = c + R * jitter * Math.cos(a),
      y = c + R * jitter * Math.sin(a);
    const g = run.groups[i];
    const coordinator = run.coordinated && run.isCoordinator[i]; // reactive: no plan to show
    ctx.fillStyle = GROUP_COLOURS[g % GROUP_COLOURS.length];
    shape(
      ctx,
      coordinator ? 'diamond' : SHAPES[Math.floor(g / GROUP_COLOURS.length) % 3],
      x,
      y,
      coordinator ? dot * 1.6 : dot,
    );
    if (coordinator) {
      ctx.strokeStyle = '#17202e';
      ctx.lineWidth = 1.5;
      ctx.stroke();
    }
  }
}

function shape(ctx, kind, x, y, s) {
  ctx.beginPath();
  if (kind === 'square') ctx.rect(x - s, y - s, 2 * s, 2 * s);
  else if (kind === 'triangle') {
    ctx.moveTo(x, y - s * 1.2);
    ctx.lineTo(x + s, y + s);
    ctx.lineTo(x - s, y + s);
    ctx.closePath();
  } else if (kind === 'diamond') {
    ctx.moveTo(x, y - s);
    ctx.lineTo(x + s, y);
    ctx.lineTo(x, y + s);
    ctx.lineTo(x - s, y);
    ctx.closePath();
  } else ctx.arc(x, y, s, 0, 2 * Math.PI);
  ctx.fill();
}
