// The tour shows its evidence: at 1280x720 and on a 375x740 phone, each
// step brings what it names into view, between the small view of the
// panes (top) and the tour box (bottom), covered by neither; step 1 starts
// flashing, not calm; a step whose claim takes cycles runs faster until the
// claim is on screen, then returns to its speed. Screenshots of every step
// go to test-results/tour-<width>-<step>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startHarness, openPage, opened, state, waitForState, nextText, scrollSettled } from './harness.mjs';
import { STEPS, shownAt } from '../../www/controls/tour.js';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
let harness;
before(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await harness?.close();
});

/** Where each selector's element lies against the free band of the window. */
function placements(page, selectors) {
  return page.evaluate(`(${placed})(${JSON.stringify(selectors)})`);
}

/** In the page: where each of `sels` lies against the free band between the small view and the tour box. */
function placed(sels) {
  const box = document.getElementById('tour').getBoundingClientRect();
  const mini = document.getElementById('mini');
  const top = mini.hidden ? 0 : mini.getBoundingClientRect().bottom;
  return sels.map((sel) => {
    const el = document.querySelector(sel);
    if (!el) return { sel, missing: true };
    const r = el.getBoundingClientRect();
    return {
      sel,
      top: r.top,
      bottom: r.bottom,
      height: r.height,
      band: [top, box.top],
      inView: r.height > 0 && r.top >= top - 1 && r.bottom <= box.top + 1,
    };
  });
}

for (const [width, height] of [
  [1280, 720],
  [375, 740],
]) {
  test(`at ${width}x${height} every tour step shows what it names, uncovered`, async () => {
    const phone = width < 500;
    const { page, context, problems } = await openPage(harness, {
      viewport: { width, height },
      ...(phone ? { isMobile: true, hasTouch: true } : {}),
    });
    await page.click('#tour-start');
    for (let i = 0; i < STEPS.length; i++) {
      await waitForState(page, (s, want) => s.tourStep === want, i);
      if (i === 0) {
        const s = await state(page);
        assert.equal(s.display, 'flash', `step 1's flashes are not the calm display (${s.calmReason})`);
      }
      await scrollSettled(page);
      // Texts and charts grow as the run goes on; the step keeps them in view (it scrolls after them).
      const named = shownAt(STEPS[i], width);
      await page.waitForFunction(`(${placed})(${JSON.stringify(named)}).every((p) => p.inView)`).catch((e) => {
        if (e.name !== 'TimeoutError') throw e; // the assertions below say which is out of view
      });
      await scrollSettled(page);
      const where = await placements(page, named);
      for (const p of where) {
        assert.ok(!p.missing, `step ${i + 1}: ${p.sel} exists`);
        assert.ok(
          p.inView,
          `step ${i + 1}: ${p.sel} at ${Math.round(p.top)}-${Math.round(p.bottom)} lies in the free band ${p.band.map(Math.round)}`,
        );
      }
      if (phone && i === 3) {
        assert.equal(
          await page.isVisible('#mini'),
          true,
          'the small view of the panes shows while they are out of sight',
        );
        assert.match(await page.textContent('#mini'), /r \d\.\d\d.*rhythm/);
      }
      await page.screenshot({ path: `${SHOTS}tour-${width}-${i + 1}.png` });
      if (i < STEPS.length - 1) await page.click('.tour-next');
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a step whose claim takes cycles runs faster until the claim is on screen, then slows down', async () => {
  const { page, context } = await openPage(harness, { viewport: { width: 1280, height: 720 } });
  await page.click('#tour-start');
  await waitForState(page, (s) => s.tourStep === 0);
  const k = STEPS.findIndex((s) => s.preset === 'wintel');
  for (let i = 0; i < k; i++) await page.click('.tour-next');
  await waitForState(page, (s, want) => s.tourStep === want && s.preset === 'wintel', k);
  const fast = await state(page);
  assert.equal(fast.speed, STEPS[k].fast, 'the planned pair’s step runs faster while its claim is not yet on screen');
  assert.equal(fast.tourWaiting, true);
  assert.match(await page.textContent('.tour-status'), /Running at 3 cycles\/s until both panes are in step/);
  await waitForState(page, (s) => !s.tourWaiting, null, 40000);
  const s = await state(page);
  assert.ok(
    s.panes.every((p) => p.syncTime !== undefined),
    'both panes are in step',
  );
  assert.equal(s.speed, 1, 'back to the step’s own speed');
  await nextText(page); // the text refreshes a few times a second
  const verdict = await page.textContent('#verdict');
  assert.match(verdict, /Planned pair: in step since \d+\.\d cycles, on the coordinators’ roadmap/);
  assert.match(verdict, /No plan: in step since \d+\.\d cycles, on a rhythm of its own/);
  assert.match(await page.textContent('.tour-status'), /Both panes are in step.*Back to 1 cycle\/s/);
  await context.close();
});

test('on a phone the small view of the panes stays in sight while changing settings', async () => {
  const { page, context } = await openPage(harness, {
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  assert.equal(await page.isVisible('#mini'), false, 'not while the panes are in sight');
  await page.locator('#p-eps').scrollIntoViewIfNeeded();
  await page.waitForSelector('#mini', { state: 'visible' });
  const eps = (await page.evaluate(() => window.lockstep.state())).panes[0].scenario.eps;
  await page.evaluate(() => {
    const el = document.getElementById('p-eps');
    el.value = '0.1';
    el.dispatchEvent(new Event('change'));
  });
  await waitForState(page, (s, was) => s.panes[0].scenario.eps !== was, eps);
  const [mini, control] = await page.evaluate(() =>
    ['#mini', '#p-eps'].map((s) => document.querySelector(s).getBoundingClientRect().toJSON()),
  );
  assert.ok(control.top >= mini.bottom && control.bottom <= 740, 'the control is not under the small view');
  assert.match(await page.textContent('#mini'), /Clustered.*r \d\.\d+.*Dense/);
  const drawn = await page.evaluate(() => {
    const c = document.querySelector('#mini canvas');
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let lit = 0;
    for (let k = 0; k < data.length; k += 4) if (data[k] + data[k + 1] + data[k + 2] > 200) lit++;
    return lit;
  });
  assert.ok(drawn > 20, `the small network is drawn (${drawn} lit pixels)`);
  await page.tap('#mini');
  await page.waitForSelector('#mini', { state: 'hidden' });
  await context.close();
});

/** Records the tour's events in the page (window.tourEvents), with the run's time when each came. */
const recordTourEvents = (page) =>
  page.addInitScript(() => {
    window.tourEvents = [];
    for (const type of ['tour-step', 'tour-claim'])
      document.addEventListener(type, (e) =>
        window.tourEvents.push({ type, ...e.detail, time: window.lockstep?.state().time ?? null }),
      );
  });

/** In the page: whether the middle of each of `sels` is the element itself (nothing lies over it). */
function uncovered(sels) {
  return sels.map((sel) => {
    const el = document.querySelector(sel);
    const r = el.getBoundingClientRect();
    const probes = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + 4, r.top + 4],
      [r.right - 4, r.bottom - 4],
    ];
    const over = probes.map(([x, y]) => document.elementFromPoint(x, y)).find((hit) => !hit || !el.contains(hit));
    return { sel, covered: over ? over.className || over.tagName : null };
  });
}

for (const [width, height] of [
  [1280, 720],
  [375, 740],
]) {
  test(`at ${width}x${height} each step replays its run, so its claim comes after it opens; it is announced and uncovered`, async () => {
    const phone = width < 500;
    const context = await harness.browser.newContext({
      viewport: { width, height },
      ...(phone ? { isMobile: true, hasTouch: true } : {}),
    });
    const page = await context.newPage();
    await recordTourEvents(page);
    await page.goto(`${harness.server.url}index.html`);
    await opened(page);
    // The pointer rests where "Take the tour" was; the steps' scrolls move the page under it.
    const start = await page.locator('#tour-start').boundingBox();
    await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await page.click('#tour-start');
    for (let i = 0; i < STEPS.length; i++) {
      await waitForState(page, (s, want) => s.tourStep === want && s.changes.pending === 0, i);
      const opened = await state(page);
      assert.ok(opened.time < 2, `step ${i + 1} starts its run again (at ${opened.time.toFixed(2)} cycles)`);
      const steps = await page.evaluate(() => window.tourEvents.filter((e) => e.type === 'tour-step'));
      assert.equal(steps.at(-1).index, i);
      assert.equal(steps.at(-1).title, STEPS[i].title);
      // The narrator says it (tests/e2e/described.test.mjs follows it by ear).
      if (STEPS[i].until) {
        assert.equal(opened.tourWaiting, true, `step ${i + 1}'s claim has not happened when it opens`);
        await page.waitForFunction((k) => window.tourEvents.some((e) => e.type === 'tour-claim' && e.index === k), i, {
          timeout: 90000,
        });
        const claim = await page.evaluate(
          (k) => window.tourEvents.find((e) => e.type === 'tour-claim' && e.index === k),
          i,
        );
        assert.ok(claim.claim.length > 10 && !/undefined|null|NaN/.test(claim.claim), claim.claim);
        assert.match(
          await page.textContent('.tour-status'),
          new RegExp(claim.claim.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
        );
      }
      await scrollSettled(page);
      const named = shownAt(STEPS[i], width);
      await page
        .waitForFunction(`(${placed})(${JSON.stringify(named)}).every((p) => p.inView)`, null, { timeout: 20000 })
        .catch((e) => {
          if (e.name !== 'TimeoutError') throw e;
        });
      await scrollSettled(page);
      for (const u of await page.evaluate(`(${uncovered})(${JSON.stringify(named)})`))
        assert.equal(u.covered, null, `step ${i + 1}: ${u.sel} is not covered (by ${u.covered})`);
      const tips = await page.$$eval(
        '.term-tip',
        (ts) => ts.filter((t) => getComputedStyle(t).display !== 'none').length,
      );
      assert.equal(tips, 0, `step ${i + 1}: no term's tip opened by itself`);
      if (i < STEPS.length - 1) await page.click('.tour-next');
    }
    // Escape closes the tour wherever the focus is.
    await page.focus('#play');
    await page.keyboard.press('Escape');
    await waitForState(page, (s) => s.tourStep === -1);
    assert.equal(await page.isVisible('#tour'), false);
    assert.equal((await page.evaluate(() => window.tourEvents.at(-1))).index, -1);
    await context.close();
  });
}

test('the listening step has its own button that turns the sound on and keeps the tour open', async () => {
  const { page, context } = await openPage(harness, { viewport: { width: 1280, height: 720 } });
  await page.click('#tour-start');
  const k = STEPS.findIndex((s) => s.action?.sound);
  for (let i = 0; i < k; i++) {
    await waitForState(page, (s, want) => s.tourStep === want, i);
    await page.click('.tour-next');
  }
  await waitForState(page, (s, want) => s.tourStep === want, k);
  assert.equal(await page.textContent('.tour-action'), 'Turn the sound on');
  await page.click('.tour-action');
  await waitForState(page, (s) => s.sound?.on === true);
  assert.equal(await page.getAttribute('#sound-toggle', 'aria-pressed'), 'true');
  assert.equal((await state(page)).tourStep, k, 'the tour stays on its step');
  assert.equal(await page.isVisible('#tour'), true);
  await context.close();
});
