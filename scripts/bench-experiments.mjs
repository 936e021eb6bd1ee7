// Experiments in the browser: runs per second in headless Chromium with 1,
// 2 and all workers (all = the cores but one), and the page's frame rate
// while they run. Prints rows of the one benchmark table
// (bench,case,value,unit,note): figures, not pass/fail.
//   node scripts/bench-experiments.mjs
import { serve } from './serve.mjs';
import { launch } from './chromium.mjs';
import { row } from './bench-table.mjs';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const root = fileURLToPath(new URL('..', import.meta.url));
const server = await serve({ root, port: 0 });
const browser = await launch();

// The page's default scenario (hybrid, 60 firms) and the 100 firms, mean degree 10, eps 0.05.
const CASES = [
  ['default 60 firms', 'v=1&view=single&n=60&net=er&deg=8&x.arms=pane&x.pane=0&x.p=eps&x.v=0.05&x.seeds=300&x.cap=300'],
  [
    '100 firms, degree 10',
    'v=1&view=single&n=100&net=er&deg=10&eps=0.05&x.arms=pane&x.pane=0&x.p=eps&x.v=0.05&x.seeds=1000&x.cap=300',
  ],
];
const all = Math.max(1, cpus().length - 1);
const counts = [...new Set([1, 2, all])];

for (const [name, fragment] of CASES) {
  for (const workers of counts) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.url}index.html?workers=${workers}#${fragment}`);
    await page.waitForFunction(() => window.lockstep?.state().ready && window.lockstep.state().frames > 2, null, {
      timeout: 30000,
    });
    const before = await page.evaluate(() => ({ frames: window.lockstep.state().frames, t: performance.now() }));
    await page.click('#x-go');
    await page.waitForFunction(
      () => !window.lockstep.state().experiments.running && window.lockstep.state().experiments.runs > 0,
      null,
      { timeout: 600000 },
    );
    const after = await page.evaluate(() => ({
      frames: window.lockstep.state().frames,
      t: performance.now(),
      x: window.lockstep.state().experiments,
    }));
    const seconds = (after.t - before.t) / 1000;
    const fps = (after.frames - before.frames) / seconds;
    row(
      'experiments',
      `${name}: ${workers} ${workers === 1 ? 'worker' : 'workers'}`,
      (after.x.runs / seconds).toFixed(0),
      'runs/s',
      `${after.x.runs} runs to synchrony in ${seconds.toFixed(2)} s; the page drew ${fps.toFixed(0)} frames/s meanwhile`,
    );
    await page.close();
  }
}
await browser.close();
await server.close();
