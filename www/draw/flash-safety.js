// Flash safety: the whole canvas must never flash more than 3 times a second.
// A "large flash" is a frame in which at least a quarter of the firms start a
// release flash (counting the frame before too, for a burst split across
// two). Two rules switch to the calm display (no flashing):
//  - predicted: speed x max(1, large flashes per cycle) >= 3. At least one per
//    cycle is assumed because a synchronized network flashes once a cycle;
//    exactly 3 counts as too many, since frame timing jitters around it;
//  - measured: a large flash that would be the 4th drawn within one second of
//    wall time is never drawn; the display turns calm instead.
// Once calm, the limiter holds it for a while so the display does not toggle.
// A new run starts afresh (its own rate is not known yet); the flashes drawn
// in the last second still count against it.

export const MAX_FLASHES_PER_SECOND = 3;
const LARGE_SHARE = 0.25;
const WINDOW_MS = 1000;
const HOLD_MS = 2000; // the prediction must stay safe this long before flashing resumes

export class FlashGuard {
  constructor() {
    this.userCalm = false; // the visitor's choice, or prefers-reduced-motion
    this.limited = false; // calm because flashing would be unsafe
    this.safeSince = 0; // wall ms from which the prediction has been safe
    this.drawnLarge = []; // wall ms of large flashes drawn in the last second
    this.largeSimTimes = []; // simulated times of large flashes (drawn or not)
    this.maxPerSecond = 0; // most large flashes drawn in any one second
    this.prevStarted = 0;
    this.prevLarge = false;
    this.perCycle = 0; // large flashes per cycle, from their spacing
    this.tripped = false; // calm because a 4th flash within a second came
    this.speed = 1;
  }

  get calm() {
    return this.userCalm || this.limited;
  }

  get reason() {
    if (this.userCalm) return 'chosen';
    return this.limited ? 'limiter' : null;
  }

  /**
   * Why the limiter has the display calm: 'measured' (flashes came faster
   * than 3 a second), 'rhythms' (1.5 or more large bursts a cycle: several
   * rhythms) or 'speed' (about one a cycle, but many cycles a second);
   * null when it does not.
   */
  get cause() {
    if (!this.limited) return null;
    if (this.tripped) return 'measured';
    // Timing jitter puts one rhythm at a little over 1 a cycle.
    return this.perCycle >= 1.5 ? 'rhythms' : 'speed';
  }

  /** Speeds below this (cycles per second) flash at fewer than 3 large flashes a second. */
  get safeSpeed() {
    return MAX_FLASHES_PER_SECOND / Math.max(1, this.perCycle);
  }

  /** The run went to another moment: its flashes so far are not this moment's (the limit stays). */
  seeked() {
    this.largeSimTimes = [];
    this.prevStarted = 0;
    this.prevLarge = false;
  }

  /** Forget the previous run's releases (a new simulation) and its limit. */
  reset() {
    this.largeSimTimes = [];
    this.prevStarted = 0;
    this.prevLarge = false;
    this.perCycle = 0;
    this.limited = false;
    this.tripped = false;
    this.safeSince = 0;
  }

  /**
   * Called once per frame before drawing.
   * @param now wall time in ms; @param simTime time in cycles;
   * @param started firms whose release flash starts in this frame;
   * @param firms number of firms; @param speed cycles per second.
   * @returns true when this frame must be drawn calm.
   */
  frame(now, simTime, started, firms, speed) {
    // A burst that straddles two frames is one flash to the eye: count the
    // starts of this frame and the one before, once.
    const large = started > 0 && !this.prevLarge && started + this.prevStarted >= Math.ceil(LARGE_SHARE * firms);
    this.prevStarted = started;
    this.prevLarge = large;
    if (large) this.largeSimTimes.push(simTime);
    // Large flashes per cycle, from their spacing over the last three cycles
    // (a count in a fixed window would jitter with frame timing).
    const times = this.largeSimTimes;
    while (times.length && times[0] <= simTime - 3) times.shift();
    const k = times.length;
    const perCycle = k >= 2 ? (k - 1) / Math.max(times[k - 1] - times[0], 1e-9) : k;
    const predicted = speed * Math.max(1, perCycle);
    this.perCycle = perCycle;
    this.speed = speed;

    while (this.drawnLarge.length && this.drawnLarge[0] <= now - WINDOW_MS) this.drawnLarge.shift();

    if (predicted >= MAX_FLASHES_PER_SECOND) {
      this.limited = true;
      this.tripped = false;
      this.safeSince = Infinity;
    } else if (this.limited) {
      if (this.safeSince === Infinity) this.safeSince = now;
      if (now - this.safeSince >= HOLD_MS) {
        this.limited = false;
        this.tripped = false;
      }
    }
    if (!this.calm && large && this.drawnLarge.length >= MAX_FLASHES_PER_SECOND) {
      this.limited = true;
      this.tripped = true;
      this.safeSince = now;
    }
    if (!this.calm && large) {
      this.drawnLarge.push(now);
      this.maxPerSecond = Math.max(this.maxPerSecond, this.drawnLarge.length);
    }
    this.predicted = predicted;
    return this.calm;
  }

  /** Large flashes drawn within the last second of wall time. */
  recent(now) {
    return this.drawnLarge.filter((t) => t > now - WINDOW_MS).length;
  }
}
