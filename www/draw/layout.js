// Large force-directed networks arrive from the core on a stand-in circle
// (layoutPending()); their real layout is computed by layout-worker.js and
// handed to the run with setPositions. One job per pane: a newer run of the
// pane makes the older job stale, and a stale result is dropped. Where a
// Worker cannot start (a sandboxed embed has an opaque origin), the layout is
// computed on the main thread after the first frames are drawn.
import { forceLayout } from '../core.js';

export class Layouts {
  /** `onPlaced(index)` is called when pane `index` got its layout. */
  constructor(onPlaced) {
    this.onPlaced = onPlaced;
    this.worker = null;
    this.jobs = new Map();   // id -> { index, run }
    this.latest = [];        // pane index -> id of its current job
    this.nextId = 1;
  }

  /** Asks for the layout of `run` (pane `index`) if it is pending. */
  request(index, run) {
    this.latest[index] = 0;
    if (!run.sim.layoutPending()) return;
    const id = this.nextId++;
    this.latest[index] = id;
    this.jobs.set(id, { index, run });
    const scenario = structuredClone(run.scenario);
    const worker = this.ensureWorker();
    if (worker) {
      // Jobs queue in the worker; stale ones still run, so a busy worker
      // with stale jobs only is replaced.
      const live = new Set(this.latest);
      if ([...this.jobs.keys()].some((j) => !live.has(j))) this.restart(); // posts the live jobs
      else worker.postMessage({ id, scenario });
    } else {
      setTimeout(() => {
        if (this.latest[index] !== id) return;
        try { this.place(id, forceLayout(scenario)); } catch (err) { this.fail(id, err); }
      }, 300);
    }
  }

  ensureWorker() {
    if (this.worker === null) {
      try {
        this.worker = new Worker(new URL('./layout-worker.js', import.meta.url), { type: 'module' });
        this.worker.onmessage = (e) => (e.data.error ? this.fail(e.data.id, new Error(e.data.error)) : this.place(e.data.id, e.data.positions));
        this.worker.onerror = (e) => { e.preventDefault(); this.giveUp(); };
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
    const live = [...this.jobs].filter(([id, job]) => this.latest[job.index] === id);
    this.jobs = new Map(live);
    const worker = this.ensureWorker();
    for (const [id, job] of live) {
      if (worker) worker.postMessage({ id, scenario: structuredClone(job.run.scenario) });
    }
  }

  /** The worker could not load (no module workers here): lay out in the page. */
  giveUp() {
    this.worker?.terminate?.();
    this.worker = false;
    const live = [...this.jobs].filter(([id, job]) => this.latest[job.index] === id);
    this.jobs.clear();
    for (const [, job] of live) this.request(job.index, job.run);
  }

  place(id, positions) {
    const job = this.jobs.get(id);
    this.jobs.delete(id);
    if (!job || this.latest[job.index] !== id || !job.run.sim) return; // stale
    job.run.sim.setPositions(positions);
    job.run.refreshViews();
    this.latest[job.index] = 0;
    this.onPlaced(job.index);
  }

  fail(id, err) {
    this.jobs.delete(id);
    console.warn(`layout: ${err.message}; the network stays on a circle`);
  }

  /** Pane indexes whose layout is still being computed. */
  pending() {
    return this.latest.map((id, i) => (id ? i : -1)).filter((i) => i >= 0);
  }
}
