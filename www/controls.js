// The scenario form: a labelled native control for every parameter of
// params.js, each with its explanation (shown on hover and focus, and read by
// screen readers through aria-describedby). Changes go to the store, for
// both panes or one; the core's error for a bad value is shown beside the
// control that holds it.
import { PARAMS, NETWORK_KNOBS, formatValue } from './params.js';
import { NETWORK_LABELS } from './state.js';

const get = (obj, path) => path.split('.').reduce((o, k) => o?.[k], obj);
function set(obj, path, value) {
  const keys = path.split('.');
  const last = keys.pop();
  keys.reduce((o, k) => o[k], obj)[last] = value;
}

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v; else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children);
  return el;
}

/** One labelled control; `id` is unique on the page. */
function field(id, p, onChange) {
  const help = h('p', { class: 'help', id: `${id}-help`, text: p.help });
  const msg = h('p', { class: 'field-msg', id: `${id}-msg`, 'aria-live': 'polite' });
  const described = `${id}-help ${id}-msg`;
  let input, output = null;
  if (p.type === 'select') {
    input = h('select', { id, 'aria-describedby': described },
      ...p.options.map(([v, text]) => h('option', { value: v, text })));
  } else if (p.type === 'check') {
    input = h('input', { id, type: 'checkbox', 'aria-describedby': described });
  } else {
    input = h('input', { id, type: 'range', min: p.min, max: p.max, step: p.step, 'aria-describedby': described });
    output = h('output', { for: id, class: 'value' });
    input.addEventListener('input', () => { output.textContent = formatValue(Number(input.value), p.step); });
  }
  const read = () => (p.type === 'check' ? input.checked : p.type === 'select' ? input.value : Number(input.value));
  input.addEventListener('change', () => onChange(read()));
  const label = h('label', { for: id, text: p.label });
  const wrap = h('div', { class: p.type === 'check' ? 'field check' : 'field' });
  if (p.type === 'check') wrap.append(input, label, help, msg);
  else wrap.append(h('div', { class: 'field-head' }, label, ...(output ? [output] : [])), input, help, msg);
  return {
    wrap, input, msg, p,
    show(values) {
      const [a, b] = values;
      if (p.type === 'check') input.checked = Boolean(a);
      else if (document.activeElement !== input || p.type === 'select') input.value = String(a);
      if (output) {
        output.textContent = b === undefined || a === b
          ? formatValue(a, p.step) : `${formatValue(a, p.step)} | ${formatValue(b, p.step)}`;
      }
    },
  };
}

/**
 * Builds the form in `root` and keeps it in step with the store.
 * Returns { sync(state), showError(pane, error) , clearErrors() }.
 */
export function buildScenarioForm(root, store) {
  const fields = [];   // { path, pane?: index, f }
  const target = () => store.get().view.target;

  // Which pane the settings apply to.
  const targets = h('fieldset', { class: 'targets' }, h('legend', { text: 'Settings apply to' }));
  for (const [value, text] of [['both', 'Both panes'], ['0', 'Left pane'], ['1', 'Right pane']]) {
    const id = `target-${value}`;
    const radio = h('input', { type: 'radio', name: 'target', id, value });
    radio.addEventListener('change', () => store.setView({ target: value === 'both' ? 'both' : Number(value) }));
    targets.append(h('span', { class: 'radio' }, radio, h('label', { for: id, text })));
  }
  root.append(targets);

  const groups = new Map();
  for (const p of PARAMS) {
    if (!groups.has(p.group)) {
      const fs = h('fieldset', {}, h('legend', { text: p.group }));
      groups.set(p.group, fs);
      root.append(fs);
    }
    const f = field(`p-${p.path}`, p, (value) => store.editScenarios(target(), (s) => set(s, p.path, value)));
    fields.push({ path: p.path, f });
    groups.get(p.group).append(f.wrap);
  }

  // The networks: each pane's knobs, rebuilt when its kind changes.
  const netSet = h('fieldset', {}, h('legend', { text: 'Networks' }));
  groups.get('Firms').after(netSet);
  const paneBoxes = [0, 1].map((i) => {
    const box = h('div', { class: 'net-knobs' });
    netSet.append(box);
    return { box, kind: null, fields: [] };
  });

  function buildKnobs(i, pane) {
    const pb = paneBoxes[i];
    const kind = pane.scenario.network.kind;
    pb.kind = kind;
    pb.box.replaceChildren(h('p', { class: 'net-title', text: `${i === 0 ? 'Left' : 'Right'} pane: ${NETWORK_LABELS[kind]}` }));
    pb.fields = [];
    if (NETWORK_KNOBS[kind].length === 0) {
      const text = kind === 'edgeList' ? 'No knobs: the imported ties are used as they are.' : 'No knobs: every pair of firms is tied.';
      pb.box.append(h('p', { class: 'help-static', text }));
    }
    for (const k of NETWORK_KNOBS[kind]) {
      const p = { ...k, type: 'range', path: `network.${k.key}` };
      const f = field(`p${i}-${k.key}`, p, (value) => store.editScenarios(i, (s) => {
        s.network[k.key] = value;
        return k.key === 'ties' ? { matchTies: false } : undefined;
      }));
      pb.fields.push({ path: p.path, f });
      pb.box.append(f.wrap);
    }
    if (kind === 'gnm') {
      const p = { type: 'check', label: 'Same number of ties as the other pane', path: 'matchTies',
        help: 'Compare at equal ties: this pane takes as many ties as the other pane’s network has.' };
      const f = field(`p${i}-matchTies`, p, (value) => store.editScenarios(i, () => ({ matchTies: value })));
      pb.fields.push({ path: 'matchTies', f, paneLevel: true });
      pb.box.append(f.wrap);
    }
  }

  return {
    sync(state) {
      const t = state.view.target;
      for (const radio of targets.querySelectorAll('input')) radio.checked = radio.value === String(t);
      const shown = t === 'both' ? state.panes : [state.panes[t]];
      for (const { path, f } of fields) f.show(shown.map((p) => get(p.scenario, path)));
      state.panes.forEach((pane, i) => {
        if (paneBoxes[i].kind !== pane.scenario.network.kind) buildKnobs(i, pane);
        for (const { path, f, paneLevel } of paneBoxes[i].fields) {
          f.show([paneLevel ? pane[path] : get(pane.scenario, path)]);
        }
      });
    },

    clearErrors() {
      for (const el of root.querySelectorAll('.field-msg')) el.textContent = '';
      for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    },

    /** Shows the core's "field: reason" beside the control; returns false if none fits. */
    showError(pane, label, message) {
      const m = /^(?:scenario: )?([\w.]+)[^:]*: (.*)$/.exec(message);
      const path = m?.[1];
      const all = [...fields, ...paneBoxes[pane].fields];
      const hit = all.find((x) => x.path === path);
      if (!hit) return false;
      hit.f.msg.textContent = `${label}: ${m[2]}`;
      hit.f.input.setAttribute('aria-invalid', 'true');
      return true;
    },
  };
}
