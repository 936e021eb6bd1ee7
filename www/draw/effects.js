// What travels on the network: a release sends a pulse along each tie to
// the releasing firm's partners (a dot moving along the tie), and a joint
// release of the coordinators in hybrid mode sends a signal, drawn as a wave
// expanding from each coordinator over every firm in reach. Firms that
// release because the signal absorbed them send their pulses in the wave's
// colour, so relaying by non-coordinators shows. In the calm display nothing
// here is drawn (no moving or bright marks at all).
//
// Large networks thin out what travels, never the releases themselves (the
// firms flash in canvas.js) nor the coordinators: at most MAX_PULSES pulses
// are in flight; when a frame's releases would send more than there is room
// for, an evenly spaced sample of its releases (every k-th, in time order)
// sends its pulses, so they spread over the network rather than come from the
// first firms to release. A wave rings at most MAX_MARKS firms in reach (an
// evenly spaced sample of them) and grows to the farthest of those; every
// coordinator sends its wave.
import { PULSE, WAVE } from './palette.js';
import { causes } from '../core.js';

const TRAVEL_MS = 420; // a pulse crosses its tie in this much wall time
const WAVE_MS = 650; // a wave reaches its farthest firm in this time
const MAX_PULSES = 1500;
const MAX_MARKS = 1500;

export class Effects {
  constructor(run) {
    this.run = run;
    this.pulses = []; // {from, to, born, relay}
    this.waves = []; // {born}
    this.lastWaveTime = -Infinity;
    // The firms in reach come from the core (run.audience); empty unless hybrid.
    this.signals = run.scenario.mode === 'hybrid' && run.coordinated;
    this.audience = run.audience;
    // Pulses relayed from a signal are drawn in its colour.
    this.signalCause = causes().indexOf('signal');
  }

  /** Records the releases of the last advance (call only when it advanced). */
  collect(now) {
    const { run } = this;
    const { recentReleases, recentCauses, recentTimes, isCoordinator, partnerOffsets } = run;
    let sent = 0;
    for (let k = 0; k < recentReleases.length; k++) {
      const i = recentReleases[k];
      sent += partnerOffsets[i + 1] - partnerOffsets[i];
      if (this.signals && isCoordinator[i] && recentTimes[k] - this.lastWaveTime > 0.1) {
        this.lastWaveTime = recentTimes[k];
        this.waves.push({ born: now });
      }
    }
    const room = MAX_PULSES - this.pulses.length;
    if (room <= 0 || sent === 0) return;
    const every = Math.ceil(sent / room);
    for (let k = 0; k < recentReleases.length && this.pulses.length < MAX_PULSES; k += every) {
      const i = recentReleases[k];
      const relay = recentCauses[k] === this.signalCause;
      for (const j of run.partnersOf(i)) this.pulses.push({ from: i, to: j, born: now, relay });
    }
  }

  /**
   * Draws live pulses and waves; drops finished ones. `key` changes when
   * the positions or the canvas do (the renderer's fit key).
   */
  draw(ctx, now, x, y, scale, key) {
    if (key !== this.key) {
      this.key = key;
      this.resized();
    }
    this.pulses = this.pulses.filter((p) => now - p.born < TRAVEL_MS);
    this.waves = this.waves.filter((w) => now - w.born < WAVE_MS + 250);
    if (this.waves.length) this.drawWaves(ctx, now, x, y, scale);
    if (!this.pulses.length) return;
    for (const relay of [false, true]) {
      ctx.fillStyle = relay ? WAVE : PULSE;
      ctx.beginPath();
      for (const p of this.pulses) {
        if (p.relay !== relay) continue;
        const u = (now - p.born) / TRAVEL_MS;
        const px = x(p.from) + (x(p.to) - x(p.from)) * u;
        const py = y(p.from) + (y(p.to) - y(p.from)) * u;
        ctx.moveTo(px + 2.2, py);
        ctx.arc(px, py, 2.2, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
  }

  // A ring from each coordinator, growing to its farthest firm in reach;
  // the firms in reach (a sample of them) get a ring as the wave passes them.
  drawWaves(ctx, now, x, y, scale) {
    const { run } = this;
    this.marks ??= this.place(x, y);
    const { firms, distances, reach: reachR } = this.marks;
    for (const w of this.waves) {
      const u = Math.min(1, (now - w.born) / WAVE_MS);
      const fade = now - w.born > WAVE_MS ? 1 - (now - w.born - WAVE_MS) / 250 : 1;
      ctx.strokeStyle = WAVE;
      ctx.globalAlpha = 0.8 * fade * (1 - 0.6 * u);
      ctx.lineWidth = 2;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      for (const c of run.coordinators) {
        ctx.moveTo(x(c) + reachR * u, y(c));
        ctx.arc(x(c), y(c), reachR * u, 0, 2 * Math.PI);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.lineWidth = 1.5;
      ctx.globalAlpha = 0.9 * fade;
      ctx.beginPath();
      const r = Math.max(5, scale * 0.018);
      // Marks sorted by distance: those the wave has passed come first.
      for (let k = 0; k < firms.length && distances[k] <= reachR * u; k++) {
        const i = firms[k];
        ctx.moveTo(x(i) + r, y(i));
        ctx.arc(x(i), y(i), r, 0, 2 * Math.PI);
      }
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
  }

  nearest(i, x, y) {
    let best = Infinity;
    for (const c of this.run.coordinators) best = Math.min(best, Math.hypot(x(i) - x(c), y(i) - y(c)));
    return best;
  }

  /**
   * The firms a wave rings (the audience, coordinators excepted; a sample of
   * at most MAX_MARKS), sorted by distance to the nearest coordinator, and
   * the wave's reach: the farthest of them.
   */
  place(x, y) {
    const { run, audience } = this;
    const all = [];
    for (let i = 0; i < run.n; i++) if (audience[i] && !run.isCoordinator[i]) all.push(i);
    const every = Math.max(1, Math.ceil(all.length / MAX_MARKS));
    const marks = all.filter((_, k) => k % every === 0).map((i) => [i, this.nearest(i, x, y)]);
    marks.sort((a, b) => a[1] - b[1]);
    return {
      firms: marks.map((m) => m[0]),
      distances: marks.map((m) => m[1]),
      reach: Math.max(1, marks.at(-1)?.[1] ?? 0),
    };
  }

  /** The canvas was resized or the firms moved: distances change. */
  resized() {
    this.marks = undefined;
  }
}
