// What a visitor does on the page: load the compare view, watch, change the
// seed, type a bad value, use the keyboard only, open it on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import {
  startHarness,
  openPage,
  state,
  canvasSample,
  differingPixels,
  FLASH_PIXELS_SOURCE,
  waitForState,
  drawn,
  nextText,
  CANVAS_2D,
  pause,
} from './harness.mjs';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
let harness;
before(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await harness?.close();
});

test('the compare view loads with both panes, their statistics and the chart', async () => {
  const { page, context, problems } = await openPage(harness, { viewport: { width: 1280, height: 800 } });
  await waitForState(page, (s) => s.time > 0.5); // half a cycle run
  await nextText(page); // and its readouts and chart shown
  const s = await state(page);
  assert.equal(s.error, null);
  assert.equal(s.layout, 'compare');
  assert.deepEqual(
    s.panes.map((p) => [p.label, p.kind]),
    [
      ['Clustered', 'plantedPartition'],
      ['Dense', 'gnm'],
    ],
  );
  const [c, d] = s.panes;
  assert.equal(c.firms, 60);
  assert.equal(d.firms, 60);
  assert.ok(Math.abs(c.ties - d.ties) <= 10, `about the same ties (${c.ties} vs ${d.ties})`);
  assert.ok(
    c.stats.clustering > 2 * d.stats.clustering,
    `clustered ${c.stats.clustering} vs dense ${d.stats.clustering}`,
  );
  assert.equal(c.scenario.seed, d.scenario.seed, 'same seed');
  assert.equal(c.coordinators.length, 5);
  for (const i of [0, 1]) {
    assert.equal(await page.textContent(`#pane-${i} .s-ties`), String(s.panes[i].ties));
    assert.match(await page.textContent(`#pane-${i} .s-clustering`), /^\d\.\d\d$/);
    assert.match(await page.textContent(`#pane-${i} .r`), /^\d\.\d\d$/);
  }
  assert.ok(await page.isVisible('#r-chart canvas'), 'the r(t) chart is drawn');
  assert.equal((await page.locator('#r-chart .u-legend .u-series').count()) >= 2, true);
  assert.ok(s.time > 0.5, `time advances (t = ${s.time})`);
  assert.equal(await page.isHidden('#error'), true);
  await page.screenshot({ path: `${SHOTS}desktop.png` });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the canvases are drawn and firms flash, with pulses along ties', async () => {
  const { page, context } = await openPage(harness, {}, { path: CANVAS_2D });
  for (const pane of [0, 1]) {
    const pixels = await canvasSample(page, pane);
    const [r0, g0, b0] = pixels;
    let differ = 0;
    for (let i = 0; i < pixels.length; i += 3) {
      if (Math.abs(pixels[i] - r0) + Math.abs(pixels[i + 1] - g0) + Math.abs(pixels[i + 2] - b0) > 30) differ++;
    }
    assert.ok(differ > 200, `pane ${pane}: firms and ties are drawn (${differ} samples)`);
  }
  const a = await canvasSample(page);
  const t = (await state(page)).time;
  await waitForState(page, (s, t0) => s.time > t0 + 0.3, t); // a third of a cycle later (each frame draws its time)
  assert.ok(differingPixels(a, await canvasSample(page)) > 0, 'the picture changes between frames');
  await waitForState(page, (s) => s.display === 'flash');
  // Some frame shows the release colour (the panes release about once a cycle).
  await page.waitForFunction(
    (source) => [0, 1].some((i) => eval(source)(document.getElementById(`network-${i}`)) > 0),
    FLASH_PIXELS_SOURCE,
  );
  await waitForState(page, (s) => s.panes.some((p) => p.pulses > 0));
  await waitForState(page, (s) => s.panes.some((p) => p.waves > 0));
  await context.close();
});

test('a new seed restarts both panes at time 0 with the same seed', async () => {
  const { page, context } = await openPage(harness, {}, { path: CANVAS_2D });
  await pause(page);
  const before = await canvasSample(page);
  await page.fill('#seed', '2');
  await page.press('#seed', 'Enter');
  await waitForState(page, (s) => s.seed === 2 && s.time < 1e-9);
  await drawn(page); // the restart's frame
  const s = await state(page);
  assert.deepEqual(
    s.panes.map((p) => p.scenario.seed),
    [2, 2],
  );
  assert.equal(s.playing, false, 'the run stays paused');
  assert.ok(s.time < 1e-9, 'the new runs start at time 0');
  assert.ok(differingPixels(before, await canvasSample(page)) > 100, 'the network differs');
  await page.click('#new-seed');
  await waitForState(page, (st) => st.seed !== 2);
  await context.close();
});

test('a bad value gets a message beside its control and the run goes on', async () => {
  const { page, context, problems } = await openPage(harness);
  await page.fill('#seed', '12abc');
  await page.press('#seed', 'Enter');
  assert.match(await page.textContent('#seed-msg'), /whole number from 0 to 4294967295/);
  assert.equal(await page.getAttribute('#seed', 'aria-invalid'), 'true');
  // The core refuses more coordinators than firms; its message shows beside k.
  await page.evaluate(() => {
    const set = (id, v) => {
      const el = document.getElementById(id);
      el.value = v;
      el.dispatchEvent(new Event('change'));
    };
    set('p-firms', '10');
  });
  await waitForState(page, (s) => s.panes[0].firms === 10);
  await page.evaluate(() => {
    const el = document.getElementById('p-coordinators');
    el.value = '12';
    el.dispatchEvent(new Event('change'));
  });
  await page.waitForSelector('#p-coordinators-msg:not(:empty)');
  assert.match(await page.textContent('#p-coordinators-msg'), /coordinators|fewer than/);
  assert.equal(await page.getAttribute('#p-coordinators', 'aria-invalid'), 'true');
  const t0 = (await state(page)).time;
  await waitForState(page, (s, t) => s.time > t, t0); // the runs go on
  const s = await state(page);
  assert.equal(s.changes.pending, 0, 'the refused change is done');
  assert.equal(s.panes[0].coordinators.length, 5);
  assert.equal(await page.isHidden('#error'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard only: tab to play and press space; tab to a slider and move it', async () => {
  const { page, context } = await openPage(harness);
  await page.click('h1');
  await page.keyboard.press('Space');
  assert.equal((await state(page)).playing, false, 'space on the page pauses');
  await page.keyboard.press('Space');
  assert.equal((await state(page)).playing, true);
  let found = false;
  // Play sits under the panes, after each pane's own controls.
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.id === 'play');
  }
  assert.ok(found, 'play is reachable by Tab');
  await page.keyboard.press('Space');
  assert.equal((await state(page)).playing, false, 'space on the button pauses');
  await page.keyboard.press('Enter');
  assert.equal((await state(page)).playing, true);
  found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.id === 'p-eps');
  }
  assert.ok(found, 'the eps slider is reachable by Tab');
  assert.ok(await page.isVisible('#p-eps-help'), 'its explanation shows on focus');
  const before = (await state(page)).panes[0].scenario.eps;
  await page.keyboard.press('ArrowRight');
  await waitForState(page, (s, b) => s.panes[0].scenario.eps > b, before);
  assert.equal((await state(page)).panes[1].scenario.eps, (await state(page)).panes[0].scenario.eps, 'both panes');
  await context.close();
});

test('step advances a paused run by a twentieth of a cycle', async () => {
  const { page, context } = await openPage(harness);
  await pause(page);
  const t = (await state(page)).time;
  await page.click('#step');
  await waitForState(page, (s, t0) => s.time > t0, t);
  assert.ok(Math.abs((await state(page)).time - t - 0.05) < 1e-6);
  await context.close();
});

for (const width of [375, 320]) {
  test(`no horizontal scroll at ${width} px, and the panes use the width`, async () => {
    const { page, context } = await openPage(harness, {
      viewport: { width, height: 740 },
      hasTouch: true,
      isMobile: true,
    });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `page is ${scrollWidth} px wide`);
    // The two networks side by side on the first screen, together as wide as the page.
    const [canvasWidth, other] = await page.evaluate(() =>
      [0, 1].map((i) => document.getElementById(`network-${i}`).getBoundingClientRect().width),
    );
    assert.ok(canvasWidth + other > width * 0.8, `the canvases use the width (${canvasWidth} + ${other} px)`);
    if (width === 375) {
      await page.screenshot({ path: `${SHOTS}phone.png` });
      // Touch: a tap on a firm opens the inspector.
      const at = await page.evaluate(() => window.lockstep.firmAt(0, 3));
      await page.tap('#network-0', { position: at });
      await waitForState(page, (s) => s.selected === 3);
      assert.match(await page.textContent('#insp-title'), /firm 3/);
      // It opens below the chart, out of sight: the page brings it into view.
      const inView = () => {
        const r = document.getElementById('inspector').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      };
      await page.waitForFunction(inView).catch((e) => {
        if (e.name !== 'TimeoutError') throw e; // the assertion says where it is
      });
      const where = await page.evaluate(() => [
        document.getElementById('inspector').getBoundingClientRect().toJSON(),
        window.scrollY,
        innerHeight,
      ]);
      assert.ok(await page.evaluate(inView), `the inspector is in view: ${JSON.stringify(where)}`);
    }
    await context.close();
  });
}
