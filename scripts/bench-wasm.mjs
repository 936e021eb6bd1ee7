// The wasm build's engine throughput in Node, the same scenarios as the
// native `bench` binary (src/bin/bench.rs), so the ratio wasm/native can be tracked.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import init, { Simulation, defaultScenario } from '../www/pkg/lockstep.js';

const wasmPath = fileURLToPath(new URL('../www/pkg/lockstep_bg.wasm', import.meta.url));
await init({ module_or_path: await readFile(wasmPath) });

for (const [firms, cycles] of [[1000, 200], [10000, 40]]) {
  const scenario = { ...defaultScenario(), firms, eps: 0.001, mode: 'reactive', network: { kind: 'erdosRenyi', meanDegree: 10 } };
  const sim = new Simulation(scenario);
  const start = performance.now();
  sim.advance(cycles);
  const seconds = (performance.now() - start) / 1000;
  const releases = sim.releaseCount();
  const pulses = sim.pulseCount();
  console.log(`wasm,${firms},10,${cycles},${releases},${pulses},${seconds.toFixed(3)},` +
    `${Math.round(releases / seconds)},${Math.round(pulses / seconds)}`);
  sim.free();
}
