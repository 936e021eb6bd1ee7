// A module Worker with its own wasm core: runs batches of an experiment's
// runs. Message { id, experiment, from, count } -> { id, runs } (in plan
// order) or { id, error }.
import { loadCore, experimentRuns } from '../core.js';

const ready = loadCore();

self.onmessage = async (event) => {
  const { id, experiment, from, count } = event.data;
  try {
    await ready;
    self.postMessage({ id, runs: experimentRuns(experiment, from, count) });
  } catch (err) {
    self.postMessage({ id, error: String(err?.message || err) });
  }
};
