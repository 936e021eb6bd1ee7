// What a pane does, in words: the sentences of its description (its network
// from the core's anatomy, its state now, and what changed since it was last
// described) and of the events the narrator announces. The state is said in
// the readouts' own words (readouts.js), so what is heard never contradicts
// what is shown. A pane here is { label, run, m, groupR }: its title, Run,
// measures and subgroups' r.
import { readout, formatR, rhythms, rhythmWord } from '../readouts.js';
import { calmNote } from '../controls/calm.js';
import { GROUP_IN } from './events.js';

const cycles = (t) => t.toFixed(1);
/** How close to the coordinators' phase a firm releases with them (a cycle's share). */
const WITH_COORDINATORS = 0.03;

/** "a", "a and b", "a, b and c". */
export function listWords(items) {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "subgroup 2", "subgroups 1 and 3" (0-based indices in, 1-based words out). */
export function subgroupWords(groups) {
  const names = groups.map((g) => String(g + 1));
  return `${groups.length === 1 ? 'subgroup' : 'subgroups'} ${listWords(names)}`;
}

/** Firms that release with the coordinators now (their phase within a few hundredths of a cycle), coordinators aside. */
export function withCoordinators(run) {
  if (!run.coordinated || !run.coordinators.length) return null;
  const lead = run.phases[run.coordinators[0]];
  let n = 0;
  for (let i = 0; i < run.n; i++) {
    if (run.isCoordinator[i]) continue;
    const d = Math.abs(run.phases[i] - lead);
    if (Math.min(d, 1 - d) <= WITH_COORDINATORS) n++;
  }
  return { n, of: run.n - run.coordinators.length };
}

/** Which subgroups move as one now (r within them at least GROUP_IN), as indices. */
export function groupsTogether(groupR) {
  return groupR.flatMap((r, g) => (r >= GROUP_IN ? [g] : []));
}

const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** The subgroups in a sentence: "subgroups 1 and 3 of 4 move as one (r within each at least 0.99); 2 and 4 not yet (r 0.62, 0.80)." */
export function subgroupsSentence(groupR) {
  if (groupR.length < 2) return '';
  const inside = groupsTogether(groupR);
  const out = groupR.flatMap((_, g) => (inside.includes(g) ? [] : [g]));
  const of = groupR.length;
  const rs = out.map((g) => formatR(groupR[g], 2)).join(', ');
  if (!inside.length) return `none of its ${of} subgroups moves as one yet (r within each: ${rs}).`;
  if (!out.length) return `all ${of} subgroups move as one (r within each at least ${GROUP_IN}).`;
  const one = inside.length === 1;
  return `${subgroupWords(inside)} of ${of} ${one ? 'moves' : 'move'} as one (r within ${one ? 'it' : 'each'} at least ${GROUP_IN}); ${listWords(out.map((g) => String(g + 1)))} not yet (r ${rs}).`;
}

/** The coordinators' roadmap and who keeps to it. */
function roadmapSentence(pane) {
  const { run, m } = pane;
  const with_ = withCoordinators(run);
  if (!with_) return '';
  const next = Math.max(0, 1 - m.roadmap);
  return `The coordinators keep their roadmap: next joint release in ${next.toFixed(2)} cycle; ${with_.n} of the other ${with_.of} firms release with them.`;
}

/** The pane's state now: time, r and rhythms in the readouts' words, subgroups, roadmap. */
export function stateWords(pane) {
  const { m, run } = pane;
  const said = readout(m, run.coordinated);
  const head = `At t = ${cycles(m.time)} cycles, r ${said.r} and ${rhythms(m.bursts)} (bursts in the last cycle). ${said.line}`;
  return [head, capital(subgroupsSentence(pane.groupR ?? [])), roadmapSentence(pane)].filter(Boolean).join(' ');
}

/** What changed between `before` ({ time, r, bursts, groupsIn }) and now, with the events in between. */
export function changeWords(pane, before, events) {
  if (!before) return 'First description of this run.';
  const { m } = pane;
  if (m.time - before.time < 0.05) return 'Nothing has changed since the last description (the run is paused).';
  const parts = [];
  const dr = m.r - before.r;
  const rWord = Math.abs(dr) < 0.02 ? 'stayed near' : dr > 0 ? 'rose to' : 'fell to';
  parts.push(`r ${rWord} ${formatR(m.r, m.bursts)} (from ${formatR(before.r, before.bursts)})`);
  if (m.bursts !== before.bursts) parts.push(`rhythms from ${before.bursts} to ${m.bursts}`);
  for (const e of events) {
    // Merges and subgroups are said below, once; the signal only where it reached new subgroups.
    if (e.kind === 'merge' || e.kind === 'groupInStep' || (e.kind === 'signal' && !e.fresh?.length)) continue;
    const said = eventWords(e.kind === 'signal' ? { ...e, groups: e.fresh } : e, pane);
    if (said) parts.push(said.replace(/\.$/, ''));
  }
  const nowIn = groupsTogether(pane.groupR ?? []);
  const newly = nowIn.filter((g) => !before.groupsIn.includes(g));
  const apart = before.groupsIn.filter((g) => !nowIn.includes(g));
  if (newly.length) parts.push(`${subgroupWords(newly)} came to move as one`);
  if (apart.length) parts.push(`${subgroupWords(apart)} no longer ${apart.length === 1 ? 'moves' : 'move'} as one`);
  return `Since the last description at t = ${cycles(before.time)}: ${parts.join('; ')}.`;
}

/** An event in a sentence ('' for events not worth saying aloud, such as each joint release). */
export function eventWords(e, pane) {
  const { label, run, m } = pane;
  switch (e.kind) {
    case 'inStep': {
      const where = m.syncTime !== undefined ? rhythmWord(m, run.coordinated) : '';
      return `${label} is in step since t = ${cycles(e.time)} cycles: every firm releases in one burst${where ? `, ${where}` : ''}.`;
    }
    case 'lost':
      return `${label} drifted apart again: ${rhythms(e.bursts)}.`;
    case 'merge':
      return `${label}: rhythms merged, ${e.from} to ${e.to}.`;
    case 'groupInStep':
      return `${label}: ${subgroupWords(e.groups ?? [e.group])} ${(e.groups ?? [e.group]).length === 1 ? 'moves' : 'move'} as one.`;
    case 'signal': {
      const where = e.groups?.length && pane.grouped ? ` in ${subgroupWords(e.groups)}` : '';
      return `${label}: the coordinators’ signal tipped ${e.tipped} ${e.tipped === 1 ? 'firm' : 'firms'} over${where}; they released at once and relayed it.`;
    }
    default:
      return '';
  }
}

/** The display turned calm (and why) or flashes again, in the calm control's words. */
export function calmWords(e, guard, speed, reduced) {
  if (!e.on) return 'Flashing display again: each release flashes.';
  if (e.reason === 'chosen') {
    return reduced
      ? 'Calm display: this device asks for reduced motion. Colour and hand show how far each firm is through its cycle.'
      : 'Calm display chosen: colour and hand show how far each firm is through its cycle; no flashes.';
  }
  return calmNote(guard, speed);
}
