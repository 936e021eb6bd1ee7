// The teaching page's parts beside the panes, which main.js loads only
// outside an embed: the r(t) and subgroup charts, release raster, phase
// circle and model card; presets, the focus pane and the tour; the firm
// inspector, the verdict under the chart and the screen-reader summary;
// the experiments panel and the share tools (embed dialog, import, export,
// scenario files). main.js calls the returned hooks from its state changes
// and its frame loop.
import { readyExperiments } from './core.js';
import { RChart, GroupChart } from './charts/order.js';
import { Raster } from './charts/raster.js';
import { PhaseCircle } from './charts/phase-circle.js';
import { ModelCard } from './charts/model-card.js';
import { PRESETS, presetPanes, presetById } from './controls/presets.js';
import { bindTour } from './controls/tour.js';
import { Inspector } from './controls/inspector.js';
import { Summary } from './controls/summary.js';
import { bindExperiments } from './experiments/panel.js';
import { bindTools } from './share/tools.js';

const CHART_MS = 100;       // charts redraw this often

const $ = (id) => document.getElementById(id);

// uPlot's stylesheet comes with the charts (an embed fetches neither), ahead
// of the page's own stylesheets, which adjust it.
const uPlotCss = Object.assign(document.createElement('link'),
  { rel: 'stylesheet', href: new URL('./vendor/uplot/uPlot.min.css', import.meta.url).href });
document.head.insertBefore(uPlotCss, document.head.querySelector('link[rel="stylesheet"]'));

/** A ready experiment's title, by id. */
const readyTitle = (id) => readyExperiments().find((r) => r.id === id)?.title ?? id;

/** "Dense: in step after 2.7 cycles" under the chart, per pane. */
function showVerdict(panes, m) {
  const parts = panes.map((p, i) => {
    const x = m[i];
    if (x.syncTime === undefined) return `${p.label}: not in step yet, ${x.bursts} ${x.bursts === 1 ? 'rhythm' : 'rhythms'} (${x.time.toFixed(1)} cycles so far)`;
    const plan = p.run.coordinators.length ? `, ${x.converged ? 'on' : 'off'} the coordinators’ roadmap (offset ${x.syncOffset.toFixed(2)} cycle)` : '';
    return `${p.label}: in step after ${x.syncTime.toFixed(1)} cycles${plan}`;
  });
  // Labels can come from a link: text only, never HTML.
  const el = $('verdict');
  if (el.textContent === parts.join('')) return;
  el.replaceChildren(...parts.map((t, i) => Object.assign(document.createElement('li'), { className: `v-${i}`, textContent: t })));
}

/**
 * `app`: store, panes, rt, guarded(fn), sharing (link, openFile), base (the
 * default scenario). Call once the panes exist, before the first runs.
 */
export function createPage(app) {
  const { store, panes, rt, guarded, base } = app;
  const rChart = new RChart($('r-chart'));
  const groupChart = new GroupChart($('group-chart'), $('group-note'));
  const raster = new Raster($('raster'));
  const circle = new PhaseCircle($('phase-circle'));
  const card = new ModelCard($('state-curve'), $('card-b'));
  const inspector = new Inspector($('inspector'), store);
  const summary = new Summary($('summary'));
  let focusIndex = -1, lastChart = -Infinity, experiments = null;

  function resetFocusCharts(state) {
    const p = panes[state.view.focus];
    groupChart.reset(p.run.groupR().length, p.label);
    raster.reset(p.run);
    focusIndex = state.view.focus;
  }

  const presetSelect = $('preset');
  presetSelect.append(...PRESETS.map((p) => new Option(p.name, p.id)), new Option('Your own scenario', ''));
  presetSelect.addEventListener('change', guarded(() => {
    if (!presetSelect.value) return;
    store.setPanes(presetPanes(presetSelect.value, base), { preset: presetSelect.value, layout: 'compare' });
  }));
  $('focus').addEventListener('change', guarded(() => store.setView({ focus: Number($('focus').value) })));
  const tour = bindTour($('tour'), $('tour-start'), guarded((step, index) => {
    if (!step) { store.setView({ tour: null }); return; }
    const view = { ...step.view, tour: index, preset: step.preset, playing: true };
    if (store.get().view.preset === step.preset) store.setView(view);
    else store.setPanes(presetPanes(step.preset, base), view);
  }), guarded((action) => experiments.open(action.experiment)));

  experiments = bindExperiments($('experiments'), { store, notice: app.notice, link: () => app.sharing.link() });
  $('x-open').addEventListener('click', () => { $('experiments').scrollIntoView({ behavior: 'smooth' }); $('experiments').focus({ preventScroll: true }); });
  $('x-check').addEventListener('click', guarded(() => experiments.open('seeds', { run: true })));
  $('x-preset').addEventListener('click', guarded(() => {
    const preset = presetById(store.get().view.preset);
    if (preset?.experiment) experiments.open(preset.experiment);
  }));
  bindTools(app, app.sharing);

  return {
    tour, inspector, experiments,

    /** A firm was clicked in pane `i` (-1: none). */
    pick(i, firm) { inspector.show(panes[i], firm); },

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
      presetSelect.value = view.preset ?? '';
      const preset = presetById(view.preset);
      $('preset-context').textContent = preset ? preset.context : 'Your own scenario: changed from a preset.';
      const focus = $('focus');
      [...focus.options].forEach((o, i) => { o.textContent = `${i === 0 ? 'Left' : 'Right'}: ${panes[i].label ?? ''}`; });
      focus.value = String(view.focus);
      if (panes[0].run && focusIndex !== view.focus) resetFocusCharts(state);
      card.show(state.panes[view.focus].scenario.dissipation);
      experiments.sync(state);
      $('x-preset').textContent = preset?.experiment ? `The experiment behind it: ${readyTitle(preset.experiment)}` : '';
      $('x-preset').parentElement.hidden = !preset?.experiment;
    },

    /** Each frame: `m` the panes' measures, `dt` the cycles advanced, `drawn` whether the panes were drawn. */
    frame(now, { m, dt, drawn }) {
      const { view } = store.get();
      const focus = panes[view.focus];
      if (focus.run.advanced) raster.collect(focus.run);
      if (drawn) circle.draw(focus.run, m[view.focus].r);
      if (dt > 0) {
        const added = rChart.add(m[0].time, m.map((x) => x.r), m.map((x) => x.syncTime));
        if (added) groupChart.add(m[0].time, focus.run.groupR());
      }
      if (now - lastChart > CHART_MS) {
        lastChart = now;
        rChart.redraw(); groupChart.redraw(); raster.redraw();
      }
    },

    /** A few times a second: the text beside the panes. */
    text(now, m) {
      showVerdict(panes, m);
      inspector.update();
      summary.update(now, panes.map((p, i) => ({ label: p.label, m: m[i] })));
    },

    /** After the first runs and the link were opened. */
    opened() { experiments.opened(); },
  };
}
