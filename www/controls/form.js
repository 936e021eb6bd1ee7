// The scenario form: a labelled native control for every parameter of the
// core's table (grouped as params.js says), each with its explanation (shown
// on hover and focus with a mouse; a "?" opens it as a line in the form, not
// over the next control, for touch; read by screen readers through
// aria-describedby). A select applies only once confirmed (confirm-select.js).
// Changes go to the store, for both panes or one; the core's error for a bad
// value is shown beside the control that holds it.
import { formGroups, networkKnobs, networkKind, formatValue } from './params.js';
import { confirmSelect } from './confirm-select.js';
import { h } from '../dom.js';

const get = (obj, path) => path.split('.').reduce((o, k) => o?.[k], obj);
function set(obj, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  keys.reduce((o, k) => o[k], obj)[last] = value;
}

/** The native control of row `p`: a select, a checkbox, or a range with its value beside it. */
function controlOf(id, p) {
  const described = `${id}-help ${id}-msg`;
  if (p.type === 'select') {
    const options = p.options.map(([v, text]) => h('option', { value: v, text }));
    return { input: h('select', { id, 'aria-describedby': described }, ...options), output: null };
  }
  if (p.type === 'check')
    return { input: h('input', { id, type: 'checkbox', 'aria-describedby': described }), output: null };
  const input = h('input', { id, type: 'range', min: p.min, max: p.max, step: p.step, 'aria-describedby': described });
  const output = h('output', { for: id, class: 'value' });
  input.addEventListener('input', () => {
    output.textContent = formatValue(Number(input.value), p.step);
  });
  return { input, output };
}

/** The "?" that opens the help as a line in the form (pointer and touch only: the keyboard shows it on focus). */
function helpButton(id, p, wrap) {
  const ask = h('button', {
    type: 'button',
    class: 'term-q field-q',
    tabindex: '-1',
    'aria-expanded': 'false',
    'aria-controls': `${id}-help`,
    'aria-label': `What is “${p.label}”?`,
    text: '?',
  });
  ask.addEventListener('click', () => {
    const open = !wrap.classList.contains('open');
    wrap.classList.toggle('open', open);
    ask.setAttribute('aria-expanded', String(open));
  });
  return ask;
}

/** Shows the panes' values `[a, b]` in the control (both, where they differ, beside a range). */
function showValues({ p, input, output, select }, [a, b]) {
  if (p.type === 'check') input.checked = Boolean(a);
  else if (select) select.show(a);
  else if (document.activeElement !== input) input.value = String(a);
  if (output) {
    output.textContent =
      b === undefined || a === b ? formatValue(a, p.step) : `${formatValue(a, p.step)} | ${formatValue(b, p.step)}`;
  }
}

/** One labelled control; `id` is unique on the page. */
function field(id, p, onChange) {
  const help = h('p', { class: 'help', id: `${id}-help`, text: p.help });
  const msg = h('p', { class: 'field-msg', id: `${id}-msg`, 'aria-live': 'polite' });
  const { input, output } = controlOf(id, p);
  const read = () => (p.type === 'check' ? input.checked : Number(input.value));
  const select = p.type === 'select' ? confirmSelect(input, (v) => onChange(v)) : null;
  if (!select) input.addEventListener('change', () => onChange(read()));
  const label = h('label', { for: id, text: p.label });
  const wrap = h('div', { class: p.type === 'check' ? 'field check' : 'field' });
  const ask = helpButton(id, p, wrap);
  if (p.type === 'check') wrap.append(input, label, ask, help, msg);
  else
    wrap.append(
      h('div', { class: 'field-head' }, h('span', { class: 'field-name' }, label, ask), ...(output ? [output] : [])),
      input,
      help,
      msg,
    );
  const control = { p, input, output, select };
  return { wrap, input, msg, p, show: (values) => showValues(control, values) };
}

/** The radios that say which pane the settings apply to. */
function targetPicker(store) {
  const targets = h('fieldset', { class: 'targets' }, h('legend', { text: 'Settings apply to' }));
  for (const [value, text] of [
    ['both', 'Both panes'],
    ['0', 'Left pane'],
    ['1', 'Right pane'],
  ]) {
    const id = `target-${value}`;
    const radio = h('input', { type: 'radio', name: 'target', id, value });
    radio.addEventListener('change', () => store.setView({ target: value === 'both' ? 'both' : Number(value) }));
    targets.append(h('span', { class: 'radio' }, radio, h('label', { for: id, text })));
  }
  return targets;
}

/** One pane's network knobs, rebuilt when its kind changes. */
class KnobBox {
  constructor(index, store) {
    this.index = index;
    this.store = store;
    this.box = h('div', { class: 'net-knobs' });
    this.kind = null;
    this.fields = [];
  }

  build(kind) {
    const i = this.index;
    this.kind = kind;
    this.fields = [];
    this.box.replaceChildren(
      h('p', { class: 'net-title', text: `${i === 0 ? 'Left' : 'Right'} pane: ${networkKind(kind).label}` }),
    );
    const knobs = networkKnobs(kind);
    if (knobs.length === 0) {
      const text =
        kind === 'edgeList'
          ? 'No knobs: the imported ties are used as they are.'
          : 'No knobs: every pair of firms is tied.';
      this.box.append(h('p', { class: 'help-static', text }));
    }
    for (const p of knobs) {
      const key = p.path.slice('network.'.length);
      const f = field(`p${i}-${key}`, p, (value) =>
        this.store.editScenarios(i, (s) => {
          s.network[key] = value;
          return key === 'ties' ? { matchTies: false } : undefined;
        }),
      );
      this.add(p.path, f);
    }
    if (kind === 'gnm') {
      const p = {
        type: 'check',
        label: 'Same number of ties as the other pane',
        path: 'matchTies',
        help: 'Compare at equal ties: this pane takes as many ties as the other pane’s network has.',
      };
      this.add(
        'matchTies',
        field(`p${i}-matchTies`, p, (value) => this.store.editScenarios(i, () => ({ matchTies: value }))),
        true,
      );
    }
  }

  add(path, f, paneLevel = false) {
    this.fields.push({ path, f, paneLevel });
    this.box.append(f.wrap);
  }

  sync(pane) {
    if (this.kind !== pane.scenario.network.kind) this.build(pane.scenario.network.kind);
    for (const { path, f, paneLevel } of this.fields) f.show([paneLevel ? pane[path] : get(pane.scenario, path)]);
  }
}

/**
 * Builds the form in `root` and keeps it in step with the store.
 * Returns { sync(state), showError(pane, label, error), clearErrors() }.
 */
export function buildScenarioForm(root, store) {
  const fields = []; // { path, f }
  const target = () => store.get().view.target;
  const targets = targetPicker(store);
  root.append(targets);

  const knobBoxes = [0, 1].map((i) => new KnobBox(i, store));
  for (const { group, controls } of formGroups()) {
    const fs = h('fieldset', {}, h('legend', { text: group }));
    root.append(fs);
    for (const p of controls) {
      const f = field(`p-${p.path}`, p, (value) => store.editScenarios(target(), (s) => set(s, p.path, value)));
      fields.push({ path: p.path, f });
      fs.append(f.wrap);
    }
    if (group === 'Firms')
      root.append(h('fieldset', {}, h('legend', { text: 'Networks' }), ...knobBoxes.map((k) => k.box)));
  }

  return {
    sync(state) {
      const t = state.view.target;
      for (const radio of targets.querySelectorAll('input')) radio.checked = radio.value === String(t);
      const shown = t === 'both' ? state.panes : [state.panes[t]];
      for (const { path, f } of fields) f.show(shown.map((p) => get(p.scenario, path)));
      state.panes.forEach((pane, i) => {
        knobBoxes[i].sync(pane);
      });
    },

    clearErrors() {
      for (const el of root.querySelectorAll('.field-msg')) el.textContent = '';
      for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    },

    /**
     * Shows the core's error beside the control of its field (a network
     * too big for its firms: beside the pane's first knob; too many ties
     * where no knob sets them, a complete network's: beside the firms);
     * returns false if none fits.
     */
    showError(pane, label, error) {
      const knobs = knobBoxes[pane].fields;
      const all = [...fields, ...knobs];
      const hit =
        all.find((x) => x.path === error.field) ??
        (error.field === 'network' ? knobs[0] : undefined) ??
        (error.field === 'ties' ? all.find((x) => x.path === 'firms') : undefined);
      if (!hit) return false;
      hit.f.msg.textContent = `${label}: ${error.reason}`;
      hit.f.input.setAttribute('aria-invalid', 'true');
      return true;
    },
  };
}
