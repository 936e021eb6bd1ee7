// The narrator, on the page and in the embed: finds the events of the run
// (events.js) and announces the ones a person would point at through the
// one polite announcer (announcer.js), in words.js's words: a pane comes
// into step, rhythms merge, a subgroup moves as one, the signal tips firms
// over, the display turns calm and why; and the tour's steps, when one
// opens and when its claim comes true (the tour's `tour-step` and
// `tour-claim` events). Events of a pane not on screen are kept, not said.
// Several of one kind waiting are said as one ("rhythms merged, 5 to 2").
import { Announcer } from './announcer.js';
import { EventDetector } from './events.js';
import { eventWords, calmWords } from './words.js';

const LOG = 200; // events kept for descriptions and the curious

/** Priorities: what is joined first when several wait. */
const PRIORITY = { tour: 5, claim: 5, inStep: 4, lost: 3, merge: 2, groupInStep: 2, signal: 1, calm: 1 };

/**
 * `app`: store, panes, guard; `holder`: where the live regions go.
 * Returns { install(), frame(), text(m), say(text, options), log(), snapshot() }.
 */
export function createNarrator(app, holder) {
  const announcer = new Announcer(holder);
  const detector = new EventDetector(app.panes.length);
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
  // signalled: panes whose signal tipping was said (the first time it is seen, then for new subgroups only).
  const n = { log: [], pending: new Map(), measures: [], run: 0, signalled: new Set() };

  const paneOf = (i) => {
    const p = app.panes[i];
    return { label: p.label, run: p.run, m: n.measures[i] ?? p.run.measures(), grouped: p.run.groupCount > 1 };
  };
  const shown = (i) => {
    const { view } = app.store.get();
    return view.layout !== 'single' || view.single === i;
  };

  /** Says event `e`, joined with others of its kind and pane still waiting. */
  const announce = (event) => {
    let e = event;
    if (e.kind === 'calm') {
      const { speed } = app.store.get().view;
      announcer.say(calmWords(e, app.guard, speed, reduced.matches), { key: 'calm', priority: PRIORITY.calm });
      return;
    }
    if (!PRIORITY[e.kind] || !shown(e.pane)) return;
    if (e.kind === 'signal') {
      const said = n.signalled.has(e.pane);
      if (said && !e.fresh.length) return;
      n.signalled.add(e.pane);
      if (said) e = { ...e, groups: e.fresh };
    }
    const key = `${e.kind}-${e.pane}`;
    let joined = e;
    const waiting = n.pending.get(key);
    if (waiting && e.kind === 'merge') joined = { ...e, from: waiting.from };
    if (waiting && e.kind === 'groupInStep')
      joined = { ...e, groups: [...(waiting.groups ?? [waiting.group]), e.group] };
    if (waiting && e.kind === 'signal')
      joined = { ...e, tipped: waiting.tipped + e.tipped, groups: [...waiting.groups, ...e.groups] };
    n.pending.set(key, joined);
    announcer.say(eventWords(joined, paneOf(e.pane)), {
      key,
      priority: PRIORITY[e.kind],
      spoken: () => n.pending.delete(key),
    });
  };

  const record = (events) => {
    for (const e of events) {
      n.log.push({ ...e, run: n.run, label: e.pane === undefined ? undefined : app.panes[e.pane].label });
      announce(e);
    }
    if (n.log.length > LOG) n.log.splice(0, n.log.length - LOG);
  };

  // The tour says when a step opens and when its claim comes true.
  document.addEventListener('tour-step', (e) => {
    const { index, count, title, claim } = e.detail;
    announcer.drop('claim');
    if (index < 0) {
      announcer.say('Tour closed.', { key: 'tour', priority: PRIORITY.tour });
      return;
    }
    announcer.say(`Step ${index + 1} of ${count}: ${title}. ${claim}`, {
      key: 'tour',
      priority: PRIORITY.tour,
    });
  });
  document.addEventListener('tour-claim', (e) => {
    const { index, text } = e.detail;
    announcer.say(`Step ${index + 1}, as it said: ${text}`, { key: 'claim', priority: PRIORITY.claim });
  });

  return {
    /** New runs: nothing has happened in them yet. */
    install() {
      detector.reset(app.panes.length);
      n.measures = [];
      for (const key of n.pending.keys()) announcer.drop(key);
      n.pending.clear();
      n.signalled.clear();
      n.run++;
    },
    /** Each frame: the releases of the panes that advanced (joint releases, the signal tipping firms over). */
    frame() {
      app.panes.forEach((p, i) => {
        if (p.run.advanced) record(detector.releases(i, p.run));
      });
    },
    /** A few times a second, with the panes' measures. */
    text(m) {
      n.measures = m;
      app.panes.forEach((p, i) => {
        record(detector.measures(i, m[i], p.run.groupCount > 1 ? p.run.groupR() : []));
      });
      record(detector.display(app.guard));
    },
    /** Says `text` through the one announcer (options: key, priority). */
    say: (text, options) => announcer.say(text, options),
    /** The events of the runs now in the panes (the last few hundred), oldest first. */
    log: () => n.log.filter((e) => e.run === n.run),
    /** Which subgroups of pane `i` move as one now. */
    groupsInStep: (i) => detector.groupsInStep(i),
    snapshot: () => ({ spoken: [...announcer.history], waiting: announcer.waiting.size }),
  };
}
