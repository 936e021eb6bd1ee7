// Colours. Okabe-Ito colours for the flashing display; for the calm display a
// cyclic ramp around the OKLCH hue circle at one lightness, so that the reset
// of a firm's phase from 1 to 0 changes nothing and the canvas brightness
// stays the same at every phase (colour changes are not flashes).

export const BACKGROUND = '#0b1222';
// Ties at 3.4:1 against the background, so the few ties between subgroups
// that the clustered story turns on stay visible on a projector (>= 3:1).
export const TIE = '#5b6a88';
export const FIRM_AT_REST = [74, 110, 150]; // dim blue
export const FIRM_RELEASING = [240, 228, 66]; // Okabe-Ito yellow
export const HAND = 'rgba(11, 18, 34, 0.85)';

const STEPS = 96;
const LIGHTNESS = 0.74;
const CHROMA = 0.1;

function oklchToRgb(l, c, hueDeg) {
  const h = (hueDeg * Math.PI) / 180;
  const a = c * Math.cos(h),
    b = c * Math.sin(h);
  const l_ = l + 0.3963377774 * a + 0.2158037573 * b;
  const m_ = l - 0.1055613458 * a - 0.0638541728 * b;
  const s_ = l - 0.0894841775 * a - 1.291485548 * b;
  const L = l_ ** 3,
    M = m_ ** 3,
    S = s_ ** 3;
  const lin = [
    4.0767416621 * L - 3.3077115913 * M + 0.2309699292 * S,
    -1.2684380046 * L + 2.6097574011 * M - 0.3413193965 * S,
    -0.0041960863 * L - 0.7034186147 * M + 1.707614701 * S,
  ];
  return lin.map((v) => {
    const x = Math.min(1, Math.max(0, v));
    const g = x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055;
    return Math.round(255 * g);
  });
}

// Phase 0 (just released) starts at blue; the ramp returns to blue at phase 1.
/** The calm display's ramp: PHASE_STEPS colours as [r, g, b] (0-255), phase 0 first. */
export const PHASE_STEPS = STEPS;
export const PHASE_RGB = Array.from({ length: STEPS }, (_, i) =>
  oklchToRgb(LIGHTNESS, CHROMA, 250 + (360 * i) / STEPS),
);
const PHASE_COLOURS = PHASE_RGB.map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`);

const phaseStep = (phi) => {
  const i = Math.floor(phi * STEPS) % STEPS;
  return i < 0 ? i + STEPS : i;
};

/** Steady colour of a firm at phase phi in [0, 1). */
export const phaseColour = (phi) => PHASE_COLOURS[phaseStep(phi)];

/** The same colour as [r, g, b]. */
export const phaseRgb = (phi) => PHASE_RGB[phaseStep(phi)];

/** The colour of a firm whose release flash is at `level` in [0, 1]. */
export function flashColour(level) {
  const mix = (k) => Math.round(FIRM_AT_REST[k] + (FIRM_RELEASING[k] - FIRM_AT_REST[k]) * level);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/** A colour of this palette ('#rrggbb' or 'rgb[a](r, g, b[, a])') as [r, g, b, a], r-b in 0-255, a in 0-1. */
export function rgba(css) {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [...hex.slice(1).map((h) => parseInt(h, 16)), 1];
  const fn = /^rgba?\(([^)]*)\)$/.exec(css);
  if (!fn) throw new Error(`palette: cannot read the colour ${css}`);
  const [r, g, b, a = 1] = fn[1].split(',').map(Number);
  return [r, g, b, a];
}

// Okabe-Ito colours for the rest of the page (distinct for colour-blind
// readers; everything coloured also differs in shape, dash or text).
export const OKABE_ITO = {
  orange: '#e69f00',
  sky: '#56b4e9',
  green: '#009e73',
  yellow: '#f0e442',
  blue: '#0072b2',
  vermillion: '#d55e00',
  purple: '#cc79a7',
  grey: '#999999',
};
// The two panes: left (by default clustered) and right (by default dense).
export const PANE_COLOURS = [OKABE_ITO.orange, OKABE_ITO.blue];
export const PANE_DASH = [[7, 4], []];
// Subgroups, in charts and the phase circle.
export const GROUP_COLOURS = [
  OKABE_ITO.orange,
  OKABE_ITO.sky,
  OKABE_ITO.green,
  OKABE_ITO.vermillion,
  OKABE_ITO.purple,
  OKABE_ITO.blue,
  OKABE_ITO.yellow,
  OKABE_ITO.grey,
];
// Drawn on the network: a partner's pulse, a signal's wave, the roadmap ring.
export const PULSE = 'rgba(86, 180, 233, 0.9)';
export const WAVE = 'rgba(204, 121, 167, 0.85)';
// Vermillion, not orange: blended with the white outline, orange comes close
// to the release yellow, which the calm display must never show.
export const ROADMAP = OKABE_ITO.vermillion;
export const COORDINATOR_OUTLINE = '#ffffff';
