// The charts in words: a summary of the r(t) chart, the release raster and
// the phase circle, from the same data they draw, for the reader who cannot
// see them. Each function is pure: data in, a sentence out.
import { listWords, subgroupWords } from './words.js';

const CAUSE_WORDS = {
  schedule: 'on their own schedule',
  partner: 'pulled early by a partner’s pulse',
  signal: 'tipped over by the coordinators’ signal',
  lock: 'with the coordinators’ lock',
};
/** A gap in phase (share of a cycle) that separates two groups of firms on the circle. */
const PHASE_GAP = 0.05;
/** Groups of phases named one by one; more are "spread round the circle". */
const NAMED_PHASE_GROUPS = 6;

const two = (x) => x.toFixed(2);

/**
 * The r(t) chart: per pane, where r started and where it is, and when the
 * pane came into step. `data`: [times, r of pane 0, r of pane 1];
 * `labels`, `syncs` (synchrony times, undefined while not in step).
 */
export function rChartWords(data, labels, syncs) {
  const t = data[0];
  if (t.length < 2) return 'Order r over time: the run has just started.';
  const span = t[t.length - 1] - t[0];
  const lines = labels.map((label, k) => {
    const rs = data[k + 1];
    const first = rs[0],
      last = rs[rs.length - 1];
    const high = Math.max(...rs);
    const move =
      Math.abs(last - first) < 0.05
        ? `stayed near ${two(last)}`
        : `${last > first ? 'rose' : 'fell'} from ${two(first)} to ${two(last)}`;
    const peak = high > last + 0.05 ? ` (highest ${two(high)})` : '';
    const sync = syncs[k];
    const state = sync === undefined || sync === null ? 'not in step yet' : `in step at ${sync.toFixed(1)} cycles`;
    return `${label}: r ${move} over ${span.toFixed(1)} cycles${peak}, ${state}`;
  });
  return `Order r over time. ${lines.join('. ')}.`;
}

/** Groups of phases on the circle: [{ at, firms }], largest first; empty when spread evenly. */
export function phaseGroups(phases, n, step = 1) {
  const sample = [];
  for (let i = 0; i < n; i += step) sample.push(phases[i]);
  if (!sample.length) return [];
  sample.sort((a, b) => a - b);
  const gaps = [];
  for (let i = 0; i < sample.length; i++) {
    const next = i + 1 < sample.length ? sample[i + 1] : sample[0] + 1;
    if (next - sample[i] > PHASE_GAP) gaps.push(i);
  }
  // No gap anywhere (the wrap-around included): spread round the circle.
  if (!gaps.length) return [];
  const groups = [];
  for (let g = 0; g < gaps.length; g++) {
    const from = (gaps[g] + 1) % sample.length;
    const to = gaps[(g + 1) % gaps.length];
    const members = [];
    for (let i = from; ; i = (i + 1) % sample.length) {
      members.push(sample[i]);
      if (i === to) break;
    }
    let sx = 0,
      sy = 0;
    for (const p of members) {
      sx += Math.cos(2 * Math.PI * p);
      sy += Math.sin(2 * Math.PI * p);
    }
    const at = (Math.atan2(sy, sx) / (2 * Math.PI) + 1) % 1;
    groups.push({ at, firms: Math.round(members.length * step) });
  }
  return groups.sort((a, b) => b.firms - a.firms);
}

/** The phase circle: "3 groups of phases, at 0.10 (20 firms), 0.40 (25) and 0.80 (15); r 0.54." */
export function phaseCircleWords(label, phases, n, r) {
  const step = Math.max(1, Math.ceil(n / 3000));
  const groups = phaseGroups(phases, n, step);
  const head = `Phase circle of ${label}: each firm at its point of the cycle, release at the top.`;
  if (!groups.length || groups.length > NAMED_PHASE_GROUPS) {
    return `${head} Phases spread round the circle${groups.length ? ` in ${groups.length} small groups` : ''}; r ${two(r)}.`;
  }
  if (groups.length === 1)
    return `${head} One group of phases, at ${two(groups[0].at)}: all ${n} firms together; r ${two(r)}.`;
  const byPlace = [...groups].sort((a, b) => a.at - b.at);
  const named = byPlace.map((g, i) => `${two(g.at)} (${g.firms}${i === 0 ? ' firms' : ''})`);
  return `${head} ${groups.length} groups of phases, at ${listWords(named)}; r ${two(r)}.`;
}

/** Bursts in sorted release times: releases within `delta` of a burst's first. */
function burstStarts(times, delta) {
  const starts = [];
  for (const t of times) if (!starts.length || t - starts[starts.length - 1] > delta) starts.push(t);
  return starts;
}

/**
 * The raster: the last cycle's releases of `label`'s pane, in bursts and by
 * cause. `ticks`: { t, row, cause } (cause codes, `names` their names);
 * `now` the time; `groupOfRow(row)` a row's subgroup (or null).
 */
export function rasterWords(label, ticks, now, names, delta, groupOfRow) {
  const head = `Releases of ${label}: one row per firm, grouped by subgroup, a tick per release.`;
  const from = now - 1;
  const idx = [];
  for (let i = 0; i < ticks.t.length; i++) if (ticks.t[i] > from) idx.push(i);
  if (!idx.length) return `${head} No release in the last cycle.`;
  const times = idx.map((i) => ticks.t[i]).sort((a, b) => a - b);
  const starts = burstStarts(times, delta);
  const byCause = new Map();
  for (const i of idx) byCause.set(ticks.cause[i], (byCause.get(ticks.cause[i]) ?? 0) + 1);
  const causes = [...byCause.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([c, k]) => `${k} ${CAUSE_WORDS[names[c]] ?? names[c]}`);
  const at = starts.length <= 5 ? `, at t = ${listWords(starts.map((s) => s.toFixed(2)))}` : '';
  let groups = '';
  if (groupOfRow && starts.length > 1 && starts.length <= 5) {
    // Which subgroups each burst holds: the rhythms' homes.
    const parts = starts.map((s, b) => {
      const end = starts[b + 1] ?? Infinity;
      const set = new Set();
      for (const i of idx) if (ticks.t[i] >= s && ticks.t[i] < end) set.add(groupOfRow(ticks.row[i]));
      return [...set].filter((g) => g !== null).sort((a, c) => a - c);
    });
    if (parts.every((p) => p.length)) groups = ` Burst by burst: ${parts.map((p) => subgroupWords(p)).join('; ')}.`;
  }
  const burstWord = starts.length === 1 ? 'one burst' : `${starts.length} bursts`;
  return `${head} In the last cycle ${idx.length} releases in ${burstWord}${at}: ${listWords(causes)}.${groups}`;
}
