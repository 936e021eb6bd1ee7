// Where firms sit on a pane's canvas: the layout (unit square) fitted into
// the canvas with a margin, the dot radius for that many firms, and the firm
// under a pointer. Both renderers place firms with it, so they agree to the
// pixel, and window.lockstep.firmAt reports what either draws.

/** Dot radius in CSS pixels: about a fifth of the room each firm has, within [1.6, 8]. */
export function dotRadius(n, width, height) {
  const room = Math.sqrt((width * height) / Math.max(n, 1));
  return Math.min(8, Math.max(1.6, room / 5));
}

/**
 * Fits `run`'s layout to a `width` x `height` canvas (CSS pixels). Returns
 * { scale, ox, oy, radius, x(i), y(i) }: firm i is drawn at (x(i), y(i)) =
 * (ox, oy) + scale x its layout position.
 */
export function fitLayout(run, width, height) {
  const { n, positions } = run;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, positions[2 * i]); x1 = Math.max(x1, positions[2 * i]);
    y0 = Math.min(y0, positions[2 * i + 1]); y1 = Math.max(y1, positions[2 * i + 1]);
  }
  const spanX = Math.max(x1 - x0, 1e-6), spanY = Math.max(y1 - y0, 1e-6);
  const margin = Math.max(14, Math.min(width, height) * 0.06);
  const scale = Math.max(1e-6, Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY));
  const ox = (width - spanX * scale) / 2 - x0 * scale, oy = (height - spanY * scale) / 2 - y0 * scale;
  return {
    scale, ox, oy, radius: dotRadius(n, width, height),
    x: (i) => ox + positions[2 * i] * scale,
    y: (i) => oy + positions[2 * i + 1] * scale,
  };
}

/** The firm nearest to canvas point (px, py) under `fit`, within reach of a finger; -1 if none. */
export function nearestFirm(run, fit, px, py) {
  let best = -1, bestD = Math.max(14, fit.radius * 2.5);
  for (let i = 0; i < run.n; i++) {
    const d = Math.hypot(fit.x(i) - px, fit.y(i) - py);
    if (d < bestD) { best = i; bestD = d; }
  }
  return best;
}
