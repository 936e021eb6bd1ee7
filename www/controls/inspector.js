// Click a firm: its partners, degree, phase and releases so far (from the
// core's buffers), and a button that makes it a coordinator or stops it being
// one. The button edits the pane's scenario (coordinators chosen by hand),
// so both runs restart on the new scenario.

export class Inspector {
  constructor(box, store) {
    this.box = box;
    this.store = store;
    this.pane = null;
    this.firm = -1;
    this.el = {
      title: box.querySelector('.insp-title'),
      body: box.querySelector('.insp-body'),
      toggle: box.querySelector('.insp-toggle'),
      close: box.querySelector('.insp-close'),
    };
    this.el.close.addEventListener('click', () => this.show(null, -1));
    this.el.toggle.addEventListener('click', () => this.toggleCoordinator());
  }

  show(pane, firm) {
    if (this.pane && this.pane !== pane) this.pane.selected = -1;
    this.pane = firm >= 0 ? pane : null;
    this.firm = firm;
    if (pane) pane.selected = firm;
    this.box.hidden = firm < 0;
    if (firm >= 0) this.update();
  }

  /**
   * Scrolls the box into view when it opened out of sight (on a phone it
   * lies below the chart, far from the network the firm was tapped on).
   */
  reveal() {
    const inView = () => {
      const r = this.box.getBoundingClientRect();
      return this.box.hidden || (r.top >= 0 && r.bottom <= window.innerHeight);
    };
    if (inView()) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    // Centred, not at the window's edge: its rows can still grow (the firm's subgroup comes with the
    // run's statistics) without leaving the window.
    this.box.scrollIntoView({ block: 'center', behavior: reduce ? 'instant' : 'smooth' });
    // A smooth scroll can be cut short (another scroll, a busy frame): once it ends, finish it at once.
    window.addEventListener(
      'scrollend',
      () => {
        if (!inView()) this.box.scrollIntoView({ block: 'center' });
      },
      { once: true },
    );
  }

  /** Refreshes the numbers; called a few times a second. */
  update() {
    const { pane, firm } = this;
    if (!pane || firm < 0 || !pane.run || firm >= pane.run.n) {
      this.box.hidden = true;
      return;
    }
    const run = pane.run;
    const partners = [...run.partnersOf(firm)].sort((a, b) => a - b);
    const coord = run.isCoordinator[firm] === 1;
    const role = !coord ? '' : run.coordinated ? ', coordinator' : ', would-be coordinator (reactive: no plan)';
    const name = pane.names?.[firm];
    this.el.title.textContent = `${pane.label}: ${name ? name : `firm ${firm}`}${role}`;
    // Whether the run has subgroups: asked once a run (a pass over every firm).
    if (this.groupedRun !== run) {
      this.groupedRun = run;
      this.grouped = new Set(run.groups).size > 1;
    }
    const groups =
      run.statistics && run.groups[firm] !== undefined && this.grouped
        ? `<div><dt>subgroup</dt><dd>${run.groups[firm] + 1}</dd></div>`
        : '';
    this.el.body.innerHTML = `
      <div><dt>degree</dt><dd>${partners.length}</dd></div>
      <div><dt>phase</dt><dd>${run.phases[firm].toFixed(2)}</dd></div>
      <div><dt>releases so far</dt><dd>${run.releaseCounts[firm]}</dd></div>${groups}
      <div class="wide"><dt>partners</dt><dd>${partners.join(', ') || 'none'}</dd></div>`;
    this.el.toggle.textContent = coord ? 'Stop being a coordinator' : 'Make it a coordinator';
  }

  toggleCoordinator() {
    const { pane, firm } = this;
    if (!pane) return;
    const current = pane.run.coordinators;
    const chosen = current.includes(firm)
      ? current.filter((f) => f !== firm)
      : [...current, firm].sort((a, b) => a - b);
    this.reselect = { index: pane.index, firm }; // read by the restart this edit causes
    this.store.editScenarios(pane.index, (s) => {
      s.choice = 'chosen';
      s.chosen = chosen;
      s.coordinators = chosen.length;
    });
  }
}
