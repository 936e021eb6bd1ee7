// The postMessage API for a page that embeds Lockstep in an iframe.
// Commands, sent by the parent window as { lockstep: 1, command, ... }:
//   { command: 'play' } | { command: 'pause' } | { command: 'reset' }
//   { command: 'set', params: { eps: 0.1, seed: 3, speed: 2, 'network.meanDegree': 4 }, pane: 'both' | 0 | 1 }
//   { command: 'state' }                      -> answered by a 'state' event
// Events, posted to the parent as { lockstep: 1, event, ... }:
//   ready        { panes: [label, ...] }
//   playing      { playing }
//   bursts       { pane, label, bursts, time }      each change of a pane's burst count
//   synchronized { pane, label, time, offset }      once per run and pane
//   state        { playing, speed, time, panes: [{ label, r, bursts, syncTime }] }
//   error        { command, message }               a command that could not be done (nothing changed)
// Only messages from the parent window are read; values are checked the
// same way as the page's controls (unknown fields are refused, by name).
import { parameter, limits, crashed } from '../core.js';

/** Parameters a `set` may change (the network kind and chosen firms are not). */
const SETTABLE = (p) => p && p.path !== 'network.kind' && p.kind !== 'firms';

/** Checks one `set` field against the core's table: returns the value to set or throws. */
function checked(path, value) {
  const p = parameter(path);
  if (!SETTABLE(p)) throw new Error(`${path}: not a parameter`);
  if (p.kind === 'flag') {
    if (typeof value !== 'boolean') throw new Error(`${path}: true or false`);
  } else if (p.kind === 'choice') {
    if (!p.options.some((o) => o.value === value)) throw new Error(`${path}: one of ${p.options.map((o) => o.value).join(', ')}`);
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${path}: a number`);
  } else if (p.kind === 'whole' && (!Number.isInteger(value) || value < 0 || (typeof p.hi === 'number' && value > p.hi))) {
    throw new Error(`${path}: a whole number from ${p.lo} to ${p.hi}`);
  }
  return value;
}

function setPath(obj, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  keys.reduce((o, k) => o[k], obj)[last] = value;
}

/** A short text of any value a message carries (it may be hostile: never throws). */
function said(value) {
  try {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return String(text ?? typeof value).slice(0, 40);
  } catch {
    return typeof value;
  }
}

/** A `set` command checked field by field: { pane, speed, edits: [[path, value]] }, or throws. */
function parseSet({ params, pane = 'both' }) {
  if (!params || typeof params !== 'object' || Array.isArray(params)) throw new Error('params: an object of parameter values');
  if (pane !== 'both' && pane !== 0 && pane !== 1) throw new Error('pane: both, 0 or 1');
  let speed = null;
  const edits = [];
  for (const [path, value] of Object.entries(params)) {
    if (path === 'speed') {
      const [min, max] = limits().speed;
      if (typeof value !== 'number' || !(value >= min && value <= max)) throw new Error(`speed: a number from ${min} to ${max}`);
      speed = value;
    } else edits.push([path, checked(path, value)]);
  }
  return { pane, speed, edits };
}

/**
 * Listens for commands. `page` gives: store, play(on), reset(),
 * describe(refusal) (a refused change in words) and snapshot() (for 'state').
 * The handler never throws: every bad message is answered by an `error`
 * event. Bursts of `set` are applied together, once a frame: one restart.
 */
export function bindMessages(page) {
  const parent = window.parent !== window ? window.parent : null;
  const post = (event, data = {}) => { parent?.postMessage({ lockstep: 1, event, ...data }, '*'); };
  let seen = [];
  let pending = [];
  let scheduled = false;

  window.addEventListener('message', (e) => {
    if (!parent || e.source !== parent || !e.data || e.data.lockstep !== 1) return;
    const { command } = e.data;
    try {
      if (command === 'play' || command === 'pause') page.play(command === 'play');
      else if (command === 'reset') page.reset();
      else if (command === 'set') queue(parseSet(e.data));
      else if (command === 'state') post('state', page.snapshot());
      else throw new Error(`unknown command ${said(command)}`);
    } catch (err) {
      if (crashed(err)) throw err;
      post('error', { command: said(command), message: String(err?.message ?? err) });
    }
  });

  function queue(set) {
    pending.push(set);
    if (scheduled) return;
    scheduled = true;
    // A frame, or a moment when frames are paused (an iframe out of view).
    requestAnimationFrame(flush);
    setTimeout(flush, 100);
  }

  /** Applies every queued `set`: at once if all can run, else one by one, naming each refused one. */
  async function flush() {
    if (!scheduled) return;
    scheduled = false;
    const batch = pending;
    pending = [];
    const speed = batch.findLast((s) => s.speed !== null)?.speed;
    if (speed !== undefined) page.store.setView({ speed });
    const sets = batch.filter((s) => s.edits.length);
    const apply = (list, target) => page.store.editScenarios(target, (scenario, i) => {
      for (const { pane, edits } of list) if (pane === 'both' || pane === i) for (const [path, value] of edits) setPath(scenario, path, value);
    });
    if (!sets.length || !await apply(sets, 'both')) return;
    for (const set of sets) {
      const refusal = await apply([set], set.pane);
      if (refusal) post('error', { command: 'set', message: page.describe(refusal) });
    }
  }

  return {
    ready(labels) { post('ready', { panes: labels }); },
    playing(playing) { post('playing', { playing }); },
    /** A new run: every pane's events start again. */
    restart() { seen = []; },
    /** Called a few times a second with each pane's measures. */
    update(panes) {
      panes.forEach(({ label, m }, i) => {
        const was = seen[i] ?? { bursts: -1, synced: false };
        if (m.bursts !== was.bursts) post('bursts', { pane: i, label, bursts: m.bursts, time: m.time });
        const synced = m.syncTime !== undefined && m.syncTime !== null;
        if (synced && !was.synced) post('synchronized', { pane: i, label, time: m.syncTime, offset: m.syncOffset });
        seen[i] = { bursts: m.bursts, synced };
      });
    },
  };
}
