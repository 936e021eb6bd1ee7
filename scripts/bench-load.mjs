// Loading: what an embed and the teaching page fetch before they run, and
// how long they take from navigation to their first drawn frame, in
// headless Chromium on this machine (a fresh browser context each time, so
// nothing is cached), served from here and, for the embed, over an emulated
// network as an article's reader has (80 ms latency, 10 Mbit/s; files as
// served, not gzipped, so this is slower than a real host). Sizes are of
// the files as served, gzipped (level 9) here as a static host would send
// them. Prints rows of the one benchmark table (bench,case,value,unit,note);
// figures, not pass/fail.
//   node scripts/bench-load.mjs [folder]    (default: the repository root; dist for the built site)
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch } from './chromium.mjs';
import { row } from './bench-table.mjs';

const ROOT = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
const REPEATS = 7;
const FIRST_FRAME = 'lockstep-first-frame';

const server = await serve({ root: ROOT, port: 0 });
const browser = await launch();
const gz = new Map();

/** Gzipped bytes of a file the server sent (read from the folder it serves). */
async function gzipped(url) {
  const path = decodeURIComponent(new URL(url).pathname);
  if (!gz.has(path)) gz.set(path, gzipSync(await readFile(join(ROOT, path)), { level: 9 }).length);
  return gz.get(path);
}

/** Chromium's network emulation: 80 ms latency, 10 Mbit/s down, 1 up. */
const READER = { offline: false, latency: 80, downloadThroughput: 1.25e6, uploadThroughput: 1.25e5 };

/** Opens `query` once: the files it fetched and its first frame (ms after navigation). */
async function open(query, network = null) {
  const context = await browser.newContext({ viewport: { width: 800, height: 420 } });
  const page = await context.newPage();
  if (network) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  const files = [];
  page.on('requestfinished', (r) => {
    if (r.url().startsWith(server.url)) files.push(r.url().split('?')[0]);
  });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}index.html${query}`);
  const firstFrame = await page
    .waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime, FIRST_FRAME, { timeout: 30000 })
    .then((h) => h.jsonValue());
  // Whatever else the page fetches once running (charts, panels) counts too.
  await page.waitForLoadState('networkidle');
  await context.close();
  if (problems.length) throw new Error(`index.html${query}: ${problems.join('; ')}`);
  return { files, firstFrame };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kib = (bytes) => (bytes / 1024).toFixed(1);

for (const [name, path, note] of [
  ['page', 'www/pkg/', 'built for speed'],
  ['embed', 'www/pkg/embed/', 'built for size'],
]) {
  const wasmBytes = await readFile(join(ROOT, path, 'lockstep_bg.wasm'));
  const gz = gzipSync(wasmBytes, { level: 9 }).length;
  row(
    'size',
    `${name}: wasm`,
    kib(gz),
    'KiB gz',
    `${path}; ${note}; ${kib(wasmBytes.length)} KiB as built, ${gz} bytes gz`,
  );
}

for (const [name, query] of [
  ['embed', '?embed=1'],
  ['page', ''],
]) {
  const runs = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await open(query));
  const files = [...new Set(runs[0].files)];
  const sizes = await Promise.all(files.map(gzipped));
  const sum = (test) => files.reduce((s, f, i) => s + (test(f) ? sizes[i] : 0), 0);
  const times = runs.map((r) => r.firstFrame);
  row(
    'load',
    `${name}: first frame`,
    median(times).toFixed(0),
    'ms',
    `from navigation; median of ${REPEATS} loads with nothing cached (fastest ${Math.min(...times).toFixed(0)} ms)`,
  );
  row(
    'size',
    `${name}: JS`,
    kib(sum((f) => f.endsWith('.js'))),
    'KiB gz',
    `${files.filter((f) => f.endsWith('.js')).length} modules, the wasm's bindings included`,
  );
  row('size', `${name}: everything`, kib(sum(() => true)), 'KiB gz', `${files.length} files: HTML, CSS, JS, wasm`);
}

const remote = [];
for (let i = 0; i < REPEATS; i++) remote.push((await open('?embed=1', READER)).firstFrame);
row(
  'load',
  'embed: first frame over a network',
  median(remote).toFixed(0),
  'ms',
  `80 ms latency, 10 Mbit/s, files not gzipped; median of ${REPEATS} loads (fastest ${Math.min(...remote).toFixed(0)} ms)`,
);
await browser.close();
await server.close();
