// How the page lays out the core's parameter table (core.parameters()):
// the groups of the settings form and their order, and the order the network
// kinds are offered in. Ranges, defaults, labels, help and options all come
// from the core; a parameter the core adds shows up under "More" until it is
// placed in a group here.
import { parameters } from '../core.js';

/** The form's groups: [legend, paths]; the networks' knobs follow "Firms". */
const GROUPS = [
  ['Firms', ['firms']],
  ['Coupling', ['eps', 'dissipation', 'intenseShare', 'armsLength', 'onePulsePerEvent']],
  ['Coordinators', ['mode', 'coordinators', 'choice', 'responsiveness', 'epsSignal', 'reach']],
  ['Realism', ['slips', 'cycleSpread', 'delta']],
];

/** Set elsewhere on the page: the seed (toolbar), the kind (each pane), chosen firms (inspector). */
const ELSEWHERE = new Set(['seed', 'network.kind', 'chosen']);

/** Network kinds in the order each pane's menu offers them (an import is not offered). */
export const NETWORK_KINDS = [
  'plantedPartition',
  'gnm',
  'erdosRenyi',
  'ringLattice',
  'wattsStrogatz',
  'barabasiAlbert',
  'geometric',
  'complete',
];

/** A table row as a form control: { type: 'range' | 'select' | 'check', ...row }. */
function control(row) {
  if (row.kind === 'choice') return { ...row, type: 'select', options: row.options.map((o) => [o.value, o.label]) };
  if (row.kind === 'flag') return { ...row, type: 'check' };
  const { min, max, step } = row.control;
  return { ...row, type: 'range', min, max, step };
}

/** The scenario-wide controls, grouped: [{ group, controls: [...] }]. */
export function formGroups() {
  const rows = parameters().filter((p) => p.networks.length === 0 && !ELSEWHERE.has(p.path));
  const placed = new Set(GROUPS.flatMap(([, paths]) => paths));
  const groups = GROUPS.map(([group, paths]) => ({
    group,
    controls: paths
      .map((path) => rows.find((r) => r.path === path))
      .filter(Boolean)
      .map(control),
  }));
  const more = rows.filter((r) => !placed.has(r.path) && (r.control || r.kind !== 'number'));
  if (more.length) groups.push({ group: 'More', controls: more.map(control) });
  return groups;
}

/** The knobs of a network kind as range controls (paths under `network.`). */
export function networkKnobs(kind) {
  return parameters()
    .filter((p) => p.networks.includes(kind))
    .map(control);
}

/** A network kind's label, short name (a pane's title) and one-line explanation, from the core. */
export function networkKind(kind) {
  const option = parameters()
    .find((p) => p.path === 'network.kind')
    .options.find((o) => o.value === kind);
  return { label: option?.label ?? kind, short: option?.short || option?.label || kind, help: option?.help ?? '' };
}

/** Display a value with as many decimals as its step. */
export function formatValue(value, step) {
  if (typeof value !== 'number') return String(value);
  const decimals = step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
  return value.toFixed(decimals);
}
