// One pane of the compare view: its network canvas, its network kind, its
// statistics (from the core's stats()) and its live r, bursts and time to
// synchrony, read together (readouts.js). It owns the pane's Run, renderer
// (WebGL2 or Canvas 2D) and Effects.
import { createRenderer } from './draw/choose.js';
import { Effects } from './draw/effects.js';
import { NETWORK_KINDS, networkKind } from './controls/params.js';
import { PANE_COLOURS } from './draw/palette.js';
import { readout } from './readouts.js';
import { confirmSelect } from './controls/confirm-select.js';
import { bindCanvasKeys } from './controls/canvas-keys.js';
import { bindTerms } from './controls/terms.js';

const fmt = (v, d) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

export class Pane {
  /**
   * `onKind(kind)` switches the network; `onPick(firm)` inspects a firm
   * (-1: none); `inspecting()` says whether the inspector shows this pane;
   * `inspectable`: whether a firm can be inspected here at all (not in an embed).
   */
  constructor(root, index, { onKind, onEnlarge, onPick, inspecting = () => false, inspectable = true }) {
    this.index = index;
    this.inspectable = inspectable;
    this.root = root;
    this.selected = -1;
    const id = `pane-${index}`;
    root.dataset.pane = String(index);
    root.setAttribute('aria-labelledby', `${id}-title`);
    root.style.setProperty('--pane', PANE_COLOURS[index]);
    root.innerHTML = `
      <header class="pane-head">
        <h2 id="${id}-title"><span class="swatch swatch-${index}" aria-hidden="true"></span><span class="pane-label"></span></h2>
        <div class="pane-tools">
          <label class="kind-label visually-hidden" for="${id}-kind">Network of the ${index === 0 ? 'left' : 'right'} pane</label>
          <select id="${id}-kind" class="kind" aria-describedby="${id}-kind-help">
            ${NETWORK_KINDS.map((k) => `<option value="${k}">${networkKind(k).label}</option>`).join('')}
            <option value="edgeList" disabled>${networkKind('edgeList').label}</option>
          </select>
          <button type="button" class="enlarge" aria-controls="panes"></button>
        </div>
      </header>
      <p class="kind-help" id="${id}-kind-help"></p>
      <div class="canvas-box">
        <canvas id="network-${index}" class="network" role="img"></canvas>
        <p class="building" hidden></p>
      </div>
      <div class="live-block">
        <dl class="live">
          <div><dt><span data-term-word data-term="order">Order r</span></dt><dd class="r">0.00</dd></div>
          <div><dt><span data-term-word data-term="rhythms">Rhythms</span> <span class="unit">(bursts last cycle)</span></dt><dd class="bursts">0</dd></div>
          <div><dt>Synchrony</dt><dd class="sync">not yet</dd></div>
        </dl>
        <p class="sync-line" id="${id}-sync-line"></p>
      </div>
      <div class="stats-block">
        <dl class="stats">
          <div><dt>firms</dt><dd class="s-firms"></dd></div>
          <div><dt>ties</dt><dd class="s-ties"></dd></div>
          <div><dt><span data-term-word data-term="density">density</span></dt><dd class="s-density"></dd></div>
          <div><dt><span data-term-word data-term="clustering">clustering</span></dt><dd class="s-clustering"></dd></div>
          <div><dt><span data-term-word data-term="meanPath">mean path</span></dt><dd class="s-path"></dd></div>
        </dl>
      </div>
      <p class="visually-hidden firm-cursor" aria-live="polite"></p>`;
    const q = (s) => root.querySelector(s);
    this.el = {
      label: q('.pane-label'),
      kind: q('.kind'),
      kindHelp: q('.kind-help'),
      enlarge: q('.enlarge'),
      canvas: q('canvas'),
      r: q('.r'),
      bursts: q('.bursts'),
      sync: q('.sync'),
      syncLine: q('.sync-line'),
      building: q('.building'),
      firms: q('.s-firms'),
      ties: q('.s-ties'),
      density: q('.s-density'),
      clustering: q('.s-clustering'),
      path: q('.s-path'),
    };
    bindTerms(root);
    this.renderer = createRenderer(this.el.canvas);
    this.kindSelect = confirmSelect(this.el.kind, (kind) => onKind(kind));
    this.el.enlarge.addEventListener('click', () => onEnlarge());
    this.el.canvas.addEventListener('pointerdown', (e) => {
      if (!this.run) return;
      const rect = this.el.canvas.getBoundingClientRect();
      onPick(this.renderer.hit(this.run, e.clientX - rect.left, e.clientY - rect.top));
    });
    const cursorLine = q('.firm-cursor');
    this.keys = bindCanvasKeys(this, {
      inspect: onPick,
      inspecting,
      inspectable,
      announce: (text) => {
        cursorLine.textContent = text;
      },
    });
    // Firm names (an imported network) on hover.
    this.el.canvas.addEventListener('pointermove', (e) => {
      if (!this.run || !this.names || e.pointerType === 'touch') return;
      const rect = this.el.canvas.getBoundingClientRect();
      const i = this.renderer.hit(this.run, e.clientX - rect.left, e.clientY - rect.top);
      const title = i >= 0 ? (this.names[i] ?? '') : '';
      if (this.el.canvas.title !== title) this.el.canvas.title = title;
    });
  }

  /** A new run for this pane (the old one is freed). */
  setRun(run, label) {
    this.run?.free();
    this.run = run;
    this.effects = new Effects(run);
    this.selected = -1;
    this.keys.reset();
    this.names = run.sim.firmNames?.() ?? null;
    this.el.canvas.title = '';
    const kind = run.scenario.network.kind;
    this.setLabel(label);
    this.kindSelect.show(kind);
    this.el.kindHelp.textContent = networkKind(kind).help;
    const s = run.statistics;
    this.el.firms.textContent = String(s.firms);
    this.el.ties.textContent = String(s.ties);
    this.el.density.textContent = fmt(s.density, 3);
    this.el.clustering.textContent = `${s.clusteringSampled ? '~' : ''}${fmt(s.clustering, 2)}`;
    this.el.clustering.title = s.clusteringSampled ? 'estimated from a sample of firms' : '';
    this.el.path.textContent = Number.isFinite(s.meanPath)
      ? `${s.meanPathSampled ? '~' : ''}${fmt(s.meanPath, 2)}`
      : 'n/a';
    this.el.path.title = s.components > 1 ? `${s.components} components: mean path within components` : '';
    this.renderer.dirty = true;
  }

  /** The pane's title (labels follow the scenarios: labels.js). */
  setLabel(label) {
    this.label = label;
    this.el.label.textContent = label;
    const who = this.run.coordinated ? 'coordinators as outlined diamonds' : 'no coordinators (reactive)';
    // It promises only what this pane does: the embed has no inspector.
    const act = this.inspectable
      ? 'Press D to hear it described; click a firm to inspect it, or use the arrow keys and Enter.'
      : 'Press D to hear it described; the arrow keys step from firm to firm.';
    this.el.canvas.setAttribute(
      'aria-label',
      `${label} network: ${this.run.n} firms as dots, ties as lines; ${who}. ${act}`,
    );
  }

  /** Says a new scenario of `scenario.firms` firms is being built (null: done). */
  showBuilding(scenario) {
    const text = scenario ? `Building ${scenario.firms.toLocaleString('en')} firms…` : '';
    if (this.el.building.textContent !== text) this.el.building.textContent = text;
    this.el.building.hidden = !scenario;
  }

  setEnlarged(single, visible) {
    this.root.hidden = !visible;
    this.el.enlarge.textContent = single ? 'Back to compare' : 'Enlarge';
    this.el.enlarge.setAttribute('aria-expanded', String(single));
  }

  /** Text readouts; called a few times a second. */
  showMeasures(m) {
    this.measures = m;
    const out = readout(m, this.run.coordinated);
    this.readout = out;
    const set = (el, text) => {
      if (el.textContent !== text) el.textContent = text;
    };
    set(this.el.r, out.r);
    set(this.el.bursts, String(m.bursts));
    set(this.el.sync, out.sync);
    set(this.el.syncLine, out.line);
    this.root.dataset.sync = out.state;
  }

  /** The run went to another moment: no pulse or wave of the way there is drawn. */
  seeked() {
    this.effects = new Effects(this.run);
    this.renderer.dirty = true;
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
      speed,
      calm,
      now,
      effects: this.effects,
      selected: this.selected,
      roadmap: this.run.reading('roadmap'),
    });
  }
}
