// Pane titles that follow what each pane runs. After an edit each pane is
// named for its network; when both networks have one name, the title adds
// the first setting that tells the panes apart ("Dense, reactive" beside
// "Dense, hybrid"), or the pane's side when nothing does. An imported
// network keeps the name it was imported with.
import { parameters } from './core.js';
import { networkKind, formatValue } from './controls/params.js';
import { paneLabel } from './state.js';

// Compared first: the settings the stories turn on.
const FIRST = ['mode', 'responsiveness', 'reach', 'coordinators', 'epsSignal', 'eps', 'dissipation'];

const get = (obj, path) => path.split('.').reduce((o, k) => o?.[k], obj);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** "reactive", "ρ 0.1", "reach: two ties away": how pane `s` differs at `row`. */
function tell(row, s) {
  const v = get(s, row.path);
  if (row.kind === 'choice') {
    const o = row.options.find((x) => x.value === v);
    const word = (o?.short || o?.label || String(v)).toLowerCase();
    return row.path === 'mode' ? word : `${row.label.toLowerCase()}: ${word}`;
  }
  if (row.kind === 'flag') return `${v ? '' : 'no '}${row.label.replace(/ \(.*\)$/, '').toLowerCase()}`;
  // The core's short name (ρ, ε, k), else the label.
  const name = row.short ?? row.label.replace(/ \(.*\)$/, '').toLowerCase();
  return `${name} ${formatValue(v, row.control?.step ?? 0.01)}`;
}

/**
 * The first setting (in FIRST order, then the table's) set in both
 * scenarios that differs between them. A G(n, m) pane that takes the other
 * pane's ties (`matchTies`) does not differ by its ties.
 */
function difference(a, b, matchTies) {
  const skip = new Set(['seed', 'chosen', 'network.kind', ...(matchTies ? ['network.ties'] : [])]);
  const rows = parameters().filter((r) => !skip.has(r.path));
  const ordered = [
    ...FIRST.map((p) => rows.find((r) => r.path === p)).filter(Boolean),
    ...rows.filter((r) => !FIRST.includes(r.path)),
  ];
  return ordered.find((r) => {
    const [x, y] = [get(a, r.path), get(b, r.path)];
    return x !== undefined && y !== undefined && !same(x, y);
  });
}

/** Labels for both panes from their scenarios: [left, right]. */
export function paneLabels(panes) {
  const base = panes.map((p) =>
    p.scenario.network.kind === 'edgeList' && p.label ? p.label : paneLabel(p.scenario.network.kind),
  );
  if (base[0] !== base[1]) return base;
  const [a, b] = panes.map((p) => p.scenario);
  if (a.network.kind !== b.network.kind) return [a, b].map((s) => networkKind(s.network.kind).label);
  const row = difference(
    a,
    b,
    panes.some((p) => p.matchTies),
  );
  if (row) return [a, b].map((s) => `${base[0]}, ${tell(row, s)}`);
  return [`${base[0]} (left)`, `${base[1]} (right)`];
}
