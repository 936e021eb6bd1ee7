// Builds the two runs of the compare view from the state: the same seed and
// clock, and, for a G(n, m) pane that matches ties, as many ties as the other
// pane's network has before coordination adds ties among the coordinators
// (the other run's generatedTieCount(), so no network is built twice).
import { Run } from './core.js';

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
 * Both runs, or an error naming the pane whose scenario cannot run:
 * { runs } or { pane, error }. A WebAssembly crash is rethrown.
 */
export function buildRuns(panes) {
  const matching = matchingPane(panes);
  const order = matching === 0 ? [1, 0] : [0, 1];
  const runs = [];
  for (const i of order) {
    try {
      const scenario = i === matching
        ? withTies(panes[i].scenario, runs[1 - i].sim.generatedTieCount())
        : panes[i].scenario;
      runs[i] = new Run(scenario);
    } catch (error) {
      for (const r of runs) r?.free();
      if (error instanceof WebAssembly.RuntimeError) throw error;
      return { pane: i, error };
    }
  }
  return { runs };
}
