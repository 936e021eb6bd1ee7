// The one clock of both panes: where the run is, how far it has been, and
// going to any moment of it. The core puts a run exactly where a straight
// run would be (src/simulation/rewind.rs); this module sends both panes to
// the same moment, in steps when the way is long (a moment far ahead, or a
// large network), so the page keeps drawing and answering meanwhile. A
// newer seek, or new runs, cancel one under way: it stops at a moment both
// panes share.
import { limits } from '../core.js';
import { firstAfter } from '../sorted.js';

/** Longest stretch of running in one task. */
const SLICE_MS = 30;
/** Cycles of the first step of a long seek (then sized from how fast it went). */
const FIRST_STEP = 0.5;

/** Times closer than this are the same moment. */
const EPSILON = 1e-9;
/** Tenths of a cycle run on at most to find the next release. */
const LOOK_AHEAD = 30;

export class Clock {
  /**
   * `panes()` the panes (each with a run); `jumped(t, done)` after each
   * step of a seek (`done` on the last); `progress(text | null)` says how a
   * long seek is going.
   */
  constructor({ panes, jumped, progress = () => {} }) {
    this.panes = panes;
    this.jumped = jumped;
    this.progress = progress;
    this.token = 0;
    this.msPerCycle = 0;
    this.going = null;
  }

  /** The runs' time (both panes share it). */
  time() {
    return this.panes()[0].run.reading('time');
  }

  /** The furthest time both runs have been through. */
  reached() {
    return Math.min(...this.panes().map((p) => p.run.reading('reached')));
  }

  /** Whether a seek is under way (and where to). */
  busy() {
    return this.going;
  }

  /** Stops a seek under way where it got to (new runs, or play). */
  cancel() {
    this.token++;
    if (this.going !== null) {
      this.going = null;
      this.progress(null);
    }
  }

  /**
   * The time of the release nearest `t` before it (dir -1) or after it
   * (dir 1), in either pane, among the firms the raster has rows for (the
   * core's release history); runs on a little to find one ahead. Resolves
   * to null when there is none.
   */
  async release(t, dir) {
    const found = () => {
      let best = null;
      for (const { run } of this.panes()) {
        run.refreshViews();
        const times = run.historyTimes;
        const i = firstAfter(times, dir < 0 ? t - EPSILON : t + EPSILON);
        const at = dir < 0 ? times[i - 1] : times[i];
        if (at !== undefined && (best === null || (dir < 0 ? at > best : at < best))) best = at;
      }
      return best;
    };
    let at = found();
    // Ahead of how far the runs have been: run on a tenth of a cycle at a time.
    for (let k = 1; at === null && dir > 0 && k <= LOOK_AHEAD; k++) {
      const to = Clock.moment(t + k * 0.1);
      if ((await this.seek(to)) === null) return null;
      at = found();
      if (to >= limits().moment) break;
    }
    return at;
  }

  /**
   * A moment as the clock takes it: a finite number of cycles clamped into
   * [0, the core's limit]; null for anything else.
   */
  static moment(t) {
    if (typeof t !== 'number' || !Number.isFinite(t)) return null;
    return Math.min(Math.max(t, 0), limits().moment);
  }

  /**
   * Sends both panes to moment `t` (cycles, clamped); resolves to the time
   * reached, or null when a newer seek or new runs cancelled it.
   */
  async seek(t) {
    const target = Clock.moment(t);
    if (target === null) throw new Error(`t: ${String(t)} is not a number of cycles`);
    const token = ++this.token;
    this.going = target;
    const runs = this.panes().map((p) => p.run);
    try {
      while (true) {
        const from = Math.min(...runs.map((r) => r.seekStart(target)));
        const step = this.msPerCycle > 0 ? Math.max(0.25, SLICE_MS / this.msPerCycle) : FIRST_STEP;
        const far = (target - from) * this.msPerCycle > SLICE_MS || (this.msPerCycle === 0 && target - from > step);
        const to = far ? Math.min(target, from + step) : target;
        const started = performance.now();
        for (const run of runs) run.seek(to);
        const ran = to - from;
        if (ran > 0.05) this.msPerCycle = (performance.now() - started) / ran;
        const done = to === target;
        this.jumped(to, done);
        if (done) return to;
        this.progress(`Going to t = ${target.toFixed(1)}: ${Math.round((100 * to) / target)}%`);
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (token !== this.token || this.panes().some((p, i) => p.run !== runs[i])) return null;
      }
    } finally {
      if (token === this.token) {
        this.going = null;
        this.progress(null);
      }
    }
  }
}
