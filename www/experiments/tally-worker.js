// A module Worker with its own wasm core that keeps an experiment's tally
// (ExperimentTally), so that summarizing its runs never blocks the page's
// drawing. Messages, answered in the order they came:
//   { experiment }          starts the tally
//   { add: { from, packed } } adds a batch of runs (experimentRuns' packed)
//   { id, view: at }        -> { id, view } (summaries, sentences, curves at `at`)
//   { id, csv: true }       -> { id, csv: { runs, summary } }
// and { id, error } when the core refuses.
import { loadCore, ExperimentTally } from '../core.js';

const ready = loadCore();
let tally = null;

self.onmessage = async ({ data }) => {
  try {
    await ready;
    if (data.experiment) {
      tally?.free();
      tally = new ExperimentTally(data.experiment);
    } else if (data.add) tally.add(data.add.from, data.add.packed);
    else if ('view' in data) self.postMessage({ id: data.id, view: tally.view(data.view) });
    else if (data.csv) self.postMessage({ id: data.id, csv: tally.csv() });
  } catch (err) {
    self.postMessage({ id: data.id ?? 0, error: String(err?.message || err) });
  }
};
