// An experiment's results: the core's headline first (the result in one
// plain sentence), then the charts, a sentence under each computed by
// the core from the runs, the summary as a table, and the downloads (runs
// and summary as CSV, the same bytes as the command line writes; each chart
// as PNG). The runs stay in the experiment's tally (tally.js: a Worker),
// which sends views of them: the results draw a view, and ask the tally
// again when another value's runs are chosen or a file is saved.
import { SweepChart, SharesChart, DistributionChart, GridChart, GRID_METRICS, axisName, percent } from './charts.js';
import { download, composeCanvases } from '../share/export.js';
import { h } from '../dom.js';

const cycles = (t) => (t == null ? 'censored' : t.toFixed(1));

export class Results {
  constructor(root) {
    this.root = root;
    const figure = (title, box, extra = []) => {
      const caption = h('p', { class: 'x-sentence' });
      const fig = h('figure', { class: 'x-figure' }, h('h3', { text: title }), ...extra, box, caption);
      fig.caption = caption;
      return fig;
    };
    this.at = h('select', { id: 'x-at', 'aria-label': 'Value whose runs are shown' });
    this.metric = h(
      'select',
      { id: 'x-metric', 'aria-label': 'What the heat map shows' },
      ...GRID_METRICS.map(([v, text]) => h('option', { value: v, text })),
    );
    this.boxes = {
      sweep: h('div', { class: 'chart' }),
      shares: h('div', { class: 'x-shares' }),
      distribution: h('div', { class: 'chart' }),
      grid: h('div', { class: 'x-grid' }),
    };
    this.figures = {
      sweep: figure('Median cycles to synchrony, with its 95% interval', this.boxes.sweep),
      shares: figure('Shares of runs: not in step by the cap, and converged to the roadmap', this.boxes.shares),
      distribution: figure('Runs in step (%), against cycles', this.boxes.distribution, [
        h('label', { class: 'x-inline' }, 'at ', this.at),
      ]),
      grid: figure('The two-way grid', this.boxes.grid, [h('label', { class: 'x-inline' }, 'showing ', this.metric)]),
    };
    this.figures.grid.classList.add('x-wide');
    // The shares' two small charts share the whole width, below the times.
    this.figures.shares.classList.add('x-wide');
    this.headline = h('p', { class: 'x-headline' });
    this.legend = h('p', { class: 'x-legend' });
    // On a phone the table is wider than the screen: it scrolls sideways (by keyboard too,
    // once focused), and says so while it does.
    this.table = h('table', { class: 'x-table', tabindex: '0' });
    this.scrollHint = h('p', {
      id: 'x-scroll-hint',
      class: 'x-scroll-hint',
      text: 'The table is wider than the screen: swipe it sideways (or focus it and use the arrow keys) for every column.',
      hidden: true,
    });
    // What the columns mean, outside the table so it does not scroll away with them.
    const about = h('p', {
      id: 'x-table-about',
      class: 'x-table-about',
      text: 'One row per point: its runs, the share not in step by the cap, median cycles to synchrony (runs never in step count as slower than every run in step), its 95% bootstrap interval, and the share converged to the coordinators’ roadmap.',
    });
    this.table.setAttribute('aria-describedby', 'x-table-about x-scroll-hint');
    this.tableBox = h(
      'details',
      { class: 'x-table-box' },
      h('summary', { text: 'The results as a table' }),
      about,
      this.scrollHint,
      this.table,
    );
    const hint = () => {
      this.scrollHint.hidden = this.table.scrollWidth <= this.table.clientWidth + 1;
    };
    new ResizeObserver(hint).observe(this.table);
    this.tableBox.addEventListener('toggle', hint);
    const button = (text, fn) => {
      const b = h('button', { type: 'button', text });
      b.addEventListener('click', fn);
      return b;
    };
    this.exports = h(
      'div',
      { class: 'x-exports' },
      button('Runs (CSV)', () => this.save('runs')),
      button('Summary (CSV)', () => this.save('summary')),
      button('Charts (PNG)', () => this.savePng()),
    );
    root.append(
      this.headline,
      this.legend,
      this.figures.sweep,
      this.figures.distribution,
      this.figures.shares,
      this.figures.grid,
      this.tableBox,
      this.exports,
    );
    this.charts = {
      sweep: new SweepChart(this.boxes.sweep),
      shares: new SharesChart(this.boxes.shares),
      distribution: new DistributionChart(this.boxes.distribution),
      grid: new GridChart(this.boxes.grid),
    };
    this.at.addEventListener('change', () => this.drawDistribution());
    this.metric.addEventListener('change', () => this.drawGrid());
    this.clear();
  }

  /** No results (yet). */
  clear() {
    this.experiment = null;
    this.tally = null;
    this.runs = 0;
    this.summaries = [];
    this.root.hidden = true;
    for (const c of Object.values(this.charts)) c.clear();
  }

  /** The value whose runs the distribution shows (its choices filled for `experiment`). */
  valueAt(experiment) {
    this.experiment = experiment;
    if (!experiment.y) this.fillValues();
    return Number(this.at.value);
  }

  /**
   * Shows a view of `experiment`'s runs finished so far ({runs, summaries,
   * sentences, curves}, from `tally`, which has them all).
   */
  show(experiment, view, tally) {
    this.experiment = experiment;
    this.tally = tally;
    this.runs = view.runs;
    this.root.hidden = this.runs === 0;
    if (!this.runs) return;
    this.summaries = view.summaries;
    // A two-way grid is read on its heat map (and the table); a sweep on
    // its curves.
    const grid = Boolean(experiment.y);
    this.figures.grid.hidden = !grid;
    for (const f of ['sweep', 'shares', 'distribution']) this.figures[f].hidden = grid;
    // At one value ("Was it typical?") the charts against the value would be a column of
    // dots: their sentences say it, the distribution draws it.
    const one = !grid && experiment.x.values.length === 1;
    this.boxes.sweep.hidden = one;
    this.boxes.shares.hidden = one;
    this.at.parentElement.hidden = one;
    if (grid) this.drawGrid();
    else {
      this.charts.sweep.show(experiment, this.summaries);
      this.charts.shares.show(experiment, this.summaries);
      this.charts.distribution.show(experiment, view.curves);
    }
    this.legend.replaceChildren(
      h('span', { class: 'x-legend-note', text: 'Each arm’s line in every chart:' }),
      ...experiment.arms.map((arm, i) => h('span', { class: `x-key x-key-${i}` }, arm.label)),
    );
    this.legend.hidden = experiment.arms.length < 2;
    this.sentences = view.sentences;
    this.headline.textContent = this.sentences.headline;
    this.headline.hidden = !this.sentences.headline;
    this.figures.sweep.caption.textContent = this.sentences.sweep;
    this.figures.shares.caption.textContent = this.sentences.shares;
    this.figures.distribution.caption.textContent = this.sentences.distribution;
    this.figures.grid.caption.textContent = this.sentences.grid;
    this.fillTable();
  }

  fillValues() {
    const values = this.experiment.x.values
      .slice()
      .sort((a, b) => a - b)
      .map(String);
    if ([...this.at.options].map((o) => o.value).join() === values.join()) return;
    const keep = this.at.value;
    this.at.replaceChildren(
      ...values.map((v) => h('option', { value: v, text: `${axisName(this.experiment.x.path)} ${v}` })),
    );
    if (values.includes(keep)) this.at.value = keep;
  }

  /** The distribution at the value chosen, from the tally (it has every run). */
  drawDistribution() {
    const { experiment, tally } = this;
    if (!this.runs || experiment.y) return;
    tally.view(Number(this.at.value)).then(
      (view) => {
        if (this.tally !== tally) return;
        this.charts.distribution.show(experiment, view.curves);
        this.figures.distribution.caption.textContent = view.sentences.distribution;
      },
      () => {},
    );
  }

  drawGrid() {
    if (this.experiment?.y) this.charts.grid.show(this.experiment, this.summaries, this.metric.value);
  }

  fillTable() {
    const { experiment } = this;
    const several = experiment.arms.length > 1;
    const head = [
      ...(several ? ['arm'] : []),
      experiment.x.path,
      ...(experiment.y ? [experiment.y.path] : []),
      'runs',
      'not in step (%)',
      'median cycles',
      '95% interval',
      'converged (%)',
    ];
    const rows = this.summaries.map((s) => [
      ...(several ? [experiment.arms[s.arm].label] : []),
      String(s.value),
      ...(experiment.y ? [String(s.value2)] : []),
      String(s.runs),
      percent(s.censored / s.runs),
      cycles(s.medianTime),
      `${cycles(s.medianInterval[0])} to ${cycles(s.medianInterval[1])}`,
      percent(s.convergedShare),
    ]);
    this.table.replaceChildren(
      h('caption', { text: 'The results, one row per point' }),
      h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((t) => h('td', { text: t }))))),
    );
  }

  save(which) {
    this.tally.csv().then(
      (csv) => download(`lockstep-experiment-${which}.csv`, new Blob([csv[which]], { type: 'text/csv' })),
      () => {},
    );
  }

  /** Each chart shown as its own PNG. */
  savePng() {
    const shown = this.experiment.y
      ? { grid: this.charts.grid.canvases() }
      : Object.fromEntries(['sweep', 'shares', 'distribution'].map((k) => [k, this.charts[k].canvases()]));
    Object.entries(shown).forEach(([name, canvases], i) => {
      if (!canvases.length) return;
      setTimeout(
        () =>
          composeCanvases(canvases).toBlob(
            (blob) => blob && download(`lockstep-experiment-${name}.png`, blob),
            'image/png',
          ),
        300 * i,
      );
    });
  }
}
