// Large force-directed networks are laid out in steps: the firms' first
// placement (the network's large shape) is there at the first frame, not a
// stand-in circle, and the forces that refine it run in a Worker: the page
// keeps drawing and answering clicks meanwhile, and the firms move on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, state, waitForState, setValue, frameWith, FIRST_FRAME_MS, pause } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

test('a 2,000-firm G(n, m) pane is laid out off the main thread', async () => {
  const { page, context, problems } = await openPage(harness);
  // Frames drawn while the right pane's layout is pending, from before it is asked for.
  const watch = page.evaluate(
    () =>
      new Promise((done) => {
        let frames = 0,
          gap = 0,
          last = performance.now(),
          seen = false;
        const t0 = last;
        const tick = (t) => {
          gap = Math.max(gap, t - last);
          last = t;
          const pending = window.lockstep.state().panes[1].layoutPending;
          if (pending) {
            seen = true;
            frames++;
          }
          if ((seen && !pending) || t - t0 > 20000) done({ frames, gap });
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
  await setValue(page, '#p-firms', 2000);
  await waitForState(page, (s) => s.panes[1].firms === 2000);
  const s = await state(page);
  assert.equal(s.panes[1].kind, 'gnm');
  assert.equal(s.panes[0].layoutPending, false, 'subgroups are laid out at once');
  // Firms on a circle are all as far from their centre; placed firms are not.
  const spread = await page.evaluate(() => {
    const at = Array.from({ length: 200 }, (_, i) => window.lockstep.firmAt(1, i * 10));
    const cx = at.reduce((a, p) => a + p.x, 0) / at.length,
      cy = at.reduce((a, p) => a + p.y, 0) / at.length;
    const r = at.map((p) => Math.hypot(p.x - cx, p.y - cy));
    const mean = r.reduce((a, x) => a + x, 0) / r.length;
    return Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / r.length) / mean;
  });
  assert.ok(spread > 0.2, `the first frame shows placed firms, not a circle (spread ${spread.toFixed(2)})`);
  await pause(page);
  const { frames, gap } = await watch;
  // Figures, not thresholds: how many frames fit depends on how busy the machine is.
  console.log(`while laying out: ${frames} frames, longest gap ${gap.toFixed(0)} ms`);
  assert.ok(frames >= 1, 'the page drew while the layout was refined');
  await waitForState(page, (st) => !st.panes[1].layoutPending);
  assert.equal((await state(page)).layoutWorker, true, 'the layout came from the Worker');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a layout that arrives after the scenario changed is dropped', async () => {
  const { page, context, problems } = await openPage(harness);
  await setValue(page, '#p-firms', 2000);
  await waitForState(page, (s) => s.panes[1].firms === 2000 && s.panes[1].layoutPending);
  await setValue(page, '#p-firms', 1500);
  await waitForState(page, (s) => s.panes[1].firms === 1500);
  await waitForState(page, (st) => !st.panes[1].layoutPending);
  assert.equal((await state(page)).error, null, 'no 2,000-firm layout was given to the 1,500-firm run');
  assert.deepEqual(problems, []);
  await context.close();
});

// Every placement handed to a run (the first picture, then the forces'
// steps), recorded as the first three firms' positions: the test reads them
// after the layout is done, however fast it went.
const RECORD_PLACEMENTS = `
const realSetPositions = Simulation.prototype.setPositions;
Simulation.prototype.setPositions = function (positions) {
  (globalThis.placements ??= []).push(Array.from(positions.subarray(0, 6)));
  return realSetPositions.call(this, positions);
};
`;

test('in a sandboxed embed, where no Worker starts, the layout runs between frames', async () => {
  // An opaque origin cannot start the module Worker: the same steps run on the page's thread.
  const context = await harness.browser.newContext({ viewport: { width: 900, height: 700 } });
  await context.route('**/www/pkg/embed/lockstep.js', async (route) => {
    const response = await route.fetch();
    route.fulfill({ response, body: (await response.text()) + RECORD_PLACEMENTS });
  });
  const src = 'index.html?embed=1#v=1&view=single&show=0&n=2000&net=gnm&ties=6000';
  await context.route('**/host.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><meta charset="utf-8"><iframe src="${src}" width="800" height="600" sandbox="allow-scripts"></iframe>`,
    }),
  );
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${harness.server.url}host.html`);
  const frame = await frameWith(page, 'embed=1');
  await frame.waitForFunction(
    () => {
      const s = window.lockstep?.state();
      return s?.ready && s.panes[0].firms === 2000 && !s.panes[0].layoutPending;
    },
    null,
    { timeout: FIRST_FRAME_MS },
  );
  const s = await frame.evaluate(() => window.lockstep.state());
  assert.equal(s.layoutWorker, false, 'no Worker in the sandbox');
  const placements = await frame.evaluate(() => globalThis.placements ?? []);
  assert.ok(placements.length >= 2, `the first picture, then the forces' steps (${placements.length} placements)`);
  const [first, last] = [placements[0], placements.at(-1)];
  // Positions in the layout's unit square: 0.005 is about 3 px of an 800 px pane.
  assert.ok(
    [0, 2, 4].some((k) => Math.hypot(last[k] - first[k], last[k + 1] - first[k + 1]) > 0.005),
    `the forces moved firms (${first} to ${last})`,
  );
  assert.ok(s.frames > 2, 'frames were drawn');
  assert.deepEqual(problems, []);
  await context.close();
});
