// Embed mode (index.html?embed=1): for articles, in an iframe. Only the
// canvases with their story (embed-story.js: title, time, verdicts, legend),
// a play/pause button and a small "open in Lockstep" link; `title=` is the
// author's title and `controls=eps,speed` shows a chosen few controls. It
// starts paused and plays while it is scrolled into view (pausing when it
// leaves), unless the reader paused it or the device asks for reduced
// motion (then it waits for Play, with the calm display). It writes no URL,
// cookie or storage and makes no network call beyond loading its own files.
// `id=` has it post its height to the article (height.js), `theme=` sets its
// look (theme.js).
import { cleanId, postHeights, HOST_SCRIPT } from './height.js';
import { embedTheme, applyTheme } from './theme.js';

/** Longest author's title, in characters (a longer one is cut, with an ellipsis). */
export const MAX_TITLE = 80;

/** An author's title as the embed shows it: one line of plain text, at most MAX_TITLE characters. */
export function cleanTitle(text) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a title is one line of plain text
  const oneLine = /[\u0000-\u001f\u007f-\u009f\s]+/g;
  const line = String(text ?? '')
    .replace(oneLine, ' ')
    .trim();
  const chars = [...line];
  return chars.length > MAX_TITLE
    ? `${chars
        .slice(0, MAX_TITLE - 1)
        .join('')
        .trimEnd()}…`
    : line;
}

/** The embed options of this page's URL. */
export function embedOptions(search = location.search) {
  const q = new URLSearchParams(search);
  const controls = (q.get('controls') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^[\w.]{1,40}$/.test(s))
    .slice(0, 8);
  return {
    embed: q.get('embed') === '1',
    controls,
    title: cleanTitle(q.get('title')) || null,
    id: cleanId(q.get('id')),
    ...embedTheme(search),
  };
}

/** The URL of the full page for the same scenario (no embed options). */
export function fullPageUrl(href = location.href) {
  const url = new URL(href);
  for (const option of ['embed', 'controls', 'title', 'id', 'theme', 'ink']) url.searchParams.delete(option);
  return url.href;
}

/** The embed's URL for `url` (of the full page), with its options; `look`: { id, theme, ink } (see height.js, theme.js). */
export function embedUrl(url, controls = [], title = '', look = {}) {
  const src = new URL(url);
  src.searchParams.set('embed', '1');
  if (controls.length) src.searchParams.set('controls', controls.join(','));
  const shown = cleanTitle(title);
  if (shown) src.searchParams.set('title', shown);
  lookParams(src, look);
  return src.href;
}

/** The link's id, theme and ink (a light theme, the default, is left out; ink only for transparent). */
function lookParams(src, { id, theme, ink } = {}) {
  if (id) src.searchParams.set('id', id);
  if (theme && theme !== 'light') src.searchParams.set('theme', theme);
  if (theme === 'transparent' && ink && ink !== 'dark') src.searchParams.set('ink', ink);
}

/** With an id, the iframe carries it and the host's lines that fit it to its content's height follow it. */
/** `html` (the iframe, or its figure) followed by the article's lines that size an embed with id `id`. */
export const withHostLines = (html, id) => (cleanId(id) ? `${html}\n${HOST_SCRIPT}` : html);

/**
 * The iframe snippet for `url` (of the full page) at `height` px (its height
 * until the embed tells its own), with an optional title; `look` as embedUrl's.
 * With an id, the lines that size it follow.
 */
export function iframeSnippet(url, height, controls = [], title = '', look = {}) {
  return withHostLines(iframeTag(url, height, controls, title, look), look.id);
}

/** The iframe alone (its id from `look.id`), for a snippet that puts it in a figure. */
export function iframeTag(url, height, controls = [], title = '', look = {}) {
  const h = Math.max(200, Math.min(1200, Math.round(Number(height) || 420)));
  const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const shown = cleanTitle(title);
  const name = shown ? `Lockstep: ${shown}` : 'Lockstep: synchrony spreading through networks of firms';
  // A transparent embed shows the article through only where both sides' color-scheme agree (embed.css).
  const style =
    look.theme === 'transparent' ? 'border:0;max-width:100%;color-scheme:normal' : 'border:0;max-width:100%';
  const iframe = `<iframe src="${attr(embedUrl(url, controls, title, look))}" title="${attr(name)}" width="100%" height="${h}" style="${style}" loading="lazy" sandbox="allow-scripts allow-popups"></iframe>`;
  const id = cleanId(look.id);
  return id ? iframe.replace('<iframe ', `<iframe id="${id}" `) : iframe;
}

/**
 * Turns the page into the embed. `play(on, byReader)` plays or pauses;
 * `link()` is the link of what runs now ('' when too big for one); `id`,
 * `theme`, `ink` as embedOptions gives them.
 * Returns { readerToggled(playing), refreshLink() }.
 */
export function setupEmbed({ controls, play, isPlaying, link, id, theme, ink }) {
  document.body.classList.add('embed');
  applyTheme({ theme, ink });
  // Sized by its host (the snippet's id): it grows to its content instead of filling the iframe.
  document.body.classList.toggle('embed-sized', id !== null);
  if (id !== null) postHeights(id);
  const open = document.getElementById('open-full');
  // What the host's commands made of the figure, not the iframe's first link.
  const refreshLink = () => {
    open.href = fullPageUrl(link() || location.href);
  };
  refreshLink();
  open.addEventListener('pointerenter', refreshLink);
  open.addEventListener('focus', refreshLink);

  for (const name of controls) {
    const input = document.getElementById(name === 'speed' || name === 'seed' ? name : `p-${name}`);
    const holder = input?.closest('.field, .speed, .seed');
    if (holder) {
      holder.classList.add('embed-keep');
      holder.closest('fieldset')?.classList.add('embed-keep-set');
    }
  }
  document.body.classList.toggle('embed-controls', controls.length > 0);

  // A reader whose device asks for reduced motion starts it: it never plays by itself.
  const still = window.matchMedia('(prefers-reduced-motion: reduce)');
  let readerPaused = false;
  let visible = false;
  if ('IntersectionObserver' in window) {
    const watch = new IntersectionObserver(
      (entries) => {
        visible = entries.some((e) => e.isIntersecting && e.intersectionRatio >= 0.25);
        if (visible && !readerPaused && !still.matches) play(true);
        if (!visible) play(false);
      },
      { threshold: [0, 0.25, 0.5] },
    );
    watch.observe(document.getElementById('panes'));
  } else if (!still.matches) {
    play(true);
  }

  return {
    /** The reader (or the host page) played or paused: remember it. */
    readerToggled(playing) {
      readerPaused = !playing;
    },
    visible: () => visible,
    isPlaying,
    refreshLink,
  };
}
