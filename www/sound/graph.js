// A chart's line played as pitch, as Apple's Audio Graphs and Highcharts'
// sonification do: r of each pane in turn, left to right in time, low for
// r = 0 and two octaves higher for r = 1, from that pane's side; a soft tick
// where the pane came into step. Each series is said first (in words), then
// played; playing again or Stop ends it.

/** Seconds a series takes, whatever the run's length. */
export const SERIES_SECONDS = 3;
const GAP_S = 0.6;
const LOW_HZ = 220; // r = 0; r = 1 is two octaves up
const GAIN = 0.18;
const POINTS = 200; // the line, resampled

/** The pitch of r. */
export const pitchOf = (r) => LOW_HZ * 4 ** Math.max(0, Math.min(1, r));

/** `values` at POINTS evenly spaced places (linear between samples). */
function resample(values) {
  const out = new Float32Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    const x = (i / (POINTS - 1)) * (values.length - 1);
    const k = Math.floor(x);
    const u = x - k;
    const a = values[k] ?? 0,
      b = values[Math.min(values.length - 1, k + 1)] ?? a;
    out[i] = pitchOf(a + (b - a) * u);
  }
  return out;
}

/**
 * Plays `series` ([{ label, values, times, sync, side }], side -1 left, +1
 * right, 0 middle) through `manager`'s chart way in; `say(text)` speaks
 * each series' words just before it. Returns { stop(), done } (a promise).
 */
export function playSeries(manager, series, say) {
  const { ctx } = manager;
  const nodes = [];
  const start = ctx.currentTime + 0.5;
  series.forEach((s, k) => {
    const at = start + k * (SERIES_SECONDS + GAP_S);
    const osc = ctx.createOscillator();
    osc.type = 'triangle';
    const env = ctx.createGain();
    const pan = ctx.createStereoPanner();
    pan.pan.value = 0.8 * s.side;
    env.gain.setValueAtTime(0, at);
    env.gain.linearRampToValueAtTime(GAIN, at + 0.05);
    env.gain.setValueAtTime(GAIN, at + SERIES_SECONDS - 0.08);
    env.gain.linearRampToValueAtTime(0, at + SERIES_SECONDS);
    osc.frequency.setValueCurveAtTime(resample(s.values), at, SERIES_SECONDS);
    osc.connect(env).connect(pan).connect(manager.chartBus);
    osc.start(at);
    osc.stop(at + SERIES_SECONDS + 0.05);
    nodes.push(osc);
    if (s.sync !== undefined && s.times.length > 1) {
      const [t0, t1] = [s.times[0], s.times[s.times.length - 1]];
      const u = (s.sync - t0) / Math.max(1e-9, t1 - t0);
      if (u >= 0 && u <= 1) {
        const tick = ctx.createOscillator();
        tick.frequency.value = 1200;
        const g = ctx.createGain();
        const when = at + u * SERIES_SECONDS;
        g.gain.setValueAtTime(0, when);
        g.gain.linearRampToValueAtTime(0.08, when + 0.005);
        g.gain.exponentialRampToValueAtTime(0.0001, when + 0.08);
        tick.connect(g).connect(pan);
        tick.start(when);
        tick.stop(when + 0.1);
        nodes.push(tick);
      }
    }
    // Its words just before it plays.
    const words = setTimeout(() => say(s.words), Math.max(0, (at - ctx.currentTime - 0.4) * 1000));
    nodes.push({ stop: () => clearTimeout(words) });
  });
  const total = 0.5 + series.length * (SERIES_SECONDS + GAP_S);
  let finish;
  const done = new Promise((resolve) => {
    finish = resolve;
  });
  const timer = setTimeout(() => finish(true), total * 1000);
  return {
    done,
    stop() {
      clearTimeout(timer);
      for (const n of nodes) {
        try {
          n.stop();
        } catch {
          // Already stopped: nothing to do.
        }
      }
      finish(false);
    },
  };
}
