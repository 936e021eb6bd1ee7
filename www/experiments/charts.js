// An experiment's charts: the median time to synchrony per value with its
// 95% interval as a band (one line per arm), the shares of runs not in
// step and converged to the roadmap (two small charts side by side, so a
// dash always means an arm, never a measure), the cumulative share in step
// at one value (censored runs never reach the top), and the two-way grid
// as a heat map. uPlot draws the first three; the heat map is a plain
// canvas. Each arm keeps its colour and dash in every chart; shares are
// percentages everywhere, as in the core's sentences.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { OKABE_ITO, PANE_COLOURS, PANE_DASH } from '../draw/palette.js';
import { parameter } from '../core.js';
import { h } from '../dom.js';

const AXIS = { stroke: '#4d5869', grid: { stroke: '#e3e7ee' }, ticks: { stroke: '#c9d0db' } };
// The panes' colours and dashes, so an arm drawn from a pane looks like it.
export const ARM_COLOURS = [...PANE_COLOURS, OKABE_ITO.green];
const ARM_DASH = [...PANE_DASH, [2, 3]];
const HEIGHT = 220;
const SMALL = 170; // each of the shares' two small charts

/**
 * A share of runs as the core's sentences say it: "35%", and "under 1%" or
 * "over 99%" for a share that is not 0 or 1 but rounds to it.
 */
export function percent(share) {
  const shown = Math.round(share * 100);
  if (shown === 0 && share > 0) return 'under 1%';
  if (shown === 100 && share < 1) return 'over 99%';
  return `${shown}%`;
}
const PERCENT_AXIS = { ...AXIS, size: 50, values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)}%`) };

/** A parameter's name on an axis: its label ("Ties per firm"). */
export const axisName = (path) => parameter(path)?.label ?? path;
/** One arm is drawn solid blue; several in the panes' colours and dashes. */
const colour = (experiment, i) => (experiment.arms.length === 1 ? OKABE_ITO.blue : ARM_COLOURS[i]);
const dash = (experiment, i) => (experiment.arms.length === 1 ? [] : ARM_DASH[i]);

const fmt = (v, d = 1) => (v == null || !Number.isFinite(v) ? '–' : v.toFixed(d));
const rgba = (hex, a) => {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
};

/** A range that shows a single value too. */
const padded = (_u, lo, hi) =>
  lo === hi ? [lo - (Math.abs(lo) || 1) * 0.5, hi + (Math.abs(hi) || 1) * 0.5] : [lo, hi];

/** A uPlot chart that follows its box's width and can be rebuilt. */
class Chart {
  constructor(box, height = HEIGHT) {
    this.box = box;
    this.height = height;
    new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: this.height })).observe(box);
  }

  width() {
    return Math.max(200, Math.floor(this.box.clientWidth));
  }

  draw(options, data) {
    this.plot?.destroy();
    this.plot = new uPlot(
      { width: this.width(), height: this.height, legend: { live: false }, ...options },
      data,
      this.box,
    );
  }

  clear() {
    this.plot?.destroy();
    this.plot = null;
  }

  canvas() {
    return this.box.querySelector('canvas');
  }

  /** What a PNG of this chart is made of. */
  canvases() {
    return [this.canvas()].filter(Boolean);
  }
}

/** The points of arm `arm` along x (at the grid's first second value). */
function armPoints(experiment, summaries, arm) {
  const y0 = experiment.y?.values[0];
  return summaries.filter((s) => s.arm === arm && (y0 === undefined || s.value2 === y0));
}

const xsOf = (summaries) => [...new Set(summaries.map((s) => s.value))].sort((a, b) => a - b);

export class SweepChart extends Chart {
  /** Median time to synchrony per value, 95% interval as a band, per arm. */
  show(experiment, summaries) {
    const xs = xsOf(summaries);
    const data = [xs];
    const series = [{ label: experiment.x.path, value: (_u, v) => fmt(v, 3) }];
    const bands = [];
    experiment.arms.forEach((arm, i) => {
      const at = new Map(armPoints(experiment, summaries, i).map((s) => [s.value, s]));
      const col = (f) => xs.map((x) => (at.has(x) ? (f(at.get(x)) ?? null) : null));
      const base = data.length;
      data.push(
        col((s) => s.medianTime),
        col((s) => s.medianInterval[0]),
        col((s) => s.medianInterval[1]),
      );
      series.push(
        {
          label: arm.label,
          stroke: colour(experiment, i),
          dash: dash(experiment, i),
          width: 2.5,
          points: { show: true, size: 7 },
          value: (_u, v) => fmt(v),
        },
        { label: `${arm.label} low`, stroke: 'transparent', points: { show: false } },
        { label: `${arm.label} high`, stroke: 'transparent', points: { show: false } },
      );
      bands.push({ series: [base + 2, base + 1], fill: rgba(colour(experiment, i), 0.18) });
    });
    // A median that is censored (most runs never in step) has no point: an
    // arrow at the top says so, labelled "never".
    const never = experiment.arms.map((_arm, i) =>
      xs.filter(
        (x, k) =>
          data[1 + 3 * i][k] == null &&
          armPoints(experiment, summaries, i).some((s) => s.value === x && s.medianTime == null),
      ),
    );
    const arrows = (u) => {
      const { ctx } = u;
      ctx.save();
      ctx.font = `${11 * uPlot.pxRatio}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      never.forEach((list, i) => {
        list.forEach((x) => {
          const cx = u.valToPos(x, 'x', true),
            top = u.bbox.top + 4 * uPlot.pxRatio + i * 14 * uPlot.pxRatio;
          ctx.fillStyle = colour(experiment, i);
          ctx.beginPath();
          ctx.moveTo(cx, top);
          ctx.lineTo(cx - 5 * uPlot.pxRatio, top + 8 * uPlot.pxRatio);
          ctx.lineTo(cx + 5 * uPlot.pxRatio, top + 8 * uPlot.pxRatio);
          ctx.fill();
          ctx.fillText('never', cx, top + 20 * uPlot.pxRatio);
        });
      });
      ctx.restore();
    };
    // Times run from a fraction of a cycle to the cap: a log scale shows both.
    const shown = data
      .slice(1)
      .flat()
      .filter((v) => v != null && v > 0);
    const decade = (v, round) => 10 ** round(Math.log10(v));
    const lo = decade(Math.max(0.1, Math.min(...shown, experiment.cap) * 0.9), Math.floor);
    const hi = decade(Math.max(...shown, 1) * 1.1, Math.ceil);
    this.draw(
      {
        scales: { x: { time: false, range: padded }, y: { distr: 3, log: 10, range: [lo, hi] } },
        axes: [
          { ...AXIS, label: axisName(experiment.x.path) },
          { ...AXIS, label: 'median cycles (log)', size: 50 },
        ],
        series,
        bands,
        legend: { live: false, show: false },
        hooks: { draw: [arrows] },
      },
      data,
    );
  }
}

/** One share of runs per value, a line per arm in the arm's colour and dash. */
class ShareChart extends Chart {
  show(experiment, summaries, share) {
    const xs = xsOf(summaries);
    const series = [{ label: experiment.x.path }];
    const data = [xs];
    experiment.arms.forEach((arm, i) => {
      const at = new Map(armPoints(experiment, summaries, i).map((s) => [s.value, s]));
      data.push(xs.map((x) => (at.has(x) ? share(at.get(x)) : null)));
      series.push({
        label: arm.label,
        stroke: colour(experiment, i),
        dash: dash(experiment, i),
        width: 2.5,
        points: { show: true, size: 6, fill: colour(experiment, i) },
        value: (_u, v) => (v == null ? '–' : percent(v)),
      });
    });
    this.draw(
      {
        scales: { x: { time: false, range: padded }, y: { range: [0, 1.02] } },
        axes: [
          { ...AXIS, label: axisName(experiment.x.path) },
          { ...PERCENT_AXIS, label: '% of runs' },
        ],
        series,
        legend: { live: false, show: false },
      },
      data,
    );
  }
}

/**
 * Per value, the share of runs not in step by the cap and the share
 * converged to the roadmap: two small charts, each titled, with the same
 * line per arm as every other chart.
 */
export class SharesChart {
  constructor(box) {
    const part = (text) => {
      const plot = h('div', { class: 'chart' });
      box.append(h('div', { class: 'x-multiple' }, h('p', { class: 'x-multiple-title', text }), plot));
      return new ShareChart(plot, SMALL);
    };
    this.stalled = part('Not in step by the cap');
    this.converged = part('Converged to the coordinators’ roadmap');
  }

  show(experiment, summaries) {
    this.stalled.show(experiment, summaries, (s) => s.censored / s.runs);
    this.converged.show(experiment, summaries, (s) => s.convergedShare);
  }

  clear() {
    this.stalled.clear();
    this.converged.clear();
  }

  canvases() {
    return [this.stalled.canvas(), this.converged.canvas()].filter(Boolean);
  }
}

export class DistributionChart extends Chart {
  /**
   * The share of runs in step against cycles, per arm: `curves[i]` is
   * {runs, steps: [[time, in step by then], ...]} of arm i at one value.
   */
  show(experiment, curves) {
    const xs = [0, ...new Set(curves.flatMap((c) => c.steps.map(([t]) => t))), experiment.cap].sort((a, b) => a - b);
    const data = [
      xs,
      ...curves.map(({ runs: n, steps }) => {
        let k = 0,
          inStep = 0;
        return xs.map((x) => {
          while (k < steps.length && steps[k][0] <= x) inStep = steps[k++][1];
          return n ? inStep / n : null;
        });
      }),
    ];
    this.draw(
      {
        scales: { x: { time: false, range: [0, experiment.cap] }, y: { range: [0, 1.02] } },
        axes: [
          { ...AXIS, label: 'cycles' },
          { ...PERCENT_AXIS, label: '% of runs in step' },
        ],
        series: [
          { label: 'cycles' },
          ...experiment.arms.map((arm, i) => ({
            label: arm.label,
            stroke: colour(experiment, i),
            dash: dash(experiment, i),
            width: 2.5,
            paths: uPlot.paths.stepped({ align: 1 }),
            points: { show: false },
            value: (_u, v) => (v == null ? '–' : percent(v)),
          })),
        ],
        legend: { live: false, show: false },
      },
      data,
    );
  }
}

// A colour-blind-safe sequential ramp (viridis, five stops).
const RAMP = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
function ramp(u) {
  const t = Math.min(1, Math.max(0, u)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(t));
  const f = t - i;
  const c = RAMP[i].map((v, k) => Math.round(v + (RAMP[i + 1][k] - v) * f));
  return { fill: `rgb(${c.join(',')})`, dark: 0.3 * c[0] + 0.59 * c[1] + 0.11 * c[2] < 140 };
}

/** The metrics a heat map can show: [key, label]. */
export const GRID_METRICS = [
  ['median', 'median cycles to synchrony'],
  ['converged', 'share converged to the roadmap'],
  ['censored', 'share not in step'],
];

export class GridChart {
  constructor(box) {
    this.box = box;
    new ResizeObserver(() => this.last && this.show(...this.last)).observe(box);
  }

  clear() {
    this.box.replaceChildren();
    this.last = null;
  }

  /** One heat map per arm over x (columns) and y (rows). */
  show(experiment, summaries, metric) {
    this.last = [experiment, summaries, metric];
    const xs = experiment.x.values.slice().sort((a, b) => a - b);
    const ys = experiment.y.values.slice().sort((a, b) => a - b);
    const value = (s) =>
      metric === 'median' ? s?.medianTime : metric === 'converged' ? s?.convergedShare : s && s.censored / s.runs;
    const times = summaries.map((s) => s.medianTime).filter((t) => t != null);
    const [lo, hi] = metric === 'median' ? [Math.min(...times, 1), experiment.cap] : [0, 1];
    // Times spread over orders of magnitude: colour by their logarithm, fast dark.
    const scale = (v) => (metric === 'median' ? Math.log(v / lo) / Math.log(hi / lo || 2) : v);
    const canvases = experiment.arms.map((arm, i) =>
      this.drawArm(
        arm.label,
        experiment,
        xs,
        ys,
        (x, y) => summaries.find((s) => s.arm === i && s.value === x && s.value2 === y),
        value,
        scale,
        metric,
      ),
    );
    this.box.replaceChildren(...canvases);
  }

  drawArm(label, experiment, xs, ys, find, value, scale, metric) {
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(260, this.box.clientWidth),
      left = 56,
      top = 22,
      bottom = 40;
    const cellW = (width - left - 8) / xs.length,
      cellH = Math.max(22, Math.min(48, 200 / ys.length));
    const height = top + cellH * ys.length + bottom;
    const canvas = document.createElement('canvas');
    canvas.width = width * dpr;
    canvas.height = height * dpr;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.setAttribute('role', 'img');
    const ctx = canvas.getContext('2d');
    ctx.scale(dpr, dpr);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.font = '12px system-ui, sans-serif';
    ctx.fillStyle = '#1d2433';
    ctx.fillText(label, left, 14);
    ys.forEach((y, r) => {
      ctx.fillStyle = '#4d5869';
      ctx.textAlign = 'right';
      ctx.fillText(String(y), left - 6, top + r * cellH + cellH / 2 + 4);
      xs.forEach((x, c) => {
        const s = find(x, y),
          v = value(s);
        const cx = left + c * cellW,
          cy = top + (ys.length - 1 - r) * cellH;
        if (v == null) {
          // A censored median: most runs never got in step. Hatched grey.
          ctx.save();
          ctx.beginPath();
          ctx.rect(cx, cy, cellW - 1, cellH - 1);
          ctx.clip();
          ctx.fillStyle = '#d5d9e0';
          ctx.fillRect(cx, cy, cellW - 1, cellH - 1);
          ctx.strokeStyle = '#9aa3b2';
          for (let k = -cellH; k < cellW; k += 8) {
            ctx.beginPath();
            ctx.moveTo(cx + k, cy + cellH);
            ctx.lineTo(cx + k + cellH, cy);
            ctx.stroke();
          }
          ctx.restore();
        } else {
          const colour = ramp(metric === 'median' ? 1 - scale(v) : scale(v));
          ctx.fillStyle = colour.fill;
          ctx.fillRect(cx, cy, cellW - 1, cellH - 1);
          ctx.fillStyle = colour.dark ? '#ffffff' : '#111111';
          ctx.textAlign = 'center';
          if (cellW > 30)
            ctx.fillText(metric === 'median' ? v.toFixed(1) : percent(v), cx + cellW / 2, cy + cellH / 2 + 4);
        }
        if (v == null && cellW > 30) {
          ctx.fillStyle = '#1d2433';
          ctx.textAlign = 'center';
          ctx.fillText('never', cx + cellW / 2, cy + cellH / 2 + 4);
        }
        if (r === 0) {
          ctx.fillStyle = '#4d5869';
          ctx.textAlign = 'center';
          ctx.fillText(String(x), cx + cellW / 2, height - bottom + 16);
        }
      });
    });
    ctx.textAlign = 'center';
    ctx.fillStyle = '#1d2433';
    ctx.fillText(axisName(experiment.x.path), left + (width - left) / 2, height - 6);
    ctx.save();
    ctx.translate(12, top + (cellH * ys.length) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(axisName(experiment.y.path), 0, 0);
    ctx.restore();
    return canvas;
  }

  canvases() {
    return [...this.box.querySelectorAll('canvas')];
  }
}
