// A run rendered to sound without playing it: both panes' scenarios from
// time 0 on one clock, advanced as a page at 60 frames a second would, into
// an OfflineAudioContext through the same sonifier and way out as the live
// sound. What comes out is the sound the page makes, exactly where the
// releases are: the export's WAV file and the tests' onsets come from it.
import { Run } from '../core.js';
import { Sonifier, AHEAD_S } from './sonifier.js';
import { wayOut } from './manager.js';

const FRAME_S = 1 / 60;
const TAIL_S = 1.5; // the last notes ring out

/**
 * Renders `scenarios` for `cycles` at `speed` cycles a second. Returns
 * { buffer, releases: per pane [{ time, firm, cause }], offset } where a
 * release at time t sounds at offset + t / speed seconds.
 */
export async function renderRun(scenarios, { cycles = 20, speed = 1, sampleRate = 44100, placement = 'side' } = {}) {
  const seconds = cycles / speed + AHEAD_S + TAIL_S;
  const ctx = new OfflineAudioContext(2, Math.ceil(seconds * sampleRate), sampleRate);
  const runs = scenarios.map((s) => new Run(s));
  const releases = runs.map(() => []);
  try {
    const sonifier = new Sonifier(ctx, wayOut(ctx, 0.8).bus, { offline: true });
    sonifier.place(placement);
    sonifier.reset(runs);
    const dt = speed * FRAME_S;
    for (let t = 0; t < cycles - 1e-9; t += dt) {
      sonifier.begin(t, speed);
      runs.forEach((run, i) => {
        run.advance(Math.min(dt, cycles - t));
        if (!run.advanced) return;
        for (let k = 0; k < run.recentReleases.length; k++) {
          releases[i].push({ time: run.recentTimes[k], firm: run.recentReleases[k], cause: run.recentCauses[k] });
        }
        sonifier.releases(i, run, speed);
      });
    }
  } finally {
    for (const run of runs) run.free();
  }
  const buffer = await ctx.startRendering();
  return { buffer, releases, offset: AHEAD_S };
}
