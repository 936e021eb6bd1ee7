// The release raster of one pane: firms (grouped by subgroup) against time,
// a tick per release, coloured and named by cause. The ticks are the core's
// release history of the moment (the history* channels: the releases of
// the last HISTORY_CYCLES before now), so after going back to a moment the
// raster is the one a straight run to it draws. uPlot draws the axes; the
// ticks are drawn in its draw hook. A chart a few hundred pixels high cannot
// show more rows than that: beyond the core's HISTORY_ROWS firms, an evenly
// spaced sample of them (in subgroup order, chosen by the core) has rows,
// and a note says so.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { causes } from '../core.js';
import { firstAfter } from '../sorted.js';

const WINDOW = 8; // cycles shown (the core's HISTORY_CYCLES)
/** A tick's colour by the core's name of its cause (the legend in index.html says them). */
const CAUSE_COLOURS = { schedule: '#17202e', partner: '#0072b2', signal: '#cc79a7', lock: '#d55e00' };
const AXIS = { stroke: '#4d5869', grid: { stroke: '#eef1f5' }, ticks: { stroke: '#c9d0db' } };

export class Raster {
  constructor(box) {
    this.box = box;
    this.rows = 1;
    this.now = 0;
    this.bounds = [];
    this.rowOf = new Int32Array(0);
    this.note = Object.assign(document.createElement('p'), { className: 'help-static raster-note', hidden: true });
    box.after(this.note);
    this.plot = new uPlot(
      {
        width: 400,
        height: 220,
        scales: {
          x: { time: false, range: () => [Math.max(0, this.now - WINDOW), Math.max(WINDOW, this.now)] },
          y: { range: () => [0, this.rows] },
        },
        axes: [
          { ...AXIS, label: 'time (cycles)' },
          { ...AXIS, label: 'firms by subgroup', size: 50 },
        ],
        series: [{}, { label: 'releases', paths: () => null, points: { show: false } }],
        legend: { show: false },
        cursor: { show: false },
        hooks: { draw: [(u) => this.drawTicks(u)] },
      },
      [
        [0, 1],
        [null, null],
      ],
      box,
    );
    const fit = () => this.plot.setSize({ width: Math.max(200, Math.floor(box.clientWidth)), height: 220 });
    new ResizeObserver(fit).observe(box);
    fit();
  }

  /** A new run: one row per firm of the core's history rows (in subgroup order). */
  reset(run) {
    this.run = run;
    run.refreshViews();
    const order = run.historyRows;
    this.rowOf = new Int32Array(run.n).fill(-1);
    order.forEach((firm, row) => {
      this.rowOf[firm] = row;
    });
    this.bounds = [];
    for (let r = 1; r < order.length; r++) if (run.groups[order[r]] !== run.groups[order[r - 1]]) this.bounds.push(r);
    const rows = order.length;
    this.rows = Math.max(1, rows);
    this.note.hidden = rows === run.n;
    this.note.textContent = `Rows for ${rows.toLocaleString('en')} of the ${run.n.toLocaleString('en')} firms, evenly spaced.`;
    this.now = 0;
    this.redraw();
  }

  /** The releases in view up to now (times, rows, causes), for the chart's words. */
  get ticks() {
    const out = { t: [], row: [], cause: [] };
    const { run, now, rowOf } = this;
    if (!run) return out;
    run.refreshViews();
    const { historyFirms: firm, historyCauses: cause, historyTimes: t } = run;
    for (let i = firstAfter(t, now - WINDOW), to = firstAfter(t, now); i < to; i++) {
      out.t.push(t[i]);
      out.row.push(rowOf[firm[i]]);
      out.cause.push(cause[i]);
    }
    return out;
  }

  redraw() {
    this.now = this.run ? this.run.reading('time') : 0;
    this.plot.setData([
      [Math.max(0, this.now - WINDOW), Math.max(WINDOW, this.now)],
      [null, null],
    ]);
  }

  drawTicks(u) {
    const { ctx, bbox } = u;
    const h = Math.max(1, bbox.height / this.rows);
    ctx.save();
    ctx.beginPath();
    ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
    ctx.clip();
    ctx.strokeStyle = '#c9d0db';
    ctx.lineWidth = uPlot.pxRatio;
    ctx.beginPath();
    for (const b of this.bounds) {
      const y = u.valToPos(b, 'y', true);
      ctx.moveTo(bbox.left, y);
      ctx.lineTo(bbox.left + bbox.width, y);
    }
    ctx.stroke();
    const w = Math.max(1, 1.5 * uPlot.pxRatio);
    const names = causes();
    const { run, now, rowOf } = this;
    if (!run) return ctx.restore();
    run.refreshViews();
    const { historyFirms: firm, historyCauses: cause, historyTimes: t } = run;
    // The log only grows: after going back it also holds releases later than now.
    const from = firstAfter(t, now - WINDOW);
    const to = firstAfter(t, now);
    for (let c = 0; c < names.length; c++) {
      ctx.fillStyle = CAUSE_COLOURS[names[c]];
      for (let i = from; i < to; i++) {
        if (cause[i] !== c) continue;
        const x = u.valToPos(t[i], 'x', true);
        const y = u.valToPos(rowOf[firm[i]] + 1, 'y', true);
        ctx.fillRect(x - w / 2, y, w, Math.max(1, h * 0.85));
      }
    }
    ctx.restore();
  }
}
