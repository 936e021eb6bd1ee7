// Events a person would point at, found in each pane's measures and
// releases as the run goes (one job: finding them; words.js says them):
//   inStep       { pane, time }                 the pane came into step (the core's synchrony time)
//   lost         { pane, time, bursts }         it was in step and drifted apart
//   merge        { pane, time, from, to }       its rhythms merged (3 to 2), held for a cycle
//   groupInStep  { pane, time, group }          a subgroup moves as one (r within it >= 0.99 for a cycle)
//   joint        { pane, time, signal }         the coordinators released together (and signalled)
//   signal       { pane, time, tipped, groups, fresh } a joint release's signal tipped firms over
//                                               (in `groups`; `fresh`: subgroups it never tipped before)
//   calm         { on, reason, cause }          the display turned calm (and why) or flashes again
// Times are simulated cycles. The page's announcements (narrator.js) and
// the timeline can both read them; nothing here draws or speaks.
import { syncState } from '../readouts.js';
import { causes } from '../core.js';

const HOLD = 1; // cycles a burst count or a subgroup's r must hold to count
export const GROUP_IN = 0.99; // r within a subgroup from which it moves as one
const GROUP_OUT = 0.9; // and below which it no longer does

const freshPane = () => ({
  synced: false,
  lost: false,
  held: null, // the burst count that held for a cycle
  candidate: { value: null, since: 0 },
  groups: [], // per subgroup: { in, since }
  lastJoint: -Infinity,
  tippedGroups: new Set(),
});

export class EventDetector {
  constructor(panes = 2) {
    this.reset(panes);
  }

  /** New runs in `panes` panes: nothing has happened yet (the display's state carries on). */
  reset(panes = 2) {
    this.panes = Array.from({ length: panes }, freshPane);
  }

  /**
   * The releases of the last advance of pane `i` (call when run.advanced):
   * the coordinators' joint releases and the firms their signal tipped over.
   */
  releases(i, run) {
    const p = this.panes[i];
    const names = causes();
    const lock = names.indexOf('lock');
    const signalled = names.indexOf('signal');
    const { recentReleases, recentCauses, recentTimes, groups, isCoordinator } = run;
    const events = [];
    let tipped = 0;
    let at = 0;
    const reached = new Set();
    for (let k = 0; k < recentReleases.length; k++) {
      const firm = recentReleases[k];
      const t = recentTimes[k];
      if (run.coordinated && isCoordinator[firm] && recentCauses[k] === lock && t - p.lastJoint > 0.1) {
        p.lastJoint = t;
        events.push({ kind: 'joint', pane: i, time: t, signal: run.scenario.mode === 'hybrid' });
      }
      if (recentCauses[k] === signalled) {
        tipped++;
        at = t;
        reached.add(groups[firm]);
      }
    }
    if (tipped > 0) {
      const groupsReached = [...reached].sort((a, b) => a - b);
      const fresh = groupsReached.filter((g) => !p.tippedGroups.has(g));
      for (const g of fresh) p.tippedGroups.add(g);
      events.push({ kind: 'signal', pane: i, time: at, tipped, groups: groupsReached, fresh });
    }
    return events;
  }

  /** Pane `i`'s measures `m` (a few times a second) and its subgroups' r (`groupR`, empty without subgroups). */
  measures(i, m, groupR = []) {
    const p = this.panes[i];
    const events = [];
    const state = syncState(m);
    if (!p.synced && m.syncTime !== undefined) {
      p.synced = true;
      events.push({ kind: 'inStep', pane: i, time: m.syncTime });
    }
    if (state === 'lost' && !p.lost) events.push({ kind: 'lost', pane: i, time: m.time, bursts: m.bursts });
    p.lost = state === 'lost';
    const merge = this.heldBursts(p, m);
    if (merge) events.push({ kind: 'merge', pane: i, time: m.time, ...merge });
    groupR.forEach((r, g) => {
      p.groups[g] ??= { in: false, since: null };
      const s = p.groups[g];
      if (s.in) {
        if (r < GROUP_OUT) Object.assign(s, { in: false, since: null });
        return;
      }
      if (r < GROUP_IN || m.time < HOLD) {
        s.since = null;
        return;
      }
      s.since ??= m.time;
      if (m.time - s.since >= HOLD) {
        s.in = true;
        events.push({ kind: 'groupInStep', pane: i, time: m.time, group: g });
      }
    });
    return events;
  }

  /** A burst count that held for a cycle: { from, to } when it is fewer than the last one that held. */
  heldBursts(p, m) {
    if (m.time < HOLD) return null;
    if (m.bursts !== p.candidate.value) p.candidate = { value: m.bursts, since: m.time };
    const { value, since } = p.candidate;
    if (value === p.held || m.time - since < HOLD) return null;
    const from = p.held;
    p.held = value;
    return from !== null && value < from && value > 0 ? { from, to: value } : null;
  }

  /** Which subgroups of pane `i` move as one now (indices). */
  groupsInStep(i) {
    return (this.panes[i]?.groups ?? []).flatMap((s, g) => (s?.in ? [g] : []));
  }

  /** The display (the flash guard): an event when it turns calm or flashes again, or its cause changes. */
  display(guard) {
    const now = { on: guard.calm, reason: guard.reason, cause: guard.cause };
    const was = this.shown;
    this.shown = now;
    if (!was) return now.on ? [{ kind: 'calm', ...now }] : [];
    if (was.on === now.on && was.reason === now.reason && was.cause === now.cause) return [];
    return [{ kind: 'calm', ...now }];
  }
}
