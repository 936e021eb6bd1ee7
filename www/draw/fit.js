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
 * Fits `run`'s layout to a `width` x `height` canvas (CSS pixels, `dpr`
 * device pixels each). Returns { scale, ox, oy, radius, x(i), y(i), key }:
 * firm i is drawn at (x(i), y(i)) = (ox, oy) + scale x its layout position;
 * `key` changes whenever the positions or the canvas do, so what is cached
 * by it (a tie layer, a wave's marks) is made again when firms move.
 */
export function fitLayout(run, width, height, dpr = 1) {
  const { n, positions } = run;
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity,
    sum = 0;
  for (let i = 0; i < n; i++) {
    const px = positions[2 * i],
      py = positions[2 * i + 1];
    x0 = Math.min(x0, px);
    x1 = Math.max(x1, px);
    y0 = Math.min(y0, py);
    y1 = Math.max(y1, py);
    sum += px * (1 + (i % 7)) + py * (1 + (i % 5));
  }
  const spanX = Math.max(x1 - x0, 1e-6),
    spanY = Math.max(y1 - y0, 1e-6);
  const margin = Math.max(14, Math.min(width, height) * 0.06);
  const scale = Math.max(1e-6, Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY));
  const ox = (width - spanX * scale) / 2 - x0 * scale,
    oy = (height - spanY * scale) / 2 - y0 * scale;
  return {
    scale,
    ox,
    oy,
    radius: dotRadius(n, width, height),
    x: (i) => ox + positions[2 * i] * scale,
    y: (i) => oy + positions[2 * i + 1] * scale,
    key: `${width} ${height} ${dpr} ${n} ${sum}`,
  };
}

/** The firm nearest to canvas point (px, py) under `fit`, within reach of a finger; -1 if none. */
export function nearestFirm(run, fit, px, py) {
  let best = -1,
    bestD = Math.max(14, fit.radius * 2.5);
  for (let i = 0; i < run.n; i++) {
    const d = Math.hypot(fit.x(i) - px, fit.y(i) - py);
    if (d < bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}
