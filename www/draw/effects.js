// What travels on the network: a release sends a pulse along each tie to
// the releasing firm's partners (a dot moving along the tie), and a joint
// release of the coordinators in hybrid mode sends a signal, drawn as a wave
// expanding from each coordinator over every firm in reach. Firms that
// release because the signal absorbed them send their pulses in the wave's
// colour, so relaying by non-coordinators shows. In the calm display nothing
// here is drawn (no moving or bright marks at all).
//
// Large networks thin out evenly: a burst that would send more than
// MAX_PULSES pulses sends them from every s-th releasing firm only, and a
// wave rings at most MAX_RINGS firms in reach, every s-th of them. The
// releases themselves, the coordinators and each wave's circles always show.
import { PULSE, WAVE } from './palette.js';

const TRAVEL_MS = 420;     // a pulse crosses its tie in this much wall time
const WAVE_MS = 650;       // a wave reaches its farthest firm in this time
const MAX_PULSES = 1500;   // pulses alive at once
const MAX_RINGS = 1000;    // firms ringed by one wave
const CAUSE_SIGNAL = 2;

export class Effects {
  constructor(run) {
    this.run = run;
    this.pulses = [];   // {from, to, born, relay}
    this.waves = [];    // {born}
    this.lastWaveTime = -Infinity;
    // The firms in reach come from the core (run.audience); empty unless hybrid.
    this.signals = run.scenario.mode === 'hybrid' && run.coordinated;
    this.audience = run.audience;
    this.meanDegree = (2 * run.tieCount) / Math.max(run.n, 1);
  }

  /** Records the releases of the last advance (call only when it advanced). */
  collect(now) {
    const { run } = this;
    const { recent, recentCauses, recentTimes, isCoordinator } = run;
    const room = Math.max(1, MAX_PULSES - this.pulses.length);
    const stride = Math.max(1, Math.ceil((recent.length * this.meanDegree) / room));
    for (let k = 0; k < recent.length; k++) {
      const i = recent[k];
      const relay = recentCauses[k] === CAUSE_SIGNAL;
      if (this.signals && isCoordinator[i] && recentTimes[k] - this.lastWaveTime > 0.1) {
        this.lastWaveTime = recentTimes[k];
        this.waves.push({ born: now });
      }
      if (k % stride || this.pulses.length >= MAX_PULSES) continue;
      for (const j of run.partners(i)) this.pulses.push({ from: i, to: j, born: now, relay });
    }
  }

  /** Draws live pulses and waves; drops finished ones. */
  draw(ctx, now, x, y, scale) {
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
  // the firms in reach get a ring as the wave passes them.
  drawWaves(ctx, now, x, y, scale) {
    const { run } = this;
    const reachR = this.reachRadius ??= this.farthest(x, y);
    const rings = this.rings ??= this.ringed(x, y);
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
      for (const [i, d] of rings) {
        if (d > reachR * u) continue;
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

  farthest(x, y) {
    let far = 1;
    for (let i = 0; i < this.run.n; i++) if (this.audience[i]) far = Math.max(far, this.nearest(i, x, y));
    return far;
  }

  // The firms a wave rings (every s-th of those in reach), with their distance to the nearest coordinator.
  ringed(x, y) {
    const { run, audience } = this;
    const firms = [];
    for (let i = 0; i < run.n; i++) if (audience[i] && !run.isCoordinator[i]) firms.push(i);
    const stride = Math.max(1, Math.ceil(firms.length / MAX_RINGS));
    return firms.filter((_, k) => k % stride === 0).map((i) => [i, this.nearest(i, x, y)]);
  }

  /** The canvas was resized: distances change. */
  resized() { this.reachRadius = undefined; this.rings = undefined; }
}
