// Present mode, for a projector (?present=1, or the Present button): at
// 1280x720, 1920x1080 and 1024x768 one window holds both networks, both
// verdicts, the r(t) chart and the scenario's claim, uncovered and without
// scrolling; the readouts are at least 32 px and every text stands at least
// 7:1 on its background; nothing else of the page shows. The arrow keys and
// a clicker's PageDown / PageUp step the tour (starting it) and its step's
// sentence shows; Q shows the QR code, large, of the page's link (without
// present mode: it is for phones); Escape comes back to the page with the
// same scenario and the run still going; the last step's experiment button
// leaves present mode to open the panel. Screenshots go to
// test-results/present-<width>x<height>.png (and -tour).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startHarness, openPage, state, waitForState, nextText, linkWritten, opened } from './harness.mjs';
import { PAGE_TEXT_CONTRAST } from './contrast.mjs';
import { STEPS } from '../../www/controls/tour.js';
import { PRESETS } from '../../www/controls/presets.js';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
const PRESENT = 'index.html?present=1';
const MIN_READOUT_PX = 32;
const MIN_CONTRAST = 7;
const SHOWN = ['#network-0', '#network-1', '#verdict .v-0', '#verdict .v-1', '#r-chart'];

let harness;
before(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await harness?.close();
});

/** In the page: where each of `sels` lies, whether wholly in the window, and whether what shows at its centre is it. */
function placed(sels) {
  return sels.map((sel) => {
    const el = document.querySelector(sel);
    if (!el) return { sel, missing: true };
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      sel,
      box: [r.left, r.top, r.right, r.bottom].map(Math.round),
      inView:
        r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
      uncovered: Boolean(hit && el.contains(hit)),
    };
  });
}

/** In the page: whether the page fits the window (nothing to scroll to) and sits unscrolled. */
function fits() {
  const doc = document.documentElement;
  return {
    scroll: [doc.scrollWidth, doc.scrollHeight],
    window: [innerWidth, innerHeight],
    at: [scrollX, scrollY],
    fits: doc.scrollWidth <= innerWidth && doc.scrollHeight <= innerHeight && scrollX === 0 && scrollY === 0,
  };
}

/** Asserts that `sels` are wholly in the window, uncovered, and that the page needs no scrolling. */
async function assertShown(page, sels, what) {
  const fit = await page.evaluate(`(${fits})()`);
  assert.ok(fit.fits, `${what}: the page is ${fit.scroll} px in a ${fit.window} window, scrolled to ${fit.at}`);
  for (const p of await page.evaluate(`(${placed})(${JSON.stringify(sels)})`)) {
    assert.ok(!p.missing, `${what}: ${p.sel} exists`);
    assert.ok(p.inView, `${what}: ${p.sel} at ${p.box} lies wholly in the window`);
    assert.ok(p.uncovered, `${what}: nothing covers ${p.sel}`);
  }
}

/** Asserts every visible text stands at least 7:1 on its background. */
async function assertContrast(page, what) {
  const texts = await page.evaluate(PAGE_TEXT_CONTRAST);
  assert.ok(texts.length > 10, `${what}: texts were checked (${texts.length})`);
  const low = texts.filter((t) => t.ratio < MIN_CONTRAST);
  assert.deepEqual(
    low.map((t) => `${t.selector} "${t.text}" ${t.ratio.toFixed(2)}:1`),
    [],
    `${what}: every text at least ${MIN_CONTRAST}:1`,
  );
}

/** The visible text of `sel`, as a reader sees it (no hidden "?" nor tip), spaces collapsed. */
const seen = (page, sel) =>
  // biome-ignore lint/performance/useDomNodeTextContent: the text as shown, without what present mode hides
  page.evaluate((s) => document.querySelector(s).innerText.replace(/\s+/g, ' ').trim(), sel);

const visible = (page, sel) => page.evaluate((s) => document.querySelector(s).checkVisibility(), sel);

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
  [1024, 768],
]) {
  test(`at ${width}x${height}, ?present=1 shows both networks, their verdicts, the chart and the claim in one window, large and at 7:1`, async () => {
    const { page, context, problems } = await openPage(harness, { viewport: { width, height } }, { path: PRESENT });
    assert.ok(await page.evaluate(() => document.body.classList.contains('present')), 'the page opens in present mode');
    await waitForState(page, (s) => s.playing && s.time > 0.5);
    await nextText(page);
    await assertShown(page, [...SHOWN, '#present-claim'], 'present mode');
    const compare = PRESETS.find((p) => p.id === 'compare');
    assert.equal(await seen(page, '#present-claim'), compare.claim, 'the claim is the scenario’s sentence');
    const readouts = await page.$$eval('.pane .live dd', (dds) =>
      dds.map((d) => ({ cls: d.className, px: parseFloat(getComputedStyle(d).fontSize), shown: d.checkVisibility() })),
    );
    assert.equal(readouts.filter((r) => r.shown).length, 6, 'r, rhythms and synchrony of both panes show');
    for (const r of readouts) assert.ok(r.px >= MIN_READOUT_PX, `readout .${r.cls} is ${r.px} px`);
    for (const sel of ['#scenario-form', '#experiments', 'footer.credits', '.toolbar', '#timeline', '.intro']) {
      assert.equal(await visible(page, sel), false, `${sel} does not show`);
    }
    await assertContrast(page, 'present mode');
    await page.screenshot({ path: `${SHOTS}present-${width}x${height}.png` });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('in present mode the arrow keys and a clicker step the tour, whose sentence shows; Escape comes back with the run going on', async () => {
  const { page, context, problems } = await openPage(
    harness,
    { viewport: { width: 1280, height: 720 } },
    { path: PRESENT },
  );
  assert.equal((await state(page)).tourStep, -1, 'no tour runs yet');
  // Key, the step it opens: Right starts the tour, a clicker's PageDown steps on, Left and PageUp step back.
  for (const [key, step] of [
    ['ArrowRight', 0],
    ['ArrowRight', 1],
    ['PageDown', 2],
    ['PageDown', 3],
    ['ArrowLeft', 2],
    ['PageUp', 1],
    ['ArrowRight', 2],
    ['ArrowRight', 3],
  ]) {
    await page.keyboard.press(key);
    await waitForState(page, (s, want) => s.tourStep === want && s.changes.pending === 0, step);
    const s = STEPS[step];
    assert.equal(await seen(page, '#tour .tour-title'), s.title, `${key}: step ${step + 1}'s title shows`);
    assert.equal(await seen(page, '#tour .tour-watch'), s.watch, `${key}: and what to watch`);
    assert.equal(await visible(page, '#present-claim'), false, 'the step’s sentence replaces the claim');
    await nextText(page);
    // A step on one enlarged pane shows that pane's network.
    const named = s.view.layout === 'compare' ? SHOWN : [`#network-${s.view.single}`, '#r-chart'];
    await assertShown(page, ['#tour .tour-title', '#tour .tour-watch-line', ...named], `step ${step + 1}`);
  }
  await assertContrast(page, 'present mode, touring');
  await page.screenshot({ path: `${SHOTS}present-1280x720-tour.png` });

  // Step 4 (dense versus clustered) runs; Escape leaves present mode, not the tour, nor the run.
  await waitForState(page, (s) => s.time > 1);
  const before = await state(page);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.body.classList.contains('present'));
  assert.equal(
    await page.evaluate(() => new URLSearchParams(location.search).get('present')),
    null,
    'the address drops present=1',
  );
  await waitForState(page, (s, t) => s.time > t + 0.5, before.time);
  const after = await state(page);
  assert.equal(after.builds, before.builds, 'no run was built again');
  assert.equal(after.tourStep, before.tourStep, 'the tour stays at its step');
  assert.equal(after.preset, before.preset);
  assert.equal(after.seed, before.seed);
  assert.deepEqual(
    after.panes.map((p) => p.scenario),
    before.panes.map((p) => p.scenario),
    'the same scenario runs',
  );
  assert.ok(after.playing && after.time > before.time, `the run went on: ${before.time} then ${after.time} cycles`);
  for (const sel of ['#scenario-form', '#experiments', '.toolbar', '#timeline', '#tour-start']) {
    assert.ok(await visible(page, sel), `${sel} is back`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Present button opens present mode, which the link and a reload keep; Q shows the QR code for phones', async () => {
  const { page, context, problems } = await openPage(harness, { viewport: { width: 1280, height: 720 } });
  await page.selectOption('#preset', 'young');
  await waitForState(page, (s) => s.preset === 'young' && s.changes.pending === 0);
  await page.click('#present-start');
  assert.ok(await page.evaluate(() => document.body.classList.contains('present')));
  const young = PRESETS.find((p) => p.id === 'young');
  assert.equal(await seen(page, '#present-claim'), young.claim);
  await linkWritten(page);
  const link = await page.evaluate(() => location.href);
  assert.match(link, /\?present=1#v=/, 'the address keeps present mode and the scenario');

  await page.keyboard.press('q');
  const code = page.locator('#qr-dialog .qr-code');
  await code.waitFor({ state: 'visible' });
  const box = await code.boundingBox();
  assert.ok(box.width >= 300 && box.height >= 300, `the code is ${Math.round(box.width)} px: it scans from the back`);
  assert.ok(box.y >= 0 && box.y + box.height <= 720, 'and lies wholly in the window');
  assert.equal(
    await page.textContent('#qr-dialog .qr-link'),
    link.replace('?present=1', ''),
    'it holds the scenario’s link, which opens the page on a phone, not present mode',
  );
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#qr-dialog').open);
  assert.ok(
    await page.evaluate(() => document.body.classList.contains('present')),
    'Escape closed the code, not present mode',
  );

  await page.reload();
  await opened(page);
  assert.ok(
    await page.evaluate(() => document.body.classList.contains('present')),
    'a reload opens present mode again',
  );
  const s = await state(page);
  assert.equal(s.preset, 'young', 'with the scenario of the link');
  assert.equal(await seen(page, '#present-claim'), young.claim);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the last step’s experiment button leaves present mode, whose window has no room for the panel, and opens it', async () => {
  const { page, context, problems } = await openPage(
    harness,
    { viewport: { width: 1280, height: 720 } },
    { path: PRESENT },
  );
  for (let i = 0; i < STEPS.length; i++) {
    await page.keyboard.press('PageDown');
    await waitForState(page, (s, want) => s.tourStep === want && s.changes.pending === 0, i);
  }
  const last = await state(page);
  await page.keyboard.press('PageDown');
  await nextText(page);
  const after = await state(page);
  assert.equal(after.tourStep, STEPS.length - 1, 'past the last step the clicker stays there');
  assert.equal(after.builds, last.builds, 'and does not start the step again');
  const action = STEPS.at(-1).action;
  assert.equal(await seen(page, '#tour .tour-action'), action.text);
  await page.click('#tour .tour-action');
  await page.waitForFunction(() => document.activeElement?.id === 'experiments');
  assert.equal(await page.evaluate(() => document.body.classList.contains('present')), false, 'present mode is left');
  assert.ok(await visible(page, '#experiments'), 'the experiments panel shows');
  assert.equal((await state(page)).tourStep, -1, 'and the tour is closed');
  assert.deepEqual(problems, []);
  await context.close();
});
