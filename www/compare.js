// Builds the two runs of the compare view from the state: the same seed and
// clock, and, for a G(n, m) pane that matches ties, as many ties as the other
// pane's network has before coordination adds ties among the coordinators
// (the other run's generatedTieCount(), so no network is built twice).
//
// Building 50,000 firms takes a few tenths of a second in the core, and so
// does its statistics: between such steps the build hands the page back to
// the browser (frames go on drawing the old runs, input is read), so the tab
// never freezes. Small builds never wait: they finish in the task that asked.
import { Run } from './core.js';

/** Longest stretch of building before the page gets a turn. */
const SLICE_MS = 40;

let sliceStart = performance.now();

/**
 * Gives the page a turn when the current task has built for SLICE_MS
 * (`waiting()` is called first, to say so); otherwise returns at once.
 */
async function breathe(waiting) {
  if (performance.now() - sliceStart < SLICE_MS) return;
  waiting?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
  sliceStart = performance.now();
}

/** The pane that takes the other's tie count, or -1. */
function matchingPane(panes) {
  const wants = panes.map((p) => Boolean(p.matchTies) && p.scenario.network.kind === 'gnm');
  if (wants.length !== 2 || wants[0] === wants[1]) return -1;
  return wants[0] ? 0 : 1;
}

/** The G(n, m) scenario with the other network's ties (at most every pair). */
function withTies(scenario, ties) {
  const n = scenario.firms;
  const pairs = (n * (n - 1)) / 2;
  return { ...scenario, network: { kind: 'gnm', ties: Math.max(1, Math.min(ties, pairs)) } };
}

/**
 * Both runs, with their statistics, or an error naming the pane whose
 * scenario cannot run: { runs } or { pane, error }. A WebAssembly crash is
 * thrown. `waiting()` is called when the build gives the page a turn (it
 * is long enough to say so).
 */
export async function buildRuns(panes, { waiting } = {}) {
  sliceStart = performance.now();
  const matching = matchingPane(panes);
  const order = matching === 0 ? [1, 0] : [0, 1];
  const runs = [];
  for (const i of order) {
    try {
      await breathe(waiting);
      const scenario =
        i === matching ? withTies(panes[i].scenario, runs[1 - i].sim.generatedTieCount()) : panes[i].scenario;
      runs[i] = new Run(scenario);
      await breathe(waiting);
      runs[i].computeStatistics();
    } catch (error) {
      for (const r of runs) r?.free();
      if (error instanceof WebAssembly.RuntimeError) throw error;
      return { pane: i, error };
    }
  }
  return { runs };
}
