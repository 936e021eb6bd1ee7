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
//   error        { command, message }               a command that could not be done
// Only messages from the parent window are read; values are checked the
// same way as the page's controls (unknown fields are refused, by name).
import { PARAMS, NETWORK_KNOBS } from './params.js';
import { SPEED_MIN, SPEED_MAX } from './toolbar.js';

const KNOB_PATHS = new Set(Object.values(NETWORK_KNOBS).flat().map((k) => `network.${k.key}`));
const PARAM_TYPES = new Map(PARAMS.map((p) => [p.path, p]));

/** Checks one `set` field: returns the value to set or throws. */
function checked(path, value) {
  if (path === 'seed') {
    if (!Number.isInteger(value) || value < 0 || value > 4294967295) throw new Error('seed: a whole number from 0 to 4294967295');
    return value;
  }
  const p = PARAM_TYPES.get(path);
  if (!p && !KNOB_PATHS.has(path)) throw new Error(`${path}: not a parameter`);
  if (p?.type === 'check') {
    if (typeof value !== 'boolean') throw new Error(`${path}: true or false`);
  } else if (p?.type === 'select') {
    if (!p.options.some(([v]) => v === value)) throw new Error(`${path}: one of ${p.options.map(([v]) => v).join(', ')}`);
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${path}: a number`);
  }
  return value;
}

function setPath(obj, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  keys.reduce((o, k) => o[k], obj)[last] = value;
}

/**
 * Listens for commands. `page` gives: store, play(on), reset(),
 * lastError() (the error of the last rebuild, if the new values cannot run)
 * and snapshot() (for 'state').
 */
export function bindMessages(page) {
  const parent = window.parent !== window ? window.parent : null;
  const post = (event, data = {}) => { parent?.postMessage({ lockstep: 1, event, ...data }, '*'); };
  let seen = [];

  window.addEventListener('message', (e) => {
    if (!parent || e.source !== parent || !e.data || e.data.lockstep !== 1) return;
    const { command } = e.data;
    try {
      if (command === 'play' || command === 'pause') page.play(command === 'play');
      else if (command === 'reset') page.reset();
      else if (command === 'set') set(e.data);
      else if (command === 'state') post('state', page.snapshot());
      else throw new Error(`unknown command ${JSON.stringify(String(command)).slice(0, 40)}`);
    } catch (err) {
      post('error', { command: String(command).slice(0, 40), message: String(err.message || err) });
    }
  });

  function set({ params, pane = 'both' }) {
    if (!params || typeof params !== 'object') throw new Error('params: an object of parameter values');
    if (pane !== 'both' && pane !== 0 && pane !== 1) throw new Error('pane: both, 0 or 1');
    const entries = Object.entries(params);
    let speed = null;
    const edits = [];
    for (const [path, value] of entries) {
      if (path === 'speed') {
        if (typeof value !== 'number' || !(value >= SPEED_MIN && value <= SPEED_MAX)) throw new Error(`speed: a number from ${SPEED_MIN} to ${SPEED_MAX}`);
        speed = value;
      } else edits.push([path, checked(path, value)]);
    }
    if (speed !== null) page.store.setView({ speed });
    if (edits.length) {
      page.store.editScenarios(pane, (s) => { for (const [path, value] of edits) setPath(s, path, value); });
      const error = page.lastError();
      if (error) throw new Error(error);
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
