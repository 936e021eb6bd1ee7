// Opt-in soak test: the page at top speed in headless Chromium for a while
// (10 minutes by default), printing its JS heap, wasm memory and DOM size
// once a minute; it fails (exit 1) when the page stops or its memory keeps
// growing. Not part of `npm test`: it takes as long as you ask.
//
//   node scripts/soak.mjs [MINUTES] [FRAGMENT]     e.g. node scripts/soak.mjs 2 'v=1&n=2000'
import { serve } from './serve.mjs';
import { launch } from './chromium.mjs';
import { fileURLToPath } from 'node:url';

const minutes = Number(process.argv[2] ?? 10);
const fragment = process.argv[3] ?? '';
const root = fileURLToPath(new URL('..', import.meta.url));
const server = await serve({ root, port: 0 });
const browser = await launch({ args: ['--enable-precise-memory-info'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
const problems = [];
page.on('pageerror', (e) => problems.push(e.message));
await page.goto(`${server.url}index.html${fragment ? `#${fragment}` : ''}`);
await page.waitForFunction(() => window.lockstep?.state().ready, null, { timeout: 30000 });
// Top speed: the slider's maximum, as a reader would drag it.
await page.evaluate(() => {
  const speed = document.getElementById('speed');
  speed.value = speed.max;
  speed.dispatchEvent(new Event('input', { bubbles: true }));
});

const sample = () =>
  page.evaluate(() => {
    const s = window.lockstep.state();
    return {
      time: s.time,
      frames: s.frames,
      error: s.error,
      heap: performance.memory?.usedJSHeapSize ?? 0,
      wasm: s.wasmBytes,
      nodes: document.getElementsByTagName('*').length,
    };
  });
const mb = (bytes) => (bytes / 1048576).toFixed(1);
console.log('minute,cycles,frames,js_heap_mb,wasm_mb,dom_nodes');
const rows = [];
for (let m = 0; m <= minutes; m++) {
  if (m > 0) await new Promise((done) => setTimeout(done, 60000));
  await page.evaluate(() => window.gc?.());
  const s = await sample();
  rows.push(s);
  console.log(`${m},${s.time.toFixed(0)},${s.frames},${mb(s.heap)},${mb(s.wasm)},${s.nodes}`);
  if (s.error) break;
}
await browser.close();
await server.close();

const first = rows[Math.min(1, rows.length - 1)],
  last = rows[rows.length - 1];
const failures = [...problems];
if (last.error) failures.push(`the page stopped: ${last.error}`);
// After the first minute (charts and buffers fill up) memory should stay flat.
if (last.heap > 2 * first.heap + 20 * 1048576)
  failures.push(`JS heap grew from ${mb(first.heap)} to ${mb(last.heap)} MB`);
if (last.wasm > 2 * first.wasm) failures.push(`wasm memory grew from ${mb(first.wasm)} to ${mb(last.wasm)} MB`);
if (last.nodes > first.nodes + 50) failures.push(`the DOM grew from ${first.nodes} to ${last.nodes} nodes`);
if (failures.length) {
  console.error(`soak: FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`soak: ok: ${minutes} minutes, ${last.time.toFixed(0)} cycles, memory flat`);
