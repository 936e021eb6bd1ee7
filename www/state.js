// The page's one state: a scenario per pane and the view. Controls, panes,
// presets, the tour, the inspector, links, files, imports and the host
// page's messages change it only through this store. A change of scenarios
// is validated whole first: `prepare(next)` builds both runs (the core
// checks every value and derived size); only when that succeeds does the
// state change and listeners hear of it, with the runs. A refused change
// leaves everything as it was (state, link, exports) and is returned to the
// caller, which says why where it was made.
//
// Building can take several tasks (large networks yield to the page between
// steps, see compare.js), so a change returns a promise of its refusal.
// Changes are made in the order asked for, each on the state the ones
// before it left; a small build completes before its promise is awaited.
// View changes apply at once, and a change that commits later keeps them.
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
// preset's story is about its settings, not one seed. An imported network
// (thousands of ties) is never edited in place: copies of a scenario share
// it.

import { networkKind } from './controls/params.js';

/** A short pane title for a network kind ("Clustered", "Dense"): the core's short name of the kind. */
export function paneLabel(kind) {
  return networkKind(kind).short;
}

const clone = (x) => structuredClone(x);

/** A copy of `scenario` that shares an imported network's lists instead of copying them. */
export function copyScenario(scenario) {
  const { network, ...rest } = scenario;
  return { ...clone(rest), network: network?.kind === 'edgeList' ? { ...network } : clone(network) };
}

const copyPanes = (panes) => panes.map((p) => ({ ...p, scenario: copyScenario(p.scenario) }));

/** Tells every listener of `store` of a change. */
function emit(store, change) {
  for (const fn of store.listeners) fn(store.state, change);
}

/**
 * Builds the panes `makePanes()` returns (called once the changes before
 * it are done) and commits them with `viewPatch`; resolves to null, or to
 * the refusal { error, pane }.
 */
function propose(store, makePanes, viewPatch) {
  store.changes.asked++;
  const job = store.queue.then(async () => {
    const panes = makePanes();
    const built = await store.prepare({ panes, view: { ...store.state.view, ...viewPatch } });
    if (built.error) {
      store.changes.refused++;
      store.refused(built);
      return built;
    }
    store.state = { ...store.state, panes, view: { ...store.state.view, ...viewPatch } };
    store.changes.committed++;
    emit(store, { restart: true, runs: built.runs });
    return null;
  });
  store.queue = job.catch(store.failed);
  return job;
}

/**
 * The panes after `edit(scenario, index)` changed a copy of each targeted
 * pane's scenario (target 'both', 0 or 1), relabelled unless `keepPreset`.
 */
function editedPanes(store, target, edit, keepPreset) {
  const panes = store.state.panes.map((p, i) => {
    if (target !== 'both' && target !== i) return p;
    const scenario = copyScenario(p.scenario);
    const extra = edit(scenario, i) || {};
    return { ...p, ...extra, scenario };
  });
  if (keepPreset || !store.relabel) return panes;
  const labels = store.relabel(panes);
  return panes.map((p, i) => ({ ...p, label: labels[i] }));
}

/** `panes` with every missing label filled by `relabel`: no title reads "null". */
function named(store, panes) {
  if (panes.every((p) => p.label) || !store.relabel) return panes;
  const labels = store.relabel(panes);
  return panes.map((p, i) => ({ ...p, label: p.label || labels[i] }));
}

/**
 * `prepare(next)` returns (or resolves to) { runs } or { error, pane } (a
 * crash of the core rejects); `refused(result)` hears of every refused
 * change, `failed(error)` of every crash; `relabel(panes)` names edited
 * panes ([left, right]).
 */
export function createStore(initial, { prepare, refused = () => {}, failed = () => {}, relabel = null }) {
  const store = { prepare, refused, failed, relabel, listeners: [], queue: Promise.resolve() };
  // Scenario changes asked for, and how many of them have ended (for the test hook).
  store.changes = { asked: 0, committed: 0, refused: 0 };
  store.state = { ...clone({ ...initial, panes: [] }), panes: copyPanes(initial.panes) };
  return {
    get: () => store.state,
    /** Scenario changes: { asked, committed, refused, pending } (pending: asked, not yet committed or refused). */
    changes: () => {
      const { asked, committed, refused } = store.changes;
      return { asked, committed, refused, pending: asked - committed - refused };
    },
    subscribe(fn) {
      store.listeners.push(fn);
    },

    /** Replaces the panes (a preset, the tour, a link): labels, scenarios, ties. A pane without a label is named for what it runs. */
    setPanes(panes, viewPatch = {}) {
      const asked = named(store, copyPanes(panes));
      return propose(store, () => asked, viewPatch);
    },

    /**
     * Changes scenarios: `edit(scenario, index)` is called on a copy of each
     * targeted pane's scenario (target 'both', 0 or 1) and may change it.
     * `keepPreset` (a new seed) keeps the preset and the panes' labels.
     */
    editScenarios(target, edit, { keepPreset = false } = {}) {
      return propose(store, () => editedPanes(store, target, edit, keepPreset), keepPreset ? {} : { preset: null });
    },

    /** Records the core's normalized scenario of a pane (defaults filled in); no restart. */
    settle(index, scenario) {
      const panes = store.state.panes.map((p, i) => (i === index ? { ...p, scenario } : p));
      store.state = { ...store.state, panes };
    },

    /** View changes never restart the runs. */
    setView(patch) {
      store.state = { ...store.state, view: { ...store.state.view, ...patch } };
      emit(store, { restart: false });
    },
  };
}
