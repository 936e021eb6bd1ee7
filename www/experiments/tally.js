// An experiment's tally, kept in a Worker of its own (tally-worker.js) so
// that summarizing many runs never holds up the page: batches go in as
// they finish, and views (summaries, sentences, the distribution's curves)
// and the CSV files come back as promises, answered in order. Where a
// Worker cannot start, the tally lives in the page's own core.
import { ExperimentTally, OFFLINE } from '../core.js';

/**
 * The tally of `experiment`: { add(from, packed), view(at), csv(), close() };
 * `packed` is a batch's Float64Array (experimentRuns), handed over.
 */
export function openTally(experiment) {
  let worker;
  try {
    worker = OFFLINE?.worker('tally') ?? new Worker(new URL('./tally-worker.js', import.meta.url), { type: 'module' });
  } catch {
    return inPage(experiment);
  }
  const waiting = new Map();
  let id = 0,
    failure = null;
  const fail = (message) => {
    failure = new Error(message);
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  worker.onmessage = ({ data }) => {
    if (data.error && !waiting.has(data.id)) fail(data.error);
    const asked = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.error) asked?.reject(new Error(data.error));
    else asked?.resolve(data.view ?? data.csv);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    fail(e.message || 'the summary worker stopped');
  };
  worker.postMessage({ experiment });
  const ask = (message) =>
    failure
      ? Promise.reject(failure)
      : new Promise((resolve, reject) => {
          waiting.set(++id, { resolve, reject });
          worker.postMessage({ id, ...message });
        });
  return {
    add: (from, packed) => worker.postMessage({ add: { from, packed } }, [packed.buffer]),
    view: (at) => ask({ view: at }),
    csv: () => ask({ csv: true }),
    close() {
      worker.terminate();
      fail('closed');
    },
  };
}

/** The same, in the page's own core. */
function inPage(experiment) {
  const tally = new ExperimentTally(experiment);
  return {
    add: (from, packed) => tally.add(from, packed),
    view: async (at) => tally.view(at),
    csv: async () => tally.csv(),
    close: () => tally.free(),
  };
}
