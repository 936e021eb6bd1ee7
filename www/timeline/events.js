// The moments of both runs worth going back to, in words: each pane coming
// into step, its rhythms merging (3 -> 2), its coordinators' joint releases
// and signals (from the core's detector, src/simulation/events.rs: the same
// times on every run of the scenario), and the display turning calm (the
// page's flash guard, at the time it happened on this page). One job: keep
// the list and say each event; the timeline marks and lists it, and
// announcements (issue 21) may read it too.

/** An event's words: `label` names its pane. */
export function describe({ kind, pane, label, ...e }) {
  const who = label ?? `Pane ${pane + 1}`;
  if (kind === 'inStep') return `${who} comes into step`;
  if (kind === 'rhythms') return `${who}: rhythms merge, ${e.from} to ${e.to}`;
  if (kind === 'joint') {
    if (!e.signal) return `${who}: the coordinators release together`;
    const tipped = e.tipped === 1 ? '1 firm' : `${e.tipped.toLocaleString('en')} firms`;
    return `${who}: the coordinators release together and signal, tipping ${tipped}`;
  }
  if (kind === 'calm') return 'The display turns calm (too many flashes)';
  return `${who}: ${kind}`;
}

export class Events {
  constructor() {
    this.reset([]);
  }

  /** New runs: `panes` [{ run, label }]. */
  reset(panes) {
    this.panes = panes.map((p) => ({ run: p.run, label: p.label, seen: 0 }));
    this.list = [];
    this.version = 0;
  }

  /** Takes the events the cores detected since last asked (call as the runs advance); true when some came. */
  poll() {
    let added = false;
    this.panes.forEach((p, pane) => {
      const count = p.run.reading('events');
      if (count <= p.seen) return;
      for (const e of p.run.events(p.seen)) this.list.push({ ...e, pane, label: p.label });
      p.seen = count;
      added = true;
    });
    if (added) this.changed();
    return added;
  }

  /** The display turned calm at run time `time` (once per run of the guard's verdict). */
  calm(time) {
    if (this.list.some((e) => e.kind === 'calm')) return;
    this.list.push({ kind: 'calm', time, pane: -1 });
    this.changed();
  }

  changed() {
    this.list.sort((a, b) => a.time - b.time || a.pane - b.pane);
    this.version++;
  }

  /** Events up to `until` (cycles), in time order: [{ kind, time, pane, text, ... }]. */
  upTo(until = Infinity) {
    return this.list.filter((e) => e.time <= until).map((e) => ({ ...e, text: describe(e) }));
  }

  /** The nearest event of `kind` of `pane` before (dir -1) or after (dir 1) `t`, or null. */
  near(kind, pane, t, dir, until = Infinity) {
    let best = null;
    for (const e of this.list) {
      if (e.kind !== kind || e.pane !== pane || e.time > until) continue;
      if (
        dir < 0
          ? e.time < t - 1e-9 && (!best || e.time > best.time)
          : e.time > t + 1e-9 && (!best || e.time < best.time)
      )
        best = e;
    }
    return best;
  }
}
