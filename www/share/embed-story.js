// The embed's story: what a reader of an article needs to read the figure
// without the teaching page around it. A title (the author's, from the
// link's `title=` or the host's commands; else the preset's name; else the
// panes' labels), the simulated time, each pane's verdict under its canvas,
// a one-line legend of what is drawn now, and a word when the display is
// calm, and why. Titles and labels may come from links: text only, never HTML.
import { presetById } from '../controls/presets.js';
import { readout, confirmation } from '../readouts.js';
import { calmNote } from '../controls/calm.js';
import { visibleText } from '../core.js';

const node = (tag, className, text = '') =>
  Object.assign(document.createElement(tag), { className, textContent: text });
const setText = (el, text) => {
  if (el.textContent !== text) el.textContent = text;
};

/**
 * A pane's verdict from its measures: { inStep, head, detail }, in the
 * teaching page's words (readouts.js): r, rhythms and synchrony agree, and
 * only panes whose coordinators plan (`coordinated`) are judged by their
 * roadmap: a reactive pane's rhythm is nobody's plan.
 */
export function verdict(m, coordinated) {
  const said = readout(m, coordinated);
  const r = `r ${said.r}`;
  const t = (v) => v.toFixed(1);
  const rhythms = `${m.bursts} ${m.bursts === 1 ? 'rhythm' : 'rhythms'}`;
  switch (said.state) {
    case 'inStep': {
      const plan = !coordinated
        ? 'a rhythm of its own'
        : m.converged
          ? 'on the coordinators’ plan'
          : `off the coordinators’ plan by ${m.syncOffset.toFixed(2)} cycle`;
      return { inStep: true, head: `In step since t = ${t(m.syncTime)}`, detail: `${r} · ${plan}` };
    }
    case 'lost':
      return { inStep: false, head: `In step at t = ${t(m.syncTime)}, apart now`, detail: `${r} · ${rhythms}` };
    case 'confirming': {
      // A reader's words, not the page's defined terms: every firm released together; does it hold?
      const { done, need } = confirmation(m);
      return {
        inStep: false,
        head: 'All released together',
        detail: `${r} · holding for ${done} of ${need} cycles`,
      };
    }
    default:
      return { inStep: false, head: 'Not in step yet', detail: `${r} · ${m.time < 1 ? 'first cycle' : rhythms}` };
  }
}

/** The legend's items: [name, key class, text]; update() shows those drawn now. */
const ITEMS = [
  ['firm', 'key-firm', 'firm'],
  ['phase', 'key-phase', 'firm (colour = point in its cycle)'],
  ['coordinator', 'key-coord', 'coordinator'],
  ['roadmap', 'key-ring', 'shared plan'],
  ['pulse', 'key-pulse', 'pulse'],
  ['wave', 'key-wave', 'signal wave'],
];

/** The legend: one line of CSS shapes and words. */
function buildLegend() {
  const el = node('p', 'es-legend');
  el.setAttribute('aria-label', 'Legend');
  const items = {};
  for (const [name, key, text] of ITEMS) {
    const item = node('span', 'es-item');
    const shape = node('span', `key ${key}`);
    shape.setAttribute('aria-hidden', 'true');
    const words = node('span', '', text);
    item.append(shape, words);
    el.append(item);
    items[name] = { item, words };
  }
  return { el, items };
}

/** The title and the time above the panes. */
function buildHeader() {
  const head = node('header', 'embed-story');
  const heading = node('h1', 'es-title');
  const time = node('p', 'es-time');
  head.append(heading, time);
  document.body.prepend(head);
  return { heading, time };
}

/** A verdict under each pane's canvas: a strong head and its detail. */
function buildVerdicts(panes) {
  return panes.map((p) => {
    const el = node('p', 'es-verdict');
    const strong = node('strong', 'es-head');
    const detail = node('span', 'es-detail');
    el.append(strong, detail);
    p.root.append(el);
    return { strong, detail };
  });
}

/** The legend and the calm note, in the embed's bar. */
function buildBar() {
  const legend = buildLegend();
  // Not live: the narrator says calm changes once, at its own humane rate.
  const calm = node('p', 'es-calm');
  const bar = document.querySelector('.embed-bar');
  bar.insertBefore(legend.el, document.getElementById('open-full'));
  bar.append(calm);
  return { legend, calm };
}

/** The panes on screen: both, or the one enlarged. */
function shownPanes(story) {
  const { view } = story.store.get();
  return view.layout === 'single' ? [story.panes[view.single]] : story.panes;
}

/** A title as the story keeps it: without what the core strips (bidi controls, zero-width characters), or null. */
const visible = (text) => (text ? visibleText(text).trim() || null : null);

/** The title and where it comes from: the author, the preset, or the panes' labels. */
function currentTitle(story) {
  if (story.chosen) return { text: story.chosen, source: 'author' };
  const { view } = story.store.get();
  const preset = presetById(view.preset);
  if (preset) return { text: preset.name, source: 'preset' };
  const labels = shownPanes(story).map((p) => p.label);
  return { text: [...new Set(labels)].join(' vs '), source: 'labels' };
}

/** Why the display is calm, in the calm control's words ('' while it flashes); how to play when reduced motion keeps it still. */
function calmText({ guard, reduced }, speed, playing) {
  if (!guard.calm) return '';
  if (guard.reason === 'chosen') {
    if (!reduced.matches) return 'Calm display: a calm display was chosen.';
    return `Calm display: this device asks for reduced motion${playing ? '' : ', so the figure waits: press Play to run it'}.`;
  }
  return calmNote(guard, speed);
}

/** Names in the legend only what is drawn now. */
function showLegend(story, calmNow) {
  const runs = shownPanes(story)
    .map((p) => p.run)
    .filter(Boolean);
  const planned = runs.some((r) => r.coordinated);
  const shown = {
    firm: !calmNow,
    phase: calmNow,
    coordinator: planned,
    roadmap: planned,
    pulse: !calmNow,
    wave: !calmNow && runs.some((r) => r.coordinated && r.scenario.mode === 'hybrid'),
  };
  // Reactive panes draw no coordinators (canvas.js): nothing to name.
  for (const [name, { item }] of Object.entries(story.legend.items)) item.hidden = !shown[name];
}

/** A few times a second, with each pane's { label, m }. */
function updateStory(story, panes) {
  const { view } = story.store.get();
  setText(story.heading, currentTitle(story).text);
  setText(story.time, `t = ${panes[0].m.time.toFixed(1)} cycles`);
  panes.forEach(({ m }, i) => {
    const v = verdict(m, Boolean(story.panes[i].run?.coordinated));
    setText(story.verdicts[i].strong, v.head);
    setText(story.verdicts[i].detail, v.detail);
  });
  showLegend(story, story.guard.calm);
  const text = calmText(story, view.speed, view.playing);
  setText(story.calm, text);
  story.calm.hidden = !text;
}

/** What the story shows, for the test hook. */
function storySnapshot(story) {
  const title = currentTitle(story);
  return {
    title: title.text,
    titleSource: title.source,
    shownTitle: story.heading.textContent,
    time: story.time.textContent,
    verdicts: story.verdicts.map((v) => ({ head: v.strong.textContent, detail: v.detail.textContent })),
    legend: Object.entries(story.legend.items)
      .filter(([, { item }]) => !item.hidden)
      .map(([, { words }]) => words.textContent),
    calm: story.calm.textContent,
  };
}

/**
 * Builds the story into the embed (app: store, panes, guard) with the
 * author's `title` (or null). Returns { update(panes), title(), setTitle(text),
 * explicitTitle(), snapshot() }.
 */
export function createStory(app, { title = null } = {}) {
  const { store, guard, panes } = app;
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
  const story = { store, guard, panes, reduced, chosen: visible(title), ...buildHeader() };
  story.verdicts = buildVerdicts(panes);
  Object.assign(story, buildBar());
  return {
    update: (shown) => updateStory(story, shown),
    title: () => currentTitle(story).text,
    /** The title the author or host chose (null: derived). */
    explicitTitle: () => story.chosen,
    setTitle(text) {
      story.chosen = visible(text);
    },
    snapshot: () => storySnapshot(story),
  };
}
