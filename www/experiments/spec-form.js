// The experiment's form: what to compare (a pane, both panes, a pane in
// each mode), the parameter to sweep and its values (a list, or from/to in
// steps), an optional second parameter for a two-way grid, seeds per point
// and the cap. It edits the spec in the store (view.experiment), so the
// link carries it; the core checks it before anything runs.
import { parameters, limits } from '../core.js';
import { h } from '../dom.js';

/** The arms choices: [value, label, ArmsOf as the core writes it]. */
const ARMS = [
  ['panes', 'Both panes (left against right)', 'panes'],
  ['pane-0', 'The left pane', { pane: 0 }],
  ['pane-1', 'The right pane', { pane: 1 }],
  ['modes-0', 'The left pane in each mode (reactive, planned, hybrid)', { modes: 0 }],
  ['modes-1', 'The right pane in each mode', { modes: 1 }],
];
const armsKey = (arms) => ARMS.find(([, , a]) => JSON.stringify(a) === JSON.stringify(arms))?.[0] ?? 'panes';

/** Numbers from "0.02, 0.05 0.1"; throws naming the bad one. */
export function parseValues(text) {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.length) throw new Error('give at least one value');
  return parts.map((t) => {
    const v = Number(t);
    if (!Number.isFinite(v)) throw new Error(`\`${t}\` is not a number`);
    return v;
  });
}

/** `steps` values evenly from `from` to `to` (rounded to 6 significant digits), at most an axis's worth. */
export function evenly(from, to, steps) {
  const n = Math.max(2, Math.min(limits().axisValues, Math.round(steps)));
  return Array.from({ length: n }, (_, i) => Number((from + ((to - from) * i) / (n - 1)).toPrecision(6)));
}

/** The parameters a sweep can set that every arm's network has, for the sweep menus. */
function sweepable(kinds) {
  return parameters().filter(
    (p) => p.sweepable && kinds.every((k) => p.networks.length === 0 || p.networks.includes(k)),
  );
}

/** The kinds of the panes an arms choice takes. */
function armKinds(arms, panes) {
  const of = (i) => panes[i].scenario.network.kind;
  if (arms === 'panes') return panes.map((p) => p.scenario.network.kind);
  return [of(arms.pane ?? arms.modes)];
}

/**
 * Builds the form in `root`. `store` holds the spec in view.experiment
 * once edited; `current()` is the spec shown (a default until then);
 * `onChange()` is told of every edit. Returns { sync(state, spec), showError(text) }.
 */
export function buildSpecForm(root, store, current, onChange) {
  const edit = (patch) => {
    const spec = { ...current(), ...patch, ready: null };
    store.setView({ experiment: spec });
    onChange();
  };
  const row = (label, id, control, help) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: id, text: label }),
      control,
      help ? h('p', { class: 'help', id: `${id}-help`, text: help }) : '',
    );

  const arms = h(
    'select',
    { id: 'x-arms', 'aria-describedby': 'x-arms-help' },
    ...ARMS.map(([v, text]) => h('option', { value: v, text })),
  );
  arms.addEventListener('change', () => edit({ arms: ARMS.find(([v]) => v === arms.value)[2] }));

  const param = h('select', { id: 'x-param', 'aria-describedby': 'x-param-help' });
  const values = h('input', {
    id: 'x-values',
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'x-values-help x-msg',
  });
  const param2 = h('select', { id: 'x-param2', 'aria-describedby': 'x-param2-help' });
  const values2 = h('input', {
    id: 'x-values2',
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'x-values2-help x-msg',
  });
  const seeds = h('input', { id: 'x-seeds', type: 'number', min: 1, max: 100000, step: 1 });
  const cap = h('input', { id: 'x-cap', type: 'number', min: 1, max: limits().cap, step: 1 });
  const msg = h('p', { class: 'field-msg', id: 'x-msg', 'aria-live': 'polite' });

  // From / to / steps: fills the values list evenly.
  const from = h('input', { type: 'number', step: 'any', 'aria-label': 'from' });
  const to = h('input', { type: 'number', step: 'any', 'aria-label': 'to' });
  const steps = h('input', {
    type: 'number',
    min: 2,
    max: limits().axisValues,
    step: 1,
    value: 5,
    'aria-label': 'steps',
  });
  const fill = h('button', { type: 'button', text: 'Fill the values' });
  fill.addEventListener('click', () => {
    if (from.value === '' || to.value === '') {
      msg.textContent = 'Give from and to first.';
      return;
    }
    values.value = evenly(Number(from.value), Number(to.value), Number(steps.value)).join(', ');
    values.dispatchEvent(new Event('change'));
  });
  const range = h(
    'details',
    { class: 'x-range' },
    h('summary', { text: 'From, to, in steps' }),
    h('span', { class: 'x-range-row' }, 'from ', from, ' to ', to, ' in ', steps, ' steps ', fill),
  );

  const readAxis = (input, select) => {
    try {
      const list = parseValues(input.value);
      msg.textContent = '';
      input.removeAttribute('aria-invalid');
      return { path: select.value, values: list };
    } catch (err) {
      msg.textContent = `${input === values ? 'Values' : 'Second values'}: ${err.message}.`;
      input.setAttribute('aria-invalid', 'true');
      return null;
    }
  };
  param.addEventListener('change', () => {
    const p = parameters().find((q) => q.path === param.value);
    const x = { path: param.value, values: [p.default] };
    values.value = String(p.default);
    edit({ x });
  });
  values.addEventListener('change', () => {
    const x = readAxis(values, param);
    if (x) edit({ x });
  });
  param2.addEventListener('change', () => {
    if (!param2.value) {
      edit({ y: null });
      return;
    }
    const p = parameters().find((q) => q.path === param2.value);
    edit({ y: { path: param2.value, values: [p.default] } });
  });
  values2.addEventListener('change', () => {
    const y = readAxis(values2, param2);
    if (y) edit({ y });
  });
  seeds.addEventListener('change', () => edit({ seeds: Math.max(1, Math.round(Number(seeds.value) || 1)) }));
  cap.addEventListener('change', () => edit({ cap: Math.max(1, Number(cap.value) || limits().defaultCap) }));

  root.append(
    row(
      'Compare',
      'x-arms',
      arms,
      'Each arm is run over the same values and seeds: the panes as they are now, or one pane in each mode.',
    ),
    row('Sweep', 'x-param', param, 'The parameter that changes from point to point (its range is the core’s).'),
    row('Values', 'x-values', values, 'Comma-separated; one value runs this scenario over many seeds.'),
    range,
    row(
      'Second parameter (a grid)',
      'x-param2',
      param2,
      'Optional: every pair of values is a point, drawn as a heat map.',
    ),
    row('Its values', 'x-values2', values2),
    h('div', { class: 'x-pair' }, row('Seeds per point', 'x-seeds', seeds), row('Cap (cycles)', 'x-cap', cap)),
    msg,
  );

  const options = (select, list, none) => {
    const want = list.map((p) => p.path).join();
    if (select.dataset.list === want) return;
    select.dataset.list = want;
    select.replaceChildren(
      ...(none ? [h('option', { value: '', text: none })] : []),
      ...list.map((p) => h('option', { value: p.path, text: p.label })),
    );
  };

  return {
    sync(state, spec) {
      arms.value = armsKey(spec.arms);
      const list = sweepable(armKinds(spec.arms, state.panes));
      options(param, list);
      options(
        param2,
        list.filter((p) => p.path !== spec.x.path),
        'none (one parameter)',
      );
      param.value = spec.x.path;
      param2.value = spec.y?.path ?? '';
      values2.disabled = !spec.y;
      const active = document.activeElement;
      if (active !== values) values.value = spec.x.values.join(', ');
      if (active !== values2) values2.value = spec.y ? spec.y.values.join(', ') : '';
      if (active !== seeds) seeds.value = String(spec.seeds);
      if (active !== cap) cap.value = String(spec.cap);
    },
    showError(text) {
      msg.textContent = text;
    },
  };
}
