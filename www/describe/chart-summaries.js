// The teaching page's charts named and summarised for a screen reader: the
// r(t) chart, the subgroups' r, the release raster and the phase circle
// each get a name and a summary that follows the run (chart-words.js, from
// the data they draw), kept current quietly about once a second; and a
// button plays r(t) as pitch (sound/graph.js, loaded when pressed).
import { rChartWords, rasterWords, phaseCircleWords } from './chart-words.js';
import { subgroupsSentence } from './words.js';
import { causes } from '../core.js';

const EVERY_MS = 1000;
const $ = (id) => document.getElementById(id);

/** A quiet summary paragraph after `el`, which it describes (with `name` as its accessible name). */
function summarise(el, id, name) {
  const p = Object.assign(document.createElement('p'), { id, className: 'visually-hidden chart-summary' });
  el.after(p);
  if (el.tagName !== 'CANVAS') el.setAttribute('role', 'figure');
  el.setAttribute('aria-label', name);
  el.setAttribute('aria-describedby', id);
  return p;
}

const setText = (el, text) => {
  if (el.textContent !== text) el.textContent = text;
};

/** The raster's rows by subgroup, from its rows of firms (`rowOf`) and the run's subgroups. */
function rowGroups(raster, run) {
  const out = new Int32Array(raster.rows).fill(-1);
  for (let f = 0; f < run.n; f++) {
    const row = raster.rowOf[f];
    if (row >= 0) out[row] = run.groups[f];
  }
  return out;
}

/** The button that plays r(t) as sound, in the row under the chart (it takes no room of its own). */
function bindPlayButton(charts, sound, say) {
  const row = document.querySelector('.chart-window');
  const button = Object.assign(document.createElement('button'), {
    type: 'button',
    id: 'r-play',
    textContent: 'Play r(t) as sound',
  });
  const help = Object.assign(document.createElement('span'), {
    id: 'r-play-help',
    className: 'visually-hidden',
    textContent:
      ' Each pane’s r in turn, 3 seconds each, from its side: low for 0, two octaves higher for 1; a tick where it came into step.',
  });
  button.setAttribute('aria-describedby', help.id);
  button.title = help.textContent.trim();
  row.append(button, help);
  let playing = null;
  const end = () => {
    playing = null;
    button.textContent = 'Play r(t) as sound';
  };
  button.addEventListener('click', async () => {
    if (playing) {
      playing.stop();
      return;
    }
    const [{ playSeries }, manager] = await Promise.all([import('../sound/graph.js'), sound.manager()]);
    const { rChart } = charts;
    const data = rChart.data;
    if (data[0].length < 2) {
      say('Order r over time: the run has just started; play it again in a few cycles.');
      return;
    }
    const series = rChart.labels.map((label, k) => ({
      label,
      values: data[k + 1],
      times: data[0],
      sync: rChart.syncs[k] ?? undefined,
      side: k === 0 ? -1 : 1,
      words: `${label}: ${rChartWords([data[0], data[k + 1]], [label], [rChart.syncs[k]]).replace(/^Order r over time\. [^:]*: /, '')}`,
    }));
    await manager.setCharting(true);
    button.textContent = 'Stop';
    playing = playSeries(manager, series, (text) => say(text));
    const finished = playing;
    finished.done.then(() => {
      manager.setCharting(false);
      if (playing === finished) end();
    });
  });
}

/**
 * `charts`: the page's { rChart, groupChart, raster, circle }; `sound` the
 * sound (for its manager); `say(text)` the narrator's voice. Returns
 * { text(now, focus) } (`focus`: the pane the details follow).
 */
export function bindChartSummaries(charts, sound, say) {
  const el = {
    r: summarise($('r-chart'), 'r-summary', 'Order r over time, both panes'),
    groups: summarise($('group-chart'), 'group-summary', 'r within each subgroup'),
    raster: summarise($('raster'), 'raster-summary', 'Releases, one row per firm'),
    circle: summarise($('phase-circle'), 'circle-summary', 'Phase circle'),
  };
  bindPlayButton(charts, sound, say);
  let last = -Infinity;
  return {
    text(now, focus) {
      if (now - last < EVERY_MS || !focus?.run) return;
      last = now;
      const { rChart, raster } = charts;
      const run = focus.run;
      const m = focus.measures ?? run.measures();
      setText(el.r, rChartWords(rChart.data, rChart.labels, rChart.syncs));
      const groupR = run.groupCount > 1 ? run.groupR() : [];
      setText(
        el.groups,
        groupR.length > 1
          ? `r within each subgroup of ${focus.label}: ${subgroupsSentence(groupR)}`
          : `${focus.label} has no subgroups.`,
      );
      const rows = rowGroups(raster, run);
      const grouped = run.groupCount > 1;
      setText(
        el.raster,
        rasterWords(
          focus.label,
          raster.ticks,
          raster.now,
          causes(),
          run.scenario.delta,
          grouped ? (row) => rows[row] : null,
        ),
      );
      charts.circle.canvas.setAttribute('aria-label', `Phase circle of ${focus.label}`);
      setText(el.circle, phaseCircleWords(focus.label, run.phases, run.n, m.r));
    },
  };
}
