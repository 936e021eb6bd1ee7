// How firms look, as numbers both renderers follow (canvas.js draws with
// them, webgl.js writes them into its shaders): the timing of a release
// flash, its halo, the calm display's dot and clock hand, the coordinators'
// diamond and roadmap ring. Sizes are in CSS pixels.

// A flash rises over a few frames and fades over FADE_S of wall time, so no
// firm is ever a one-frame spike.
export const RISE_S = 0.04;
export const FADE_S = 0.3;

/** Brightness of a release flash `ageS` wall seconds after the release. */
export function flashLevel(ageS) {
  if (!(ageS >= 0) || ageS >= RISE_S + FADE_S) return 0;
  if (ageS < RISE_S) return 0.6 + (0.4 * ageS) / RISE_S;
  const k = 1 - (ageS - RISE_S) / FADE_S;
  return k * k;
}

/** Firms whose release flash is lit: release ages (cycles) under `(RISE_S + FADE_S) * speed`. */
export function countFlashing(releaseAge, speed) {
  const lit = (RISE_S + FADE_S) * speed;
  let n = 0;
  for (let i = 0; i < releaseAge.length; i++) if (releaseAge[i] >= 0 && releaseAge[i] < lit) n++;
  return n;
}

// A flashing firm's halo: release yellow at HALO_ALPHA x level, out to
// radius x (HALO_GROW + HALO_GROW_PER_LEVEL x level).
export const HALO_ALPHA = 0.28;
export const HALO_GROW = 1.6;
export const HALO_GROW_PER_LEVEL = 1.2;

// The calm display: a slightly larger dot with a clock hand from its centre,
// 0.8 of the radius long, drawn only where the dot is big enough to read.
export const CALM_GROW = 1.15;
export const HAND_MIN_RADIUS = 3;
export const HAND_LENGTH = 0.8;
export const handWidth = (r) => Math.max(1.2, r / 4);

// Coordinators: a diamond (half-diagonal below) outlined in white, and the
// roadmap ring ROADMAP_GAP outside it.
export const coordinatorRadius = (radius) => radius * 1.25 + 2.5;
export const OUTLINE_WIDTH = 2;
export const ROADMAP_GAP = 4;
export const ROADMAP_WIDTH = 2.5;
