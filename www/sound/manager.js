// The sound's one audio context and its way out, as Tambo's sound manager
// does it: made only when the person asks for sound (a browser lets a page
// make sound only after a gesture, and nothing should exist before it), a
// gain that is the person's volume, a low-pass that keeps the top soft, and
// a compressor used as a limiter last of all, so no sum of notes is ever
// loud. Two ways in: `bus` for the releases (heard while sound is on) and
// `chartBus` for a chart played on request (heard while it plays). While
// the tab is hidden both ramp to silence (never a click) and the context
// is suspended, as it is when nothing may sound.

/** The master gain at full volume; the slider's value is squared (loudness follows it more evenly). */
const MAX_MASTER = 1;
const RAMP_S = 0.05;

/**
 * The way out of `ctx`: `bus` and `chartBus` into a low-pass, the master
 * gain (the volume) and the limiter, to the speakers. A rendering to a file
 * (render.js) goes out the same way.
 */
export function wayOut(ctx, volume = 1) {
  const bus = ctx.createGain();
  const chartBus = ctx.createGain();
  const soft = ctx.createBiquadFilter();
  soft.type = 'lowpass';
  soft.frequency.value = 3000;
  const master = ctx.createGain();
  master.gain.value = MAX_MASTER * volume ** 2;
  const limiter = ctx.createDynamicsCompressor();
  // Tambo's settings for its final limiter, a little lower.
  limiter.threshold.value = -10;
  limiter.knee.value = 5;
  limiter.ratio.value = 12;
  limiter.attack.value = 0.001;
  limiter.release.value = 0.25;
  bus.connect(soft);
  chartBus.connect(soft);
  soft.connect(master);
  master.connect(limiter);
  limiter.connect(ctx.destination);
  return { bus, chartBus, master };
}

export class SoundManager {
  /** `create()` makes the AudioContext (a test may instrument it). */
  constructor(create = () => new AudioContext({ latencyHint: 'interactive' })) {
    this.create = create;
    this.ctx = null;
    this.on = false;
    this.hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    this.volume = 0.6;
  }

  /** Builds the context and its way out (once). */
  build() {
    const ctx = this.create();
    const out = wayOut(ctx);
    out.bus.gain.value = 0;
    out.chartBus.gain.value = 0;
    Object.assign(this, { ctx, ...out });
    this.charting = false;
  }

  /** Sound on (call from the person's gesture): makes the context on first use and lets it play. */
  async start() {
    if (!this.ctx) this.build();
    this.on = true;
    await this.level();
  }

  async stop() {
    this.on = false;
    await this.level();
  }

  /** The tab was hidden or shown again. */
  async setHidden(hidden) {
    this.hidden = hidden;
    await this.level();
  }

  /** 0 to 1, the slider's value. */
  async setVolume(v) {
    this.volume = Math.max(0, Math.min(1, v));
    await this.level();
  }

  /** A chart plays (true) or ended (false): its way in opens while it plays. */
  async setCharting(on) {
    if (!this.ctx) this.build();
    this.charting = on;
    await this.level();
  }

  /** Whether notes would be heard now. */
  get audible() {
    return Boolean(this.ctx) && this.on && !this.hidden && this.ctx.state === 'running';
  }

  /** Whether anything may sound now. */
  get open() {
    return !this.hidden && (this.on || this.charting);
  }

  /** The ways in follow on, charting and hidden, the master the volume: ramped, then the context suspended when silent. */
  async level() {
    const { ctx } = this;
    if (!ctx) return;
    const now = ctx.currentTime;
    const ramp = (param, target) => {
      param.cancelScheduledValues(now);
      param.setValueAtTime(param.value, now);
      param.linearRampToValueAtTime(target, now + RAMP_S);
    };
    ramp(this.bus.gain, this.on && !this.hidden ? 1 : 0);
    ramp(this.chartBus.gain, this.charting && !this.hidden ? 1 : 0);
    ramp(this.master.gain, MAX_MASTER * this.volume ** 2);
    if (this.open) {
      if (ctx.state !== 'running') await ctx.resume();
    } else if (ctx.state === 'running') {
      await new Promise((done) => setTimeout(done, RAMP_S * 1000 + 20));
      // Still silent after the ramp: rest the context (no CPU while nothing plays).
      if (!this.open) await ctx.suspend();
    }
  }
}
