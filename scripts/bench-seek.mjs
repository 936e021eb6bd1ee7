// Going back to a moment in headless Chromium on this machine: one pane of
// 2,000 and one of 50,000 firms (Erdos-Renyi, mean degree 10; the other
// pane 60 firms) run to RUN_CYCLES cycles, then the timeline is sent to
// SEEKS moments spread over the last 100 cycles, each timed from the
// slider's input to the first frame drawn there (the seek in the core, the
// charts and the raster read again, the panes drawn). Also what the run
// keeps to go back (checkpoints, bytes) against the core's bound per pane.
// Prints rows of the one benchmark table (bench,case,value,unit,note).
//   node scripts/bench-seek.mjs
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch } from './chromium.mjs';
import { row } from './bench-table.mjs';

const FIRMS = [2000, 50000];
const RUN_CYCLES = 105;
const SEEKS = 12;

const root = fileURLToPath(new URL('..', import.meta.url));
const server = await serve({ root, port: 0 });
const browser = await launch();
const where = 'headless Chromium, software rendering';
const thousands = (n) => n.toLocaleString('en-US');

const link = (firms) =>
  `v=1&view=single&show=0&panes=2&n=${firms}&net=er&deg=10&p2.n=60&p2.net=gnm&p2.ties=240&t=${RUN_CYCLES}`;

/** Milliseconds from the slider's input at `t` to the first frame drawn there. */
function timeSeek(page, t) {
  return page.evaluate(
    (to) =>
      new Promise((resolve) => {
        const range = document.getElementById('tl-range');
        const started = performance.now();
        range.value = String(to);
        range.dispatchEvent(new Event('input'));
        const check = () => {
          const s = window.lockstep.state();
          if (s.seeking === null && !s.drawPending && Math.abs(s.time - to) < 1e-9)
            resolve(performance.now() - started);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    t,
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const firms of FIRMS) {
  const what = `${thousands(firms)} firms`;
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}index.html#${link(firms)}`);
  await page.waitForFunction(() => window.lockstep?.state().ready, null, { timeout: 120000 });
  const started = Date.now();
  await page.waitForFunction(
    (t) => {
      const s = window.lockstep.state();
      return s.link.opened && s.seeking === null && s.time === t;
    },
    RUN_CYCLES,
    { timeout: 1800000, polling: 500 },
  );
  const state = await page.evaluate(() => window.lockstep.state());
  if (problems.length || state.panes[0].firms !== firms) {
    row('seek', what, '', 'ms', `not run: ${problems.join('; ') || `the page ran ${state.panes[0].firms} firms`}`);
    await page.close();
    continue;
  }
  row(
    'seek',
    `${what}: run to ${RUN_CYCLES} cycles`,
    ((Date.now() - started) / 1000).toFixed(1),
    's',
    `the link's t=, in steps while the page draws; ${where}`,
  );
  const times = [];
  for (let k = 0; k < SEEKS; k++) {
    // Spread over the last 100 cycles, back and forth.
    const t = RUN_CYCLES - 100 + ((k * 37) % 100) + 0.37;
    times.push(await timeSeek(page, t));
  }
  const frame = await page.evaluate(
    () => new Promise((r) => requestAnimationFrame((a) => requestAnimationFrame((b) => r(b - a)))),
  );
  row(
    'seek',
    `${what}: within the last 100 cycles, median`,
    median(times).toFixed(0),
    'ms',
    `${SEEKS} seeks, slider input to the first frame drawn there (a frame here: ${frame.toFixed(0)} ms); ${where}`,
  );
  row(
    'seek',
    `${what}: within the last 100 cycles, slowest`,
    Math.max(...times).toFixed(0),
    'ms',
    `${SEEKS} seeks; ${where}`,
  );
  const [m, limits] = await page.evaluate(() => [window.lockstep.memory(0), window.lockstep.limits()]);
  row('seek', `${what}: checkpoints kept`, m.checkpoints, 'checkpoints', `after ${RUN_CYCLES} cycles and the seeks`);
  row(
    'seek',
    `${what}: checkpoint memory`,
    (m.checkpointBytes / 2 ** 20).toFixed(2),
    'MiB',
    `bound per pane ${(limits.rewindBytes / 2 ** 20).toFixed(0)} MiB; records (trace, raster history, events) ${(m.recordBytes / 2 ** 20).toFixed(2)} MiB more`,
  );
  await page.close();
}

await browser.close();
await server.close();
