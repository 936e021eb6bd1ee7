// Large force-directed networks are laid out in a Worker: the page keeps
// drawing and answering clicks while the 2,000-firm network sits on its
// stand-in circle, and the firms move off the circle within a few seconds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, state, waitForState, setValue } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

test('a 2,000-firm G(n, m) pane is laid out off the main thread', async () => {
  const { page, context, problems } = await openPage(harness);
  await setValue(page, '#p-firms', 2000);
  await waitForState(page, (s) => s.panes[1].firms === 2000);
  const s = await state(page);
  assert.equal(s.panes[1].kind, 'gnm');
  assert.equal(s.panes[0].layoutPending, false, 'subgroups are laid out at once');
  assert.equal(s.panes[1].layoutPending, true, 'the G(n, m) pane starts on a circle');
  const circle = await page.evaluate(() => [0, 1, 2].map((i) => window.lockstep.firmAt(1, i)));
  // While the worker computes, frames keep coming (a layout on the main
  // thread would block them all), and a click is handled.
  const watch = page.evaluate(() => new Promise((done) => {
    let frames = 0, gap = 0, last = performance.now();
    const t0 = last;
    const tick = (t) => {
      gap = Math.max(gap, t - last); last = t;
      if (!window.lockstep.state().panes[1].layoutPending || t - t0 > 20000) done({ frames, gap });
      else { frames++; requestAnimationFrame(tick); }
    };
    requestAnimationFrame(tick);
  }));
  await page.click('#play');
  await waitForState(page, (st) => st.playing === false, null, 3000);
  const { frames, gap } = await watch;
  // Figures, not thresholds: how many frames fit depends on how busy the machine is.
  console.log(`while laying out: ${frames} frames, longest gap ${gap.toFixed(0)} ms`);
  assert.ok(frames >= 1, 'the page drew while the layout was computed');
  await waitForState(page, (st) => !st.panes[1].layoutPending, null, 20000);
  assert.equal((await state(page)).layoutWorker, true, 'the layout came from the Worker');
  const placed = await page.evaluate(() => [0, 1, 2].map((i) => window.lockstep.firmAt(1, i)));
  const moved = placed.filter((p, i) => Math.hypot(p.x - circle[i].x, p.y - circle[i].y) > 2).length;
  assert.ok(moved >= 2, 'firms left the circle');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a layout that arrives after the scenario changed is dropped', async () => {
  const { page, context, problems } = await openPage(harness);
  await setValue(page, '#p-firms', 2000);
  await waitForState(page, (s) => s.panes[1].firms === 2000 && s.panes[1].layoutPending);
  await setValue(page, '#p-firms', 1500);
  await waitForState(page, (s) => s.panes[1].firms === 1500);
  await waitForState(page, (st) => !st.panes[1].layoutPending, null, 20000);
  assert.equal((await state(page)).error, null, 'no 2,000-firm layout was given to the 1,500-firm run');
  assert.deepEqual(problems, []);
  await context.close();
});
