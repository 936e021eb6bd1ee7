// The one way into the wasm core: this module alone imports the package
// (pages and Workers alike). It loads the core, hands out what the core
// knows (the parameter table, the limits, the codecs, the causes of a
// release), and gives zero-copy typed-array views of one simulation's
// buffers, built from the core's own list of them (its channels). The core throws
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
let readingList = null;
let readingAt = null;
let causeNames = null;

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
  ExperimentTally,
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

// The single-file offline build (scripts/offline.mjs) carries the core's
// bytes and the Workers' sources inside the page, for a page opened from a file.
export const OFFLINE = globalThis.LOCKSTEP_OFFLINE ?? null;

async function load({ embed = false, ...options } = {}) {
  const pkg = embed ? await import('./pkg/embed/lockstep.js') : await import('./pkg/lockstep.js');
  const instance = await pkg.default(OFFLINE ? { module_or_path: OFFLINE.wasm() } : options);
  wasm = pkg;
  build = embed ? 'embed' : 'page';
  memory = instance.memory;
  table = wasm.parameters();
  limitValues = Object.freeze(wasm.limits());
  readingList = wasm.readings();
  readingAt = new Map(readingList.map((r, i) => [r.name, i]));
  causeNames = Object.freeze(wasm.causes());
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
    ExperimentTally,
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

/** The causes of a release by code (`recentCauses`): ['schedule', 'partner', 'signal', 'lock']. */
export const causes = () => causeNames;

/** f at `samples` evenly spaced phases, from the core. */
export const curve = (b, samples) => Array.from(wasm.stateCurve(b, samples));

/** Whether `err` is a crash of the core (not a refusal of a value). */
export const crashed = (err) => err instanceof WebAssembly.RuntimeError;

/** A reading as JS sees it: a flag as a boolean, an absent value (NaN) as undefined. */
function readingValue({ type, optional }, x) {
  if (optional && Number.isNaN(x)) return undefined;
  return type === 'flag' ? x === 1 : x;
}

/**
 * One run of the model. Its buffers are the core's channels, each viewed in
 * place as `run[name]` (phases, releaseAges, positions, groups, ties,
 * partnerOffsets, partners, releaseCounts, recentReleases, recentCauses,
 * recentTimes, readings, historyRows, historyFirms, historyCauses,
 * historyTimes); the views are rebuilt whenever memory growth has
 * replaced the buffer. Throws the core's Error when the scenario is invalid.
 */
export class Run {
  constructor(scenario) {
    this.sim = new wasm.Simulation(scenario);
    this.scenario = scenario;
    this.n = this.sim.firmCount();
    this.coordinators = Array.from(this.sim.coordinators());
    this.coordinated = scenario.mode !== 'reactive' && this.coordinators.length > 0;
    this.isCoordinator = new Uint8Array(this.n);
    for (const c of this.coordinators) this.isCoordinator[c] = 1;
    this.audience = new Uint8Array(this.n);
    for (const f of this.sim.signalAudience()) this.audience[f] = 1;
    this.statistics = null;
    // The buffers never move: their list is read once, the views rebuilt on growth.
    this.channels = this.sim.channels();
    this.whole = {};
    this.buffer = null;
    this.refreshViews();
    let groups = 0;
    for (let i = 0; i < this.n; i++) groups = Math.max(groups, this.groups[i] + 1);
    /** Subgroups of the network (1 when it has none). */
    this.groupCount = groups;
    this.described = null;
  }

  /** The network described by the core (facts and sentences), computed once. */
  anatomy() {
    this.described ??= this.sim.anatomy();
    return this.described;
  }

  /** The network's statistics from the core (a separate step: on 50,000 firms it takes a while). */
  computeStatistics() {
    this.statistics ??= this.sim.stats();
    return this.statistics;
  }

  /** Rebuilds the views if wasm memory grew since they were built. */
  refreshViews() {
    const { buffer } = memory;
    if (buffer === this.buffer) return;
    this.buffer = buffer;
    for (const c of this.channels) {
      this.whole[c.name] = new globalThis[c.type](buffer, c.ptr, c.length);
      this[c.name] = this.whole[c.name];
    }
    this.trimViews();
  }

  /** A channel the core fills only in part (the recent releases) is viewed up to its count. */
  trimViews() {
    for (const c of this.channels) {
      if (c.count !== null) this[c.name] = this.whole[c.name].subarray(0, this.readings[readingAt.get(c.count)]);
    }
  }

  /** One reading of the last advance by name (`time`, `roadmap`): no call into the core. */
  reading(name) {
    this.refreshViews();
    const i = readingAt.get(name);
    return readingValue(readingList[i], this.readings[i]);
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
  partnersOf(i) {
    return this.partners.subarray(this.partnerOffsets[i], this.partnerOffsets[i + 1]);
  }

  /**
   * Advances `dt` cycles (the core takes the measures in the same call);
   * returns how many firms started a release in it.
   */
  advance(dt) {
    // The recent views hold the releases of the last advance only: read them
    // when `advanced` is true, or they would be counted twice.
    this.advanced = dt > 0;
    if (dt <= 0) return 0;
    this.sim.advance(dt);
    this.refreshViews();
    this.trimViews();
    let started = 0;
    for (let i = 0; i < this.n; i++) if (this.releaseAges[i] < dt) started++;
    return started;
  }

  /**
   * Puts the run at moment `t` (cycles), exactly as a straight run reaches
   * it, and takes the measures; no release of the way there is a frame's.
   * Throws the core's Error (field `t`) for a moment out of range.
   */
  seek(t) {
    this.sim.seek(t);
    this.advanced = false;
    this.refreshViews();
    this.trimViews();
  }

  /** The time a seek to `t` runs from (now or a checkpoint). */
  seekStart(t) {
    return this.sim.seekStart(t);
  }

  /** r on the core's sampling grid up to now: { step, series, values } (sample i at i * step). */
  trace() {
    return this.sim.trace();
  }

  /** The events the core detected from index `from` on, as far as the run has been. */
  events(from = 0) {
    return this.sim.events(from);
  }

  /** The state now, as `lockstep run --at` prints it. */
  moment() {
    return this.sim.moment();
  }

  /** What the run keeps to go back: { checkpoints, checkpointBytes, recordBytes }. */
  memory() {
    return this.sim.memory();
  }

  /**
   * The measures of the last advance, read from the readings view (no call
   * into the core): { time, r, bursts, releases, pulses, syncTime,
   * syncOffset, converged, completeBursts, completeSince, roadmap,
   * recentReleases, reached, events, history }, an absent one undefined.
   */
  measures() {
    this.refreshViews();
    const m = {};
    readingList.forEach((r, i) => {
      m[r.name] = readingValue(r, this.readings[i]);
    });
    return m;
  }

  groupR() {
    return Array.from(this.sim.groupOrderParameters());
  }

  free() {
    this.sim.free();
    this.sim = null;
  }
}
