// Time charts with uPlot: r(t) of both panes on one chart, with a marker
// where each pane reaches synchrony, and r(t) of each subgroup of the focused
// pane. The samples are the core's trace (run.trace(): r on a fixed grid of
// cycle times, the same whatever the frames, bounded by thinning), so the
// charts of a moment gone back to are those a straight run to it draws.
// Either chart shows the whole run or a fixed window of its last cycles
// (setWindow), so a long run does not squeeze its first cycles to a sliver.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { PANE_COLOURS, PANE_DASH, GROUP_COLOURS } from '../draw/palette.js';

const AXIS = { stroke: '#4d5869', grid: { stroke: '#e3e7ee' }, ticks: { stroke: '#c9d0db' } };

// The r(t) chart's looks: the page's, and present mode's (light on dark,
// large type, thick lines, as tall as its box: read from the back of a room).
// Type in px for a window `width` px wide, and the axes' room (x, y) for that type.
const LOOKS = {
  page: { axis: AXIS, font: () => 12, lineWidth: 2.5, sizes: () => [50, 46], tall: false },
  present: {
    axis: { stroke: '#e8edf6', grid: { stroke: '#2a3550' }, ticks: { stroke: '#5b6a88' } },
    font: (width) => Math.min(30, Math.max(18, Math.round(width / 64))),
    lineWidth: 4,
    sizes: (font) => [Math.round(font * 1.8), Math.round(font * 3.2)],
    tall: true,
  },
};
const CHART_HEIGHT = 220; // the page's
const MIN_TALL = 160; // present mode's chart in a short box

/**
 * uPlot's data from traces ({ step, series, values }): a common grid (the
 * coarsest step: the grids nest, their steps being powers of two) and, per
 * trace, the series `column` (0: the whole network's r), or `columns` of one.
 */
export function traceData(traces, columns = traces.map(() => 0)) {
  const step = Math.max(...traces.map((t) => t.step));
  const count = Math.min(...traces.map((t) => Math.floor((t.values.length / t.series - 1) * (t.step / step)) + 1));
  const x = Array.from({ length: Math.max(0, count) }, (_, i) => i * step);
  const lines = columns.map((column, k) => {
    const t = traces[k];
    const every = Math.round(step / t.step);
    return x.map((_, i) => (column < t.series ? t.values[i * every * t.series + column] : null));
  });
  return [x, ...lines];
}

/** The x range of a run up to `hi` cycles: [0, hi], or its last `window` cycles. */
export function timeRange(hi, window) {
  const end = Math.max(window || 5, hi);
  return window ? [Math.max(0, end - window), end] : [0, end];
}

/** Follows the width of `box`; height fixed. */
function responsive(plot, box, height) {
  const fit = () => plot.setSize({ width: Math.max(200, Math.floor(box.clientWidth)), height });
  new ResizeObserver(fit).observe(box);
  fit();
}

export class RChart {
  constructor(box) {
    this.box = box;
    this.data = [[], [], []];
    this.syncs = [undefined, undefined];
    this.labels = ['left', 'right'];
    this.window = 0;
    this.look = LOOKS.page;
    this.build();
  }

  /** 'page' or 'present': the chart is drawn again in that look, with the same curves. */
  setLook(name) {
    if (this.look === LOOKS[name]) return;
    this.look = LOOKS[name];
    this.build();
  }

  /** Show the last `cycles` cycles (0: the whole run). */
  setWindow(cycles) {
    this.window = cycles;
    this.redraw(); // the x range follows the window when the data is set
  }

  build() {
    this.plot?.destroy();
    const markers = (u) => this.drawMarkers(u);
    const { axis, lineWidth, sizes } = this.look;
    const font = this.look.font(window.innerWidth);
    this.font = font;
    const type = { font: `${font}px system-ui, sans-serif`, labelFont: `600 ${font}px system-ui, sans-serif` };
    // Room for the label's line of type: uPlot's 30 px is the page's 12 px type.
    const labelSize = Math.max(30, Math.round(font * 1.6));
    this.plot = new uPlot(
      {
        width: 400,
        height: CHART_HEIGHT,
        scales: { x: { time: false, range: (_u, _lo, hi) => timeRange(hi, this.window) }, y: { range: [0, 1.02] } },
        axes: [
          { ...axis, ...type, labelSize, label: 'time (cycles)', size: sizes(font)[0] },
          { ...axis, ...type, labelSize, label: 'order r', size: sizes(font)[1] },
        ],
        series: [
          { label: 'cycles', value: (_u, v) => (v == null ? '–' : v.toFixed(1)) },
          ...[0, 1].map((i) => ({
            label: this.labels[i],
            stroke: PANE_COLOURS[i],
            dash: PANE_DASH[i].map((d) => (d * lineWidth) / 2.5),
            width: lineWidth,
            value: (_u, v) => (v == null ? '–' : v.toFixed(2)),
          })),
        ],
        legend: { live: false },
        hooks: { draw: [markers] },
      },
      this.data,
      this.box,
    );
    if (!this.observer) {
      this.observer = new ResizeObserver(() => this.fit());
      this.observer.observe(this.box);
    }
    this.fit();
  }

  /** As wide as its box; in present mode as tall too, less the legend under the plot. */
  fit() {
    // A window resized (full screen, say) gets type of its size.
    if (this.look.font(window.innerWidth) !== this.font) {
      this.build();
      return;
    }
    const legend = this.plot.root.querySelector('.u-legend')?.offsetHeight ?? 0;
    const height = this.look.tall ? Math.max(MIN_TALL, Math.floor(this.box.clientHeight - legend)) : CHART_HEIGHT;
    this.plot.setSize({ width: Math.max(200, Math.floor(this.box.clientWidth)), height });
  }

  /** New runs: clear the curves; `labels` name the panes. */
  reset(labels) {
    this.labels = labels;
    this.data = [[], [], []];
    this.syncs = [undefined, undefined];
    this.build();
  }

  /** The panes' traces up to now, and when each got in step (undefined: not yet). */
  show(traces, syncs) {
    this.syncs = syncs;
    this.data = traceData(traces);
  }

  redraw() {
    this.plot.setData(this.data);
  }

  // A vertical line where each pane reached synchrony, labelled (left-aligned
  // inside the plot; a line before the window shows as its label alone).
  drawMarkers(u) {
    const { ctx } = u;
    const dpr = uPlot.pxRatio;
    this.syncs.forEach((t, i) => {
      if (t === undefined || t === null) return;
      const before = t < u.scales.x.min;
      const x = before ? u.bbox.left : Math.round(u.valToPos(t, 'x', true));
      ctx.save();
      if (!before) {
        ctx.strokeStyle = PANE_COLOURS[i];
        ctx.lineWidth = 2 * dpr;
        ctx.setLineDash(PANE_DASH[i].map((d) => d * dpr));
        ctx.beginPath();
        ctx.moveTo(x, u.bbox.top);
        ctx.lineTo(x, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
      const k = (this.font / 12) * dpr; // the labels' geometry grows with their type
      ctx.font = `600 ${12 * k}px system-ui, sans-serif`;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'alphabetic';
      const text = `${before ? '← ' : ''}${this.labels[i]} in step: ${t.toFixed(1)}`;
      const w = ctx.measureText(text).width;
      const tx = Math.max(u.bbox.left + 2 * dpr, Math.min(x + 4 * dpr, u.bbox.left + u.bbox.width - w - 2 * dpr));
      const ty = u.bbox.top + u.bbox.height - (10 + 18 * (1 - i)) * k;
      ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
      ctx.fillRect(tx - 2 * dpr, ty - 12 * k, w + 4 * dpr, 16 * k);
      ctx.fillStyle = '#17202e';
      ctx.fillText(text, tx, ty);
      ctx.restore();
    });
  }
}

/** r of each subgroup of one pane (planted partition). */
export class GroupChart {
  constructor(box, note) {
    this.box = box;
    this.note = note;
    this.plot = null;
    this.groups = 0;
    this.window = 0;
  }

  setWindow(cycles) {
    this.window = cycles;
    this.redraw();
  }

  reset(groups, label) {
    this.groups = groups;
    this.plot?.destroy();
    this.plot = null;
    this.note.textContent =
      groups > 1
        ? `${label}: r within each of its ${groups} subgroups.`
        : `${label} has no subgroups; choose a planted partition to see r per subgroup.`;
    if (groups < 2) return;
    this.data = [[], ...Array.from({ length: groups }, () => [])];
    const shown = Math.min(groups, GROUP_COLOURS.length);
    this.plot = new uPlot(
      {
        width: 400,
        height: 180,
        scales: { x: { time: false, range: (_u, _lo, hi) => timeRange(hi, this.window) }, y: { range: [0, 1.02] } },
        axes: [
          { ...AXIS, label: 'time (cycles)' },
          { ...AXIS, label: 'r in subgroup', size: 46 },
        ],
        series: [
          { label: 'cycles' },
          ...Array.from({ length: groups }, (_, g) => ({
            label: `group ${g + 1}`,
            stroke: GROUP_COLOURS[g % shown],
            width: 1.8,
            dash: g < shown ? (g % 2 ? [5, 3] : []) : [2, 3],
            value: (_u, v) => (v == null ? '–' : v.toFixed(2)),
          })),
        ],
        legend: { live: false },
      },
      this.data,
      this.box,
    );
    responsive(this.plot, this.box, 180);
  }

  /** The focused pane's trace up to now (its subgroups beyond the traced ones have no line). */
  show(trace) {
    if (!this.plot) return;
    const [x, ...lines] = traceData(
      Array.from({ length: this.groups }, () => trace),
      Array.from({ length: this.groups }, (_, g) => g + 1),
    );
    this.data = [x, ...lines];
  }

  redraw() {
    this.plot?.setData(this.data);
  }
}
