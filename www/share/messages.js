// The postMessage API for a page that embeds Lockstep in an iframe.
// Commands, sent by the parent window as { lockstep: 1, command, ... }:
//   { command: 'play' } | { command: 'pause' } | { command: 'reset' }
//   { command: 'set', params: { eps: 0.1, seed: 3, speed: 2, 'network.kind': 'gnm' }, pane: 'both' | 0 | 1, label?, title? }
//   { command: 'preset', id: 'compare', title? }
//   { command: 'state' }                      -> answered by a 'state' event
//   { command: 'seek', t }                    -> pauses at moment t (cycles), answered by a 'seeked' event
// (commands.js checks and composes `set` and `preset`).
// Events, posted to the parent as { lockstep: 1, event, ... }:
//   ready        { panes: [label, ...] }            send commands only after it
//   playing      { playing }
//   bursts       { pane, label, bursts, time }      each change of a pane's burst count
//   synchronized { pane, label, time, offset }      once per run and pane
//   state        { playing, speed, time, title, preset, panes: [{ label, kind, mode, r, bursts, syncTime, onRoadmap, verdict }] }
//   seeked       { time, requested }                 a `seek` done: the panes are at `time` (`requested`
//                                                   clamped into [0, the limit]), paused
//   error        { command, message }               a command that could not be done (nothing changed)
// Only messages from the parent window are read; values are checked the
// same way as the page's controls (unknown fields are refused, by name).
import { crashed, checkScenario } from '../core.js';
import { parseSet, parsePreset, applyItems, said } from './commands.js';

/** Posts event `event` to the parent window (none: nothing). */
function post(host, event, data = {}) {
  host.parent?.postMessage({ lockstep: 1, event, ...data }, '*');
}

/** One command from the parent: done, queued, or answered by an `error` event. */
function onCommand(host, data) {
  const { page } = host;
  const { command } = data;
  try {
    if (command === 'play' || command === 'pause') page.play(command === 'play');
    else if (command === 'reset') page.reset();
    else if (command === 'set') queue(host, parseSet(data));
    else if (command === 'preset') queue(host, parsePreset(data));
    else if (command === 'state') post(host, 'state', page.snapshot());
    else if (command === 'seek') seek(host, data.t);
    else throw new Error(`unknown command ${said(command)}`);
  } catch (err) {
    if (crashed(err)) throw err;
    post(host, 'error', { command: said(command), message: String(err?.message ?? err) });
  }
}

/**
 * A `seek`: t a number of cycles (out of [0, the limit]: clamped), done
 * after the `set` and `preset` commands sent before it; answered by
 * `seeked`, or by `error` (not a number, or a newer seek or new runs came
 * first).
 */
function seek(host, t) {
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new Error(`t: ${said(t)} is not a number of cycles`);
  const error = (message) => post(host, 'error', { command: 'seek', message });
  flush(host); // the commands before it first, now rather than at the next frame
  host.flushed = host.flushed.then(async () => {
    try {
      const time = await host.page.seek(t);
      if (time === null) error(`t: going to ${t} was stopped by a newer seek or new runs`);
      else post(host, 'seeked', { time, requested: t });
    } catch (err) {
      if (crashed(err)) throw err;
      error(String(err?.message ?? err));
    }
  });
}

function queue(host, item) {
  host.waiting++;
  host.pending.push(item);
  if (host.scheduled) return;
  host.scheduled = true;
  // A frame, or a moment when frames are paused (an iframe out of view).
  requestAnimationFrame(() => flush(host));
  setTimeout(() => flush(host), 100);
}

/**
 * Applies the queued items, one build for the batch. A batch waits for
 * the batches before it, since it is composed on the panes they leave
 * (builds take several tasks); items that come meanwhile make the next
 * batch, so later commands wait for one build at most.
 */
function flush(host) {
  if (!host.scheduled) return;
  host.scheduled = false;
  const batch = host.pending;
  host.pending = [];
  const job = host.flushed.then(() => applyBatch(host, batch));
  host.flushed = job.catch(() => {}); // a crash rejects `job`, which the page hears of
}

/**
 * Each item composed on the page the items before it leave and checked by
 * the core without building: a refused one gets its `error` event and is
 * left out, and the rest build once.
 */
async function applyBatch(host, batch) {
  const { page } = host;
  try {
    const kept = [];
    let at = { panes: page.store.get().panes, title: page.title.get() };
    for (const item of batch) {
      const next = fits(page, at, item);
      if (typeof next === 'string') post(host, 'error', { command: item.type, message: next });
      else {
        kept.push(item);
        at = next;
      }
    }
    if (!kept.length) return;
    const refusal = await commit(page, kept);
    // Checked one by one, the items can still be refused together (a build's own limits).
    if (refusal) post(host, 'error', { command: kept.length === 1 ? kept[0].type : 'set', message: refusal });
  } finally {
    host.waiting -= batch.length;
  }
}

/**
 * `item` composed on the page `at` ({ panes, title }) and checked by the
 * core as the build would check it, without building: the page it
 * leaves, or why it cannot run (a string).
 */
function fits(page, at, item) {
  try {
    const next = applyItems(at, [item]);
    if (next.restart) {
      next.panes.forEach((pane, i) => {
        if (pane.scenario === at.panes[i].scenario) return;
        try {
          checkScenario(pane.scenario);
        } catch (error) {
          if (crashed(error)) throw error;
          throw new Error(page.describe({ error, label: pane.label }));
        }
      });
    }
    return { panes: next.panes, title: next.title };
  } catch (err) {
    if (crashed(err)) throw err;
    return String(err?.message ?? err);
  }
}

/** Commits `items` whole; resolves to null, or why they cannot run (then nothing changed). */
async function commit(page, items) {
  const { store } = page;
  let next;
  try {
    next = applyItems({ panes: store.get().panes, title: page.title.get() }, items);
  } catch (err) {
    if (crashed(err)) throw err;
    return String(err?.message ?? err);
  }
  if (next.restart) {
    const refusal = await store.setPanes(next.panes, next.view);
    if (refusal) return page.describe(refusal);
  } else if (Object.keys(next.view).length) {
    store.setView(next.view);
  }
  page.title.set(next.title);
  return null;
}

/** Posts `bursts` on each change of a pane's burst count and `synchronized` once per run and pane. */
function postChanges(host, panes) {
  panes.forEach(({ label, m }, i) => {
    const was = host.seen[i] ?? { bursts: -1, synced: false };
    if (m.bursts !== was.bursts) post(host, 'bursts', { pane: i, label, bursts: m.bursts, time: m.time });
    const synced = m.syncTime !== undefined && m.syncTime !== null;
    if (synced && !was.synced) post(host, 'synchronized', { pane: i, label, time: m.syncTime, offset: m.syncOffset });
    host.seen[i] = { bursts: m.bursts, synced };
  });
}

/**
 * Listens for commands. `page` gives: store, play(on), reset(), seek(t)
 * (resolves to the time reached, or null when cancelled), describe(refusal) (a refused change in words), snapshot() (for 'state')
 * and title: { get(), set(text | null) } (the figure's chosen title).
 * The handler never throws: every bad message is answered by an `error`
 * event. Bursts of `set` and `preset` are applied together, once a frame:
 * each item is composed on the page the items before it leave and checked
 * by the core without building (an item that does not fit is answered by
 * its error and left out), then the rest build once: one restart, however
 * many items and however big the panes.
 */
export function bindMessages(page) {
  const parent = window.parent !== window ? window.parent : null;
  // What each pane last posted; the queued items; the batches applied so far.
  // `waiting`: items queued or being applied (for the test hook).
  const host = { page, parent, seen: [], pending: [], scheduled: false, flushed: Promise.resolve(), waiting: 0 };
  window.addEventListener('message', (e) => {
    if (!parent || e.source !== parent || !e.data || e.data.lockstep !== 1) return;
    onCommand(host, e.data);
  });
  return {
    /** How many `set` and `preset` commands are queued or being applied. */
    waiting: () => host.waiting,
    ready: (labels) => post(host, 'ready', { panes: labels }),
    playing: (playing) => post(host, 'playing', { playing }),
    /** A new run: every pane's events start again. */
    restart() {
      host.seen = [];
    },
    /** Called a few times a second with each pane's measures. */
    update: (panes) => postChanges(host, panes),
  };
}
