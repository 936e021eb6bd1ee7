// What a pane's measures say, in words that cannot contradict each other.
// r, the rhythms alive and the synchrony verdict are read together:
// - r is rounded down when several rhythms remain, so it never reads 1.00
//   beside two bursts (near 1 it gets a third digit, and a line says why);
// - synchrony is confirmed over further complete bursts, so while the core
//   counts them the readout says so instead of "not yet";
// - a pane without coordinators (reactive) is never judged against a
//   roadmap: its common rhythm is its own.
import { burstsToConfirm } from './core.js';

const cycles = (t) => t.toFixed(1);
export const rhythms = (n) => `${n} ${n === 1 ? 'rhythm' : 'rhythms'}`;

/** r as shown beside `bursts` rhythms. */
export function formatR(r, bursts) {
  if (!(bursts > 1)) return r.toFixed(2);
  const digits = r >= 0.99 ? 3 : 2;
  const k = 10 ** digits;
  return (Math.min(Math.floor(r * k), k - 1) / k).toFixed(digits);
}

/**
 * The pane's synchrony state: 'inStep' (confirmed and holding), 'lost'
 * (confirmed once, several rhythms now), 'confirming' (every firm in one
 * burst, not yet confirmed) or 'apart'.
 */
export function syncState(m) {
  if (m.syncTime !== undefined) return m.completeBursts > 0 || m.bursts <= 1 ? 'inStep' : 'lost';
  return m.completeBursts > 0 ? 'confirming' : 'apart';
}

/** Where the common rhythm sits: the roadmap's or the pane's own. */
export function rhythmWord(m, coordinated) {
  if (!coordinated) return 'on a rhythm of its own (nobody planned one)';
  const offset = `offset ${m.syncOffset.toFixed(2)} cycle`;
  return m.converged ? `on the coordinators’ roadmap (${offset})` : `off the coordinators’ roadmap (${offset})`;
}

/** Further complete bursts counted so far, and needed. */
export function confirmation(m) {
  const need = burstsToConfirm();
  return { done: Math.min(need, Math.max(0, m.completeBursts - 1)), need };
}

/**
 * The readouts of one pane: { r, sync, line, verdict, state }. `sync` is the
 * short value under "Synchrony"; `line` says in a sentence what the numbers
 * mean together (what is being confirmed, why r reads near 1); `verdict` is
 * the line under the chart (without the pane's label).
 */
export function readout(m, coordinated) {
  const state = syncState(m);
  const r = formatR(m.r, m.bursts);
  if (state === 'inStep') {
    const where = rhythmWord(m, coordinated);
    return {
      state,
      r,
      sync: `since ${cycles(m.syncTime)}`,
      line: `In step since t = ${cycles(m.syncTime)} cycles: every firm releases in one burst, ${where}.`,
      verdict: `in step since ${cycles(m.syncTime)} cycles, ${where}`,
    };
  }
  if (state === 'lost') {
    return {
      state,
      r,
      sync: `was, at ${cycles(m.syncTime)}`,
      line: `In step at t = ${cycles(m.syncTime)} cycles, but now ${rhythms(m.bursts)}: the firms drifted apart again.`,
      verdict: `in step at ${cycles(m.syncTime)} cycles, ${rhythms(m.bursts)} now`,
    };
  }
  if (state === 'confirming') {
    const { done, need } = confirmation(m);
    const merged =
      m.bursts > 1 ? ` (the ${rhythms(m.bursts)} counted are the last cycle’s, from before they merged)` : '';
    return {
      state,
      r,
      sync: `confirming (${done} of ${need})`,
      line: `Every firm released in one burst at t = ${cycles(m.completeSince)}${merged}; in step once ${need} more bursts hold every firm (${done} of ${need} so far).`,
      verdict: `every firm in one burst since ${cycles(m.completeSince)} cycles, confirming (${done} of ${need} more bursts)`,
    };
  }
  const near = m.bursts > 1 && m.r >= 0.99;
  const line = near
    ? `r is near 1, but ${rhythms(m.bursts)} remain: their bursts are close together, not one.`
    : m.bursts > 1
      ? `${rhythms(m.bursts)} alive: not in step yet.`
      : 'Not in step yet.';
  return {
    state,
    r,
    sync: 'not yet',
    line,
    verdict: `not in step yet, ${rhythms(m.bursts)} (${cycles(m.time)} cycles so far)`,
  };
}
