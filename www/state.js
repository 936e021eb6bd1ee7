// The page's one state: a scenario per pane and the view. Controls, panes,
// presets, the tour and the inspector change it only through this store;
// main.js listens and restarts both runs (one clock) when a scenario changed.
//
// state = {
//   panes: [{ label, scenario, matchTies }, { ... }],  // left, right
//   view: { layout: 'compare' | 'single', single: 0 | 1, target: 'both' | 0 | 1,
//           focus: 0 | 1, speed, playing, calm, preset, tour },
// }
// `scenario` is exactly what the core's Simulation takes. `matchTies` makes a
// G(n, m) pane take as many ties as the other pane's network has.

import { networkKind } from './controls/params.js';

/** A short pane title for a network kind: its label without the parenthesis. */
export function paneLabel(kind) {
  if (kind === 'plantedPartition') return 'Clustered';
  if (kind === 'gnm' || kind === 'erdosRenyi') return 'Dense';
  if (kind === 'edgeList') return 'Imported';
  return networkKind(kind).label.replace(/ \(.*\)$/, '');
}

const clone = (x) => structuredClone(x);

export function createStore(initial) {
  let state = clone(initial);
  const listeners = [];
  const emit = (restart) => { for (const fn of listeners) fn(state, { restart }); };

  return {
    get: () => state,
    subscribe(fn) { listeners.push(fn); },

    /** Replaces the panes (a preset or the tour): labels, scenarios, ties. */
    setPanes(panes, viewPatch = {}) {
      state = { panes: clone(panes), view: { ...state.view, ...viewPatch } };
      emit(true);
    },

    /**
     * Changes scenarios: `edit(scenario, index)` is called on a copy of each
     * targeted pane's scenario (target 'both', 0 or 1) and may change it.
     */
    editScenarios(target, edit) {
      const panes = state.panes.map((p, i) => {
        if (target !== 'both' && target !== i) return p;
        const scenario = clone(p.scenario);
        const extra = edit(scenario, i) || {};
        return { ...p, ...extra, scenario };
      });
      state = { ...state, panes, view: { ...state.view, preset: null } };
      emit(true);
    },

    /** Records the core's normalized scenario of a pane (defaults filled in); no restart. */
    settle(index, scenario) {
      const panes = state.panes.map((p, i) => (i === index ? { ...p, scenario: clone(scenario) } : p));
      state = { ...state, panes };
    },

    /** View changes never restart the runs. */
    setView(patch) {
      state = { ...state, view: { ...state.view, ...patch } };
      emit(false);
    },
  };
}
