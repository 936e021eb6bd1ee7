// The release raster of one pane: firms (grouped by subgroup) against time,
// a tick per release from the core's per-frame release list, coloured and
// named by cause. Synchrony shows as vertical lines forming. uPlot draws the
// axes; the ticks are drawn in its draw hook. A chart a few hundred pixels
// high cannot show more rows than that: beyond MAX_ROWS firms, an evenly
// spaced sample of them (in subgroup order) has rows, and a note says so.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { causes } from '../core.js';

const WINDOW = 8; // cycles shown
const MAX_TICKS = 40000;
const MAX_ROWS = 500;
/** A tick's colour by the core's name of its cause (the legend in index.html says them). */
const CAUSE_COLOURS = { schedule: '#17202e', partner: '#0072b2', signal: '#cc79a7', lock: '#d55e00' };
const AXIS = { stroke: '#4d5869', grid: { stroke: '#eef1f5' }, ticks: { stroke: '#c9d0db' } };

export class Raster {
  constructor(box) {
    this.box = box;
    this.ticks = { t: [], row: [], cause: [] };
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

  /** A new run: rows ordered by subgroup, then firm (a sample of them on large networks). */
  reset(run) {
    const all = Array.from({ length: run.n }, (_, i) => i);
    all.sort((a, b) => run.groups[a] - run.groups[b] || a - b);
    const rows = Math.min(run.n, MAX_ROWS);
    const order = rows === run.n ? all : Array.from({ length: rows }, (_, k) => all[Math.floor((k * run.n) / rows)]);
    this.rowOf = new Int32Array(run.n).fill(-1);
    order.forEach((firm, row) => {
      this.rowOf[firm] = row;
    });
    this.bounds = [];
    for (let r = 1; r < order.length; r++) if (run.groups[order[r]] !== run.groups[order[r - 1]]) this.bounds.push(r);
    this.rows = Math.max(1, rows);
    this.note.hidden = rows === run.n;
    this.note.textContent = `Rows for ${rows.toLocaleString('en')} of the ${run.n.toLocaleString('en')} firms, evenly spaced.`;
    this.ticks = { t: [], row: [], cause: [] };
    this.now = 0;
    this.redraw();
  }

  /** The releases of the last advance of `run`. */
  collect(run) {
    const { recentReleases, recentCauses, recentTimes } = run;
    const k = this.ticks;
    for (let j = 0; j < recentReleases.length; j++) {
      const row = this.rowOf[recentReleases[j]];
      if (row < 0) continue;
      k.t.push(recentTimes[j]);
      k.row.push(row);
      k.cause.push(recentCauses[j]);
    }
    this.now = run.reading('time');
    const cut = k.t.findIndex((t) => t >= this.now - WINDOW);
    if (cut > 0 || k.t.length > MAX_TICKS) {
      const from = Math.max(cut, k.t.length - MAX_TICKS);
      k.t = k.t.slice(from);
      k.row = k.row.slice(from);
      k.cause = k.cause.slice(from);
    }
  }

  redraw() {
    this.plot.setData([
      [Math.max(0, this.now - WINDOW), Math.max(WINDOW, this.now)],
      [null, null],
    ]);
  }

  drawTicks(u) {
    const { ctx, bbox } = u;
    const { t, row, cause } = this.ticks;
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
    for (let c = 0; c < names.length; c++) {
      ctx.fillStyle = CAUSE_COLOURS[names[c]];
      for (let i = 0; i < t.length; i++) {
        if (cause[i] !== c) continue;
        const x = u.valToPos(t[i], 'x', true);
        const y = u.valToPos(row[i] + 1, 'y', true);
        ctx.fillRect(x - w / 2, y, w, Math.max(1, h * 0.85));
      }
    }
    ctx.restore();
  }
}
