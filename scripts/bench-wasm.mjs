// The wasm build's engine throughput in Node: the same rows as the native
// `bench` binary (src/bin/bench.rs), so the ratio wasm/native can be tracked.
// Only `advance` is timed (with the measures it takes, as a page's frame
// does), not building the network.
// `node scripts/bench-wasm.mjs [FIRMS...]` runs only the given sizes;
// `--embed` times the embed's build (www/pkg/embed, built for size) instead
// of the page's; `--header` prints the CSV header too (scripts/bench.sh
// prints it once).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROWS = [
  [1000, 200],
  [10000, 20],
  [100000, 20],
  [1000000, 2],
];
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--')).map(Number);
const embed = args.includes('--embed');

const dir = embed ? '../www/pkg/embed/' : '../www/pkg/';
const { default: init, Simulation, defaultScenario, readings } = await import(`${dir}lockstep.js`);
const { memory } = await init({
  module_or_path: await readFile(fileURLToPath(new URL(`${dir}lockstep_bg.wasm`, import.meta.url))),
});
const names = readings().map((r) => r.name);

/** A measure of the last advance (the readings channel, as the page reads it). */
function reading(sim, name) {
  const c = sim.channels().find((x) => x.name === 'readings');
  return new Float64Array(memory.buffer, c.ptr, c.length)[names.indexOf(name)];
}
const build = embed ? 'wasm (embed)' : 'wasm';

const reactive = (firms) => ({
  ...defaultScenario(),
  firms,
  eps: 0.01,
  mode: 'reactive',
  network: { kind: 'erdosRenyi', meanDegree: 10 },
});

// Warm the JIT up as a page does, with many short advances: V8 runs a wasm
// function's optimized code only from its next call on, so one long first
// advance would time the baseline compiler's code.
const warm = new Simulation(reactive(1000));
for (let i = 0; i < 200; i++) warm.advance(0.05);
warm.free();
await new Promise((resolve) => setTimeout(resolve, 500));

if (args.includes('--header')) {
  console.log('build,firms,mean_degree,cycles,releases,pulses,seconds,ns_per_pulse,pulses_per_s');
}
for (const [firms, cycles] of ROWS) {
  if (only.length > 0 && !only.includes(firms)) continue;
  // The core's limits, not a page pane's: the rows go up to a million firms.
  const sim = Simulation.withCoreLimits(reactive(firms));
  const start = performance.now();
  sim.advance(cycles);
  const seconds = (performance.now() - start) / 1000;
  const releases = reading(sim, 'releases');
  const pulses = reading(sim, 'pulses');
  console.log(
    `${build},${firms},10,${cycles},${releases},${pulses},${seconds.toFixed(3)},` +
      `${((seconds * 1e9) / pulses).toFixed(1)},${Math.round(pulses / seconds)}`,
  );
  sim.free();
}
