// Wiring: loads the core, keeps the one state (state.js), builds both runs on
// one clock when a scenario changes (before the state changes: a change the
// core refuses changes nothing), and drives the frame loop (advance, flash
// safety, draw, text). A crash of the core stops the loop and says so,
// offering the last scenario that ran and the default one; the crashing
// scenario is never written to the link.
//
// What the page shows beside the panes is loaded while the core loads, and
// only where it is shown (see loadParts): the teaching page's charts, tour,
// inspector, experiments and tools (page.js), or an embed's own parts; the
// settings form only where some of it is shown. So an embed fetches no chart
// code, and its first frame waits for nothing it does not draw.
import { loadCore, defaultScenario, crashed, limits } from './core.js';
import { createStore } from './state.js';
import { paneLabels } from './labels.js';
import { buildRuns } from './compare.js';
import { Pane } from './pane.js';
import { bindToolbar } from './controls/toolbar.js';
import { presetPanes } from './controls/presets.js';
import { CalmControl } from './controls/calm.js';
import { startWhenSeen } from './controls/start-seen.js';
import { FlashGuard } from './draw/flash-safety.js';
import { Layouts } from './draw/layout.js';
import { snapshot } from './snapshot.js';
import { Recorder } from './share/recorder.js';
import { Notice } from './controls/notice.js';
import { bindSharing, EMBED } from './share/sharing.js';
import { createNarrator } from './describe/narrator.js';
import { bindDescriptions } from './describe/pane-description.js';
import { bindSound } from './sound/sound.js';
import { Clock } from './timeline/clock.js';

const STEP_CYCLES = 0.05; // one press of Step
const MAX_FRAME_S = 0.1; // a hidden tab resumes without a jump
const TEXT_MS = 150; // readouts refresh this often
const FIRST_FRAME = 'lockstep-first-frame'; // a performance mark, for scripts/bench-load.mjs

const $ = (id) => document.getElementById(id);
const alertBox = $('error');
const guard = new FlashGuard();
const rt = {
  stopped: false,
  error: null,
  frames: 0,
  builds: 0, // runs installed in the panes: one per change that ran
  lastNow: null,
  pendingStep: false,
  dirty: true,
  flashing: 0,
  lastText: -Infinity,
};
let store, panes, form, toolbar, layouts, sharing, calmControl, narrator, descriptions, sound;
/**
 * The parts beside the panes (see loadParts), every hook optional:
 * install(state) after new runs took over the panes, sync(state) on every
 * change, frame(now, { m, dt, drawn, shown }) each frame (m: the panes' measures,
 * shown: the panes on screen),
 * text(now, m) a few times a second, pick(pane, firm) on a click on a firm,
 * opened() once the first runs and the link are in; and for the snapshot
 * and the link: tour, inspector, experiments, rChart.
 */
let parts = {};
const recorder = new Recorder();
const notice = new Notice($('notice'));
const clock = new Clock({
  panes: () => panes,
  jumped: (t, done) => app.guarded(seeked)(t, done),
  progress: (text) => parts.progress?.(text),
});
const app = {
  rt,
  guard,
  recorder,
  notice,
  clock,
  /**
   * Pauses and puts both panes at moment `t` (cycles, clamped to [0, the
   * core's limit]); resolves to the time reached, or null when a newer seek
   * or new runs cancelled it. For the timeline, the link's `t=`, the
   * embed's `seek` and the tour.
   */
  seek: (t) => {
    const at = Clock.moment(t);
    if (at === null) return Promise.reject(new Error(`t: ${String(t)} is not a number of cycles`));
    sharing.toggled(false); // an embed stays at the moment when scrolled back into view
    store.setView({ playing: false, at });
    return clock.seek(at);
  },
  snapshot: () => snapshot(app),
  get store() {
    return store;
  },
  get panes() {
    return panes;
  },
  get sharing() {
    return sharing;
  },
  get layouts() {
    return layouts;
  },
  get inspector() {
    return parts.inspector;
  },
  get tour() {
    return parts.tour;
  },
  get experiments() {
    return parts.experiments;
  },
  get rChart() {
    return parts.rChart;
  },
  get story() {
    return sharing?.story;
  },
  get narrator() {
    return narrator;
  },
  get sound() {
    return sound;
  },
};

/**
 * The modules of the parts this page shows beside the panes, fetched while
 * the core loads: { createParts(app) } (which returns the hooks above) or
 * null for none. An embed's own parts (a title, a legend, verdicts) are
 * loaded here, in its branch, the same way.
 */
function loadParts() {
  if (EMBED.embed) return Promise.resolve(null);
  return import('./page.js').then((m) => ({ createParts: m.createPage }));
}

/** The settings form, where any of it is shown: always on the page, in an embed only for `controls=` settings. */
function loadForm() {
  const shown = !EMBED.embed || EMBED.controls.some((c) => c !== 'speed' && c !== 'seed');
  return shown ? import('./controls/form.js') : Promise.resolve(null);
}

function fail(err) {
  if (rt.stopped) return;
  rt.stopped = true;
  const what = crashed(err) ? `the simulation core crashed (${err.message})` : String(err?.message || err);
  // The address bar gets the last scenario that ran: a reload never crashes again.
  const last = sharing?.recover(rt.building) ?? '';
  rt.error = `The simulation stopped: ${what}.`;
  const button = (text, href) =>
    Object.assign(document.createElement('a'), { className: 'button', textContent: text, href });
  const page = location.href.split('#')[0];
  alertBox.replaceChildren(
    document.createTextNode(`${rt.error} `),
    ...(last ? [button('Run the last scenario that ran', `${page}#${last}`), ' '] : []),
    button('Open the default scenario', `${page}#`),
  );
  for (const a of alertBox.querySelectorAll('a'))
    a.addEventListener('click', () => setTimeout(() => location.reload(), 0));
  alertBox.hidden = false;
  store?.setView({ playing: false });
  toolbar?.disable();
  console.error(err);
}

const guarded =
  (fn) =>
  (...args) => {
    if (rt.stopped) return;
    try {
      return fn(...args);
    } catch (err) {
      fail(err);
    }
  };
app.guarded = guarded;

/**
 * Builds the runs a proposed state would run: { runs } or { error, pane }.
 * A long build says so on the panes, which keep running what they ran.
 */
async function prepare(next) {
  layouts.warm(next.panes.map((p) => p.scenario));
  rt.building = true;
  try {
    const built = await buildRuns(next.panes, {
      waiting: () => {
        panes.forEach((p, i) => {
          p.showBuilding(next.panes[i].scenario);
        });
      },
    });
    if (built.error) built.label = next.panes[built.pane].label;
    return built;
  } finally {
    rt.building = false;
    for (const p of panes) p.showBuilding(null);
  }
}

/** A refused change: its reason beside the control (or under the form); the controls show what runs. */
function refused({ error, pane, label }) {
  form?.clearErrors();
  const msg = error.message || String(error);
  $('form-msg').textContent = form?.showError(pane, label, error)
    ? 'These settings cannot run; the panes keep their last good settings.'
    : `${label}: ${msg}`;
  syncUI(store.get());
}

/** Both panes went to moment `t` (`done`: the seek's last step): everything shown follows. */
function seeked(t, done) {
  for (const p of panes) p.seeked();
  guard.seeked();
  recorder.seeked(panes.map((p) => p.run));
  rt.dirty = true;
  rt.lastText = -Infinity;
  parts.seeked?.(t, done);
}

/** The runs of a committed state take over the panes. */
function install(state, runs) {
  clock.cancel();
  form?.clearErrors();
  $('form-msg').textContent = '';
  runs.forEach((run, i) => {
    panes[i].setRun(run, state.panes[i].label);
    store.settle(i, run.normalScenario());
    layouts.request(i, run);
  });
  narrator.install();
  descriptions.install();
  sound.install();
  parts.install?.(state);
  guard.reset();
  recorder.reset(panes.length);
  sharing?.restarted();
  rt.builds++;
  rt.dirty = true;
  rt.lastText = -Infinity;
}

/** Everything on the page that shows the state. */
function syncUI(state) {
  const { view } = state;
  toolbar.sync(view, state.panes[0].scenario.seed);
  form?.sync(state);
  guard.userCalm = view.calm;
  calmControl.refresh(view.speed);
  const single = view.layout === 'single';
  $('panes').classList.toggle('single', single);
  panes.forEach((p, i) => {
    p.setEnlarged(single, !single || view.single === i);
  });
  parts.sync?.(state);
  rt.dirty = true;
}

function visiblePanes() {
  const { view } = store.get();
  return view.layout === 'single' ? [panes[view.single]] : panes;
}

function frame(now) {
  if (rt.stopped) return;
  try {
    const { view } = store.get();
    const wall = rt.lastNow === null ? 0 : Math.min((now - rt.lastNow) / 1000, MAX_FRAME_S);
    rt.lastNow = now;
    let dt = view.playing ? wall * view.speed : 0;
    if (rt.pendingStep) {
      dt += STEP_CYCLES;
      rt.pendingStep = false;
    }
    const shown = visiblePanes();
    let started = 0,
      firms = 0;
    for (const p of panes) {
      const s = p.advance(dt, now);
      if (shown.includes(p)) {
        started += s;
        firms += p.run.n;
      }
    }
    panes.forEach((p, i) => {
      if (p.run.advanced) recorder.collect(i, p.run);
    });
    const m = panes.map((p) => p.run.measures());
    if (dt > 0)
      recorder.sample(
        m[0].time,
        m.map((x) => x.r),
      );
    const wasCalm = guard.calm;
    const calm = guard.frame(now, m[0].time, started, firms, view.speed);
    const moving = !calm && shown.some((p) => p.effects.pulses.length || p.effects.waves.length);
    const drawn = dt > 0 || rt.dirty || moving || calm !== wasCalm || shown.some((p) => p.renderer.dirty);
    if (drawn) {
      rt.flashing = 0;
      // Each renderer says itself whether it needs another frame (dirty).
      for (const p of shown) rt.flashing += p.draw({ speed: view.speed, calm, now });
      rt.dirty = false;
      if (rt.frames++ === 0) performance.mark(FIRST_FRAME);
    }
    parts.frame?.(now, { m, dt, drawn, shown });
    narrator.frame();
    sound.frame(dt, m);
    if (now - rt.lastText > TEXT_MS) {
      rt.lastText = now;
      panes.forEach((p, i) => {
        p.showMeasures(m[i]);
      });
      calmControl.refresh(view.speed);
      narrator.text(m);
      descriptions.text(now);
      parts.text?.(now, m);
      sharing.update(panes.map((p, i) => ({ label: p.label, m: m[i] })));
    }
  } catch (err) {
    fail(err);
    return;
  }
  requestAnimationFrame(frame);
}

/** The read-only test hook (window.lockstep). */
function exposeHook() {
  window.lockstep = Object.freeze({
    state: () => snapshot(app),
    /** The first `count` releases kept of pane `p`: [{ time, firm }] (read-only). */
    releases: (p, count = 50) => recorder.first(p, count),
    /** The core's limits (read-only). */
    limits: () => limits(),
    /** Pane `p`'s state now, as `lockstep run --at` prints it (read-only). */
    moment: (p) => panes[p].run.moment(),
    /** What pane `p`'s run keeps to go back: { checkpoints, checkpointBytes, recordBytes } (read-only). */
    memory: (p) => panes[p].run.memory(),
    /** The events listed on the timeline so far: [{ kind, time, pane, text }] (read-only). */
    events: () => parts.events?.upTo() ?? [],
    /** Where firm `i` of pane `p` is drawn, in canvas CSS pixels (read-only). */
    firmAt: (p, i) => {
      const r = panes[p].renderer;
      r.fit(panes[p].run);
      return { x: r.x(i), y: r.y(i) };
    },
  });
}

/** The two panes and their layouts. */
function createPanes() {
  layouts = new Layouts(
    guarded((i) => {
      panes[i].renderer.dirty = true;
      panes[i].effects.resized();
      rt.dirty = true;
    }),
  );
  panes = [0, 1].map(
    (i) =>
      new Pane($(`pane-${i}`), i, {
        onKind: guarded((kind) =>
          store.editScenarios(i, (s) => {
            s.network = { kind };
            return { matchTies: kind === 'gnm' };
          }),
        ),
        onEnlarge: guarded(() => {
          const single = store.get().view.layout === 'single';
          store.setView(single ? { layout: 'compare' } : { layout: 'single', single: i, focus: i });
          panes[i].el.enlarge.focus();
        }),
        onPick: guarded((firm) => {
          parts.pick?.(i, firm);
          rt.dirty = true;
        }),
        inspecting: () => parts.inspector?.pane === panes[i],
        inspectable: !EMBED.embed,
      }),
  );
  calmControl = new CalmControl(
    $('calm'),
    $('calm-note'),
    guard,
    guarded((calm) => store.setView({ calm })),
  );
}

/** What a reader hears: the narrator, each pane's description, and the releases as sound. */
function createVoices() {
  narrator = createNarrator(app, $('announcer'));
  descriptions = bindDescriptions(panes, narrator);
  sound = bindSound(app, [
    { toggle: $('sound-toggle'), volume: $('sound-volume') },
    { toggle: $('embed-sound'), volume: $('embed-volume') },
  ]);
}

/** The controls every view has: the toolbar (and the embed's play button). */
function bindControls() {
  toolbar = bindToolbar({
    toggle: guarded(() => {
      const on = !store.get().view.playing;
      sharing.toggled(on);
      if (on) clock.cancel();
      store.setView(on ? { playing: on, at: null } : { playing: on });
    }),
    step: guarded(() => {
      clock.cancel();
      rt.pendingStep = true;
      store.setView({ playing: false, at: null });
    }),
    restart: guarded(() => store.setPanes(store.get().panes, { at: null })),
    seed: guarded((seed) =>
      store.editScenarios(
        'both',
        (s) => {
          s.seed = seed;
        },
        { keepPreset: true },
      ),
    ),
    speed: guarded((speed) => store.setView({ speed })),
  });
  $('embed-play').addEventListener('click', () => $('play').click());
}

async function start([, loadedParts, formModule]) {
  window.addEventListener('error', (e) => fail(e.error || e.message));
  window.addEventListener('unhandledrejection', (e) => fail(e.reason));
  exposeHook();
  const base = defaultScenario();
  app.base = base;
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)');
  store = createStore(
    {
      panes: presetPanes('compare', base),
      view: {
        layout: 'compare',
        single: 0,
        target: 'both',
        focus: 0,
        speed: 1,
        playing: false, // the page starts once its panes are seen (startWhenSeen), an embed on its play button
        at: null, // the moment the panes were sent to, while they stay there (the link's t=)
        calm: reduce.matches,
        preset: 'compare',
        tour: null,
      },
    },
    { prepare, refused, failed: fail, relabel: paneLabels },
  );
  reduce.addEventListener('change', () => store.setView({ calm: reduce.matches }));
  createPanes();
  createVoices();
  form = formModule?.buildScenarioForm($('scenario-form'), store) ?? null;
  bindControls();
  store.subscribe(
    guarded((state, { restart, runs }) => {
      if (restart) install(state, runs);
      syncUI(state);
    }),
  );
  sharing = bindSharing(app);
  parts = loadedParts?.createParts(app) ?? {};
  const refusal = await store.setPanes(store.get().panes);
  if (refusal) throw new Error(`the default scenarios did not start (${refusal.error.message})`);
  syncUI(store.get());
  // Frames start first: a large scenario in the link builds while the
  // default one is drawn.
  requestAnimationFrame(frame);
  if (!EMBED.embed) startWhenSeen(store, $('panes'), $('start-note'));
  await sharing.opened();
  parts.opened?.();
}

Promise.all([
  loadCore({ embed: EMBED.embed }).catch((err) => {
    throw new Error(`could not load the simulation core (${err.message}); build it with "bash scripts/build.sh"`);
  }),
  loadParts(),
  loadForm(),
])
  .then(start)
  .catch(fail);
