// Builds the two runs of the compare view from the state: the same seed and
// clock, and, for a G(n, m) pane that matches ties, as many ties as the other
// pane's network has before coordination adds ties among the coordinators.
import { Run, generatedTies } from './sim.js';

/** The scenario each pane runs (ties matched where asked). */
export function scenariosToRun(panes) {
  return panes.map((pane, i) => {
    const other = panes[1 - i];
    if (!pane.matchTies || pane.scenario.network.kind !== 'gnm' || other.matchTies) return pane.scenario;
    const otherScenario = { ...other.scenario, firms: pane.scenario.firms };
    const ties = generatedTies(otherScenario);
    return { ...pane.scenario, network: { kind: 'gnm', ties } };
  });
}

/**
 * Both runs, or an error naming the pane whose scenario cannot run:
 * { runs } or { pane, error }. A WebAssembly crash is rethrown.
 */
export function buildRuns(panes) {
  const runs = [];
  for (let i = 0; i < panes.length; i++) {
    try {
      const scenarios = i === 0 ? scenariosToRun(panes) : runs.scenarios;
      runs.scenarios = scenarios;
      runs.push(new Run(scenarios[i]));
    } catch (error) {
      for (const r of runs) r.free();
      if (error instanceof WebAssembly.RuntimeError) throw error;
      return { pane: i, error };
    }
  }
  return { runs };
}
