// The embed's core is the page's model, built smaller: both builds (www/pkg
// and www/pkg/embed) loaded side by side in Node run the same scenarios to
// the same releases and phases bit for bit, read and write links alike, and
// refuse the same values; the embed's leaves out only the page's bindings.
// Also the crossing of plain JS values into the core (values.rs), which
// follows JSON.stringify's rules, and the frame's channels and readings as
// the core lists them, the binding hands them over and core.js views them.
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

/** A simulation's channels as views on the memory, by name (as www/core.js builds them). */
function views({ memory }, sim) {
  const out = {};
  for (const c of sim.channels()) out[c.name] = new globalThis[c.type](memory.buffer, c.ptr, c.length);
  return out;
}

/** The measures of the last advance, by name, from the readings view. */
function measures(build, sim) {
  const { readings } = views(build, sim);
  return Object.fromEntries(build.core.readings().map((r, i) => [r.name, readings[i]]));
}

/** Releases, pulses and every firm's phase after `steps` advances of `dt` cycles. */
function run(build, scenario, steps = 40, dt = 0.37) {
  const sim = new build.core.Simulation(scenario);
  const counts = [];
  for (let i = 0; i < steps; i++) counts.push(sim.advance(dt));
  const m = measures(build, sim);
  const out = {
    counts,
    releases: m.releases,
    pulses: m.pulses,
    phases: Array.from(views(build, sim).phases),
    r: m.r,
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
    'ExperimentTally',
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
    'readings',
    'causes',
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

test('the channels the core lists are the buffers the binding hands over, in both builds', async () => {
  const base = cores.page.core.defaultScenario();
  const scenario = { ...base, firms: 80, mode: 'hybrid' };
  const expected = {
    phases: ['Float32Array', (n) => n],
    releaseAges: ['Float32Array', (n) => n],
    positions: ['Float32Array', (n) => 2 * n],
    groups: ['Uint32Array', (n) => n],
    ties: ['Uint32Array', (_, ties) => 2 * ties],
    partnerOffsets: ['Uint32Array', (n) => n + 1],
    partners: ['Uint32Array', (_, ties) => 2 * ties],
    releaseCounts: ['Uint32Array', (n) => n],
    recentReleases: ['Uint32Array', (n) => 4 * n],
    recentCauses: ['Uint8Array', (n) => 4 * n],
    recentTimes: ['Float64Array', (n) => 4 * n],
    readings: ['Float64Array', () => cores.page.core.readings().length],
    // The raster's release history: a row per firm (up to 500), 256 releases a row.
    historyRows: ['Uint32Array', (n) => Math.min(n, 500)],
    historyFirms: ['Uint32Array', (n) => 256 * Math.min(n, 500)],
    historyCauses: ['Uint8Array', (n) => 256 * Math.min(n, 500)],
    historyTimes: ['Float64Array', (n) => 256 * Math.min(n, 500)],
  };
  for (const build of [cores.page, cores.embed]) {
    const sim = new build.core.Simulation(scenario);
    sim.advance(2.5);
    const stats = sim.stats();
    const channels = sim.channels();
    assert.deepEqual(
      channels.map((c) => c.name),
      Object.keys(expected),
    );
    for (const c of channels) {
      const [type, length] = expected[c.name];
      assert.equal(c.type, type, c.name);
      assert.equal(c.length, length(stats.firms, stats.ties), c.name);
      assert.equal(c.ptr % globalThis[c.type].BYTES_PER_ELEMENT, 0, `${c.name} is aligned`);
      const count = c.name.startsWith('recent') ? 'recentReleases' : c.name === 'historyRows' ? null : 'history';
      assert.equal(c.count, c.name.startsWith('recent') || c.name.startsWith('history') ? count : null, c.name);
    }
    const v = views(build, sim);
    const m = measures(build, sim);
    // What the views hold is the frame: the partners of each firm, its releases, the measures.
    assert.equal(v.partnerOffsets[stats.firms], v.partners.length);
    const total = v.releaseCounts.reduce((a, b) => a + b, 0);
    assert.equal(total, m.releases);
    assert.ok(m.recentReleases > 0 && m.recentReleases <= v.recentReleases.length);
    for (const k of v.recentCauses.subarray(0, m.recentReleases)) assert.ok(k < build.core.causes().length);
    assert.ok(v.phases.every((p) => p >= 0 && p < 1));
    assert.equal(m.time, 2.5);
    assert.ok(m.r >= 0 && m.r <= 1);
    sim.free();
  }
  assert.deepEqual(cores.page.core.readings(), cores.embed.core.readings());
  assert.deepEqual(cores.page.core.causes(), ['schedule', 'partner', 'signal', 'lock']);
});

test("core.js's Run views every channel and reads its measures without a call per measure", async () => {
  const core = await import('../../www/core.js');
  await core.loadCore({ module_or_path: readFileSync(new URL(`${PAGE}lockstep_bg.wasm`, import.meta.url)) });
  const base = core.defaultScenario();
  const run = new core.Run({ ...base, seed: 5 });
  const names = run.sim.channels().map((c) => c.name);
  for (const name of names) assert.ok(ArrayBuffer.isView(run[name]), `run.${name} is a view`);
  // Before any advance: measured at time 0, nothing in step (absent values are undefined).
  const first = run.measures();
  assert.equal(first.time, 0);
  assert.equal(first.syncTime, undefined);
  assert.equal(first.converged, undefined);
  assert.equal(first.completeSince, undefined);
  assert.equal(first.completeBursts, 0);
  // One call into the core per advance: the measures come with it.
  const calls = [];
  const sim = run.sim;
  run.sim = new Proxy(sim, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args) => {
        calls.push(key);
        return value.apply(target, args);
      };
    },
  });
  let m;
  for (let i = 0; i < 400 && m?.syncTime === undefined; i++) {
    run.advance(0.25);
    m = run.measures();
    run.reading('roadmap');
    run.refreshViews();
  }
  assert.ok(
    calls.every((c) => c === 'advance'),
    `only advance is called: ${[...new Set(calls)]}`,
  );
  assert.equal(calls.length, Math.round(m.time / 0.25));
  // In step: the measures are present, a flag a boolean.
  assert.equal(typeof m.syncTime, 'number');
  assert.equal(typeof m.converged, 'boolean');
  assert.ok(m.syncOffset >= 0 && m.syncOffset <= 0.5);
  assert.ok(m.completeSince <= m.time);
  assert.equal(run.recentReleases.length, m.recentReleases);
  assert.equal(run.recentCauses.length, m.recentReleases);
  // The shape the page reads (readouts, snapshot, messages), from the core's list.
  assert.deepEqual(Object.keys(m), [
    'time',
    'r',
    'bursts',
    'releases',
    'pulses',
    'syncTime',
    'syncOffset',
    'converged',
    'completeBursts',
    'completeSince',
    'roadmap',
    'recentReleases',
    'reached',
    'events',
    'history',
  ]);
  // The views follow the memory when it grows: big runs elsewhere grow it.
  const before = run.phases.buffer;
  const big = [];
  while (memoryGrew(before) === false && big.length < 8)
    big.push(
      new core.Run({ ...base, firms: 20000, mode: 'reactive', network: { kind: 'erdosRenyi', meanDegree: 10 } }),
    );
  assert.ok(memoryGrew(before), 'memory grew');
  assert.equal(run.phases.byteLength, 0, 'the old views went with the old buffer');
  assert.equal(run.measures().time, m.time);
  assert.equal(run.phases.length, run.n);
  assert.notEqual(run.phases.buffer, before);
  for (const b of big) b.free();
  run.sim = sim;
  run.free();

  function memoryGrew(buffer) {
    return buffer.byteLength === 0;
  }
});
