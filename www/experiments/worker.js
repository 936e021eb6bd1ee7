// A module Worker with its own wasm core: runs batches of an experiment's
// runs. Message { id, experiment, from, count } -> { id, runs } (the runs in
// plan order, { count, packed }, the buffer transferred) or { id, error }.
import { loadCore, experimentRuns } from '../core.js';

const ready = loadCore();

self.onmessage = async (event) => {
  const { id, experiment, from, count } = event.data;
  try {
    await ready;
    const runs = experimentRuns(experiment, from, count);
    self.postMessage({ id, runs }, [runs.packed.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String(err?.message || err) });
  }
};
