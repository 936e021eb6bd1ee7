// Which releases become which notes: one note per burst of a pane (releases
// within the burst window δ of its first, as the core counts bursts), and
// the sound's own limiter, like the flash limiter: a burst that would sound
// less than MIN_GAP_S of wall time after the pane's last note joins that
// note instead (it grows louder), so a pane never plays more than a few
// notes a second at any speed. Pure: the sonifier and the tests use it alike.

/** Shortest wall time between two notes of one pane: at most 4 a second. */
export const MIN_GAP_S = 0.25;
/** The loudest note (a burst of every firm), as a gain; a lone firm's is a fifth of it. */
export const PEAK_GAIN = 0.3;

/** A note's gain for a burst of `firms` of a pane's `n`: grows with the share of firms in it. */
export function noteGain(firms, n) {
  return PEAK_GAIN * (0.2 + 0.8 * Math.sqrt(Math.min(1, firms / Math.max(1, n))));
}

export class NotePlanner {
  /** `delta`: the burst window (cycles); `minGap`: seconds of wall time between notes. */
  constructor(delta, minGap = MIN_GAP_S) {
    this.delta = delta;
    this.minGap = minGap;
    this.note = null; // the last note: { time, firms, burst, joint }
  }

  /**
   * A release at simulated time `t` (in time order) while the clock runs
   * at `speed` cycles a second: 'new' when it starts a note, 'grow' when it
   * joins the last one (its burst, or a burst the limiter merges into it).
   */
  push(t, speed) {
    const last = this.note;
    if (last && (t - last.burst <= this.delta || (t - last.time) / speed < this.minGap)) {
      last.firms++;
      if (t - last.burst > this.delta) last.burst = t; // a merged burst: its own window from here
      return 'grow';
    }
    this.note = { time: t, firms: 1, burst: t, joint: false };
    return 'new';
  }
}

/** The notes of a pane's releases (times in order) at a steady `speed`: [{ time, firms }]. */
export function planNotes(times, delta, speed, minGap = MIN_GAP_S) {
  const planner = new NotePlanner(delta, minGap);
  const notes = [];
  for (const t of times) if (planner.push(t, speed) === 'new') notes.push(planner.note);
  return notes.map(({ time, firms }) => ({ time, firms }));
}
