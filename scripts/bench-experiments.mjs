// Experiments in the browser: runs per second in headless Chromium with 1,
// 2 and all workers (all = the cores but one), and the page's frame rate
// while they run; then the page's own limit (issue 23's 200,000 runs): runs
// per second from the first 1,000 to 200,000, the longest main-thread task
// while they run, and how long Cancel takes. Prints rows of the one
// benchmark table (bench,case,value,unit,note): figures, not pass/fail.
//   node scripts/bench-experiments.mjs [--scale-only] [--root DIR] [--budget SECONDS]
// --root serves another checkout (to measure it the same way), --budget
// stops the 200,000 runs after that long (default 900 s).
import { serve } from './serve.mjs';
import { launch } from './chromium.mjs';
import { row } from './bench-table.mjs';
import { installProbe, run, probed, cancel, rates } from './experiment-probe.mjs';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({
  options: { 'scale-only': { type: 'boolean' }, root: { type: 'string' }, budget: { type: 'string' } },
});
const root = options.root ?? fileURLToPath(new URL('..', import.meta.url));
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

for (const [name, fragment] of options['scale-only'] ? [] : CASES) {
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
// The page's own limit: 2 panes x 100,000 seeds of runs capped at 0.1 cycle,
// with the panes drawing (as a person has them) and paused (so that every
// long task is the experiment's: on a busy machine the panes' own frames
// pass 50 ms too, as the idle row shows).
const SCALE = 'v=1&view=compare&x.arms=panes&x.p=eps&x.v=0.05&x.seeds=100000&x.cap=0.1';
const MARKS = [1000, 10000, 100000, 200000];
const budget = Number(options.budget ?? 900) * 1000;
const what = '200,000 runs (2 panes x 100,000 seeds, cap 0.1)';

async function scalePage(paused) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${server.url}index.html#${SCALE}`);
  await page.waitForFunction(() => window.lockstep?.state().ready && window.lockstep.state().frames > 2, null, {
    timeout: 60000,
  });
  if (paused) {
    await page.click('#play');
    await page.waitForFunction(() => !window.lockstep.state().playing);
  }
  await installProbe(page, MARKS);
  return page;
}

/** Rows of one 200,000-run experiment: runs per second between marks, the longest task and timer, Cancel. */
async function scale(paused) {
  const page = await scalePage(paused);
  const panes = paused ? 'panes paused' : 'panes drawing';
  await run(page);
  await page
    .waitForFunction(() => !window.lockstep.state().experiments.running, null, { timeout: budget, polling: 1000 })
    .catch(() => {});
  const seen = await probed(page);
  const reached = MARKS.filter((m) => seen.marks[m] !== undefined);
  const stopped = reached.length < MARKS.length;
  // Stopped by the budget: the rate from the last mark to where it got.
  const counts = stopped ? [...reached, seen.done] : reached;
  for (const { from, to, rate } of rates(counts, { ...seen.marks, [seen.done]: seen.marks[seen.done] ?? seen.ms })) {
    const label = `${what}, ${panes}: runs ${from.toLocaleString('en')} to ${to.toLocaleString('en')}`;
    row(
      'experiments',
      label,
      rate.toFixed(0),
      'runs/s',
      stopped && to === seen.done ? 'where the budget stopped it' : '',
    );
  }
  const note = stopped ? ` (stopped after ${budget / 1000} s, at ${seen.done} runs)` : '';
  const tasks = `${seen.longTasks} tasks over 50 ms in ${(seen.ms / 1000).toFixed(0)} s${note}`;
  row('experiments', `${what}, ${panes}: longest main-thread task`, seen.longest.toFixed(0), 'ms', tasks);
  row('experiments', `${what}, ${panes}: latest a 50 ms timer fired`, seen.late.toFixed(0), 'ms', note);
  // Cancel: after 100,000 runs of a second run (or now, if the first did not end).
  let when = `at the end of the budget${note}`;
  if (!(await page.evaluate(() => window.lockstep.state().experiments.running))) {
    await run(page);
    await page.waitForFunction(() => Number(document.querySelector('#x-progress').value) >= 100000, null, {
      timeout: budget,
      polling: 200,
    });
    when = 'after 100,000 runs of a second run';
  }
  const { said, settled } = await cancel(page);
  // `said` is null when the runs ended on their own before Cancel came.
  const late = said === null ? `${when}; the runs had ended before Cancel` : when;
  row('experiments', `${what}, ${panes}: Cancel, until it says so`, said?.toFixed(0) ?? '', 'ms', late);
  row('experiments', `${what}, ${panes}: Cancel, until the last results`, settled.toFixed(0), 'ms', when);
  await page.close();
}

/** The panes drawing without an experiment, for 30 s: how long their own tasks take on this machine. */
async function idle() {
  const page = await scalePage(false);
  await page.evaluate(() => new Promise((done) => setTimeout(done, 30000)));
  const seen = await probed(page);
  const tasks = `${seen.longTasks} tasks over 50 ms in 30 s, no experiment running`;
  row('experiments', 'the panes drawing alone: longest main-thread task', seen.longest.toFixed(0), 'ms', tasks);
  await page.close();
}

await idle();
await scale(true);
await scale(false);
await browser.close();
await server.close();
