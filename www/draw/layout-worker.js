// A module Worker that computes force-directed layouts of large networks off
// the main thread, and shows them while they refine: message { id, firms,
// ties (Uint32Array a0, b0, ...), seed } -> { id, positions (Float32Array
// x0, y0, ...), done } once the firms have their first placement, then
// every postInterval(firms) ms, and once more when done; or { id, error }. Jobs run one at
// a time; the page replaces a worker busy with a stale one.
import { loadCore, ForceLayout, OFFLINE } from '../core.js';
import { postInterval } from './layout.js';

// The offline single file carries the page's core only (and has no module URL to read).
const ready = loadCore({ embed: !OFFLINE && new URL(import.meta.url).searchParams.get('core') === 'embed' });

self.onmessage = async (event) => {
  const { id, firms, ties, seed } = event.data;
  let layout = null;
  try {
    await ready;
    layout = new ForceLayout(firms, ties, seed);
    const post = (done) => {
      const positions = layout.positions();
      self.postMessage({ id, positions, done }, [positions.buffer]);
    };
    const every = postInterval(firms);
    let posted = -Infinity;
    while (!layout.step()) {
      const now = performance.now();
      if (layout.placed() && now - posted >= every) {
        post(false);
        posted = now;
      }
    }
    post(true);
  } catch (err) {
    self.postMessage({ id, error: String(err?.message || err) });
  } finally {
    layout?.free();
  }
};
