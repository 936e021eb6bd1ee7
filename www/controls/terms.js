// Words explained where they stand: a term is followed by a small "?"
// button. Hover or focus shows its one-line definition as a tip (on screens
// with a mouse); a click or tap opens it as a line in the page, after the
// paragraph or list that holds the term, so it never covers the next
// control. Screen readers hear it as the button's description.
import { defaultScenario, limits } from '../core.js';

// A definition may cite the core's numbers: {delta} (the default burst
// window) and {convergedOffset}; termButton fills them in.
export const TERMS = {
  hybrid: [
    'Hybrid signaling',
    'The coordinators plan their releases together (planned synchrony) and announce each joint release to every firm within reach, not only to their partners.',
  ],
  coordinator: [
    'Coordinator',
    'One of a few firms that agree on one roadmap and release together; in reactive mode they are only tracked (would-be coordinators).',
  ],
  roadmap: [
    'Roadmap',
    'The release times the coordinators planned together; the ring around each coordinator fills over the planned cycle.',
  ],
  burst: [
    'Burst',
    'Releases within the burst window δ ({delta} cycle unless changed) count as one burst; the bursts in the last cycle are the rhythms alive.',
  ],
  rhythms: [
    'Rhythms',
    'Bursts of releases in the last cycle: 1 when every firm releases together; more while groups keep rhythms of their own.',
  ],
  offset: [
    'Offset',
    'How far, in cycles (0 to 0.5), the common release time sits from the coordinators’ planned one; {convergedOffset} or less counts as on their roadmap.',
  ],
  density: ['Density', 'The share of all pairs of firms that are tied: 2 × ties / (firms × (firms − 1)).'],
  clustering: [
    'Clustering',
    'How often two partners of a firm are partners of each other too (the average clustering coefficient, 0 to 1).',
  ],
  meanPath: [
    'Mean path',
    'The average number of ties on the shortest route between two firms (~ when estimated from a sample of firms).',
  ],
  absorption: [
    'Absorption',
    'A pulse that pushes a firm to the end of its cycle makes it release at once, and its release pulses its own partners: a cascade.',
  ],
  order: [
    'Order r',
    'The order parameter: 1 when every firm is at the same point of its cycle, near 0 when the firms are spread around it.',
  ],
};

let serial = 0;

/** A definition with the core's numbers filled in. */
function cite(text) {
  const numbers = { delta: defaultScenario().delta, convergedOffset: limits().convergedOffset };
  return text.replace(/\{(\w+)\}/g, (_, name) => String(numbers[name]));
}

/** The box after `host` that holds the opened definitions of its terms. */
function defsAfter(host) {
  const next = host.nextElementSibling;
  if (next?.classList.contains('term-defs')) return next;
  const box = document.createElement('div');
  box.className = 'term-defs';
  host.after(box);
  return box;
}

/**
 * The toggle (and its tip) for term `key`: a small "?" after the word, or,
 * given `word` (text), the word itself as the button (where a "?" would not
 * fit, as in the panes' readouts). Its definition opens after `host`, or
 * after the nearest paragraph or list around the term.
 */
export function termButton(key, { host = null, label, word = null } = {}) {
  const [name, written] = TERMS[key];
  const text = cite(written);
  const id = `term-${key}-${++serial}`;
  const wrap = document.createElement('span');
  wrap.className = word ? 'term-q-wrap term-word-wrap' : 'term-q-wrap';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = word ? 'term-word' : 'term-q';
  button.textContent = word ?? '?';
  if (!word) button.setAttribute('aria-label', `What is “${label ?? name}”?`);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', id);
  button.setAttribute('aria-describedby', id);
  const tip = document.createElement('span');
  tip.className = 'term-tip';
  tip.setAttribute('aria-hidden', 'true');
  tip.textContent = text;
  const def = document.createElement('p');
  def.className = 'term-def';
  def.id = id;
  def.hidden = true;
  const strong = document.createElement('strong');
  strong.textContent = `${name}: `;
  def.append(strong, text);
  wrap.append(button, tip);
  // The definition waits (hidden) after its paragraph, for aria-describedby.
  const place = () => {
    if (def.isConnected || !wrap.isConnected) return;
    const at = host ?? wrap.closest('p, dl, ul, ol, h2, h3, li, .field-head') ?? wrap.parentElement;
    defsAfter(at).append(def);
  };
  button.addEventListener('click', () => {
    place();
    const open = def.hidden;
    def.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    wrap.classList.toggle('open', open);
  });
  queueMicrotask(place);
  // A tip near the right edge opens leftward, so it stays in the window.
  const aim = () => wrap.classList.toggle('tip-left', wrap.getBoundingClientRect().left > window.innerWidth / 2);
  wrap.addEventListener('pointerenter', aim);
  button.addEventListener('focus', aim);
  return wrap;
}

/**
 * Upgrades every `[data-term]` in `root`: a "?" after its text, or with
 * `data-term-word` the word itself becomes the toggle.
 */
export function bindTerms(root = document) {
  for (const el of root.querySelectorAll('[data-term]')) {
    if (el.dataset.termBound) continue;
    el.dataset.termBound = '1';
    const label = el.textContent.trim() || undefined;
    if ('termWord' in el.dataset) {
      el.replaceWith(termButton(el.dataset.term, { word: label }));
      continue;
    }
    // The word and its "?" do not part at a line break.
    const term = document.createElement('span');
    term.className = 'term';
    el.replaceWith(term);
    term.append(el, termButton(el.dataset.term, { label }));
  }
}

// The first occurrence of each term's word in running text.
const WORDS = {
  roadmap: /roadmap/i,
  burst: /\bburst/i,
  offset: /\boffset\b/i,
  absorption: /absorption/i,
  hybrid: /hybrid signal\w*/i,
  coordinator: /\bcoordinators?\b/i,
};

/**
 * Sets `el`'s text to `text`, with a "?" after the first occurrence of each
 * term in `keys` (text only, never HTML). Definitions open after `el`.
 */
export function annotate(el, text, keys) {
  const hits = keys
    .map((key) => ({ key, m: WORDS[key].exec(text) }))
    .filter((h) => h.m)
    .sort((a, b) => a.m.index - b.m.index);
  const next = el.nextElementSibling;
  if (next?.classList.contains('term-defs')) next.replaceChildren();
  const parts = [];
  let at = 0;
  for (const { key, m } of hits) {
    if (m.index < at) continue;
    const end = m.index + m[0].length;
    parts.push(text.slice(at, end), termButton(key, { host: el, label: m[0] }));
    at = end;
  }
  parts.push(text.slice(at));
  el.replaceChildren(...parts);
}
