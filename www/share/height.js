// The embed's height, told to the article around it. The embed posts its
// content height whenever it changes, as {"datawrapper-height": {"<id>": px}}:
// the message Datawrapper's charts send, which many CMSs and newsroom
// templates already listen for (and Datawrapper's own embed script applies to
// any iframe whose window sent it), so an article that already shows
// Datawrapper charts sizes Lockstep too, and one that does not needs only the
// few lines of HOST_SCRIPT below: no library in the host (Pym.js would need
// its script on both sides). The id comes from the embed's link (`id=`,
// written by the embed dialog), so several embeds in one article resize
// independently.

/** The message key the embed posts its height under (Datawrapper's). */
export const HEIGHT_MESSAGE = 'datawrapper-height';

/** An embed id from a link's `id=`: letters, digits, '-' and '_', up to 64; else null. */
export function cleanId(text) {
  const id = String(text ?? '').trim();
  return /^[\w-]{1,64}$/.test(id) ? id : null;
}

/** A fresh id for one embed in an article ('lockstep-' and 6 letters or digits). */
export function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `lockstep-${[...bytes].map((b) => (b % 36).toString(36)).join('')}`;
}

/**
 * The embed side: posts the height of `content` (the embed's body) to the
 * host under `id` now and whenever it changes: at most once a frame, and
 * only a whole number of pixels that differs from the last one posted.
 */
export function postHeights(id, content = document.body, host = window.parent) {
  if (host === window || !('ResizeObserver' in window)) return;
  let last = 0;
  let queued = false;
  const post = () => {
    queued = false;
    const px = Math.ceil(content.getBoundingClientRect().height);
    if (px === last || px <= 0) return;
    last = px;
    host.postMessage({ [HEIGHT_MESSAGE]: { [id]: px } }, '*');
  };
  new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(post);
  }).observe(content);
}

/**
 * The host side, as the snippet carries it (self-contained: it is pasted as
 * its own text). A height message sizes the iframe whose window sent it (a
 * sandboxed iframe's window is still its contentWindow), else the iframe
 * with the message's id; heights outside 100 to 5000 px are ignored.
 */
export function applyHeight(e) {
  const heights = e.data?.['datawrapper-height'];
  if (!heights || typeof heights !== 'object') return;
  for (const [id, value] of Object.entries(heights)) {
    const px = Number(value);
    if (!(px >= 100 && px <= 5000)) continue;
    const frames = [...document.querySelectorAll('iframe')];
    const frame = frames.find((f) => f.contentWindow === e.source) ?? frames.find((f) => f.id === id);
    if (frame) frame.style.height = `${Math.ceil(px)}px`;
  }
}

/** The lines the snippet adds under the iframe: the host listens once, however many embeds. */
export const HOST_SCRIPT = `<script>
  /* Lockstep: fits each embed's iframe to its content's height (the "datawrapper-height" message). */
  if (!window.lockstepHeights) { window.lockstepHeights = true; addEventListener("message", ${applyHeight.toString().replace(/^function \w+/, 'function')}); }
</script>`;
