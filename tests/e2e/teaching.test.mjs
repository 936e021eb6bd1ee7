// The teaching parts: every preset loads and runs without errors, the tour
// advances through its steps, clicking a firm inspects it and can make it a
// coordinator (what a screen reader hears is described.test.mjs), and screenshots are taken
// (test-results/*.png) of a preset and the tour.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startHarness, openPage, state, waitForState, setValue, drawn } from './harness.mjs';
import { STEPS } from '../../www/controls/tour.js';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
let harness;
before(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await harness?.close();
});

test('each preset loads and runs without console errors', async () => {
  const { page, context, problems } = await openPage(harness, { viewport: { width: 1280, height: 800 } });
  const ids = await page.evaluate(() =>
    [...document.querySelectorAll('#preset option')].map((o) => o.value).filter(Boolean),
  );
  assert.ok(ids.length >= 5, `${ids.length} presets`);
  await setValue(page, '#speed', '3');
  for (const id of ids) {
    await page.selectOption('#preset', id);
    await waitForState(page, (s, want) => s.preset === want && s.time > 2, id);
    const s = await state(page);
    const context = await page.textContent('#preset-context');
    console.log(
      `${id}: ${s.panes.map((p) => `${p.label} r ${p.r.toFixed(2)} ${p.bursts} rhythms sync ${p.syncTime?.toFixed(1)}`).join('; ')}`,
    );
    assert.ok(context.length > 60, 'a sentence of context');
    assert.ok(s.panes.every((p) => p.releases > 0));
    if (id === 'stubborn') await page.screenshot({ path: `${SHOTS}preset-stubborn.png` });
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the tour advances through its steps, each setting a scenario', async () => {
  const { page, context, problems } = await openPage(harness, { viewport: { width: 1280, height: 800 } });
  await page.click('#tour-start');
  await waitForState(page, (s) => s.tourStep === 0);
  assert.ok(await page.isVisible('#tour'));
  assert.equal((await state(page)).layout, 'single', 'the first step shows one large pane');
  const seen = [];
  for (let i = 0; i < STEPS.length; i++) {
    const s = await state(page);
    seen.push(s.preset);
    assert.equal(s.tourStep, i);
    assert.match(await page.textContent('.tour-count'), new RegExp(`Step ${i + 1} of ${STEPS.length}`));
    assert.ok((await page.textContent('.tour-watch')).length > 20, 'each step says what to watch');
    if (i === 1) await page.screenshot({ path: `${SHOTS}tour.png` });
    await page.click('.tour-next');
  }
  await waitForState(page, (s) => s.tourStep === -1);
  assert.equal(await page.isHidden('#tour'), true, 'Finish closes the tour');
  assert.ok(new Set(seen).size >= 4, `the steps load several scenarios (${[...new Set(seen)]})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('click a firm: inspect it and make it a coordinator', async () => {
  const { page, context } = await openPage(harness);
  const s0 = await state(page);
  const firm = [...Array(60).keys()].find((i) => !s0.panes[1].coordinators.includes(i));
  const at = await page.evaluate((f) => window.lockstep.firmAt(1, f), firm);
  await page.click('#network-1', { position: at });
  await waitForState(page, (s, f) => s.selected === f, firm);
  assert.equal(await page.textContent('#insp-title'), `Dense: firm ${firm}`, 'a plain firm: no role after its name');
  const body = await page.textContent('#inspector dl');
  assert.match(body, /degree\d+/);
  assert.match(body, /releases so far\d+/);
  await page.click('.insp-toggle');
  await waitForState(page, (s, f) => s.panes[1].coordinators.includes(f), firm);
  const s = await state(page);
  assert.equal(s.panes[1].coordinators.length, 6);
  assert.equal(s.panes[1].scenario.choice, 'chosen');
  assert.equal(s.panes[0].coordinators.length, 5, 'the other pane keeps its coordinators');
  await page.waitForFunction(() => /coordinator$/.test(document.getElementById('insp-title').textContent));
  assert.equal(await page.textContent('.insp-toggle'), 'Stop being a coordinator');
  await context.close();
});

test('a pane switches generator and enlarges to a single view', async () => {
  const { page, context, problems } = await openPage(harness);
  await page.selectOption('#pane-1-kind', 'barabasiAlbert');
  await waitForState(page, (s) => s.panes[1].kind === 'barabasiAlbert');
  assert.match(await page.textContent('#pane-1-title'), /Hubs/);
  assert.ok(await page.isVisible('#p1-attach'), 'its knob is offered');
  await page.click('#pane-1 .enlarge');
  await waitForState(page, (s) => s.layout === 'single');
  assert.equal(await page.isHidden('#pane-0'), true);
  await page.click('#pane-1 .enlarge');
  await waitForState(page, (s) => s.layout === 'compare');
  await drawn(page); // both panes drawn again, side by side
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone, "Run 100 seeds" runs at once and brings the Run row and its results into view; the table says it scrolls', async () => {
  const { page, context, problems } = await openPage(harness, {
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  await page.tap('#x-check');
  await page.waitForFunction(() => /^Done: 200 runs/.test(document.querySelector('.x-status').textContent), null, {
    timeout: 120000,
  });
  // The first chart of the result lies on screen, under the Run row (not the form above it).
  await page.waitForFunction(() => {
    const fig = document.querySelector('.x-figure:not([hidden])');
    const run = document.querySelector('.x-run').getBoundingClientRect();
    const r = fig?.getBoundingClientRect();
    return r && run.top >= -2 && r.top >= run.bottom && r.top < innerHeight - 100;
  });
  // One value: no column of dots against it; the sentences and the distribution say it.
  assert.match(await page.textContent('.x-headline'), /Clustered|Dense/);
  assert.equal(await page.isVisible('.x-figure .chart >> nth=0'), false, 'no chart of medians against one value');
  assert.match(await page.textContent('.x-figure >> nth=0'), /median [\d.]+ cycles/);
  // The table is wider than the phone: it says it scrolls, and it does.
  await page.tap('.x-table-box summary');
  await page.waitForSelector('#x-scroll-hint', { state: 'visible' });
  const { scrollWidth, clientWidth } = await page.$eval('.x-table', (t) => ({
    scrollWidth: t.scrollWidth,
    clientWidth: t.clientWidth,
  }));
  assert.ok(scrollWidth > clientWidth, `the table scrolls (${scrollWidth} px in ${clientWidth})`);
  await page.screenshot({ path: `${SHOTS}seeds-375.png` });
  assert.deepEqual(problems, []);
  await context.close();
});
