// Contrast, computed as WCAG 2 defines it: relative luminance of sRGB
// colours, (L1 + 0.05) / (L2 + 0.05). Used in Node (palette colours) and,
// as source text, in the page (every visible text's colour on its background).

/** [r, g, b, a] (0-255, alpha 0-1) of a CSS colour string: rgb(), rgba() or #rrggbb. */
export function parseColour(text) {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text.trim());
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16), 1];
  const m = /rgba?\(([^)]+)\)/.exec(text);
  if (!m) throw new Error(`not a colour: ${text}`);
  const [r, g, b, a = 1] = m[1]
    .split(/[ ,/]+/)
    .filter(Boolean)
    .map(Number);
  return [r, g, b, a];
}

/** `top` (with alpha) over the opaque `bottom`. */
export function over(top, bottom) {
  const a = top[3];
  return [0, 1, 2].map((k) => top[k] * a + bottom[k] * (1 - a)).concat(1);
}

export function luminance([r, g, b]) {
  const lin = (c) => {
    const x = c / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * In the page: every visible element with its own text, its colour against
 * the background it is drawn on (the nearest opaque background up the tree,
 * translucent ones blended in), and whether it is large text.
 * Returns [{ text, ratio, large, selector }].
 */
export const PAGE_TEXT_CONTRAST = `(() => {
  ${parseColour.toString()}
  ${over.toString()}
  ${luminance.toString()}
  ${contrast.toString()}
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parseColour(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    if (el.closest('[hidden], .visually-hidden, [aria-hidden="true"], option, script, style')) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    const style = getComputedStyle(el);
    if (el.closest(':disabled')) continue; // disabled controls are exempt
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const colour = over(parseColour(style.color), background(el));
    out.push({
      text: n.textContent.trim().slice(0, 40), ratio: contrast(colour, background(el)),
      large: size >= 24 || (bold && size >= 18.66),
      selector: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/ +/).join('.') : ''),
    });
  }
  return out;
})()`;
