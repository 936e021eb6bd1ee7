// Wiring: loads the core, keeps the one state (state.js), builds both runs on
// one clock when a scenario changes (before the state changes: a change the
// core refuses changes nothing), and drives the frame loop (advance, flash
// safety, draw, charts, text). A crash of the core stops the loop and says
// so, offering the last scenario that ran and the default one; the
// crashing scenario is never written to the link.
import { loadCore, defaultScenario, crashed, readyExperiments } from './core.js';
import { createStore } from './state.js';
import { paneLabels } from './labels.js';
import { buildRuns } from './compare.js';
import { Pane } from './pane.js';
import { RChart, GroupChart } from './charts/order.js';
import { Raster } from './charts/raster.js';
import { PhaseCircle } from './charts/phase-circle.js';
import { ModelCard } from './charts/model-card.js';
import { buildScenarioForm } from './controls/form.js';
import { bindToolbar } from './controls/toolbar.js';
import { PRESETS, presetPanes, presetById } from './controls/presets.js';
import { showPresetText } from './controls/preset-text.js';
import { bindTour } from './controls/tour.js';
import { bindTerms } from './controls/terms.js';
import { confirmSelect } from './controls/confirm-select.js';
import { CalmControl } from './controls/calm.js';
import { MiniView } from './controls/mini-view.js';
import { Inspector } from './controls/inspector.js';
import { Summary } from './controls/summary.js';
import { FlashGuard } from './draw/flash-safety.js';
import { Layouts } from './draw/layout.js';
import { snapshot } from './snapshot.js';
import { Recorder } from './share/recorder.js';
import { Notice } from './controls/notice.js';
import { bindSharing, EMBED } from './share/sharing.js';
import { bindExperiments } from './experiments/panel.js';

const STEP_CYCLES = 0.05;   // one press of Step
const MAX_FRAME_S = 0.1;    // a hidden tab resumes without a jump
const TEXT_MS = 150;        // readouts refresh this often
const CHART_MS = 100;

const $ = (id) => document.getElementById(id);
const alertBox = $('error');
const guard = new FlashGuard();
const rt = { stopped: false, error: null, frames: 0, lastNow: null, pendingStep: false, dirty: true,
  flashing: 0, lastText: -Infinity, lastChart: -Infinity };
let store, panes, rChart, groupChart, raster, circle, card, form, toolbar, inspector, summary, tour;
let layouts, sharing, experiments, calmControl, presetSelect, mini;
const recorder = new Recorder();
const notice = new Notice($('notice'));
const app = { rt, guard, recorder, notice, snapshot: () => snapshot(app), get store() { return store; }, get panes() { return panes; }, get inspector() { return inspector; },
  get tour() { return tour; }, get layouts() { return layouts; }, get experiments() { return experiments; },
  get rChart() { return rChart; },
  get story() { return sharing?.story; } };

function fail(err) {
  if (rt.stopped) return;
  rt.stopped = true;
  const what = crashed(err) ? `the simulation core crashed (${err.message})` : String(err?.message || err);
  // The address bar gets the last scenario that ran: a reload never crashes again.
  const last = sharing?.recover(rt.building) ?? '';
  rt.error = `The simulation stopped: ${what}.`;
  const button = (text, href) => Object.assign(document.createElement('a'), { className: 'button', textContent: text, href });
  const page = location.href.split('#')[0];
  alertBox.replaceChildren(document.createTextNode(`${rt.error} `),
    ...(last ? [button('Run the last scenario that ran', `${page}#${last}`), ' '] : []),
    button('Open the default scenario', `${page}#`));
  for (const a of alertBox.querySelectorAll('a')) a.addEventListener('click', () => setTimeout(() => location.reload(), 0));
  alertBox.hidden = false;
  store?.setView({ playing: false });
  toolbar?.disable();
  console.error(err);
}

const guarded = (fn) => (...args) => {
  if (rt.stopped) return;
  try { fn(...args); } catch (err) { fail(err); }
};

/**
 * Builds the runs a proposed state would run: { runs } or { error, pane }.
 * A long build says so on the panes, which keep running what they ran.
 */
async function prepare(next) {
  rt.building = true;
  try {
    const built = await buildRuns(next.panes, { waiting: () => panes.forEach((p, i) => p.showBuilding(next.panes[i].scenario)) });
    if (built.error) built.label = next.panes[built.pane].label;
    return built;
  } finally {
    rt.building = false;
    panes.forEach((p) => p.showBuilding(null));
  }
}

/** A refused change: its reason beside the control (or under the form); the controls show what runs. */
function refused({ error, pane, label }) {
  form.clearErrors();
  const msg = error.message || String(error);
  $('form-msg').textContent = form.showError(pane, label, error)
    ? 'These settings cannot run; the panes keep their last good settings.' : `${label}: ${msg}`;
  syncUI(store.get());
}

/** The runs of a committed state take over the panes. */
function install(state, runs) {
  form.clearErrors();
  $('form-msg').textContent = '';
  runs.forEach((run, i) => {
    panes[i].setRun(run, state.panes[i].label);
    store.settle(i, run.normalScenario());
    layouts.request(i, run);
  });
  const reselect = inspector.reselect;
  inspector.reselect = null;
  inspector.show(reselect ? panes[reselect.index] : null, reselect ? reselect.firm : -1);
  guard.reset();
  recorder.reset(panes.length);
  sharing?.restarted();
  rChart.reset(panes.map((p) => p.label));
  resetFocusCharts(state);
  rt.dirty = true;
  rt.lastText = -Infinity;
}

function resetFocusCharts(state) {
  const p = panes[state.view.focus];
  groupChart.reset(p.run.groupR().length, p.label);
  raster.reset(p.run);
  rt.focus = state.view.focus;
}

/** Everything on the page that shows the state. */
function syncUI(state) {
  const { view } = state;
  toolbar.sync(view, state.panes[0].scenario.seed);
  form.sync(state);
  guard.userCalm = view.calm;
  calmControl.refresh(view.speed);
  const single = view.layout === 'single';
  $('panes').classList.toggle('single', single);
  panes.forEach((p, i) => p.setEnlarged(single, !single || view.single === i));
  presetSelect.show(view.preset ?? '');
  showPresetText({ context: $('preset-context'), seedNote: $('seed-note'), check: $('x-check'), experiment: $('x-preset') },
    view.preset, state.panes[0].scenario.seed, readyTitle);
  mini.setTouring(view.tour !== null && view.tour !== undefined);
  const focus = $('focus');
  [...focus.options].forEach((o, i) => { o.textContent = `${i === 0 ? 'Left' : 'Right'}: ${panes[i].label ?? ''}`; });
  focus.value = String(view.focus);
  if (panes[0].run && rt.focus !== view.focus) resetFocusCharts(state);
  card.show(state.panes[view.focus].scenario.dissipation);
  experiments?.sync(state);
  rt.dirty = true;
}

/** A ready experiment's title, by id. */
const readyTitle = (id) => readyExperiments().find((r) => r.id === id)?.title ?? id;

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
    if (rt.pendingStep) { dt += STEP_CYCLES; rt.pendingStep = false; }
    const shown = visiblePanes();
    let started = 0, firms = 0;
    for (const p of panes) {
      const s = p.advance(dt, now);
      if (shown.includes(p)) { started += s; firms += p.run.n; }
    }
    const focus = panes[view.focus];
    if (focus.run.advanced) raster.collect(focus.run);
    panes.forEach((p, i) => { if (p.run.advanced) recorder.collect(i, p.run); });
    const m = panes.map((p) => p.run.measures());
    if (dt > 0) recorder.sample(m[0].time, m.map((x) => x.r));
    const wasCalm = guard.calm;
    const calm = guard.frame(now, m[0].time, started, firms, view.speed);
    const moving = !calm && shown.some((p) => p.effects.pulses.length || p.effects.waves.length);
    if (dt > 0 || rt.dirty || moving || calm !== wasCalm || shown.some((p) => p.renderer.dirty)) {
      rt.flashing = 0;
      // Each renderer says itself whether it needs another frame (dirty).
      for (const p of shown) rt.flashing += p.draw({ speed: view.speed, calm, now });
      mini.draw(shown);
      circle.draw(focus.run, m[view.focus].r);
      rt.dirty = false;
      rt.frames++;
    }
    if (dt > 0) {
      const added = rChart.add(m[0].time, m.map((x) => x.r), m.map((x) => x.syncTime));
      if (added) groupChart.add(m[0].time, focus.run.groupR());
    }
    if (now - rt.lastChart > CHART_MS) {
      rt.lastChart = now;
      rChart.redraw(); groupChart.redraw(); raster.redraw();
    }
    if (now - rt.lastText > TEXT_MS) {
      rt.lastText = now;
      panes.forEach((p, i) => p.showMeasures(m[i]));
      showVerdict();
      mini.text(m);
      tour.tick(m, view.speed);
      inspector.update();
      calmControl.refresh(view.speed);
      const all = panes.map((p, i) => ({ label: p.label, m: m[i] }));
      summary.update(now, all);
      sharing.update(all);
    }
  } catch (err) {
    fail(err);
    return;
  }
  requestAnimationFrame(frame);
}

/** "Dense: in step since 2.7 cycles, on the coordinators' roadmap" under the chart, per pane (readouts.js). */
function showVerdict() {
  const parts = panes.map((p) => `${p.label}: ${p.readout.verdict}`);
  // Labels can come from a link: text only, never HTML.
  const el = $('verdict');
  if (el.textContent === parts.join('')) return;
  el.replaceChildren(...parts.map((t, i) => Object.assign(document.createElement('li'), { className: `v-${i}`, textContent: t })));
}

/** The read-only test hook (window.lockstep). */
function exposeHook() {
  window.lockstep = Object.freeze({
    state: () => snapshot(app),
    /** The first `count` releases kept of pane `p`: [{ time, firm }] (read-only). */
    releases: (p, count = 50) => recorder.first(p, count),
    /** Where firm `i` of pane `p` is drawn, in canvas CSS pixels (read-only). */
    firmAt: (p, i) => { const r = panes[p].renderer; r.fit(panes[p].run); return { x: r.x(i), y: r.y(i) }; },
  });
}

/** The two panes, their layouts and what the page draws beside them. */
function createViews() {
  layouts = new Layouts(guarded((i) => {
    panes[i].renderer.dirty = true;
    panes[i].effects.resized();
    rt.dirty = true;
  }));
  panes = [0, 1].map((i) => new Pane($(`pane-${i}`), i, {
    onKind: guarded((kind) => store.editScenarios(i, (s) => {
      s.network = { kind };
      return { matchTies: kind === 'gnm' };
    })),
    onEnlarge: guarded(() => {
      const single = store.get().view.layout === 'single';
      store.setView(single ? { layout: 'compare' } : { layout: 'single', single: i, focus: i });
      panes[i].el.enlarge.focus();
    }),
    onPick: guarded((firm) => { inspector.show(panes[i], firm); rt.dirty = true; }),
    inspecting: () => inspector.pane === panes[i],
  }));
  rChart = new RChart($('r-chart'));
  groupChart = new GroupChart($('group-chart'), $('group-note'));
  $('r-window').addEventListener('change', () => {
    const cycles = Number($('r-window').value);
    rChart.setWindow(cycles);
    groupChart.setWindow(cycles);
  });
  raster = new Raster($('raster'));
  circle = new PhaseCircle($('phase-circle'));
  card = new ModelCard($('state-curve'), $('card-b'));
  inspector = new Inspector($('inspector'), store);
  summary = new Summary($('summary'));
  calmControl = new CalmControl($('calm'), $('calm-note'), guard, guarded((calm) => store.setView({ calm })));
  // The small view of the panes follows the reader through Settings and Details (not in an embed).
  mini = new MiniView($('mini'), panes, $('panes'), EMBED.embed ? [] : [document.querySelector('.settings'), document.querySelector('.details')]);
  bindTerms();
}

/** The controls that change the state: form, toolbar, presets, focus, tour. */
function bindControls(base) {
  form = buildScenarioForm($('scenario-form'), store);
  toolbar = bindToolbar({
    toggle: guarded(() => { const on = !store.get().view.playing; sharing.toggled(on); store.setView({ playing: on }); }),
    step: guarded(() => { rt.pendingStep = true; store.setView({ playing: false }); }),
    restart: guarded(() => store.setPanes(store.get().panes)),
    seed: guarded((seed) => store.editScenarios('both', (s) => { s.seed = seed; }, { keepPreset: true })),
    speed: guarded((speed) => store.setView({ speed })),
  });
  $('preset').append(...PRESETS.map((p) => new Option(p.name, p.id)), new Option('Your own scenario', ''));
  // "Your own scenario" keeps the panes and drops the preset's sentence.
  presetSelect = confirmSelect($('preset'), guarded((id) => {
    if (!id) store.setView({ preset: null });
    else store.setPanes(presetPanes(id, base), { preset: id, layout: 'compare' });
  }));
  $('focus').addEventListener('change', guarded(() => store.setView({ focus: Number($('focus').value) })));
  tour = bindTour($('tour'), $('tour-start'), {
    apply: guarded((step, index, speed, fresh) => {
      if (!step) { store.setView({ tour: null }); return; }
      const view = { ...step.view, speed, tour: index, preset: step.preset, playing: true };
      if (fresh) store.setPanes(presetPanes(step.preset, base), view);
      else store.setView(view);
    }),
    setSpeed: guarded((speed) => store.setView({ speed })),
    act: guarded((action) => experiments.open(action.experiment)),
    // The small view of the panes covers the top unless the step shows a network.
    topInset: (elements) => (elements.some((e) => e?.matches('canvas.network')) ? 0 : mini.height()),
    current: (id) => store.get().view.preset === id && store.get().panes[0].scenario.seed === presetById(id)?.seed,
  });
  $('embed-play').addEventListener('click', () => $('play').click());
}

async function start() {
  window.addEventListener('error', (e) => fail(e.error || e.message));
  window.addEventListener('unhandledrejection', (e) => fail(e.reason));
  exposeHook();
  const base = defaultScenario();
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)');
  store = createStore({
    panes: presetPanes('compare', base),
    view: { layout: 'compare', single: 0, target: 'both', focus: 0, speed: 1, playing: !EMBED.embed,
      calm: reduce.matches, preset: 'compare', tour: null },
  }, { prepare, refused, failed: fail, relabel: paneLabels });
  reduce.addEventListener('change', () => store.setView({ calm: reduce.matches }));
  createViews();
  bindControls(base);
  store.subscribe(guarded((state, { restart, runs }) => {
    if (restart) install(state, runs);
    syncUI(state);
  }));
  sharing = bindSharing(app);
  experiments = bindExperiments($('experiments'), { store, notice, link: () => sharing.link() });
  $('x-open').addEventListener('click', () => { $('experiments').scrollIntoView({ behavior: 'smooth' }); $('experiments').focus({ preventScroll: true }); });
  $('x-check').addEventListener('click', guarded(() => experiments.open('seeds', { run: true })));
  $('x-preset').addEventListener('click', guarded(() => {
    const preset = presetById(store.get().view.preset);
    if (preset?.experiment) experiments.open(preset.experiment);
  }));
  const refusal = await store.setPanes(store.get().panes);
  if (refusal) throw new Error(`the default scenarios did not start (${refusal.error.message})`);
  syncUI(store.get());
  // Frames start first: a large scenario in the link builds while the
  // default one is drawn.
  requestAnimationFrame(frame);
  await sharing.opened();
  experiments.opened();
}

loadCore()
  .catch((err) => {
    throw new Error(`could not load the simulation core (${err.message}); build it with "bash scripts/build.sh"`);
  })
  .then(start)
  .catch(fail);
