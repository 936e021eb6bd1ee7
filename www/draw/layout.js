// Large force-directed networks arrive from the core on a stand-in circle
// (layoutPending()). Their layout is computed from the run's ties in steps
// (core.js's ForceLayout): the firms' first placement (pivot MDS: the
// network's large shape, a tenth of a second for 50,000 firms) is computed
// here at once, so the first frame shows it; the forces that refine it run
// in layout-worker.js, which sends the positions every postInterval(firms)
// ms, each handed to the run with setPositions and drawn. One job per pane: a newer run of
// the pane makes the older job stale, and a stale result is dropped. Where
// a Worker cannot start (a sandboxed embed has an opaque origin), the steps
// run on the page's thread in slices between frames.
//
// Each layout leaves performance measures 'lockstep-layout-first-picture'
// and 'lockstep-layout-done' (detail: { pane, firms }), from the request,
// for scripts/bench-page.mjs.
import { ForceLayout, coreBuild, limits, OFFLINE } from '../core.js';

/**
 * Positions go to the page this often while a layout of `firms` firms
 * refines (ms): 5 times a second for a few thousand firms, once a second
 * for 50,000, whose every drawing takes the CPU the layout needs.
 */
export const postInterval = (firms) => 200 + firms / 50;
/** On the page's thread, layout steps run for this long between frames (ms). */
const SLICE_MS = 12;

export class Layouts {
  /** `onPlaced(index)` is called when pane `index` got new positions. */
  constructor(onPlaced) {
    this.onPlaced = onPlaced;
    this.worker = null;
    this.jobs = new Map(); // id -> { index, run, since, placed }
    this.latest = []; // pane index -> id of its current job
    this.nextId = 1;
  }

  /**
   * About to build `scenarios`: starts the Worker if one of them may need it
   * (more firms than the core lays out itself).
   */
  warm(scenarios) {
    const { quickLayoutFirms } = limits();
    if (scenarios.some((s) => s.firms > quickLayoutFirms)) this.ensureWorker();
  }

  /** Lays out `run` (pane `index`) if its layout is pending. */
  request(index, run) {
    this.latest[index] = 0;
    if (!run.sim.layoutPending()) return;
    const id = this.nextId++;
    this.latest[index] = id;
    this.jobs.set(id, { index, run, since: performance.now(), placed: false });
    let layout;
    try {
      layout = new ForceLayout(run.n, this.tiesOf(id), run.scenario.seed);
      while (!layout.placed()) layout.step();
      this.place(id, layout.positions(), false);
    } catch (err) {
      layout?.free();
      this.fail(id, err);
      return;
    }
    const worker = this.ensureWorker();
    if (!worker) {
      this.runHere(id, layout);
      return;
    }
    layout.free();
    // Jobs queue in the worker; stale ones still run, so a busy worker
    // with stale jobs only is replaced.
    const live = new Set(this.latest);
    if ([...this.jobs.keys()].some((j) => !live.has(j)))
      this.restart(); // posts the live jobs
    else this.post(worker, id);
  }

  /** A copy of job `id`'s ties (views on wasm memory go stale when it grows). */
  tiesOf(id) {
    const { run } = this.jobs.get(id);
    run.refreshViews();
    return run.ties.slice();
  }

  /** Sends job `id` to the worker: the run's firms and a copy of its ties. */
  post(worker, id) {
    const ties = this.tiesOf(id);
    const { run } = this.jobs.get(id);
    worker.postMessage({ id, firms: run.n, ties, seed: run.scenario.seed }, [ties.buffer]);
  }

  ensureWorker() {
    if (this.worker === null) {
      try {
        // The Worker loads the same build of the core as the page it serves.
        const url = new URL(`./layout-worker.js?core=${coreBuild() ?? 'page'}`, import.meta.url);
        this.worker = OFFLINE?.worker('layout') ?? new Worker(url, { type: 'module' });
        this.worker.onmessage = ({ data }) =>
          data.error ? this.fail(data.id, new Error(data.error)) : this.place(data.id, data.positions, data.done);
        this.worker.onerror = (e) => {
          e.preventDefault();
          this.giveUp();
        };
      } catch {
        this.worker = false;
      }
    }
    return this.worker;
  }

  /** Drops the worker and its queue of stale jobs; live jobs are sent again. */
  restart() {
    this.worker.terminate();
    this.worker = null;
    this.jobs = new Map(this.liveJobs());
    const worker = this.ensureWorker();
    if (!worker) {
      this.giveUp();
      return;
    }
    for (const [id] of this.jobs) this.post(worker, id);
  }

  /** The worker could not load (no module workers here): lay out in the page. */
  giveUp() {
    this.worker?.terminate?.();
    this.worker = false;
    const live = this.liveJobs();
    this.jobs.clear();
    for (const [, job] of live) this.request(job.index, job.run);
  }

  liveJobs() {
    return [...this.jobs].filter(([id, job]) => this.latest[job.index] === id);
  }

  /** Refines job `id`'s `layout` on this thread, a slice of steps between frames. */
  runHere(id, layout) {
    let posted = performance.now();
    const slice = () => {
      const job = this.jobs.get(id);
      if (!job || this.latest[job.index] !== id || !job.run.sim) {
        layout.free();
        this.jobs.delete(id);
        return;
      }
      const start = performance.now();
      let done = false;
      while (!done && performance.now() - start < SLICE_MS) done = layout.step();
      const now = performance.now();
      if (done || now - posted >= postInterval(job.run.n)) {
        posted = now;
        this.place(id, layout.positions(), done);
      }
      if (done) layout.free();
      else setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  }

  /** Positions for job `id` (all of them when `done`): the run draws them now. */
  place(id, positions, done) {
    const job = this.jobs.get(id);
    if (done) this.jobs.delete(id);
    if (!job || this.latest[job.index] !== id || !job.run.sim) return; // stale
    job.run.sim.setPositions(positions);
    job.run.refreshViews();
    const detail = { pane: job.index, firms: job.run.n };
    if (!job.placed) {
      job.placed = true;
      performance.measure('lockstep-layout-first-picture', { start: job.since, detail });
    }
    if (done) {
      this.latest[job.index] = 0;
      performance.measure('lockstep-layout-done', { start: job.since, detail });
    }
    this.onPlaced(job.index);
  }

  fail(id, err) {
    this.jobs.delete(id);
    console.warn(`layout: ${err.message}; the network stays where it is`);
  }

  /** Pane indexes whose layout is still being computed. */
  pending() {
    return this.latest.map((id, i) => (id ? i : -1)).filter((i) => i >= 0);
  }
}
