// The releases made audible: each pane a voice (voices.js), each burst one
// note (notes.js: merged by the limiter, louder with more firms in it), the
// coordinators' joint release a chime and their signal a breath, each panned
// to its pane: left and right side by side, above and below when stacked.
// Simulated time maps to audio time through the speed, from one anchor for
// both panes, so they keep time with each other and with the drawing. It
// works the same in a live AudioContext and an OfflineAudioContext (render.js).
import { makeClips } from './voices.js';
import { NotePlanner, noteGain, MIN_GAP_S } from './notes.js';
import { causes } from '../core.js';

/** Notes sound this long after the frame whose releases they are (room to schedule). */
export const AHEAD_S = 0.1;
/** Behind by more than this, or ahead by more than MAX_LEAD_S, the anchor is set again. */
const LATE_S = 0.01;
const MAX_LEAD_S = 0.6;
/** The coordinators' chime and signal, at most this often (seconds). */
const CHIME_GAP_S = 2 * MIN_GAP_S;
// Under the notes: the coordinators ring once a cycle in every coordinated
// pane from the start, and must not mask the patter or the beat.
const CHIME_GAIN = 0.07;
const SIGNAL_GAIN = 0.05;

/** Where each pane sounds from (x right, y up; listener at the origin facing -z). */
const PLACES = {
  side: [
    [-1, 0, -0.25],
    [1, 0, -0.25],
  ],
  stacked: [
    [0, 1, -0.5],
    [0, -1, -0.5],
  ],
  single: [
    [0, 0, -1],
    [0, 0, -1],
  ],
};

export class Sonifier {
  /** `out`: the node notes go to; `offline`: an OfflineAudioContext (all scheduled before it renders). */
  constructor(ctx, out, { offline = false } = {}) {
    this.ctx = ctx;
    this.offline = offline;
    this.clips = makeClips(ctx);
    this.voices = [0, 1].map(() => {
      const panner = ctx.createPanner();
      panner.panningModel = 'equalpower';
      panner.distanceModel = 'inverse';
      panner.refDistance = 1;
      panner.rolloffFactor = 0;
      const voice = ctx.createGain();
      voice.connect(panner);
      panner.connect(out);
      return { voice, panner };
    });
    this.live = new Set(); // sources scheduled and not yet ended
    this.anchor = null;
    this.lastNote = null; // the latest note scheduled: { when, t }
    this.panes = [];
    this.place('side');
  }

  /** 'side', 'stacked' or 'single': where the panes are drawn, so where they sound from. */
  place(placement) {
    if (placement === this.placement) return;
    this.placement = placement;
    this.voices.forEach(({ panner }, i) => {
      // Stacked panes differ in elevation, which only a head-related model renders.
      panner.panningModel = placement === 'stacked' ? 'HRTF' : 'equalpower';
      const [x, y, z] = PLACES[placement][i];
      panner.positionX.value = x;
      panner.positionY.value = y;
      panner.positionZ.value = z;
    });
  }

  /** New runs: each pane's planner and facts. */
  reset(runs) {
    this.silence();
    const names = causes();
    this.lock = names.indexOf('lock');
    this.panes = runs.map((run) => ({
      planner: new NotePlanner(run.scenario.delta),
      n: run.n,
      last: null, // the last note's { source, gain, when }
      lastChime: -Infinity,
      signals: run.coordinated && run.scenario.mode === 'hybrid',
    }));
  }

  /** Audio time of simulated time `t`. */
  when(t) {
    const { a, t0, speed } = this.anchor;
    return a + (t - t0) / speed;
  }

  /**
   * Before a frame's releases: `from` the simulated time they start at,
   * `speed` the page's. The anchor is set again when the speed changed or
   * the frames fell behind the audio clock (or ran far ahead of it), never
   * earlier than the last note's spacing allows: notes stay in time order
   * and the limiter's gaps never shrink.
   */
  begin(from, speed) {
    const now = this.offline ? 0 : this.ctx.currentTime;
    const a = this.anchor;
    const stale =
      !a ||
      a.speed !== speed ||
      (!this.offline && (this.when(from) < now + LATE_S || this.when(from) > now + MAX_LEAD_S));
    if (!stale) return;
    const last = this.lastNote;
    const after = last ? last.when + (from - last.t) / speed : -Infinity;
    this.anchor = { a: Math.max(now + AHEAD_S, after), t0: from, speed };
  }

  /** The releases of pane `i`'s last advance (`run` advanced), as notes. */
  releases(i, run, speed) {
    const pane = this.panes[i];
    if (!pane || !this.anchor) return;
    const { recentReleases, recentCauses, recentTimes, isCoordinator } = run;
    for (let k = 0; k < recentReleases.length; k++) {
      const t = recentTimes[k];
      if (pane.planner.push(t, speed) === 'new') {
        pane.last = this.play(this.clips.notes[i], i, this.when(t), noteGain(1, pane.n));
        this.lastNote = { when: pane.last.when, t };
      } else this.grow(pane);
      if (run.coordinated && recentCauses[k] === this.lock && isCoordinator[recentReleases[k]]) this.joint(i, pane, t);
    }
  }

  /** The last note of `pane` takes one more firm (if it has not started yet: never a jump in a sounding note). */
  grow(pane) {
    const { last, planner } = pane;
    if (!last) return;
    if (this.offline || last.when > this.ctx.currentTime) last.gain.gain.value = noteGain(planner.note.firms, pane.n);
  }

  /** The coordinators released together at `t`: a chime (and the signal's breath when they signal). */
  joint(i, pane, t) {
    const w = this.when(t);
    if (w - pane.lastChime < CHIME_GAP_S) return;
    pane.lastChime = w;
    this.play(this.clips.chime, i, w, CHIME_GAIN);
    if (pane.signals) this.play(this.clips.signal, i, w + 0.03, SIGNAL_GAIN);
  }

  /** One clip at audio time `when` through pane `i`'s voice; returns its handle. */
  play(buffer, i, when, gainValue) {
    const { ctx } = this;
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    const gain = ctx.createGain();
    gain.gain.value = gainValue;
    source.connect(gain);
    gain.connect(this.voices[i].voice);
    const handle = { source, gain, when };
    this.live.add(handle);
    source.onended = () => {
      this.live.delete(handle);
      gain.disconnect();
    };
    source.start(when);
    return handle;
  }

  /** Paused, hidden or restarted: notes not yet sounding never will; the anchor is set again at the next frame. */
  silence() {
    const now = this.offline ? 0 : this.ctx.currentTime;
    for (const h of this.live) {
      if (h.when > now) {
        h.source.stop();
        this.live.delete(h);
      }
    }
    for (const p of this.panes) {
      p.last = null;
      p.planner.note = null; // what comes next is a new note, not a merge into one that was stopped
    }
    this.anchor = null;
    this.lastNote = null;
  }
}
