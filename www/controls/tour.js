// The guided tour: eight steps through the claims. Each step loads a
// scenario (a preset), sets the view, brings what it names into view
// (`show`, and `showWide` from 720 px up) above the tour box, which stays
// fixed at the bottom of the window, and asks the reader to watch one
// thing. Every step starts its run again as it opens, so what it claims
// happens after the reader reads it; a step whose claim takes cycles to
// appear runs faster (`fast`) until it is on screen (`until`), then
// returns to its own speed. The box says what happens as DOM events that
// bubble to the document, for whoever announces them: `tour-step`
// { index, count, title, claim } when a step opens (index -1: closed) and
// `tour-claim` { index, title, claim } when its claim comes true (the
// narrator, www/describe/narrator.js, says them to screen readers).
import { annotate } from './terms.js';
import { bringIntoView } from './into-view.js';

const inStep = (m) => m.syncTime !== undefined;
const WIDE = 720;

export const STEPS = [
  {
    title: 'Firms fall into step',
    preset: 'young',
    view: { layout: 'single', single: 0, focus: 0, speed: 0.5 },
    text: 'Each dot is a firm; it flashes when it releases a product. A release sends a small pulse along each tie (blue dots) and pulls partners’ next releases earlier. Nobody plans here.',
    watch: 'Watch the flashes bunch together, and the number of rhythms (under the network) fall toward 1.',
    // On a phone the pane's head (menu, buttons, the network's sentence) would push the verdict under the box.
    show: ['#network-0', '#pane-0 .live', '#pane-0 .sync-line'],
    showWide: ['#pane-0 .pane-head'],
    until: (m) => m[0].time >= 1 && m[0].bursts <= 2,
    done: (m) =>
      `Down to ${m[0].bursts === 1 ? 'one rhythm' : `${m[0].bursts} rhythms`} after ${m[0].time.toFixed(1)} cycles.`,
  },
  {
    title: 'Coordinators and their roadmap',
    preset: 'young',
    view: { layout: 'single', single: 1, focus: 1, speed: 0.5 },
    text: 'Five coordinators (outlined diamonds) share one roadmap; the red-orange ring around each fills over their planned cycle. When it closes they release together and signal every firm within two ties: the dashed purple wave.',
    watch: 'Watch firms the signal tips over release at once (absorption) and relay it: their pulses are purple.',
    show: ['#network-1', '#pane-1 .live', '#pane-1 .sync-line'],
    showWide: ['#pane-1 .pane-head'],
    until: (m) => inStep(m[1]),
    done: (m) => `In step after ${m[1].syncTime.toFixed(1)} cycles, pulled there by the coordinators’ signal.`,
  },
  {
    title: 'Listen to the rhythms',
    preset: 'compare',
    view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'Each pane is a voice: the clustered network a low wooden note from the left, the dense one a higher mallet from the right. Each burst of releases is one note, louder the more firms release in it; the coordinators’ joint release rings a low chime.',
    watch:
      'Turn the sound on (here, or Sound under the timeline) and listen: the dense pane’s patter merges into one beat a cycle within a few seconds, while the clustered one keeps several.',
    // The Sound button lies under the panes, too far for both networks and it to share a screen: the box has its own.
    show: ['#network-1'],
    showWide: ['#network-0'],
    action: { text: 'Turn the sound on', sound: true, keepsTour: true },
  },
  {
    title: 'Dense versus clustered',
    preset: 'compare',
    view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'The same 60 firms, about the same number of ties, the same coordinators’ plan. Left: four subgroups joined by few ties. Right: ties at random.',
    watch:
      'Watch the chart: the dense curve (solid) reaches r = 1 within a few cycles; the clustered one (dashed) takes far longer, or never gets there.',
    // The chart's own markers and the box's status say when each got in step: the verdict above it
    // grows to six lines by then, too tall to share the screen with the chart.
    show: ['#r-chart'],
    fast: 4,
    until: (m) => m.every(inStep) || m[0].time >= 40,
    waiting: 'Running at 4 cycles/s until both panes are in step (or 40 cycles pass)…',
    done: (m) =>
      m.every(inStep)
        ? `Both in step: dense after ${m[1].syncTime.toFixed(1)} cycles, clustered after ${m[0].syncTime.toFixed(1)}.`
        : `After ${m[0].time.toFixed(0)} cycles the clustered pane is still not in step.`,
  },
  {
    title: 'Subgroups keep their own rhythms',
    preset: 'compare',
    view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'Below the chart, r within each subgroup of the clustered network, and the release raster: one row per firm, grouped by subgroup, a tick per release.',
    watch:
      'Watch each subgroup line up on its own (vertical lines in its band of the raster) before the subgroups agree with each other.',
    show: ['#raster'],
    showWide: ['#group-chart'],
    // Its subgroups line up first: the clustered pane's rhythms fall to about one per subgroup.
    until: (m) => m[0].time >= 1 && m[0].bursts <= 4,
    done: (m) =>
      `${m[0].time.toFixed(1)} cycles in, the clustered pane keeps ${m[0].bursts === 1 ? 'one rhythm' : `${m[0].bursts} rhythms`}${inStep(m[0]) ? '' : ', its subgroups not yet agreed'}.`,
  },
  {
    title: 'A planned pair sets the rhythm',
    preset: 'wintel',
    view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'Two partners who plan together and never budge, like Wintel. On the right, the same network with nobody planning.',
    watch:
      'Watch the verdicts under the chart: with the pair, the industry ends on their roadmap (offset 0); without, on a rhythm of its own.',
    show: ['#verdict'],
    showWide: ['#network-0', '#network-1', '#pane-0 .sync-line', '#pane-1 .sync-line'],
    fast: 3,
    until: (m) => m.every(inStep),
    waiting: 'Running at 3 cycles/s until both panes are in step…',
    done: () => 'Both panes are in step: read where each rhythm sits.',
  },
  {
    title: 'Stubborn coordinators',
    preset: 'stubborn',
    view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'Left: coordinators who never adjust and tell only their partners. Right: coordinators who give a little (ρ = 0.1).',
    watch:
      'Watch the rhythms: they stay many on the left; on the right the network falls into step, off the coordinators’ roadmap.',
    show: ['#verdict'],
    showWide: ['#network-0', '#network-1', '#pane-0 .live', '#pane-1 .live'],
    fast: 3,
    until: (m) => inStep(m[1]),
    waiting: 'Running at 3 cycles/s until the right pane is in step…',
    done: (m) => `The right pane is in step; the left still has ${m[0].bursts} rhythms.`,
  },
  {
    title: 'Your turn',
    preset: 'compare',
    view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'Click a firm (or focus a network and use the arrow keys) to see its partners and make it a coordinator. Try “New seed”: the contrast holds in most seeds, not all. Every setting is below, explained.',
    watch:
      'Try lowering “Share of ties between subgroups” to zero, or raising it: when does the clustered pane catch up?',
    show: ['.field:has(#p0-betweenShare)'],
    action: { text: 'Check the claim over many seeds: run the experiment', experiment: 'clustered-vs-dense' },
  },
];

/** The selectors step `s` brings into view at viewport width `width`. */
export function shownAt(s, width) {
  return [...s.show, ...(width >= WIDE ? (s.showWide ?? []) : [])];
}

/** Tells whoever listens (the narrator, present mode) what the tour does: `tour-step` or `tour-claim`. */
function emit(tour, type, detail) {
  tour.box.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
}

/** Brings what the current step names into view, between the small view of the panes and the tour box. */
function placeStep(tour, smooth = true) {
  if (tour.index < 0) return;
  const elements = shownAt(STEPS[tour.index], window.innerWidth).map((sel) => document.querySelector(sel));
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  bringIntoView(elements, {
    top: tour.topInset(elements) + 8,
    bottom: tour.box.getBoundingClientRect().top - 8,
    smooth: smooth && !reduce,
  });
}

/** Whether the step still keeps what it names in view (until the reader scrolls). */
const following = (tour) => tour.follow && performance.now() > tour.followFrom;

/** A scroll of the reader's own (wheel, touch, a click outside, a paging key) ends the following. */
function stopFollowingOnScroll(tour) {
  const unfollow = (e) => {
    if (!tour.box.contains(e.target)) tour.follow = false;
  };
  for (const type of ['wheel', 'touchstart', 'pointerdown']) window.addEventListener(type, unfollow, { passive: true });
  window.addEventListener('keydown', (e) => {
    if (['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown'].includes(e.key)) unfollow(e);
  });
}

// Each step starts its scenario anew, so its claim comes after it opens.
function showStep(tour) {
  const { q, index } = tour;
  const s = STEPS[index];
  q('.tour-count').textContent = `Step ${index + 1} of ${STEPS.length}`;
  q('.tour-title').textContent = s.title;
  annotate(q('.tour-text'), s.text, ['roadmap', 'absorption', 'burst']);
  annotate(q('.tour-watch'), s.watch, ['roadmap', 'absorption', 'offset']);
  q('.tour-back').disabled = index === 0;
  q('.tour-next').textContent = index === STEPS.length - 1 ? 'Finish' : 'Next';
  q('.tour-action').hidden = !s.action;
  q('.tour-action').textContent = s.action?.text ?? '';
  q('.tour-status').textContent = s.until ? (s.waiting ?? '') : '';
  // The claim is judged on the step's own run, once it has replaced the one before.
  tour.waiting = false;
  const opening = ++tour.openings;
  Promise.resolve(tour.apply(s, index, s.fast ?? s.view.speed)).then(() => {
    if (tour.openings === opening) tour.waiting = Boolean(s.until);
  });
  emit(tour, 'tour-step', { index, count: STEPS.length, title: s.title, claim: s.watch });
  tour.follow = true;
  tour.followFrom = performance.now() + 800;
  // The step's layout lands over the next frames; place it after them.
  requestAnimationFrame(() => requestAnimationFrame(() => placeStep(tour)));
}

function goToStep(tour, i) {
  if (i >= STEPS.length) {
    closeTour(tour);
    return;
  }
  tour.index = Math.max(0, i);
  tour.box.hidden = false;
  document.body.classList.add('touring');
  showStep(tour);
}

function closeTour(tour) {
  tour.index = -1;
  tour.waiting = false;
  tour.openings++; // a step still starting does not wait for its claim
  tour.follow = false;
  tour.box.hidden = true;
  document.body.classList.remove('touring');
  tour.apply(null, -1);
  emit(tour, 'tour-step', { index: -1, count: STEPS.length, title: '', claim: '' });
  tour.startButton.focus();
}

/** Start, next, back, close (and Escape), the step's action, and More / Less. */
function bindTourButtons(tour) {
  const { q, box } = tour;
  const more = q('.tour-more');
  tour.startButton.addEventListener('click', () => {
    goToStep(tour, 0);
    q('.tour-title').focus({ preventScroll: true });
  });
  q('.tour-next').addEventListener('click', () => goToStep(tour, tour.index + 1));
  q('.tour-back').addEventListener('click', () => goToStep(tour, tour.index - 1));
  q('.tour-close').addEventListener('click', () => closeTour(tour));
  q('.tour-action').addEventListener('click', () => {
    const { action } = STEPS[tour.index];
    if (!action.keepsTour) closeTour(tour);
    tour.act(action);
  });
  more.addEventListener('click', () => {
    const open = more.getAttribute('aria-expanded') !== 'true';
    more.setAttribute('aria-expanded', String(open));
    more.textContent = open ? 'Less' : 'More';
    box.classList.toggle('expanded', open);
  });
  // Escape closes the tour wherever the focus is, unless something nearer takes it (a select's pending choice, a dialog).
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || tour.index < 0 || e.defaultPrevented) return;
    if (!box.contains(e.target) && e.target.closest?.('select, dialog, input, textarea')) return;
    closeTour(tour);
  });
}

/** The box's height is the page's bottom inset while it shows; the step stays placed as it grows. */
function followTourHeight(tour) {
  const { box } = tour;
  new ResizeObserver(() => {
    document.body.style.setProperty('--tour-h', `${Math.ceil(box.getBoundingClientRect().height)}px`);
    if (following(tour)) placeStep(tour, false);
  }).observe(box);
}

/** The panes' measures a few times a second; `speed` the page's. A waiting step says when it is done. */
function tickTour(tour, measures, speed) {
  if (tour.index < 0) return;
  if (following(tour)) placeStep(tour, false);
  if (!tour.waiting) return;
  const s = STEPS[tour.index];
  if (!s.until(measures)) return;
  tour.waiting = false;
  const back = s.fast !== undefined && speed === s.fast;
  const claim = s.done(measures);
  tour.q('.tour-status').textContent = `${claim}${back ? ` Back to ${s.view.speed} cycle/s.` : ''}`;
  emit(tour, 'tour-claim', { index: tour.index, title: s.title, claim, text: claim });
  if (back) tour.setSpeed(s.view.speed);
}

/**
 * Wires the tour box. `apply(step, index, speed)` loads a step's scenario
 * anew and its view at `speed` (null step: the tour closed), and may return
 * a promise of when the step's run has started; `setSpeed(speed)` changes the speed only; `act(action)` does a
 * step's action (its button), then the tour closes unless the action `keepsTour`; `topInset(elements)` is
 * the height covered at the top of the window (the small view of the panes)
 * when those elements show. Returns { step(), open(i), waiting(),
 * tick(measures, speed), place() }.
 */
export function bindTour(box, startButton, { apply, setSpeed, act = () => {}, topInset = () => 0 }) {
  const tour = { box, startButton, apply, setSpeed, act, topInset };
  tour.q = (s) => box.querySelector(s);
  Object.assign(tour, { index: -1, waiting: false, openings: 0 });
  // Until the reader scrolls, the step keeps what it names in view as texts
  // and charts grow; a scroll of the reader's own ends that.
  Object.assign(tour, { follow: false, followFrom: 0 }); // followFrom: after the step's own (smooth) scroll
  stopFollowingOnScroll(tour);
  bindTourButtons(tour);
  followTourHeight(tour);
  return {
    step: () => tour.index,
    open: (i) => goToStep(tour, Math.min(i, STEPS.length - 1)),
    waiting: () => tour.waiting,
    tick: (measures, speed) => tickTour(tour, measures, speed),
    place: (smooth) => placeStep(tour, smooth),
  };
}
