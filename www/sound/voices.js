// The sounds, as short clips computed once per audio context (Tambo's
// lesson: a clip with a shaped envelope sounds better than a bare
// oscillator, and one buffer source per note is cheap). Each pane has its
// own voice, a wooden note for the first and a softer, higher mallet for
// the second; the coordinators' joint release rings a low chime and their
// signal is a short breath of filtered noise, neither of them a note of a
// pane. Every clip starts at once (no silence before its attack) and stays
// below 1 kHz in its strong partials: never piercing.

/** Clip lengths (seconds): a note, the coordinators' chime, the signal. Tests tell the clips apart by them. */
export const NOTE_SECONDS = 0.5;
export const CHIME_SECONDS = 0.8;
export const SIGNAL_SECONDS = 0.3;

/** The panes' voices: pitch (Hz) and partials [ratio, level, decay per second]. */
export const PANE_VOICES = [
  // A marimba-like wooden note (G3): strong fundamental, a soft fourth partial that dies fast.
  {
    name: 'wood',
    pitch: 196,
    partials: [
      [1, 1, 7],
      [3.93, 0.18, 22],
    ],
  },
  // A softer, higher mallet (D5): fundamental and a quiet octave.
  {
    name: 'mallet',
    pitch: 587.33,
    partials: [
      [1, 0.8, 9],
      [2, 0.12, 16],
    ],
  },
];
/** A low bell (C3, G4 and D5 over it, dying slowly) for the coordinators' joint release. */
const CHIME = {
  pitch: 261.63,
  partials: [
    [0.5, 0.5, 4],
    [1, 0.35, 5],
    [1.5, 0.15, 7],
  ],
};

/** A clip of summed, exponentially decaying partials with a 3 ms attack. */
function tone(ctx, seconds, { pitch, partials }) {
  const rate = ctx.sampleRate;
  const buffer = ctx.createBuffer(1, Math.round(seconds * rate), rate);
  const data = buffer.getChannelData(0);
  const attack = 0.003 * rate;
  const fade = 0.02 * rate; // to silence at the end, so no click
  let peak = 0;
  for (let i = 0; i < data.length; i++) {
    const t = i / rate;
    let x = 0;
    for (const [ratio, level, decay] of partials)
      x += level * Math.exp(-decay * t) * Math.sin(2 * Math.PI * pitch * ratio * t);
    const env = Math.min(1, i / attack) * Math.min(1, (data.length - i) / fade);
    data[i] = x * env;
    peak = Math.max(peak, Math.abs(data[i]));
  }
  for (let i = 0; i < data.length; i++) data[i] /= peak || 1;
  return buffer;
}

/** A breath of noise, low-passed twice, rising and falling: the signal going out. */
function breath(ctx, seconds) {
  const rate = ctx.sampleRate;
  const buffer = ctx.createBuffer(1, Math.round(seconds * rate), rate);
  const data = buffer.getChannelData(0);
  // A fixed pseudo-random sequence: the same clip every time (and in tests).
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 1073741824 - 1;
  };
  let a = 0,
    b = 0,
    peak = 0;
  const k = 1 - Math.exp((-2 * Math.PI * 900) / rate);
  for (let i = 0; i < data.length; i++) {
    a += k * (noise() - a);
    b += k * (a - b);
    const u = i / data.length;
    data[i] = b * Math.sin(Math.PI * u) ** 2;
    peak = Math.max(peak, Math.abs(data[i]));
  }
  for (let i = 0; i < data.length; i++) data[i] /= peak || 1;
  return buffer;
}

/** The clips of `ctx`: { notes: [pane 0, pane 1], chime, signal }. */
export function makeClips(ctx) {
  return {
    notes: PANE_VOICES.map((v) => tone(ctx, NOTE_SECONDS, v)),
    chime: tone(ctx, CHIME_SECONDS, CHIME),
    signal: breath(ctx, SIGNAL_SECONDS),
  };
}
