// The embed's fallback, for places that show no iframe (RSS readers, email,
// AMP, print) or run no JavaScript: a poster (a PNG of the figure at the
// moment it makes its point: the first pane in step, with both panes, their
// verdicts and the title), alt text and a caption written from the run's
// results, and the snippet that wraps the iframe in a <figure> with the
// poster in <noscript> and the caption in <figcaption>. The embed dialog
// (tools.js) uses it; an embed never loads it.
import { Run } from '../core.js';
import { cleanTitle } from './embed.js';
import { verdict } from './embed-story.js';
import { syncState, rhythms } from '../readouts.js';
import { BACKGROUND } from '../draw/palette.js';

/** The poster's moment is looked for up to this many cycles (then that moment is shown). */
export const POSTER_CYCLES = 60;
/** Cycles a run goes on between looks at whether a pane is in step. */
const LOOK_STEP = 0.25;
/** Running that long between two yields keeps the page answering. */
const SLICE_MS = 25;
/** The look for the moment stops after this long (a very large network): the moment reached is shown. */
const BUDGET_MS = 4000;

/**
 * The moment the figure makes its point: the first time a pane is in step
 * (its synchrony confirmed), within POSTER_CYCLES (or as far as BUDGET_MS
 * gets on a very large network), found on fresh runs of
 * `scenarios` (the page's runs are exact, so a seek there shows the same).
 * Resolves to { time, measures: [m0, m1] }.
 */
export async function posterMoment(scenarios) {
  const runs = scenarios.map((s) => new Run(s));
  try {
    let time = 0;
    const start = performance.now();
    let slice = start;
    const looking = () =>
      time < POSTER_CYCLES &&
      performance.now() - start < BUDGET_MS &&
      !runs.some((r) => r.measures().syncTime !== undefined);
    while (looking()) {
      for (const r of runs) r.advance(LOOK_STEP);
      time += LOOK_STEP;
      if (performance.now() - slice > SLICE_MS) {
        await new Promise((done) => setTimeout(done, 0));
        slice = performance.now();
      }
    }
    return { time, measures: runs.map((r) => r.measures()) };
  } finally {
    for (const r of runs) r.free();
  }
}

const cycles = (t) => `${t.toFixed(1)} ${t.toFixed(1) === '1.0' ? 'cycle' : 'cycles'}`;

/** "the dense one": a network kind's name reads in lower case; an imported network keeps its own name. */
function networkName({ label, imported }) {
  if (imported) return /\bnetwork$/i.test(label) ? `the ${label}` : `the ${label} network`;
  return `the ${label.charAt(0).toLowerCase()}${label.slice(1)} one`;
}

/** What a pane has done by the poster's moment, as a clause after its name. */
function paneClause({ m, coordinated }) {
  const state = syncState(m);
  if (state === 'inStep') {
    const plan = !coordinated ? '' : m.converged ? ', on the coordinators’ roadmap' : ', off the coordinators’ roadmap';
    return `falls into step after ${cycles(m.syncTime)}${plan}`;
  }
  if (state === 'lost') return `fell into step at ${cycles(m.syncTime)} and drifted apart into ${rhythms(m.bursts)}`;
  if (state === 'confirming') return 'has every firm releasing in one burst';
  return m.bursts > 1 ? `is still in ${rhythms(m.bursts)}` : 'is not in step yet';
}

/**
 * The alt text and the caption, from the title, the poster's `time` and
 * each pane's { label, imported, firms, coordinated, m } (the measures at
 * that time). The pane that got in step is named first.
 */
export function posterWords({ title, time, panes }) {
  const sizes = [...new Set(panes.map((p) => p.firms.toLocaleString('en')))];
  const what = sizes.length === 1 ? `Two networks of ${sizes[0]} firms` : `Networks of ${sizes.join(' and ')} firms`;
  // Panes of one name are told apart by their side.
  const same = panes[0].label === panes[1].label;
  const named = panes.map((p, i) => ({
    ...p,
    name: `${networkName(p)}${same ? ` on the ${i === 0 ? 'left' : 'right'}` : ''}`,
  }));
  const order = [...named].sort((a, b) => (b.m.syncTime !== undefined) - (a.m.syncTime !== undefined));
  const told = order.map((p) => `${p.name} ${paneClause(p)}`);
  const none = panes.every((p) => syncState(p.m) !== 'inStep');
  const caption = none
    ? `${what}; in ${cycles(time)} neither falls into step: ${told.join('; ')}.`
    : `${what}: ${told.join('; ')}.`;
  const sides = named.map((p, i) => `${i === 0 ? 'Left' : 'right'}, ${networkName(p)} ${paneClause(p)}`);
  const alt =
    `${title}: the figure at ${cycles(time)}, two networks of firms drawn as dots joined by ties, side by side. ` +
    `${sides.join('; ')}.`;
  return { alt, caption };
}

/** The poster's file name: lockstep-<title in a few words>-poster.png. */
export function posterName(title) {
  const slug = cleanTitle(title)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 6)
    .join('-');
  return `lockstep-${slug || 'figure'}-poster.png`;
}

const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const textOf = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The snippet: `iframe` (the embed's <iframe> element as text) in a
 * <figure>, the poster (`poster`: its address, `width` x `height`) with
 * its `alt` text in <noscript>, and the `caption` in <figcaption>.
 */
export function figureSnippet(iframe, { poster, width, height, alt, caption }) {
  return [
    '<figure class="lockstep-figure" style="margin:0">',
    iframe,
    `<noscript><img src="${attr(poster)}" alt="${attr(alt)}" width="${width}" height="${height}" style="max-width:100%;height:auto"></noscript>`,
    `<figcaption>${textOf(caption)}</figcaption>`,
    '</figure>',
  ].join('\n');
}

// The poster's layout, in its own pixels: a figure 1200 wide.
const WIDTH = 1200;
const PAD = 32;
const GAP = 24;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
// Light whatever the page's theme: a poster goes to print, email and feeds. The networks keep the canvas's night.
const COLORS = { paper: '#ffffff', ink: '#17202e', muted: '#4d5869', night: BACKGROUND };

/** `text` cut into lines of at most `width` px in the context's font (at most `max` lines). */
function lines(ctx, text, width, max) {
  const out = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      out.push(line);
      line = word;
    } else line = next;
  }
  if (line) out.push(line);
  if (out.length > max) {
    out.length = max;
    out[max - 1] = `${out[max - 1].replace(/\s+\S*$/, '')}…`;
  }
  return out;
}

/** The poster's lines and size for `title`, `caption` and the panes' images' [width, height]. */
export function posterLayout(title, caption, sizes) {
  const box = (WIDTH - 2 * PAD - GAP) / 2;
  const heights = sizes.filter(([w, h]) => w > 0 && h > 0).map(([w, h]) => (box * h) / w);
  const art = Math.round(Math.min(560, Math.max(200, ...heights)));
  const measure = document.createElement('canvas').getContext('2d');
  measure.font = `700 30px ${FONT}`;
  const titleLines = lines(measure, title, WIDTH - 2 * PAD, 2);
  measure.font = `18px ${FONT}`;
  const captionLines = lines(measure, caption, WIDTH - 2 * PAD, 3);
  const height = PAD + titleLines.length * 38 + 30 + 34 + art + 78 + captionLines.length * 26 + 34 + PAD;
  return { box, art, titleLines, captionLines, width: WIDTH, height };
}

/**
 * Draws the poster: `title`, the `time`, each pane's { label, color,
 * image (a canvas), m, coordinated } with its verdict, and the `caption`
 * under them. Returns the canvas.
 */
export function drawPoster({ title, time, panes, caption }) {
  const { box, art, titleLines, captionLines, width, height } = posterLayout(
    title,
    caption,
    panes.map((p) => [p.image.width, p.image.height]),
  );
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = COLORS.paper;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'top';
  let y = PAD;
  ctx.fillStyle = COLORS.ink;
  ctx.font = `700 30px ${FONT}`;
  for (const line of titleLines) {
    ctx.fillText(line, PAD, y);
    y += 38;
  }
  ctx.fillStyle = COLORS.muted;
  ctx.font = `17px ${FONT}`;
  ctx.fillText(`t = ${time.toFixed(1)} cycles`, PAD, y + 2);
  y += 30;

  panes.forEach((p, i) => {
    const x = PAD + i * (box + GAP);
    let py = y;
    ctx.fillStyle = p.color;
    ctx.fillRect(x, py + 9, 22, 5);
    ctx.fillStyle = COLORS.ink;
    ctx.font = `700 20px ${FONT}`;
    ctx.fillText(lines(ctx, p.label, box - 32, 1)[0], x + 30, py);
    py += 34;
    // The network as drawn on the page, fitted into its box on the canvas's night background.
    ctx.fillStyle = COLORS.night;
    ctx.fillRect(x, py, box, art);
    const scale = Math.min(box / p.image.width, art / p.image.height);
    const w = p.image.width * scale;
    const h = p.image.height * scale;
    ctx.drawImage(p.image, x + (box - w) / 2, py + (art - h) / 2, w, h);
    py += art + 12;
    const v = verdict(p.m, p.coordinated);
    ctx.fillStyle = COLORS.ink;
    ctx.font = `700 19px ${FONT}`;
    ctx.fillText(lines(ctx, v.head, box, 1)[0], x, py);
    ctx.fillStyle = COLORS.muted;
    ctx.font = `16px ${FONT}`;
    ctx.fillText(lines(ctx, v.detail, box, 1)[0], x, py + 27);
  });
  y += 34 + art + 78;

  ctx.fillStyle = COLORS.ink;
  ctx.font = `18px ${FONT}`;
  for (const line of captionLines) {
    ctx.fillText(line, PAD, y);
    y += 26;
  }
  ctx.fillStyle = COLORS.muted;
  ctx.font = `15px ${FONT}`;
  ctx.fillText(
    'Lockstep: a simulation of firms on alliance networks falling into step. The interactive figure runs in the article.',
    PAD,
    y + 10,
  );
  return canvas;
}
