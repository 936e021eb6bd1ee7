// The teaching page's parts beside the panes, which main.js loads only
// outside an embed: the r(t) and subgroup charts, release raster, phase
// circle and model card; presets, the focus pane, the tour, the small view
// of the panes and the terms' definitions; the firm inspector, the verdict
// under the chart and the screen-reader summary; the experiments panel and
// the share tools (embed dialog, import, export, scenario files). main.js
// calls the returned hooks from its state changes and its frame loop.
import { readyExperiments, OFFLINE } from './core.js';
import { RChart, GroupChart } from './charts/order.js';
import { Raster } from './charts/raster.js';
import { PhaseCircle } from './charts/phase-circle.js';
import { ModelCard } from './charts/model-card.js';
import { PRESETS, presetPanes, presetById } from './controls/presets.js';
import { showPresetText } from './controls/preset-text.js';
import { bindTour } from './controls/tour.js';
import { bindPresent } from './controls/present.js';
import { bindTerms } from './controls/terms.js';
import { confirmSelect } from './controls/confirm-select.js';
import { MiniView } from './controls/mini-view.js';
import { Inspector } from './controls/inspector.js';
import { bindChartSummaries } from './describe/chart-summaries.js';
import { bindExperiments } from './experiments/panel.js';
import { bindTools } from './share/tools.js';
import { Events } from './timeline/events.js';
import { Timeline } from './timeline/track.js';

const CHART_MS = 100; // charts redraw this often

const $ = (id) => document.getElementById(id);

// uPlot's stylesheet comes with the charts (an embed fetches neither), ahead
// of the page's own stylesheets, which adjust it.
const uPlotCss = Object.assign(document.createElement('link'), {
  rel: 'stylesheet',
  href: new URL('./vendor/uplot/uPlot.min.css', import.meta.url).href,
});
// The offline single file has it inside already.
if (!OFFLINE) document.head.insertBefore(uPlotCss, document.head.querySelector('link[rel="stylesheet"]'));

/** A ready experiment's title, by id. */
const readyTitle = (id) => readyExperiments().find((r) => r.id === id)?.title ?? id;

/** "Dense: in step since 2.7 cycles, on the coordinators' roadmap" under the chart, per pane (readouts.js). */
function showVerdict(panes) {
  const parts = panes.map((p) => `${p.label}: ${p.readout.verdict}`);
  // Labels can come from a link: text only, never HTML.
  const el = $('verdict');
  if (el.textContent === parts.join('')) return;
  el.replaceChildren(
    ...parts.map((t, i) => Object.assign(document.createElement('li'), { className: `v-${i}`, textContent: t })),
  );
}

/** The charts of the focused pane and of both: r(t), subgroups, raster, phase circle, model card. */
function createCharts() {
  const charts = {
    rChart: new RChart($('r-chart')),
    groupChart: new GroupChart($('group-chart'), $('group-note')),
    raster: new Raster($('raster')),
    circle: new PhaseCircle($('phase-circle')),
    card: new ModelCard($('state-curve'), $('card-b')),
  };
  $('r-window').addEventListener('change', () => {
    const cycles = Number($('r-window').value);
    charts.rChart.setWindow(cycles);
    charts.groupChart.setWindow(cycles);
  });
  return charts;
}

/** The subgroup chart and the raster start over on `pane`'s run. */
function resetFocusCharts({ groupChart, raster }, pane) {
  groupChart.reset(pane.run.groupR().length, pane.label);
  raster.reset(pane.run);
}

/** The charts of the moment: r(t) of both panes and the focused pane's subgroups from the cores' traces, the raster from its history. */
function redrawCharts({ rChart, groupChart, raster }, panes, focus) {
  rChart.show(
    panes.map((p) => p.run.trace()),
    panes.map((p) => p.run.reading('syncTime')),
  );
  groupChart.show(focus.run.trace());
  rChart.redraw();
  groupChart.redraw();
  raster.redraw();
}

/** The small view of the panes, following the reader through Settings and Details. */
function createMiniView(panes) {
  return new MiniView($('mini'), panes, $('panes'), [
    document.querySelector('.settings'),
    document.querySelector('.details'),
  ]);
}

/** The preset menu; "Your own scenario" keeps the panes and drops the preset's sentence. */
function bindPresetMenu({ store, guarded, base }) {
  $('preset').append(...PRESETS.map((p) => new Option(p.name, p.id)), new Option('Your own scenario', ''));
  return confirmSelect(
    $('preset'),
    guarded((id) => {
      if (!id) store.setView({ preset: null });
      else store.setPanes(presetPanes(id, base), { preset: id, layout: 'compare' });
    }),
  );
}

/** The menu of the pane the charts follow: "Left: Clustered", "Right: Dense". */
function bindFocusMenu({ store, guarded }) {
  $('focus').addEventListener(
    'change',
    guarded(() => store.setView({ focus: Number($('focus').value) })),
  );
}

function showFocusMenu(view, panes) {
  const focus = $('focus');
  [...focus.options].forEach((o, i) => {
    o.textContent = `${i === 0 ? 'Left' : 'Right'}: ${panes[i].label ?? ''}`;
  });
  focus.value = String(view.focus);
}

/**
 * The guided tour, applying its steps to the store; `page` holds the small
 * view (mini), the experiments panel its last step opens, and present mode,
 * which that step leaves (the panel is not part of it).
 */
function bindPageTour({ store, guarded, base }, page) {
  const { mini } = page;
  return bindTour($('tour'), $('tour-start'), {
    apply: guarded((step, index, speed) => {
      if (!step) {
        store.setView({ tour: null });
        return;
      }
      const view = { ...step.view, speed, tour: index, preset: step.preset, playing: true };
      return store.setPanes(presetPanes(step.preset, base), view);
    }),
    setSpeed: guarded((speed) => store.setView({ speed })),
    act: guarded((action) => {
      // The listening step's button presses the real Sound button (on only: it never turns it off).
      if (action.sound) {
        if ($('sound-toggle').getAttribute('aria-pressed') !== 'true') $('sound-toggle').click();
        return;
      }
      page.present.leave();
      page.experiments.open(action.experiment);
    }),
    // The small view of the panes covers the top unless the step shows a network.
    topInset: (elements) => (elements.some((e) => e?.matches('canvas.network')) ? 0 : mini.height()),
  });
}

/** The experiments panel and the buttons elsewhere on the page that open it. */
function bindExperimentsPanel(app) {
  const { store, guarded } = app;
  const experiments = bindExperiments($('experiments'), { store, notice: app.notice, link: () => app.sharing.link() });
  $('x-open').addEventListener('click', () => {
    $('experiments').scrollIntoView({ behavior: 'smooth' });
    $('experiments').focus({ preventScroll: true });
  });
  $('x-check').addEventListener(
    'click',
    guarded(() => experiments.open('seeds', { run: true })),
  );
  $('x-preset').addEventListener(
    'click',
    guarded(() => {
      const preset = presetById(store.get().view.preset);
      if (preset?.experiment) experiments.open(preset.experiment);
    }),
  );
  return experiments;
}

/** The preset's sentence, its seed note and its experiment's buttons. */
function showPreset(state) {
  showPresetText(
    {
      context: $('preset-context'),
      claim: $('present-claim'),
      seedNote: $('seed-note'),
      check: $('x-check'),
      experiment: $('x-preset'),
    },
    state.view.preset,
    state.panes[0].scenario.seed,
    readyTitle,
  );
}

/** After a rebuild the inspector shows the firm it was asked to keep (the edit it made), or none. */
function reselectFirm(inspector, panes) {
  const reselect = inspector.reselect;
  inspector.reselect = null;
  inspector.show(reselect ? panes[reselect.index] : null, reselect ? reselect.firm : -1);
}

/** The timeline under the panes, on the app's clock. */
function createTimeline(app, events) {
  return new Timeline($('timeline'), {
    clock: app.clock,
    events,
    seek: app.guarded((t) => app.seek(t)),
    release: (t, dir) => app.clock.release(t, dir),
  });
}

/** The runs of `state` took over the panes. */
function installRuns(page, state) {
  page.events.reset(page.panes);
  page.calm = false;
  reselectFirm(page.inspector, page.panes);
  page.charts.rChart.reset(page.panes.map((p) => p.label));
  focusOn(page, state);
}

/** The subgroup chart and raster follow the focused pane of `state`. */
function focusOn(page, state) {
  resetFocusCharts(page.charts, page.panes[state.view.focus]);
  page.focusIndex = state.view.focus;
  page.chartsDirty = true;
}

/** Shows `state` in the page's own controls. */
function syncPage(page, state) {
  const { view } = state;
  const { panes, charts } = page;
  page.presetSelect.show(view.preset ?? '');
  showPreset(state);
  page.mini.setTouring(view.tour !== null && view.tour !== undefined);
  showFocusMenu(view, panes);
  if (panes[0].run && page.focusIndex !== view.focus) focusOn(page, state);
  charts.card.show(state.panes[view.focus].scenario.dissipation);
  page.experiments.sync(state);
}

/** Each frame: `m` the panes' measures, `dt` the cycles advanced, `drawn` whether `shown` (the panes on screen) were drawn. */
function framePage(page, now, { m, drawn, shown }) {
  const { charts } = page;
  const { view } = page.store.get();
  const focus = page.panes[view.focus];
  if (drawn) {
    page.mini.draw(shown);
    charts.circle.draw(focus.run, m[view.focus].r);
  }
  page.events.poll();
  // The display turning calm of itself (too many flashes) is an event of the run.
  const calm = page.guard.limited;
  if (calm && !page.calm && m[0].time > 0) page.events.calm(m[0].time);
  page.calm = calm;
  // The charts follow the runs' time, forward or back (a seek).
  const time = m[0].time;
  if (now - page.lastChart > CHART_MS && (time !== page.chartTime || page.chartsDirty)) {
    page.lastChart = now;
    page.chartTime = time;
    page.chartsDirty = false;
    redrawCharts(charts, page.panes, focus);
  }
}

/** A few times a second: the text beside the panes. */
function showPageText(page, now, m) {
  const { panes } = page;
  page.timeline.update();
  showVerdict(panes);
  page.mini.text(m);
  page.tour.tick(m, page.store.get().view.speed);
  page.inspector.update();
  page.summaries.text(now, panes[page.store.get().view.focus]);
}

/**
 * `app`: store, panes, rt, guarded(fn), sharing (link, openFile), base (the
 * default scenario). Call once the panes exist, before the first runs.
 * Returns the hooks main.js calls: pick, install, sync, frame, text, opened.
 */
export function createPage(app) {
  const { store, panes } = app;
  const page = {
    store,
    panes,
    charts: createCharts(),
    inspector: new Inspector($('inspector'), store),
    mini: createMiniView(panes),
    guard: app.guard,
    events: new Events(),
    calm: false,
    focusIndex: -1,
    lastChart: -Infinity,
    chartTime: -1,
    chartsDirty: true,
  };
  page.timeline = createTimeline(app, page.events);
  bindTerms();
  page.summaries = bindChartSummaries(page.charts, app.sound, (text) =>
    app.narrator.say(text, { key: 'chart', priority: 5 }),
  );
  page.presetSelect = bindPresetMenu(app);
  bindFocusMenu(app);
  page.tour = bindPageTour(app, page);
  page.experiments = bindExperimentsPanel(app);
  const tools = bindTools(app, app.sharing);
  page.present = bindPresent({
    bar: $('present-bar'),
    button: $('present-start'),
    tour: page.tour,
    showQr: tools.showQr,
    changed: (on) => {
      page.charts.rChart.setLook(on ? 'present' : 'page');
      // Back on the page, a running tour's step is brought into view again.
      if (!on) page.tour.place(false);
    },
  });
  return {
    tour: page.tour,
    /** The link's QR code, full screen (present mode can call it). */
    showQr: tools.showQr,
    inspector: page.inspector,
    experiments: page.experiments,
    rChart: page.charts.rChart,
    events: page.events,
    /** A firm was clicked in pane `i` (-1: none). */
    pick: (i, firm) => {
      page.inspector.show(panes[i], firm);
      page.inspector.reveal();
    },
    install: (state) => installRuns(page, state),
    sync: (state) => syncPage(page, state),
    frame: (now, frame) => framePage(page, now, frame),
    text: (now, m) => showPageText(page, now, m),
    /** Both panes went to another moment: the charts and the timeline follow at once. */
    seeked: () => {
      page.chartsDirty = true;
      page.lastChart = -Infinity;
      page.events.poll();
      page.timeline.update();
    },
    /** How a long seek is going (null: done). */
    progress: (text) => page.timeline.say(text ?? ''),
    /** After the first runs and the link were opened. */
    opened: () => page.experiments.opened(),
  };
}
