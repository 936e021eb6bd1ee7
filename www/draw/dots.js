// Firms as pixels: when thousands of firms are dots a few pixels wide,
// writing each dot into the frame's pixels takes a few milliseconds where a
// Canvas 2D path per firm takes a hundred (50,000 firms, software
// rendering). The dots look as canvas.js draws them with paths, by the
// numbers of look.js: the same colours, the release glow, the calm
// display's phase colours (too small for a clock hand). The frame starts
// from the tie layer's pixels.
import { FIRM_AT_REST, FIRM_RELEASING, phaseRgb } from './palette.js';
import { HALO_ALPHA, HALO_GROW, HALO_GROW_PER_LEVEL, CALM_GROW } from './look.js';

/**
 * A disc of radius `r` pixels around a pixel centre: the offsets it covers
 * fully ([dx, dy, ...]) and those it covers in part ([dx, dy, coverage, ...]).
 */
function disc(r) {
  const full = [],
    part = [];
  const reach = Math.ceil(r + 0.5);
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      const cover = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(dx, dy)));
      if (cover >= 1) full.push(dx, dy);
      else if (cover > 0) part.push(dx, dy, cover);
    }
  }
  return { full, part };
}

export class Dots {
  constructor() {
    this.discs = new Map(); // radius in quarter pixels -> disc
    this.frame = null;
  }

  disc(r) {
    const key = Math.round(r * 4);
    let d = this.discs.get(key);
    if (!d) {
      d = disc(key / 4);
      this.discs.set(key, d);
    }
    return d;
  }

  /** The frame's image data (a copy of `base`) and its pixels as words. */
  frameOf(base) {
    const { width, height } = base;
    if (!this.frame || this.frame.width !== width || this.frame.height !== height) {
      this.frame = new ImageData(width, height);
      this.words = new Uint32Array(this.frame.data.buffer);
    }
    this.frame.data.set(base.data);
    return { words: this.words, width, height };
  }

  /**
   * Draws the base image and every firm of `run` but the coordinators (if
   * they coordinate; reactive would-be coordinators are plain firms) onto
   * `ctx` (which must then be drawn over, not under). `flash(i)` is firm
   * i's release flash level, `calm` selects phase colours. Returns how many
   * firms were drawn flashing.
   */
  draw(ctx, base, run, { x, y, radius, dpr, calm, flash }) {
    const img = this.frameOf(base);
    const dot = this.disc(radius * dpr * (calm ? CALM_GROW : 1));
    let flashing = 0;
    for (let i = 0; i < run.n; i++) {
      if (run.isCoordinator[i] && run.coordinated) continue;
      const cx = x(i) * dpr,
        cy = y(i) * dpr;
      let r, g, b;
      if (calm) {
        [r, g, b] = phaseRgb(run.phases[i]);
      } else {
        const level = flash(i);
        if (level > 0) {
          flashing++;
          this.halo(img, cx, cy, radius * dpr, level);
        }
        r = releasing(0, level);
        g = releasing(1, level);
        b = releasing(2, level);
      }
      paint(img, cx, cy, dot.full, (0xff000000 | (b << 16) | (g << 8) | r) >>> 0);
      blend(img, cx, cy, dot.part, 3, r, g, b, 1);
    }
    ctx.putImageData(this.frame, 0, 0);
    return flashing;
  }

  /** A releasing firm's halo, growing and brightening with its flash level. */
  halo(img, cx, cy, radius, level) {
    const [r, g, b] = FIRM_RELEASING;
    const glow = this.disc(radius * (HALO_GROW + HALO_GROW_PER_LEVEL * level));
    blend(img, cx, cy, glow.full, 2, r, g, b, HALO_ALPHA * level);
    blend(img, cx, cy, glow.part, 3, r, g, b, HALO_ALPHA * level);
  }
}

/** Channel `k` of a firm's colour at flash level `level`: from at rest (0) to releasing (1). */
function releasing(k, level) {
  return Math.round(FIRM_AT_REST[k] + (FIRM_RELEASING[k] - FIRM_AT_REST[k]) * level);
}

// Pixels are RGBA bytes; as little-endian words, 0xAABBGGRR. A disc is
// centred on the pixel that holds its centre (pixel X spans X to X + 1).

/** Sets the pixels `full` (x, y pairs) of a disc centred at (cx, cy) to `word`. */
function paint({ words, width, height }, cx, cy, full, word) {
  const px = Math.floor(cx),
    py = Math.floor(cy);
  for (let k = 0; k < full.length; k += 2) {
    const X = px + full[k],
      Y = py + full[k + 1];
    if (X >= 0 && Y >= 0 && X < width && Y < height) words[Y * width + X] = word;
  }
}

/**
 * Blends (r, g, b) at `alpha` over the pixels of `list` (x, y and, when
 * `step` is 3, the pixel's coverage), in whole numbers on words: alpha in 256ths.
 */
function blend({ words, width, height }, cx, cy, list, step, r, g, b, alpha) {
  const px = Math.floor(cx),
    py = Math.floor(cy);
  for (let k = 0; k < list.length; k += step) {
    const X = px + list[k],
      Y = py + list[k + 1];
    if (X < 0 || Y < 0 || X >= width || Y >= height) continue;
    const a = Math.round((step === 3 ? list[k + 2] : 1) * alpha * 256),
      at = Y * width + X;
    const w = words[at];
    const wr = w & 255,
      wg = (w >>> 8) & 255,
      wb = (w >>> 16) & 255;
    words[at] =
      (0xff000000 |
        ((wb + (((b - wb) * a) >> 8)) << 16) |
        ((wg + (((g - wg) * a) >> 8)) << 8) |
        (wr + (((r - wr) * a) >> 8))) >>>
      0;
  }
}
