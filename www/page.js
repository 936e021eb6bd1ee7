// The teaching page's parts beside the panes, which main.js loads only
// outside an embed: the r(t) and subgroup charts, release raster, phase
// circle and model card; presets, the focus pane, the tour, the small view
// of the panes and the terms' definitions; the firm inspector, the verdict
// under the chart and the screen-reader summary; the experiments panel and
// the share tools (embed dialog, import, export, scenario files). main.js
// calls the returned hooks from its state changes and its frame loop.
import { readyExperiments } from './core.js';
import { RChart, GroupChart } from './charts/order.js';
import { Raster } from './charts/raster.js';
import { PhaseCircle } from './charts/phase-circle.js';
import { ModelCard } from './charts/model-card.js';
import { PRESETS, presetPanes, presetById } from './controls/presets.js';
import { showPresetText } from './controls/preset-text.js';
import { bindTour } from './controls/tour.js';
import { bindTerms } from './controls/terms.js';
import { confirmSelect } from './controls/confirm-select.js';
import { MiniView } from './controls/mini-view.js';
import { Inspector } from './controls/inspector.js';
import { Summary } from './controls/summary.js';
import { bindExperiments } from './experiments/panel.js';
import { bindTools } from './share/tools.js';

const CHART_MS = 100; // charts redraw this often

const $ = (id) => document.getElementById(id);

// uPlot's stylesheet comes with the charts (an embed fetches neither), ahead
// of the page's own stylesheets, which adjust it.
const uPlotCss = Object.assign(document.createElement('link'), {
  rel: 'stylesheet',
  href: new URL('./vendor/uplot/uPlot.min.css', import.meta.url).href,
});
document.head.insertBefore(uPlotCss, document.head.querySelector('link[rel="stylesheet"]'));

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

/**
 * `app`: store, panes, rt, guarded(fn), sharing (link, openFile), base (the
 * default scenario). Call once the panes exist, before the first runs.
 */
export function createPage(app) {
  const { store, panes, guarded, base } = app;
  const rChart = new RChart($('r-chart'));
  const groupChart = new GroupChart($('group-chart'), $('group-note'));
  $('r-window').addEventListener('change', () => {
    const cycles = Number($('r-window').value);
    rChart.setWindow(cycles);
    groupChart.setWindow(cycles);
  });
  const raster = new Raster($('raster'));
  const circle = new PhaseCircle($('phase-circle'));
  const card = new ModelCard($('state-curve'), $('card-b'));
  const inspector = new Inspector($('inspector'), store);
  const summary = new Summary($('summary'));
  // The small view of the panes follows the reader through Settings and Details.
  const mini = new MiniView($('mini'), panes, $('panes'), [
    document.querySelector('.settings'),
    document.querySelector('.details'),
  ]);
  bindTerms();
  let focusIndex = -1,
    lastChart = -Infinity,
    experiments = null;

  function resetFocusCharts(state) {
    const p = panes[state.view.focus];
    groupChart.reset(p.run.groupR().length, p.label);
    raster.reset(p.run);
    focusIndex = state.view.focus;
  }

  $('preset').append(...PRESETS.map((p) => new Option(p.name, p.id)), new Option('Your own scenario', ''));
  // "Your own scenario" keeps the panes and drops the preset's sentence.
  const presetSelect = confirmSelect(
    $('preset'),
    guarded((id) => {
      if (!id) store.setView({ preset: null });
      else store.setPanes(presetPanes(id, base), { preset: id, layout: 'compare' });
    }),
  );
  $('focus').addEventListener(
    'change',
    guarded(() => store.setView({ focus: Number($('focus').value) })),
  );
  const tour = bindTour($('tour'), $('tour-start'), {
    apply: guarded((step, index, speed, fresh) => {
      if (!step) {
        store.setView({ tour: null });
        return;
      }
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

  experiments = bindExperiments($('experiments'), { store, notice: app.notice, link: () => app.sharing.link() });
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
  bindTools(app, app.sharing);

  return {
    tour,
    inspector,
    experiments,
    rChart,

    /** A firm was clicked in pane `i` (-1: none). */
    pick(i, firm) {
      inspector.show(panes[i], firm);
    },

    /** The runs of `state` took over the panes. */
    install(state) {
      const reselect = inspector.reselect;
      inspector.reselect = null;
      inspector.show(reselect ? panes[reselect.index] : null, reselect ? reselect.firm : -1);
      rChart.reset(panes.map((p) => p.label));
      resetFocusCharts(state);
    },

    /** Shows `state` in the page's own controls. */
    sync(state) {
      const { view } = state;
      presetSelect.show(view.preset ?? '');
      showPresetText(
        { context: $('preset-context'), seedNote: $('seed-note'), check: $('x-check'), experiment: $('x-preset') },
        view.preset,
        state.panes[0].scenario.seed,
        readyTitle,
      );
      mini.setTouring(view.tour !== null && view.tour !== undefined);
      const focus = $('focus');
      [...focus.options].forEach((o, i) => {
        o.textContent = `${i === 0 ? 'Left' : 'Right'}: ${panes[i].label ?? ''}`;
      });
      focus.value = String(view.focus);
      if (panes[0].run && focusIndex !== view.focus) resetFocusCharts(state);
      card.show(state.panes[view.focus].scenario.dissipation);
      experiments.sync(state);
    },

    /** Each frame: `m` the panes' measures, `dt` the cycles advanced, `drawn` whether `shown` (the panes on screen) were drawn. */
    frame(now, { m, dt, drawn, shown }) {
      const { view } = store.get();
      const focus = panes[view.focus];
      if (focus.run.advanced) raster.collect(focus.run);
      if (drawn) {
        mini.draw(shown);
        circle.draw(focus.run, m[view.focus].r);
      }
      if (dt > 0) {
        const added = rChart.add(
          m[0].time,
          m.map((x) => x.r),
          m.map((x) => x.syncTime),
        );
        if (added) groupChart.add(m[0].time, focus.run.groupR());
      }
      if (now - lastChart > CHART_MS) {
        lastChart = now;
        rChart.redraw();
        groupChart.redraw();
        raster.redraw();
      }
    },

    /** A few times a second: the text beside the panes. */
    text(now, m) {
      showVerdict(panes);
      mini.text(m);
      tour.tick(m, store.get().view.speed);
      inspector.update();
      summary.update(
        now,
        panes.map((p, i) => ({ label: p.label, m: m[i] })),
      );
    },

    /** After the first runs and the link were opened. */
    opened() {
      experiments.opened();
    },
  };
}
