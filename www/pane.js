// One pane of the compare view: its network canvas, its network kind, its
// statistics (from the core's stats()) and its live r, bursts and time to
// synchrony. It owns the pane's Run, renderer (WebGL2 or Canvas 2D) and Effects.
import { createRenderer } from './draw/choose.js';
import { Effects } from './draw/effects.js';
import { NETWORK_KINDS, networkKind } from './controls/params.js';
import { PANE_COLOURS } from './draw/palette.js';

const fmt = (v, d) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

export class Pane {
  constructor(root, index, { onKind, onEnlarge, onPick }) {
    this.index = index;
    this.root = root;
    this.selected = -1;
    const id = `pane-${index}`;
    root.dataset.pane = String(index);
    root.setAttribute('aria-labelledby', `${id}-title`);
    root.style.setProperty('--pane', PANE_COLOURS[index]);
    root.innerHTML = `
      <header class="pane-head">
        <h2 id="${id}-title"><span class="swatch swatch-${index}" aria-hidden="true"></span><span class="pane-label"></span></h2>
        <label class="kind-label visually-hidden" for="${id}-kind">Network of the ${index === 0 ? 'left' : 'right'} pane</label>
        <select id="${id}-kind" class="kind" aria-describedby="${id}-kind-help">
          ${NETWORK_KINDS.map((k) => `<option value="${k}">${networkKind(k).label}</option>`).join('')}
          <option value="edgeList" disabled>${networkKind('edgeList').label}</option>
        </select>
        <button type="button" class="enlarge" aria-controls="panes"></button>
      </header>
      <p class="kind-help" id="${id}-kind-help"></p>
      <canvas id="network-${index}" class="network" role="img" tabindex="-1"></canvas>
      <dl class="live">
        <div><dt>Order <abbr title="order parameter: 1 when all firms are at the same point of their cycle, near 0 when spread out">r</abbr></dt><dd class="r">0.00</dd></div>
        <div><dt>Rhythms <span class="unit">(bursts last cycle)</span></dt><dd class="bursts">0</dd></div>
        <div><dt>Synchrony</dt><dd class="sync">not yet</dd></div>
      </dl>
      <dl class="stats">
        <div><dt>firms</dt><dd class="s-firms"></dd></div>
        <div><dt>ties</dt><dd class="s-ties"></dd></div>
        <div><dt>density</dt><dd class="s-density"></dd></div>
        <div><dt>clustering</dt><dd class="s-clustering"></dd></div>
        <div><dt>mean path</dt><dd class="s-path"></dd></div>
      </dl>`;
    const q = (s) => root.querySelector(s);
    this.el = {
      label: q('.pane-label'), kind: q('.kind'), kindHelp: q('.kind-help'), enlarge: q('.enlarge'),
      canvas: q('canvas'), r: q('.r'), bursts: q('.bursts'), sync: q('.sync'),
      firms: q('.s-firms'), ties: q('.s-ties'), density: q('.s-density'), clustering: q('.s-clustering'), path: q('.s-path'),
    };
    this.renderer = createRenderer(this.el.canvas);
    this.el.kind.addEventListener('change', () => onKind(this.el.kind.value));
    this.el.enlarge.addEventListener('click', () => onEnlarge());
    this.el.canvas.addEventListener('pointerdown', (e) => {
      if (!this.run) return;
      const rect = this.el.canvas.getBoundingClientRect();
      onPick(this.renderer.hit(this.run, e.clientX - rect.left, e.clientY - rect.top));
    });
    // Firm names (an imported network) on hover.
    this.el.canvas.addEventListener('pointermove', (e) => {
      if (!this.run || !this.names || e.pointerType === 'touch') return;
      const rect = this.el.canvas.getBoundingClientRect();
      const i = this.renderer.hit(this.run, e.clientX - rect.left, e.clientY - rect.top);
      const title = i >= 0 ? this.names[i] ?? '' : '';
      if (this.el.canvas.title !== title) this.el.canvas.title = title;
    });
  }

  /** A new run for this pane (the old one is freed). */
  setRun(run, label) {
    this.run?.free();
    this.run = run;
    this.label = label;
    this.effects = new Effects(run);
    this.selected = -1;
    this.names = run.sim.firmNames?.() ?? null;
    this.el.canvas.title = '';
    const kind = run.scenario.network.kind;
    this.el.label.textContent = label;
    this.el.kind.value = kind;
    this.el.kindHelp.textContent = networkKind(kind).help;
    this.el.canvas.setAttribute('aria-label', `${label} network: ${run.n} firms as dots, ties as lines; coordinators as outlined diamonds. Click a firm to inspect it.`);
    const s = run.statistics;
    this.el.firms.textContent = String(s.firms);
    this.el.ties.textContent = String(s.ties);
    this.el.density.textContent = fmt(s.density, 3);
    this.el.clustering.textContent = fmt(s.clustering, 2);
    this.el.path.textContent = Number.isFinite(s.meanPath) ? `${s.meanPathSampled ? '~' : ''}${fmt(s.meanPath, 2)}` : 'n/a';
    this.el.path.title = s.components > 1 ? `${s.components} components: mean path within components` : '';
    this.renderer.dirty = true;
  }

  setEnlarged(single, visible) {
    this.root.hidden = !visible;
    this.el.enlarge.textContent = single ? 'Back to compare' : 'Enlarge';
    this.el.enlarge.setAttribute('aria-expanded', String(single));
  }

  /** Text readouts; called a few times a second. */
  showMeasures(m) {
    this.measures = m;
    this.el.r.textContent = m.r.toFixed(2);
    this.el.bursts.textContent = String(m.bursts);
    this.el.sync.textContent = m.syncTime === undefined ? 'not yet' : `after ${m.syncTime.toFixed(1)} cycles`;
  }

  /** Advances the run by dt; collects its releases for pulses and waves. */
  advance(dt, now) {
    const started = this.run.advance(dt);
    if (this.run.advanced) this.effects.collect(now);
    return started;
  }

  draw({ speed, calm, now }) {
    this.run.refreshViews();
    return this.renderer.draw(this.run, {
      speed, calm, now, effects: this.effects, selected: this.selected, roadmap: this.run.sim.roadmapPhase(),
    });
  }
}
