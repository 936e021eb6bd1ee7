// Scrolls the window, as little as it can, so that some elements lie in a
// band of the viewport (between a fixed bar at the top and a fixed box at
// the bottom). When they cannot all fit, their top goes to the band's top.

/** `top`, `bottom`: the band in viewport pixels; `smooth` animates. */
export function bringIntoView(elements, { top, bottom, smooth = false }) {
  const rects = elements.filter((e) => e && e.getClientRects().length > 0).map((e) => e.getBoundingClientRect());
  if (rects.length === 0) return;
  const y0 = Math.min(...rects.map((r) => r.top));
  const y1 = Math.max(...rects.map((r) => r.bottom));
  let dy = 0;
  if (y0 < top || y1 - y0 > bottom - top) dy = y0 - top;
  else if (y1 > bottom) dy = y1 - bottom;
  if (Math.abs(dy) >= 1) window.scrollBy({ top: dy, behavior: smooth ? 'smooth' : 'instant' });
}
