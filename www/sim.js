// Loads the wasm core and gives zero-copy typed-array views of one
// simulation's per-firm buffers.
import init, { Simulation, defaultScenario } from './pkg/lockstep.js';

let memory = null;

/** Loads and instantiates the wasm module once. */
export async function loadCore() {
  const wasm = await init();
  memory = wasm.memory;
}

/** The core's default scenario (a plain object, camelCase fields). */
export function defaults() {
  return defaultScenario();
}

/**
 * One run of the model. The views point into wasm memory; they are rebuilt
 * whenever memory growth has replaced the buffer. Throws the core's Error when
 * the scenario is invalid.
 */
export class Run {
  constructor(scenario) {
    this.sim = new Simulation(scenario);
    this.n = this.sim.firmCount();
    this.tieCount = this.sim.tieCount();
    this.buffer = null;
    this.refreshViews();
  }

  refreshViews() {
    const buffer = memory.buffer;
    if (buffer === this.buffer) return;
    const { sim, n } = this;
    this.buffer = buffer;
    this.phases = new Float32Array(buffer, sim.phasesPtr(), n);
    this.releaseAge = new Float32Array(buffer, sim.releaseAgePtr(), n);
    this.positions = new Float32Array(buffer, sim.positionsPtr(), 2 * n);
    this.groups = new Uint32Array(buffer, sim.groupsPtr(), n);
    this.ties = new Uint32Array(buffer, sim.tiesPtr(), 2 * this.tieCount);
  }

  /** Advances `dt` cycles; returns how many firms started a release in it. */
  advance(dt) {
    if (dt > 0) this.sim.advance(dt);
    this.refreshViews();
    let started = 0;
    for (let i = 0; i < this.n; i++) if (this.releaseAge[i] < dt) started++;
    return started;
  }

  measures() {
    const { sim } = this;
    return {
      time: sim.time(),
      r: sim.orderParameter(),
      bursts: sim.burstsLastCycle(),
      releases: sim.releaseCount(),
      syncTime: sim.syncTime(),
    };
  }

  stats() {
    return this.sim.stats();
  }

  free() {
    this.sim.free();
    this.sim = null;
  }
}
