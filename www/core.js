// The one way into the wasm core: this module alone imports the package
// (pages and Workers alike). It loads the core, hands out what the core
// knows (the parameter table, the limits, the codecs), and gives zero-copy
// typed-array views of one simulation's per-firm buffers. The core throws
// Errors whose message is "field: reason", with `field` and `reason` (and
// `line` for CSV) properties.
//
// The core comes in two builds (scripts/build.sh): the page's (pkg/: every
// binding, built for speed) and the embed's (pkg/embed/: no experiments, CSV
// or scenario files, built for size: it downloads in half the time and runs
// the engine at half the speed, plenty for an article's network). Where a
// binding is missing from the build that is loaded, its export is undefined.

let loading = null;
let wasm = null;
let build = null;
let memory = null;
let table = null;
let limitValues = null;

export let encodeShare,
  decodeShare,
  fileOnlyFragment,
  checkScenario,
  visibleText,
  stateJson,
  parseStateJson,
  importEdgeList,
  csvText,
  networkCsv,
  ForceLayout,
  readyExperiments,
  resolveExperiment,
  experimentRuns,
  summarizeRuns,
  describeExperiment,
  experimentCsv,
  burstsToConfirm;

/**
 * Loads and instantiates the wasm module once: the embed's build when
 * `embed` is true, else the page's. Other options go to the package's
 * init (`module_or_path` in Node).
 */
export function loadCore(options) {
  loading ??= load(options);
  return loading;
}

async function load({ embed = false, ...options } = {}) {
  const pkg = embed ? await import('./pkg/embed/lockstep.js') : await import('./pkg/lockstep.js');
  const instance = await pkg.default(options);
  wasm = pkg;
  build = embed ? 'embed' : 'page';
  memory = instance.memory;
  table = wasm.parameters();
  limitValues = Object.freeze(wasm.limits());
  ({
    encodeShare,
    decodeShare,
    fileOnlyFragment,
    checkScenario,
    visibleText,
    stateJson,
    parseStateJson,
    importEdgeList,
    csvText,
    networkCsv,
    ForceLayout,
    readyExperiments,
    resolveExperiment,
    experimentRuns,
    summarizeRuns,
    describeExperiment,
    experimentCsv,
    burstsToConfirm,
  } = wasm);
}

/** Which build of the core is loaded: 'page', 'embed', or null before loadCore. */
export const coreBuild = () => build;

/** The core's default scenario (a plain object, camelCase fields). */
export const defaultScenario = () => wasm.defaultScenario();

/**
 * The parameter table: [{ path, key, kind, options, lo, hi, label, help,
 * control: { min, max, step } | null, networks, default }], in link order.
 */
export const parameters = () => table;

/** The row of `path` (`eps`, `network.meanDegree`), or undefined. */
export const parameter = (path) => table.find((p) => p.path === path);

/** Bytes of wasm memory the core holds now (for the soak script and the curious). */
export const memoryBytes = () => memory?.buffer.byteLength ?? 0;

/** Every limit the page states (firms, ties, pageFirms, speed, seed, ...). */
export const limits = () => limitValues;

/** f at `samples` evenly spaced phases, from the core. */
export const curve = (b, samples) => Array.from(wasm.stateCurve(b, samples));

/** Whether `err` is a crash of the core (not a refusal of a value). */
export const crashed = (err) => err instanceof WebAssembly.RuntimeError;

/**
 * One run of the model. The views point into wasm memory; they are rebuilt
 * whenever memory growth has replaced the buffer. Throws the core's Error when
 * the scenario is invalid.
 */
export class Run {
  constructor(scenario) {
    this.sim = new wasm.Simulation(scenario);
    this.scenario = scenario;
    this.n = this.sim.firmCount();
    this.tieCount = this.sim.tieCount();
    this.coordinators = Array.from(this.sim.coordinators());
    this.coordinated = scenario.mode !== 'reactive' && this.coordinators.length > 0;
    this.isCoordinator = new Uint8Array(this.n);
    for (const c of this.coordinators) this.isCoordinator[c] = 1;
    this.audience = new Uint8Array(this.n);
    for (const f of this.sim.signalAudience()) this.audience[f] = 1;
    this.statistics = null;
    this.buffer = null;
    this.recentN = 0;
    this.refreshViews();
  }

  /** The network's statistics from the core (a separate step: on 50,000 firms it takes a while). */
  computeStatistics() {
    this.statistics ??= this.sim.stats();
    return this.statistics;
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
    this.partnerOffsets = new Uint32Array(buffer, sim.partnerOffsetsPtr(), n + 1);
    this.partnerList = new Uint32Array(buffer, sim.partnersPtr(), 2 * this.tieCount);
    this.releaseCounts = new Uint32Array(buffer, sim.releaseCountsPtr(), n);
    this.recent = new Uint32Array(buffer, sim.recentReleasesPtr(), recentN);
    this.recentCauses = new Uint8Array(buffer, sim.recentCausesPtr(), recentN);
    this.recentTimes = new Float64Array(buffer, sim.recentTimesPtr(), recentN);
  }

  /**
   * The scenario as the core normalized it (defaults filled in). An
   * imported network comes from this run's own scenario: the core would
   * copy the same firms and ties out again, which takes a while.
   */
  normalScenario() {
    const settings = this.sim.settings();
    if (settings.network.kind === 'edgeList') settings.network = this.scenario.network;
    return settings;
  }

  /** Firm `i`'s partners, a view into the core's adjacency. */
  partners(i) {
    return this.partnerList.subarray(this.partnerOffsets[i], this.partnerOffsets[i + 1]);
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
      converged: sim.syncConverged(),
      completeBursts: sim.completeBursts(),
      completeSince: sim.completeSince(),
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
