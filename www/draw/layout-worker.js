// A module Worker that computes force-directed layouts of large networks off
// the main thread: message { id, scenario } -> { id, positions } (a
// Float32Array x0, y0, ...) or { id, error }.
import { loadCore, forceLayout } from '../core.js';

const ready = loadCore();

self.onmessage = async (event) => {
  const { id, scenario } = event.data;
  try {
    await ready;
    const positions = forceLayout(scenario);
    self.postMessage({ id, positions }, [positions.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String(err?.message || err) });
  }
};
