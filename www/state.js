// The page's one state: a scenario per pane and the view. Controls, panes,
// presets, the tour, the inspector, links, files, imports and the host
// page's messages change it only through this store. A change of scenarios
// is validated whole first: `prepare(next)` builds both runs (the core
// checks every value and derived size); only when that succeeds does the
// state change and listeners hear of it, with the runs. A refused change
// leaves everything as it was (state, link, exports) and is returned to the
// caller, which says why where the change was made.
//
// state = {
//   panes: [{ label, scenario, matchTies }, { ... }],  // left, right
//   view: { layout: 'compare' | 'single', single: 0 | 1, target: 'both' | 0 | 1,
//           focus: 0 | 1, speed, playing, calm, preset, tour },
// }
// `scenario` is exactly what the core's Simulation takes. `matchTies` makes a
// G(n, m) pane take as many ties as the other pane's network has. An edit
// leaves the preset (its sentence no longer holds) and renames the panes
// for what they now run (`relabel`); a new seed keeps both, since the
// preset's story is about its settings, not one seed.

import { networkKind } from './controls/params.js';

/** A short pane title for a network kind: its label without the parenthesis. */
export function paneLabel(kind) {
  if (kind === 'plantedPartition') return 'Clustered';
  if (kind === 'gnm' || kind === 'erdosRenyi') return 'Dense';
  if (kind === 'edgeList') return 'Imported';
  return networkKind(kind).label.replace(/ \(.*\)$/, '');
}

const clone = (x) => structuredClone(x);

/**
 * `prepare(next)` returns { runs } or { error, pane } (a crash of the core
 * throws); `refused(result)` hears of every refused change; `relabel(panes)`
 * names edited panes ([left, right]).
 */
export function createStore(initial, { prepare, refused = () => {}, relabel = null }) {
  let state = clone(initial);
  const listeners = [];
  const emit = (change) => { for (const fn of listeners) fn(state, change); };

  /** Commits `next` if its runs build; returns null, or the refusal { error, pane }. */
  function propose(next) {
    const built = prepare(next);
    if (built.error) {
      refused(built);
      return built;
    }
    state = next;
    emit({ restart: true, runs: built.runs });
    return null;
  }

  return {
    get: () => state,
    subscribe(fn) { listeners.push(fn); },

    /** Replaces the panes (a preset, the tour, a link): labels, scenarios, ties. */
    setPanes(panes, viewPatch = {}) {
      return propose({ panes: clone(panes), view: { ...state.view, ...viewPatch } });
    },

    /**
     * Changes scenarios: `edit(scenario, index)` is called on a copy of each
     * targeted pane's scenario (target 'both', 0 or 1) and may change it.
     * `keepPreset` (a new seed) keeps the preset and the panes' labels.
     */
    editScenarios(target, edit, { keepPreset = false } = {}) {
      let panes = state.panes.map((p, i) => {
        if (target !== 'both' && target !== i) return p;
        const scenario = clone(p.scenario);
        const extra = edit(scenario, i) || {};
        return { ...p, ...extra, scenario };
      });
      if (!keepPreset && relabel) {
        const labels = relabel(panes);
        panes = panes.map((p, i) => ({ ...p, label: labels[i] }));
      }
      return propose({ ...state, panes, view: { ...state.view, preset: keepPreset ? state.view.preset : null } });
    },

    /** Records the core's normalized scenario of a pane (defaults filled in); no restart. */
    settle(index, scenario) {
      const panes = state.panes.map((p, i) => (i === index ? { ...p, scenario: clone(scenario) } : p));
      state = { ...state, panes };
    },

    /** View changes never restart the runs. */
    setView(patch) {
      state = { ...state, view: { ...state.view, ...patch } };
      emit({ restart: false });
    },
  };
}
