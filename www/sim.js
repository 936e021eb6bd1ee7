// Loads the wasm core and gives zero-copy typed-array views of one
// simulation's per-firm buffers, plus the few derived lookups the page needs
// (partners of each firm). Every number shown comes from here.
import init, { Simulation, defaultScenario, stateCurve } from './pkg/lockstep.js';

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

/** f at `samples` evenly spaced phases, from the core. */
export function curve(b, samples) {
  return Array.from(stateCurve(b, samples));
}

/**
 * One run of the model. The views point into wasm memory; they are rebuilt
 * whenever memory growth has replaced the buffer. Throws the core's Error when
 * the scenario is invalid.
 */
export class Run {
  constructor(scenario) {
    this.sim = new Simulation(scenario);
    this.scenario = scenario;
    this.n = this.sim.firmCount();
    this.tieCount = this.sim.tieCount();
    this.coordinators = Array.from(this.sim.coordinators());
    this.coordinated = scenario.mode !== 'reactive' && this.coordinators.length > 0;
    this.isCoordinator = new Uint8Array(this.n);
    for (const c of this.coordinators) this.isCoordinator[c] = 1;
    this.statistics = this.sim.stats();
    this.buffer = null;
    this.recentN = 0;
    this.refreshViews();
    this.partners = partnerLists(this.n, this.ties);
  }

  refreshViews() {
    const buffer = memory.buffer;
    const recentN = this.sim.recentLength();
    if (buffer === this.buffer && recentN === this.recentN && this.recent) return;
    const { sim, n } = this;
    this.buffer = buffer;
    this.recentN = recentN;
    this.phases = new Float32Array(buffer, sim.phasesPtr(), n);
    this.releaseAge = new Float32Array(buffer, sim.releaseAgePtr(), n);
    this.positions = new Float32Array(buffer, sim.positionsPtr(), 2 * n);
    this.groups = new Uint32Array(buffer, sim.groupsPtr(), n);
    this.ties = new Uint32Array(buffer, sim.tiesPtr(), 2 * this.tieCount);
    this.releaseCounts = new Uint32Array(buffer, sim.releaseCountsPtr(), n);
    this.recent = new Uint32Array(buffer, sim.recentReleasesPtr(), recentN);
    this.recentCauses = new Uint8Array(buffer, sim.recentCausesPtr(), recentN);
    this.recentTimes = new Float64Array(buffer, sim.recentTimesPtr(), recentN);
  }

  /** Advances `dt` cycles; returns how many firms started a release in it. */
  advance(dt) {
    // The recent views hold the releases of the last advance only: read them
    // when `advanced` is true, or they would be counted twice.
    this.advanced = dt > 0;
    if (dt > 0) this.sim.advance(dt);
    this.refreshViews();
    if (dt <= 0) return 0;
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
      pulses: sim.pulseCount(),
      syncTime: sim.syncTime(),
      syncOffset: sim.syncOffset(),
      roadmap: sim.roadmapPhase(),
    };
  }

  groupR() {
    return Array.from(this.sim.groupOrderParameters());
  }

  free() {
    this.sim.free();
    this.sim = null;
  }
}

/** Partners of each firm as arrays, from the tie list. */
function partnerLists(n, ties) {
  const lists = Array.from({ length: n }, () => []);
  for (let e = 0; e < ties.length; e += 2) {
    lists[ties[e]].push(ties[e + 1]);
    lists[ties[e + 1]].push(ties[e]);
  }
  return lists;
}
