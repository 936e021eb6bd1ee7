// The page at scale in headless Chromium on this machine: frames per second
// with 500, 5,000 and 50,000 firms (one pane enlarged, playing at speed 1,
// after its layout is done), and how long the Worker takes to lay out 2,000
// and 50,000 firms (the first picture, then the whole force layout; 50,000
// in an embed too, whose Worker runs the embed's core), with the renderer
// the page chose. Erdos-Renyi networks of mean degree 10; the
// other pane holds 60 firms. A size the page refuses prints a row saying
// so. Prints rows of the one benchmark table (bench,case,value,unit,note).
//   node scripts/bench-page.mjs
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';
import { launch } from './chromium.mjs';
import { row } from './bench-table.mjs';

const FPS_FIRMS = [500, 5000, 50000];
const LAYOUT_FIRMS = [2000, 50000];
const FPS_SECONDS = 5;

const root = fileURLToPath(new URL('..', import.meta.url));
const server = await serve({ root, port: 0 });
// Without a GPU (scripts/chromium.mjs disables it) WebGL2 runs on the CPU (SwiftShader).
const browser = await launch();
const where = 'headless Chromium, software rendering';

const link = (firms) => `v=1&view=single&show=0&panes=2&n=${firms}&net=er&deg=10&p2.n=60&p2.net=gnm&p2.ties=240`;

/**
 * Opens the page on `firms` firms: { page, state } or { refused } (the
 * page's message). `paused`: pauses it as soon as it runs, so frames are
 * drawn only when something changes (the layout's timing is then its own,
 * not the drawing's).
 */
async function open(firms, { paused = false, query = '' } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}index.html${query}#${link(firms)}`);
  await page.waitForFunction(() => window.lockstep?.state().ready, null, { timeout: 120000 });
  if (paused)
    await page.evaluate(() => {
      if (window.lockstep.state().playing) document.getElementById('play').click();
    });
  await page.waitForFunction(() => window.lockstep.state().frames > 0, null, { timeout: 120000 });
  const state = await page.evaluate(() => window.lockstep.state());
  if (problems.length) throw new Error(`${firms} firms: ${problems.join('; ')}`);
  if (state.panes[0].firms !== firms) {
    await page.close();
    return { refused: state.notice || `the page ran ${state.panes[0].firms} firms` };
  }
  return { page, state };
}

const renderer = (state) => state.renderer ?? 'canvas';
const thousands = (n) => n.toLocaleString('en-US');

// The embed's Worker runs the embed's core, built for size.
const layouts = [...LAYOUT_FIRMS.map((firms) => ['page', firms, '']), ['embed', Math.max(...LAYOUT_FIRMS), '?embed=1']];
for (const [who, firms, query] of layouts) {
  const what = `${who} Worker: ${thousands(firms)} firms`;
  const opened = await open(firms, { paused: true, query });
  if (opened.refused) {
    row('layout', what, '', 's', `not run: ${opened.refused}`);
    continue;
  }
  const { page } = opened;
  await page.waitForFunction(() => !window.lockstep.state().panes[0].layoutPending, null, { timeout: 300000 });
  const [first, done] = await page.evaluate(() =>
    ['lockstep-layout-first-picture', 'lockstep-layout-done'].map((name) =>
      performance.getEntriesByName(name).find((m) => m.detail.pane === 0),
    ),
  );
  const ties = thousands(opened.state.panes[0].ties);
  row(
    'layout',
    `${what}: first picture`,
    (first.duration / 1000).toFixed(2),
    's',
    `${ties} ties; pivot MDS, from the run's start (${(first.startTime / 1000).toFixed(2)} s after navigation), page paused; ${where}`,
  );
  row(
    'layout',
    `${what}: force layout`,
    (done.duration / 1000).toFixed(2),
    's',
    `${ties} ties; drawn as it refines, page paused; ${where}`,
  );
  await page.close();
}

for (const firms of FPS_FIRMS) {
  const what = `page: ${thousands(firms)} firms`;
  const opened = await open(firms);
  if (opened.refused) {
    row('fps', what, '', 'frames/s', `not run: ${opened.refused}`);
    continue;
  }
  const { page } = opened;
  await page.waitForFunction(() => !window.lockstep.state().panes.some((p) => p.layoutPending), null, {
    timeout: 300000,
  });
  const fps = await page.evaluate(
    (seconds) =>
      new Promise((done) => {
        const from = window.lockstep.state().frames;
        const t0 = performance.now();
        setTimeout(
          () => done((window.lockstep.state().frames - from) / ((performance.now() - t0) / 1000)),
          seconds * 1000,
        );
      }),
    FPS_SECONDS,
  );
  const state = await page.evaluate(() => window.lockstep.state());
  row(
    'fps',
    what,
    fps.toFixed(0),
    'frames/s',
    `${thousands(state.panes[0].ties)} ties, playing at speed 1, ${state.display} display; renderer ${renderer(state)}; ${where}`,
  );
  await page.close();
}

await browser.close();
await server.close();
