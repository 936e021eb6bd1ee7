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

  /**
   * Draws the base image and every firm of `run` but the coordinators (if
   * they coordinate; reactive would-be coordinators are plain firms) onto
   * `ctx` (which must then be drawn over, not under). `flash(i)` is firm
   * i's release flash level, `calm` selects phase colours. Returns how many
   * firms were drawn flashing.
   */
  draw(ctx, base, run, { x, y, radius, dpr, calm, flash }) {
    const { width, height } = base;
    if (!this.frame || this.frame.width !== width || this.frame.height !== height) {
      this.frame = new ImageData(width, height);
      this.words = new Uint32Array(this.frame.data.buffer);
    }
    const { words } = this;
    this.frame.data.set(base.data);
    // Pixels are RGBA bytes; as little-endian words, 0xAABBGGRR. A disc is
    // centred on the pixel that holds its centre (pixel X spans X to X + 1).
    const opaque = (cx, cy, { full }, word) => {
      const px = Math.floor(cx),
        py = Math.floor(cy);
      for (let k = 0; k < full.length; k += 2) {
        const X = px + full[k],
          Y = py + full[k + 1];
        if (X >= 0 && Y >= 0 && X < width && Y < height) words[Y * width + X] = word;
      }
    };
    // Blends in whole numbers on words: alpha in 256ths.
    const blend = (cx, cy, list, step, r, g, b, alpha) => {
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
    };
    const dot = this.disc(radius * dpr * (calm ? CALM_GROW : 1));
    const [gr, gg, gb] = FIRM_RELEASING;
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
          const glow = this.disc(radius * dpr * (HALO_GROW + HALO_GROW_PER_LEVEL * level));
          blend(cx, cy, glow.full, 2, gr, gg, gb, HALO_ALPHA * level);
          blend(cx, cy, glow.part, 3, gr, gg, gb, HALO_ALPHA * level);
        }
        r = Math.round(FIRM_AT_REST[0] + (gr - FIRM_AT_REST[0]) * level);
        g = Math.round(FIRM_AT_REST[1] + (gg - FIRM_AT_REST[1]) * level);
        b = Math.round(FIRM_AT_REST[2] + (gb - FIRM_AT_REST[2]) * level);
      }
      opaque(cx, cy, dot, (0xff000000 | (b << 16) | (g << 8) | r) >>> 0);
      blend(cx, cy, dot.part, 3, r, g, b, 1);
    }
    ctx.putImageData(this.frame, 0, 0);
    return flashing;
  }
}
