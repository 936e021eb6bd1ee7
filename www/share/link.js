// The page's state as a link: the URL fragment `#v=1&...` written by the
// core's codec (encodeShare / decodeShare), kept up to date with
// replaceState as the state changes (no history entry per slider tick), and
// read when the page opens or the fragment is edited. A fragment the codec
// cannot read leaves the current (or default) scenario running and says
// why; values it clamped are listed. Also: "Copy link" and "Reset to this link".
//
// One rule for every change that runs (a link, the form, a file, an
// import, a host's message): the address bar reproduces what runs, or,
// when that is too big for a link, holds the core's words that say so
// (fileOnlyFragment: "this-scenario-travels-only-as-a-file"), which a
// reload refuses with the reason; the share row says it too, and Copy link
// offers the scenario file. A reload never runs something else silently.
import { encodeShare, decodeShare, parseStateJson, fileOnlyFragment, crashed, limits } from '../core.js';
import { paneLabel } from '../state.js';
import { copyText } from './copy.js';

const WRITE_MS = 250;

/** The store's state in the codec's shape (SharedState). */
export function toShared(state) {
  const { view } = state;
  return {
    view: view.layout,
    shown: view.single,
    speed: view.speed,
    preset: view.preset ?? null,
    tourStep: view.tour ?? null,
    // The moment the panes were sent to, while they stay there.
    ...(typeof view.at === 'number' ? { at: view.at } : {}),
    panes: state.panes.map((p) => ({
      ...(p.label && p.label !== paneLabel(p.scenario.network.kind) ? { label: p.label } : {}),
      scenario: p.scenario,
      matchTies: Boolean(p.matchTies),
    })),
    // Only an experiment someone chose or edited travels in the link.
    experiment: view.experiment ?? null,
  };
}

/** The codec's SharedState as { panes, view } patches for the store. */
export function fromShared(shared) {
  const panes = shared.panes.map((p) => ({
    label: p.label ?? paneLabel(p.scenario.network.kind),
    scenario: p.scenario,
    matchTies: Boolean(p.matchTies),
  }));
  if (panes.length === 1) panes.push(structuredClone(panes[0]));
  const single = Math.min(shared.shown ?? 0, 1);
  return {
    panes,
    at: shared.at ?? null,
    view: {
      layout: shared.view === 'compare' ? 'compare' : 'single',
      single,
      focus: shared.view === 'compare' ? 0 : single,
      speed: shared.speed,
      preset: shared.preset ?? null,
      tour: shared.tourStep ?? null,
      experiment: shared.experiment ?? null,
    },
  };
}

/** "field: reason" of a codec error, for the message. */
const reason = (err) => String(err?.message || err);

/** Reads a fragment (without '#'): { state, notes } or { error }. */
export function readFragment(fragment) {
  try {
    const { state, notes } = decodeShare(fragment);
    return { state: fromShared(state), notes: notes.map((n) => `${n.field}: ${n.reason}`) };
  } catch (err) {
    if (crashed(err)) throw err;
    return { error: reason(err), field: err?.field };
  }
}

/** Reads a scenario file's bytes (UTF-8, or refused): { state, notes } or { error }. */
export function readFile(bytes) {
  try {
    const { state, notes } = parseStateJson(bytes);
    return { state: fromShared(state), notes: notes.map((n) => `${n.field}: ${n.reason}`) };
  } catch (err) {
    if (crashed(err)) throw err;
    return { error: reason(err), field: err?.field };
  }
}

// Large imported networks found too big for a link, by their list of ties
// (copies of a scenario share it): the codec reads a whole network to find
// that out, a few tenths of a second for 250,000 ties, so it is asked once.
// Only large ones: a label or a setting changes a link by a few bytes, which
// can decide for a network near the limit, never for one this large.
const LARGE_TIES = 10000;
const tooBigNetworks = new WeakSet();
const importedTies = (state) => state.panes.map((p) => p.scenario.network.ties).filter((t) => Array.isArray(t));

/** The fragment of a state: { fragment } or { error, tooBig }. */
export function writeFragment(state) {
  const imported = importedTies(state);
  if (imported.some((ties) => tooBigNetworks.has(ties))) {
    return { error: 'link: the imported network is too big for a link', tooBig: true };
  }
  try {
    return { fragment: encodeShare(toShared(state)) };
  } catch (err) {
    if (crashed(err)) throw err;
    const tooBig = err?.field === 'link';
    if (tooBig) for (const ties of imported) if (ties.length > LARGE_TIES) tooBigNetworks.add(ties);
    return { error: reason(err), tooBig };
  }
}

/** Copies `url` to the clipboard, or selects it in `el.url` where the browser refuses. */
function copyLink(el, url) {
  el.url.value = url;
  el.url.hidden = false;
  return copyText(url, { what: 'Link', button: el.copy, status: el.status, target: el.url });
}

const say = (share, text) => {
  share.el.status.textContent = text;
};

/** Puts `fragment` in the address bar (where this page writes it). */
function setAddress(share, fragment) {
  if (!share.writeUrl || location.hash.slice(1) === fragment) return;
  try {
    history.replaceState(null, '', `#${fragment}`);
  } catch {
    /* a sandbox may refuse; the link still works */
  }
}

/**
 * Writes the store's state as the link into the address bar, or, when it
 * cannot be one, the words that say so instead of an older scenario.
 */
function writeLink(share) {
  const { el } = share;
  clearTimeout(share.timer); // also when called at once: the scheduled write is this one
  share.timer = 0;
  if (share.frozen) return;
  const out = writeFragment(share.store.get());
  if (out.fragment === undefined) {
    share.current = '';
    say(
      share,
      out.tooBig
        ? 'This scenario is too big for a link, so the address bar does not hold it: it travels only as a file (Download scenario file).'
        : `This scenario cannot be written as a link (${out.error}): it travels only as a file (Download scenario file).`,
    );
    el.download.hidden = false;
    setAddress(share, fileOnlyFragment());
    return;
  }
  el.download.hidden = true;
  share.current = out.fragment;
  setAddress(share, share.current);
}

/** Rewrites the link soon after each change; remembers the links of the last two runs, for a crash. */
function followStore(share) {
  share.store.subscribe((state, { restart }) => {
    if (restart) {
      share.previous = share.running;
      share.running = writeFragment(state).fragment ?? null;
    }
    if (!share.timer) share.timer = setTimeout(() => writeLink(share), WRITE_MS);
  });
}

/**
 * After a crash: puts the last scenario that ran in the address bar (the
 * one running, when the crash came while building a new one; else the one
 * before it) and stops writing; one too big for a link leaves the words
 * that say so. Returns its fragment ('' for none).
 */
function recoverLink(share, building) {
  share.frozen = true;
  clearTimeout(share.timer);
  const good = building ? share.running : share.previous;
  if (share.writeUrl) {
    try {
      const address = good === null ? `#${fileOnlyFragment()}` : good ? `#${good}` : '';
      history.replaceState(null, '', address || location.pathname + location.search);
    } catch {
      /* sandboxed */
    }
  }
  return good ?? '';
}

/** The full link of the current state, written now if a write is pending. */
function fullLink(share) {
  if (share.timer || !share.current) {
    clearTimeout(share.timer);
    writeLink(share);
  }
  return share.current ? `${location.href.split('#')[0]}#${share.current}` : '';
}

/** The link of the state at moment `t` (cycles), paused there: '' when too big for a link. */
function momentLink(share, t) {
  const out = writeFragment({ ...share.store.get(), view: { ...share.store.get().view, at: t } });
  return out.fragment === undefined ? '' : `${location.href.split('#')[0]}#${out.fragment}`;
}

/** Copy link, link to this moment, download (when too big for a link) and back to the link's scenario. */
function bindShareButtons(share) {
  const { el } = share;
  el.moment?.addEventListener('click', () => {
    const t = share.now();
    const url = momentLink(share, t);
    if (!url) {
      say(share, 'This scenario is too big for a link: download the scenario file instead.');
      el.download.hidden = false;
      return;
    }
    copyLink(el, url, (text) => say(share, `${text.replace('link', `link to t = ${t.toFixed(2)}`)}`));
  });
  el.copy.addEventListener('click', () => {
    const url = fullLink(share);
    if (!url) {
      // Copy link offers the file: the one way this scenario travels.
      say(
        share,
        `This scenario is too big for a link (limit ${limits().linkBytes / 1024} KB): it travels only as a file. Download scenario file, then send the file.`,
      );
      el.url.hidden = true;
      el.download.hidden = false;
      el.download.focus();
      return;
    }
    share.opened = share.current;
    el.reset.hidden = false;
    copyLink(el, url);
  });
  el.download.addEventListener('click', () => share.download());
  el.reset.addEventListener('click', () => {
    if (share.opened !== null)
      openFragment(share, share.opened, 'The link’s scenario cannot run; the current one keeps running');
  });
}

/** A link edited in the address bar opens. */
function followHash(share) {
  // The fragment navigated to (a write of the link in between may have replaced the address since).
  window.addEventListener('hashchange', (e) => {
    const fragment = new URL(e.newURL).hash.slice(1);
    if (!fragment || fragment === share.current) return;
    openFragment(share, fragment, 'The link was not changed into a scenario; the current one keeps running');
  });
}

/**
 * Loads a fragment; on failure (unreadable, or refused by the core) says
 * why and keeps what runs. Resolves to true on success.
 */
async function openFragment(share, fragment, fallback) {
  const { notice } = share;
  const read = readFragment(fragment);
  const refusal = read.error ?? (await share.apply(read));
  if (refusal) {
    const changed = read.notes?.length ? ['Reading it also changed:', ...read.notes] : [];
    notice.show(`${fallback}: ${refusal}.`, changed, 'error');
    writeLink(share); // the address bar shows what runs, not the refused link
    return false;
  }
  if (read.notes.length) notice.show('The link had values out of range; they were changed:', read.notes);
  else notice.hide();
  share.opened = fragment;
  share.el.reset.hidden = false;
  return true;
}

/** Opens a scenario file's bytes, as a link is opened. Resolves to true on success. */
async function openFileBytes(share, bytes) {
  const { notice } = share;
  const read = readFile(bytes);
  const refusal = read.error ?? (await share.apply(read));
  if (refusal) {
    const changed = read.notes?.length ? ['Reading it also changed:', ...read.notes] : [];
    notice.show(`The file could not be opened, so the current scenario keeps running: ${refusal}.`, changed, 'error');
    return false;
  }
  if (read.notes.length) notice.show('The file had values out of range; they were changed:', read.notes);
  else notice.show('Opened the scenario file.');
  return true;
}

/**
 * Keeps the URL in step with the store and wires the share buttons.
 * `apply(decoded)` loads a decoded state; `notice` shows messages;
 * `download()` offers the scenario file when a link would be too big;
 * `now()` the runs' time, for "Link to this moment".
 * Returns { open(fragment, fallback), openFile(bytes), link(), readNow(), recover(building) }.
 */
export function bindShare({ store, notice, apply, download, el, now = () => 0, writeUrl = true }) {
  const share = { store, notice, apply, download, el, now, writeUrl };
  // The pending write, the link written, the one opened, and whether a crash froze it.
  Object.assign(share, { timer: 0, current: '', opened: null, frozen: false });
  // The links of the scenario that runs and of the one before it, for a
  // crash ('' for none; null for one too big for a link).
  Object.assign(share, { running: '', previous: '' });
  followStore(share);
  bindShareButtons(share);
  followHash(share);
  return {
    open: (fragment, fallback) => openFragment(share, fragment, fallback),
    openFile: (bytes) => openFileBytes(share, bytes),
    link: () => fullLink(share),
    /** The link of this state at moment `t`, paused there ('' when too big for a link). */
    momentLink: (t) => momentLink(share, t),
    readNow: () => writeLink(share),
    recover: (building) => recoverLink(share, building),
    /** The writer, for the test hook: { pending } (a write is waiting) and the `fragment` it last wrote. */
    writer: () => ({ pending: Boolean(share.timer), fragment: share.current }),
  };
}
