// The embed dialog's fallback and version (tools.js): the snippet's figure
// (poster in <noscript>, caption in <figcaption>), the poster to download,
// and the release the snippet points at, read from www/pkg/release.json
// (scripts/release.mjs): a published figure names the version that made
// it, so it never changes when the site updates.
import { presetById } from '../controls/presets.js';
import { cleanTitle } from './embed.js';
import { download } from './export.js';
import { posterMoment, posterWords, posterName, posterLayout, drawPoster, figureSnippet } from './poster.js';

const $ = (id) => document.getElementById(id);
/** Frames waited at most for the panes to draw the poster's moment. */
const DRAW_FRAMES = 120;

/** The release stamp of this build: { version, digest, pinned } (pinned null: not a published release). */
let release = null;
function loadRelease() {
  // Opened from a file, the page is no place to embed from: nothing to fetch.
  if (location.protocol === 'file:') return Promise.resolve(null);
  release ??= fetch(new URL('www/pkg/release.json', document.baseURI))
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
  return release;
}

/** `url` (of a page of this site) at the folder of the release that made it, when it is a published release. */
export function pinnedUrl(url, stamp) {
  if (!stamp?.pinned) return url;
  const to = new URL(url);
  const page = to.pathname.split('/').pop() || 'index.html';
  to.pathname = new URL(`${stamp.pinned}${page}`, to).pathname;
  return to.href;
}

/** Waits until the panes on screen have drawn every change made so far. */
function drawn(app) {
  return new Promise((done) => {
    let frames = 0;
    const look = () => {
      const still = app.rt.dirty || app.panes.some((p) => p.renderer.dirty);
      if ((!still && frames > 1) || frames > DRAW_FRAMES) done();
      else {
        frames++;
        requestAnimationFrame(look);
      }
    };
    requestAnimationFrame(look);
  });
}

/** A still copy of a canvas (the pane's own goes on drawing). */
function still(canvas) {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  copy.getContext('2d').drawImage(canvas, 0, 0);
  return copy;
}

/**
 * `app`: store, panes, clock, rt, seek; `title` the dialog's title input.
 * Returns { page(url), wrap(iframe), failed(iframe, err) }: the page
 * address to embed (pinned to this release), the iframe in its figure (the
 * dialog's words brought up to date), and the iframe alone when the words
 * could not be written.
 */
export function bindPoster(app, title) {
  const src = $('embed-poster-src'),
    button = $('embed-poster'),
    note = $('embed-poster-note'),
    caption = $('embed-caption'),
    alt = $('embed-alt'),
    version = $('embed-version');
  let moment = { key: null, promise: null };

  const shownTitle = () =>
    cleanTitle(title.value) ||
    presetById(app.store.get().view.preset)?.name ||
    [...new Set(app.panes.map((p) => p.label))].join(' vs ');

  /** The moment of the runs in the panes now (found once per pair of runs). */
  const momentNow = () => {
    const runs = app.panes.map((p) => p.run);
    if (moment.key?.[0] !== runs[0] || moment.key?.[1] !== runs[1]) {
      moment = { key: runs, promise: posterMoment(runs.map((r) => r.scenario)) };
    }
    return moment.promise;
  };

  const paneFacts = (measures) =>
    app.panes.map((p, i) => ({
      label: p.label,
      imported: p.run.scenario.network.kind === 'edgeList',
      firms: p.run.n,
      coordinated: p.run.coordinated,
      m: measures[i],
    }));

  /** The figure's words now: { title, time, alt, caption, panes }. */
  async function words() {
    const { time, measures } = await momentNow();
    const panes = paneFacts(measures);
    const t = shownTitle();
    return { title: t, time, panes, ...posterWords({ title: t, time, panes }) };
  }

  title.addEventListener('input', () => {
    if (!src.dataset.edited) src.value = posterName(shownTitle());
  });
  src.addEventListener('input', () => {
    src.dataset.edited = src.value.trim() ? '1' : '';
  });

  // Every failure is said in the note: it never reaches the page's crash handler.
  async function makePoster() {
    button.disabled = true;
    note.textContent = 'Drawing the poster…';
    const { store, clock } = app;
    const before = { ...store.get().view, time: clock.time() };
    try {
      const w = await words();
      if (before.layout === 'single') store.setView({ layout: 'compare' });
      await app.seek(w.time);
      await drawn(app);
      const root = getComputedStyle(document.documentElement);
      const panes = w.panes.map((p, i) => ({
        ...p,
        image: still(app.panes[i].renderer.image()),
        color: root.getPropertyValue(`--pane${i}`).trim() || '#17202e',
      }));
      const canvas = drawPoster({ title: w.title, time: w.time, panes, caption: w.caption });
      const blob = await new Promise((done) => canvas.toBlob(done, 'image/png'));
      if (!blob) throw new Error('the browser could not encode the PNG');
      const name = posterName(w.title);
      download(name, blob);
      note.textContent =
        `${name}: ${canvas.width}×${canvas.height} px, ${Math.round(blob.size / 1024)} KiB, the figure at t = ${w.time.toFixed(1)} cycles. ` +
        'Upload it next to the article and put its address in Poster address.';
    } catch (err) {
      note.textContent = `The poster could not be made: ${err.message}`;
    } finally {
      // The page goes back to where the reader had it.
      try {
        await app.seek(before.time);
        store.setView({ layout: before.layout, playing: before.playing, at: before.at });
      } catch {
        // New runs took over meanwhile: there is no moment to go back to.
      }
      button.disabled = false;
    }
  }
  button.addEventListener('click', makePoster);

  return {
    /** The page address the snippet embeds: this release's own folder when there is one. */
    async page(url) {
      const stamp = await loadRelease();
      version.textContent = stamp?.pinned
        ? `The snippet points at version ${stamp.version} (${stamp.pinned}): the figure stays as it is when the site updates.`
        : stamp?.pinned === ''
          ? `The snippet points at version ${stamp.version}, this page's: the figure stays as it is when the site updates.`
          : 'This copy is not a published release (npm run dist makes one), so the snippet points at this page as it is served.';
      return pinnedUrl(url, stamp);
    },
    /** The iframe alone, when its words could not be written, and why. */
    failed(iframe, err) {
      caption.textContent = '';
      alt.textContent = '';
      note.textContent = `No poster or caption for this scenario: ${err.message || err}`;
      return iframe;
    },
    /** The iframe in its figure, with the poster and the caption. */
    async wrap(iframe) {
      const w = await words();
      if (!src.dataset.edited) src.value = posterName(w.title);
      const sizes = app.panes.map((p) => [p.el.canvas.width, p.el.canvas.height]);
      const { width, height } = posterLayout(w.title, w.caption, sizes);
      caption.textContent = w.caption;
      alt.textContent = w.alt;
      return figureSnippet(iframe, {
        poster: src.value.trim() || posterName(w.title),
        width,
        height,
        alt: w.alt,
        caption: w.caption,
      });
    },
  };
}
