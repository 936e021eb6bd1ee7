// The embed's core is the page's model, built smaller: both builds (www/pkg
// and www/pkg/embed) loaded side by side in Node run the same scenarios to
// the same releases and phases bit for bit, read and write links alike, and
// refuse the same values; the embed's leaves out only the page's bindings.
// Also the crossing of plain JS values into the core (values.rs), which
// follows JSON.stringify's rules.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';

const PAGE = '../../www/pkg/';
const EMBED = '../../www/pkg/embed/';
const cores = {};

async function load(dir) {
  const wasm = new URL(`${dir}lockstep_bg.wasm`, import.meta.url);
  if (!existsSync(wasm)) throw new Error(`${dir} is missing: build the wasm cores first (bash scripts/build.sh)`);
  const core = await import(`${dir}lockstep.js`);
  const instance = await core.default({ module_or_path: readFileSync(wasm) });
  return { core, memory: instance.memory };
}

before(async () => {
  cores.page = await load(PAGE);
  cores.embed = await load(EMBED);
});

/** Releases, pulses and every firm's phase after `steps` advances of `dt` cycles. */
function run({ core, memory }, scenario, steps = 40, dt = 0.37) {
  const sim = new core.Simulation(scenario);
  const counts = [];
  for (let i = 0; i < steps; i++) counts.push(sim.advance(dt));
  const n = sim.firmCount();
  const phases = Array.from(new Float32Array(memory.buffer, sim.phasesPtr(), n));
  const out = {
    counts,
    releases: sim.releaseCount(),
    pulses: sim.pulseCount(),
    phases,
    r: sim.orderParameter(),
    stats: sim.stats(),
  };
  sim.free();
  return out;
}

const thrown = (f) => {
  try {
    f();
  } catch (err) {
    return { field: err.field, message: err.message };
  }
  assert.fail('expected the core to refuse');
};

test('both builds run the same scenarios to the same releases and phases, bit for bit', () => {
  const base = cores.page.core.defaultScenario();
  const scenarios = [
    base,
    {
      ...base,
      seed: 11,
      mode: 'hybrid',
      network: { kind: 'plantedPartition', groups: 4, meanDegree: 8, betweenShare: 0.05 },
    },
    { ...base, seed: 3, firms: 400, mode: 'planned', eps: 0.013 },
  ];
  for (const scenario of scenarios) {
    const page = run(cores.page, scenario);
    const embed = run(cores.embed, scenario);
    assert.ok(page.releases > scenario.firms, 'the run released');
    assert.deepEqual(embed, page);
  }
});

test('both builds read a link to the same state and write it back to the same link', () => {
  const link =
    'v=1&view=compare&seed=18&n=120&eps=0.0137&net=pp&groups=4&deg=6&between=0.05&p2.net=gnm&p2.ties=300&speed=2';
  const page = cores.page.core.decodeShare(link);
  const embed = cores.embed.core.decodeShare(link);
  assert.deepEqual(embed, page);
  assert.equal(page.state.panes[0].scenario.eps, 0.0137);
  assert.equal(cores.embed.core.encodeShare(embed.state), cores.page.core.encodeShare(page.state));
  assert.deepEqual(cores.embed.core.parameters(), cores.page.core.parameters());
  assert.deepEqual(cores.embed.core.limits(), cores.page.core.limits());
});

test('both builds refuse an out-of-range value naming the field', () => {
  const base = cores.page.core.defaultScenario();
  for (const { core } of [cores.page, cores.embed]) {
    const refused = thrown(() => new core.Simulation({ ...base, eps: 3 }));
    assert.equal(refused.field, 'eps');
    assert.match(refused.message, /^eps: 3 is outside \[0, /);
  }
});

test('a value of the wrong shape is refused by both; the page names its path', () => {
  const base = cores.page.core.defaultScenario();
  const wrong = { ...base, eps: 'many' };
  assert.deepEqual(
    thrown(() => new cores.page.core.Simulation(wrong)),
    { field: 'eps', message: 'eps: a number expected, found string "many"' },
  );
  const embed = thrown(() => new cores.embed.core.Simulation(wrong));
  assert.equal(embed.field, 'scenario');
  assert.match(embed.message, /^scenario: invalid type: string "many", expected f64/);
});

test("the embed leaves out the page's bindings: experiments, CSV, scenario files, digests", () => {
  for (const name of [
    'importEdgeList',
    'csvText',
    'networkCsv',
    'stateJson',
    'parseStateJson',
    'readyExperiments',
    'resolveExperiment',
    'experimentRuns',
    'summarizeRuns',
    'describeExperiment',
    'experimentCsv',
    'scenarioDigest',
  ]) {
    assert.equal(typeof cores.page.core[name], 'function', `the page has ${name}`);
    assert.equal(cores.embed.core[name], undefined, `the embed has no ${name}`);
  }
  for (const name of [
    'Simulation',
    'ForceLayout',
    'decodeShare',
    'encodeShare',
    'parameters',
    'limits',
    'defaultScenario',
    'checkScenario',
    'visibleText',
    'fileOnlyFragment',
  ]) {
    assert.equal(typeof cores.embed.core[name], 'function', `the embed has ${name}`);
  }
});

test('JS values cross as JSON text would carry them', () => {
  const { core } = cores.page;
  const base = core.defaultScenario();
  const reference = run(cores.page, base, 5);
  // undefined, function and symbol fields are left out.
  assert.deepEqual(run(cores.page, { ...base, label: undefined, f: () => 1, s: Symbol('s') }, 5), reference);
  // In an array they are null, as is a hole, which a list of firms refuses.
  for (const chosen of [
    [1, undefined, 3],
    [1, () => 1, 3],
    [1, undefined, 3],
  ]) {
    // eslint-disable-line no-sparse-arrays
    assert.deepEqual(
      thrown(() => new core.Simulation({ ...base, choice: 'chosen', chosen })),
      { field: 'chosen[1]', message: 'chosen[1]: invalid type: null, expected u32' },
    );
  }
  // NaN and infinities are null, which a number field refuses.
  assert.deepEqual(
    thrown(() => new core.Simulation({ ...base, eps: NaN })),
    { field: 'eps', message: 'eps: a number expected, found null' },
  );
  assert.equal(thrown(() => new core.Simulation({ ...base, eps: -Infinity })).field, 'eps');
  // Not plain data at all: refused with a reason, at once, never a crash.
  const twice = { ...base };
  twice.network = { kind: 'erdosRenyi', a: twice, b: twice };
  assert.deepEqual(
    thrown(() => new core.Simulation(twice)),
    { field: 'scenario', message: 'scenario: contains itself' },
  );
  const list = [];
  list.push(list, list);
  assert.deepEqual(
    thrown(() => new core.Simulation({ ...base, chosen: list })),
    { field: 'scenario', message: 'scenario: nested too deeply (or contains itself)' },
  );
  assert.deepEqual(
    thrown(() => new core.Simulation({ ...base, seed: 7n })),
    { field: 'scenario', message: 'scenario: not a plain object' },
  );
  assert.deepEqual(
    thrown(() => new core.Simulation(undefined)),
    { field: 'scenario', message: 'scenario: no value' },
  );
  // Out: plain objects and arrays, numbers as numbers.
  assert.deepEqual(core.defaultScenario(), JSON.parse(JSON.stringify(base)));
});
