// The host page's commands that change what the figure shows, `set` and
// `preset`, checked before anything changes. parseSet / parsePreset turn a
// message into an item or throw naming the field; applyItems folds items
// over the page as it is into what to propose (or throws): the store then
// builds both panes whole, so a refused item changes nothing.
//   set    { params: { path: value }, pane: 'both' | 0 | 1, label?, title? }
//          `network.kind` switches a pane's network to that kind with the
//          kind's default knobs (knobs given beside it apply on top);
//          `label` names the targeted panes; `speed` is the clock's.
//   preset { id, title? }   one of the presets of controls/presets.js
// `title` is the figure's title from then on ('' for the derived one); a
// preset without a title shows the preset's name.
import { parameter, parameters, limits, defaultScenario, visibleText } from '../core.js';
import { PRESETS, presetById, presetPanes } from '../controls/presets.js';
import { paneLabel, copyScenario } from '../state.js';
import { MAX_TITLE } from './embed.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: it finds control characters in hostile text
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Longest piece of a message's text an error quotes, in characters. */
const SAID = 40;

/**
 * A short text of any value a message carries (it may be hostile: never
 * throws): whole when short, else its start marked as cut, with its length.
 */
export function said(value) {
  try {
    const text = String((typeof value === 'string' ? value : JSON.stringify(value)) ?? typeof value);
    const chars = [...text.slice(0, 4 * SAID)];
    return chars.length > SAID ? `${chars.slice(0, SAID).join('')}… (${text.length} characters)` : text;
  } catch {
    return typeof value;
  }
}

/**
 * A title or label: plain one-line text of at most `max` characters, or
 * throws; bidi controls and zero-width characters are stripped (the core's
 * rule for labels), since they reorder or hide what a reader sees.
 */
function plainText(field, value, max) {
  if (typeof value !== 'string' || [...value].length > max || CONTROL.test(value)) {
    throw new Error(`${field}: a plain one-line text of at most ${max} characters`);
  }
  return visibleText(value).trim();
}

/** Network kinds a message may switch to (an imported network needs its edges). */
function kinds() {
  return parameter('network.kind')
    .options.map((o) => o.value)
    .filter((k) => k !== 'edgeList');
}

/** Checks one `set` field against the core's table: returns the value to set or throws. */
function checked(path, value) {
  const p = parameter(path);
  if (!p || p.kind === 'firms') throw new Error(`${said(path)}: not a parameter`);
  if (p.kind === 'flag') {
    if (typeof value !== 'boolean') throw new Error(`${path}: true or false`);
  } else if (p.kind === 'choice') {
    if (!p.options.some((o) => o.value === value))
      throw new Error(`${path}: one of ${p.options.map((o) => o.value).join(', ')}`);
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${path}: a number`);
  } else if (
    p.kind === 'whole' &&
    (!Number.isInteger(value) || value < 0 || (typeof p.hi === 'number' && value > p.hi))
  ) {
    throw new Error(`${path}: a whole number from ${p.lo} to ${p.hi}`);
  }
  return value;
}

/** A `set` command checked field by field, or throws. */
export function parseSet({ params, pane = 'both', label, title }) {
  if (!params || typeof params !== 'object' || Array.isArray(params))
    throw new Error('params: an object of parameter values');
  if (pane !== 'both' && pane !== 0 && pane !== 1) throw new Error('pane: both, 0 or 1');
  const item = { type: 'set', pane, speed: null, kind: null, edits: [] };
  for (const [path, value] of Object.entries(params)) {
    if (path === 'speed') {
      const [min, max] = limits().speed;
      if (typeof value !== 'number' || !(value >= min && value <= max))
        throw new Error(`speed: a number from ${min} to ${max}`);
      item.speed = value;
    } else if (path === 'network.kind') {
      if (!kinds().includes(value)) throw new Error(`network.kind: one of ${kinds().join(', ')}`);
      item.kind = value;
    } else item.edits.push([path, checked(path, value)]);
  }
  // The core's limit for labels in a link.
  if (label !== undefined) item.label = plainText('label', label, limits().labelChars);
  if (title !== undefined) item.title = plainText('title', title, MAX_TITLE);
  return item;
}

/** A `preset` command, or throws naming the presets there are. */
export function parsePreset({ id, title }) {
  if (typeof id !== 'string' || !presetById(id)) {
    throw new Error(`id: ${said(id)} is not a preset; one of ${PRESETS.map((p) => p.id).join(', ')}`);
  }
  return { type: 'preset', id, title: title === undefined ? undefined : plainText('title', title, MAX_TITLE) };
}

/** Whether an item changes a pane (and so restarts the runs). */
export const restarts = (item) =>
  item.type === 'preset' || item.kind !== null || item.edits.length > 0 || item.label !== undefined;

function setPath(obj, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  keys.reduce((o, k) => o[k], obj)[last] = value;
}

/** One pane after a `set`: its kind (with that kind's defaults), knobs, values and label. */
function setPane(pane, { kind, edits, label }) {
  // An imported network's lists are shared, not copied (copyScenario).
  const next = { ...pane, scenario: copyScenario(pane.scenario) };
  if (kind) {
    next.scenario.network = { kind };
    next.label = paneLabel(kind);
    next.matchTies = kind === 'gnm';
  }
  const own = next.scenario.network.kind;
  for (const [path, value] of edits) {
    const p = parameter(path);
    if (p.networks.length && !p.networks.includes(own)) {
      throw new Error(`${path}: not a knob of ${own} networks (theirs: ${knobsOf(own)})`);
    }
    setPath(next.scenario, path, value);
  }
  if (label !== undefined) next.label = label || paneLabel(own);
  return next;
}

const knobsOf = (kind) =>
  parameters()
    .filter((p) => p.networks.includes(kind))
    .map((p) => p.path)
    .join(', ') || 'none';

/**
 * Folds `items` over `page` = { panes, view, title } into the page they ask
 * for: { panes, view (a patch), title, restart (the panes changed) }. Throws,
 * naming the field, when an item does not fit the pane it targets.
 */
export function applyItems(page, items) {
  let { panes, title } = page;
  const view = {};
  let restart = false;
  for (const item of items) {
    if (item.type === 'preset') {
      panes = presetPanes(item.id, defaultScenario());
      Object.assign(view, { preset: item.id, layout: 'compare' });
      title = item.title || null;
    } else {
      if (restarts(item)) {
        panes = panes.map((p, i) => (item.pane === 'both' || item.pane === i ? setPane(p, item) : p));
        view.preset = null;
      }
      if (item.speed !== null) view.speed = item.speed;
      if (item.title !== undefined) title = item.title || null;
    }
    restart ||= restarts(item);
  }
  return { panes, view, title, restart };
}
