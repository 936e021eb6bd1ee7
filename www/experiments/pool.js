// A pool of Workers, each with its own wasm core, running an experiment's
// runs in batches so the page keeps drawing. Batches grow until each takes
// about BATCH_MS; results stream back as batches finish. Cancel stops the
// workers and keeps what finished. A worker that fails says so; its batch is
// not run, and the others go on. Where Workers cannot start, batches run on
// the page between frames.
import { experimentRuns, OFFLINE } from '../core.js';

const BATCH_MS = 250;
const FIRST_BATCH = 4;
const MAX_BATCH = 500;

/** Workers to use: all cores but one for the page, at least one (`?workers=N` overrides, for benchmarks). */
export function poolSize() {
  const asked = Number(new URLSearchParams(location.search).get('workers'));
  if (Number.isInteger(asked) && asked >= 1 && asked <= 64) return asked;
  return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
}

/**
 * Runs `total` runs of `experiment`. `on.runs(from, batch)` gets each
 * finished batch ({ count, packed }: the runs packed for the tally), `on.failed(from, count, message)` each failed one and
 * `on.done(cancelled)` the end. Returns { cancel() }.
 */
export function runPool(experiment, total, on, size = poolSize()) {
  let next = 0,
    running = 0,
    cancelled = false,
    batch = FIRST_BATCH,
    id = 0;
  const workers = [];
  const finish = () => {
    if (running === 0 && (next >= total || cancelled)) {
      stop();
      on.done(cancelled);
    }
  };
  const take = () => {
    const from = next,
      count = Math.min(batch, total - next);
    next += count;
    return { from, count };
  };
  const grow = (ms, count) => {
    if (ms > 0) batch = Math.max(1, Math.min(MAX_BATCH, Math.round((count * BATCH_MS) / ms)));
  };

  function feed(worker) {
    if (cancelled || next >= total) {
      finish();
      return;
    }
    const job = { ...take(), id: ++id, started: performance.now() };
    worker.job = job;
    running++;
    worker.postMessage({ id: job.id, experiment, from: job.from, count: job.count });
  }

  function settle(worker, data) {
    const { job } = worker;
    worker.job = null;
    running--;
    if (cancelled) {
      finish();
      return;
    }
    if (data.error) on.failed(job.from, job.count, data.error);
    else {
      grow(performance.now() - job.started, job.count);
      on.runs(job.from, data.runs);
    }
    feed(worker);
  }

  function start() {
    for (let i = 0; i < size; i++) {
      let worker;
      try {
        worker =
          OFFLINE?.worker('experiments') ?? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
      } catch {
        break;
      }
      worker.onmessage = (e) => settle(worker, e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        const { job } = worker;
        worker.terminate();
        workers.splice(workers.indexOf(worker), 1);
        if (job) {
          running--;
          on.failed(job.from, job.count, e.message || 'the worker stopped');
        }
        if (!workers.length && !cancelled) inPage();
        else finish();
      };
      workers.push(worker);
      feed(worker);
    }
    if (!workers.length) inPage();
  }

  // No Workers (or all failed): batches on the page, one per task, so frames still come.
  function inPage() {
    const step = () => {
      if (cancelled || next >= total) {
        finish();
        return;
      }
      const { from, count } = take();
      const started = performance.now();
      try {
        on.runs(from, experimentRuns(experiment, from, count));
        batch = Math.max(1, Math.min(MAX_BATCH, Math.round((count * 40) / Math.max(1, performance.now() - started))));
      } catch (err) {
        on.failed(from, count, String(err?.message || err));
      }
      setTimeout(step, 0);
    };
    step();
  }

  function stop() {
    for (const w of workers.splice(0)) w.terminate();
  }

  start();
  return {
    cancel() {
      if (cancelled) return;
      cancelled = true;
      running = 0;
      stop();
      on.done(true);
    },
  };
}
