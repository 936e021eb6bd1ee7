// The page's state as a link: the URL fragment `#v=1&...` written by the
// core's codec (encodeShare / decodeShare), kept up to date with
// replaceState as the state changes (no history entry per slider tick), and
// read when the page opens or the fragment is edited. A fragment the codec
// cannot read leaves the current (or default) scenario running and says
// why; values it clamped are listed. Also: "Copy link" and "Reset to this link".
import { encodeShare, decodeShare, crashed, limits } from '../core.js';
import { paneLabel } from '../state.js';

const WRITE_MS = 250;

/** The store's state in the codec's shape (SharedState). */
export function toShared(state) {
  const { view } = state;
  return {
    view: view.layout, shown: view.single, speed: view.speed,
    preset: view.preset ?? null, tourStep: view.tour ?? null,
    panes: state.panes.map((p) => ({
      ...(p.label && p.label !== paneLabel(p.scenario.network.kind) ? { label: p.label } : {}),
      scenario: p.scenario, matchTies: Boolean(p.matchTies),
    })),
  };
}

/** The codec's SharedState as { panes, view } patches for the store. */
export function fromShared(shared) {
  const panes = shared.panes.map((p) => ({
    label: p.label ?? paneLabel(p.scenario.network.kind), scenario: p.scenario, matchTies: Boolean(p.matchTies),
  }));
  if (panes.length === 1) panes.push(structuredClone(panes[0]));
  const single = Math.min(shared.shown ?? 0, 1);
  return {
    panes,
    view: { layout: shared.view === 'compare' ? 'compare' : 'single', single, focus: shared.view === 'compare' ? 0 : single,
      speed: shared.speed, preset: shared.preset ?? null, tour: shared.tourStep ?? null },
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

/** The fragment of a state: { fragment } or { error, tooBig }. */
export function writeFragment(state) {
  try {
    return { fragment: encodeShare(toShared(state)) };
  } catch (err) {
    if (crashed(err)) throw err;
    return { error: reason(err), tooBig: err?.field === 'link' };
  }
}

/** Copies `url` to the clipboard, or selects it in `el.url` where the browser refuses. */
async function copyLink(el, url, status) {
  el.url.value = url;
  el.url.hidden = false;
  try {
    await navigator.clipboard.writeText(url);
    status('Link copied.');
  } catch {
    el.url.select();
    status('Copy the selected link (the browser did not allow copying).');
  }
}

/**
 * Keeps the URL in step with the store and wires the share buttons.
 * `apply(decoded)` loads a decoded state; `notice` shows messages;
 * `download()` offers the scenario file when a link would be too big.
 */
export function bindShare({ store, notice, apply, download, el, writeUrl = true }) {
  let timer = 0, current = '', opened = null;
  const status = (text) => { el.status.textContent = text; };

  function write() {
    timer = 0;
    const out = writeFragment(store.get());
    if (out.fragment === undefined) {
      current = '';
      status(out.tooBig ? 'This network is too big for a link: download the scenario file instead.' : '');
      if (!out.tooBig) console.warn(`link: ${out.error}`);
      el.download.hidden = !out.tooBig;
      return;
    }
    el.download.hidden = true;
    current = out.fragment;
    if (writeUrl && location.hash.slice(1) !== current) {
      try { history.replaceState(null, '', `#${current}`); } catch { /* a sandbox may refuse; the link still works */ }
    }
  }
  store.subscribe(() => { if (!timer) timer = setTimeout(write, WRITE_MS); });

  /** The full link of the current state. */
  const link = () => {
    if (timer || !current) { clearTimeout(timer); write(); }
    return current ? `${location.href.split('#')[0]}#${current}` : '';
  };

  el.copy.addEventListener('click', () => {
    const url = link();
    if (!url) {
      status(`This scenario is too big for a link (limit ${limits().linkBytes / 1024} KB): download the scenario file instead.`);
      el.download.hidden = false;
      return;
    }
    opened = current;
    el.reset.hidden = false;
    copyLink(el, url, status);
  });
  el.download.addEventListener('click', () => download());
  el.reset.addEventListener('click', () => {
    if (opened === null) return;
    const read = readFragment(opened);
    if (read.state) apply(read);
  });

  window.addEventListener('hashchange', () => {
    const fragment = location.hash.slice(1);
    if (!fragment || fragment === current) return;
    open(fragment, 'The link was not changed into a scenario; the current one keeps running');
  });

  /** Loads a fragment; on failure says why and keeps what runs. Returns true on success. */
  function open(fragment, fallback) {
    const read = readFragment(fragment);
    if (read.error) {
      notice.show(`${fallback}: ${read.error}.`, [], 'error');
      return false;
    }
    if (read.notes.length) notice.show('The link had values out of range; they were changed:', read.notes);
    opened = fragment;
    el.reset.hidden = false;
    apply(read);
    return true;
  }

  return { open, link, readNow: write };
}
