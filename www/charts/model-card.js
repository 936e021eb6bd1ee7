// The model card: the state function f for the current b, drawn from the
// core's stateCurve(), next to the identity line. The rules are text in
// index.html; this keeps the curve and the b shown in them current.
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { curve } from '../core.js';
import { OKABE_ITO } from '../draw/palette.js';

const SAMPLES = 101;
const AXIS = { stroke: '#4d5869', grid: { stroke: '#e3e7ee' }, ticks: { stroke: '#c9d0db' } };

export class ModelCard {
  constructor(box, bLabel) {
    this.box = box;
    this.bLabel = bLabel;
    this.b = null;
    const phases = Array.from({ length: SAMPLES }, (_, i) => i / (SAMPLES - 1));
    this.plot = new uPlot(
      {
        width: 260,
        height: 220,
        scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
        axes: [
          { ...AXIS, label: 'phase φ' },
          { ...AXIS, label: 'state f(φ)', size: 40 },
        ],
        series: [
          { label: 'φ', value: (_u, v) => (v == null ? '–' : v.toFixed(2)) },
          { label: 'f(φ)', stroke: OKABE_ITO.blue, width: 2.5, value: (_u, v) => (v == null ? '–' : v.toFixed(2)) },
          { label: 'no coupling (f = φ)', stroke: '#8e98a8', dash: [4, 4], width: 1.5 },
        ],
        legend: { live: false },
      },
      [phases, phases, phases],
      box,
    );
    const fit = () =>
      this.plot.setSize({ width: Math.max(200, Math.min(420, Math.floor(box.clientWidth))), height: 220 });
    new ResizeObserver(fit).observe(box);
    fit();
  }

  show(b) {
    if (b === this.b || !Number.isFinite(b)) return;
    this.b = b;
    const f = curve(b, SAMPLES);
    const phases = Array.from({ length: SAMPLES }, (_, i) => i / (SAMPLES - 1));
    this.plot.setData([phases, f, phases]);
    this.bLabel.textContent = b.toFixed(1);
  }
}
