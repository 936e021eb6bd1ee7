// Embed mode (index.html?embed=1): for articles, in an iframe. Only the
// canvases, a play/pause button, each pane's r and a small "open in
// Lockstep" link; `controls=eps,speed` shows a chosen few controls. It
// starts paused and plays while it is scrolled into view (pausing when it
// leaves), unless the reader paused it. It writes no URL, cookie or storage
// and makes no network call beyond loading its own files.

/** The embed options of this page's URL. */
export function embedOptions(search = location.search) {
  const q = new URLSearchParams(search);
  const controls = (q.get('controls') ?? '').split(',').map((s) => s.trim()).filter((s) => /^[\w.]{1,40}$/.test(s)).slice(0, 8);
  return { embed: q.get('embed') === '1', controls };
}

/** The URL of the full page for the same scenario (no embed options). */
export function fullPageUrl(href = location.href) {
  const url = new URL(href);
  url.searchParams.delete('embed');
  url.searchParams.delete('controls');
  return url.href;
}

/** The iframe snippet for `url` (of the full page) at `height` px. */
export function iframeSnippet(url, height, controls = []) {
  const src = new URL(url);
  src.searchParams.set('embed', '1');
  if (controls.length) src.searchParams.set('controls', controls.join(','));
  const h = Math.max(200, Math.min(1200, Math.round(Number(height) || 420)));
  const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<iframe src="${attr(src.href)}" title="Lockstep: synchrony spreading through networks of firms" width="100%" height="${h}" style="border:0;max-width:100%" loading="lazy" sandbox="allow-scripts allow-popups"></iframe>`;
}

/**
 * Turns the page into the embed. `play(on, byReader)` plays or pauses.
 * Returns { readerToggled(playing) } for the play button.
 */
export function setupEmbed({ controls, play, isPlaying }) {
  document.body.classList.add('embed');
  const open = document.getElementById('open-full');
  const refreshLink = () => { open.href = fullPageUrl(); };
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

  let readerPaused = false;
  let visible = false;
  if ('IntersectionObserver' in window) {
    const watch = new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting && e.intersectionRatio >= 0.25);
      if (visible && !readerPaused) play(true);
      if (!visible) play(false);
    }, { threshold: [0, 0.25, 0.5] });
    watch.observe(document.getElementById('panes'));
  } else {
    play(true);
  }

  return {
    /** The reader (or the host page) played or paused: remember it. */
    readerToggled(playing) { readerPaused = !playing; },
    visible: () => visible,
    isPlaying,
  };
}
