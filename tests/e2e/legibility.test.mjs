// Legible on a projector and a phone, computed rather than eyeballed: every
// visible text at least 4.5:1 against its background (3:1 when large), the
// ties at least 3:1 against the canvas, no glyph that needs an emoji font,
// readouts large when enlarged, panes whose canvases line up, legend
// symbols beside their words, and word definitions that open in the page
// without covering the next control.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, waitForState, changesDone, drawn, queuedTasksRun } from './harness.mjs';
import { PAGE_TEXT_CONTRAST, parseColour, over, contrast } from './contrast.mjs';
import { TIE, BACKGROUND } from '../../www/draw/palette.js';
import { STEPS } from '../../www/controls/tour.js';
import { PRESETS } from '../../www/controls/presets.js';
import { TERMS } from '../../www/controls/terms.js';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

// Emoji by default, forced to emoji, or in the planes only emoji fonts
// cover (the eye of the old tour box, U+1F441, is one).
const EMOJI = /\p{Emoji_Presentation}|\uFE0F|[\u{1F000}-\u{1FFFF}]/u;

test('ties stand at least 3:1 against the canvas', () => {
  const bg = parseColour(BACKGROUND);
  const ratio = contrast(over(parseColour(TIE), bg), bg);
  assert.ok(ratio >= 3, `ties at ${ratio.toFixed(2)}:1`);
});

test('no text of the page, its tour, presets or terms needs an emoji font', () => {
  assert.match('👁 Watch', EMOJI, 'the check catches an emoji');
  const texts = [
    ...STEPS.flatMap((s) => [s.title, s.text, s.watch, s.waiting ?? '']),
    ...PRESETS.flatMap((p) => [p.context, p.claim]),
    ...Object.values(TERMS).flat(),
  ];
  for (const t of texts) assert.doesNotMatch(t, EMOJI, t);
});

test('every visible text is at least 4.5:1 (large text 3:1), with the tour, terms and sections open', async () => {
  const { page, context } = await openPage(harness, { viewport: { width: 1280, height: 720 } });
  // The scan must catch what it is for: a planted grey line fails it.
  await page.evaluate(() => {
    const p = Object.assign(document.createElement('p'), { id: 'planted', textContent: 'planted grey text' });
    p.style.color = '#999999';
    document.querySelector('.intro').append(p);
  });
  let rows = await page.evaluate(PAGE_TEXT_CONTRAST);
  assert.ok(
    rows.some((r) => r.selector === 'p#planted' && r.ratio < 4.5),
    'the scan finds low contrast',
  );
  await page.evaluate(() => document.getElementById('planted').remove());
  await page.click('#tour-start');
  await waitForState(page, (s) => s.tourStep === 0);
  await changesDone(page); // the tour's first scenario runs
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    for (const b of document.querySelectorAll('.term-q, .term-word')) b.click();
  });
  // Every section is open and every definition shown (the clicks are synchronous; the
  // sections' toggle events, which fill some of them, run as tasks).
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('details')].every((d) => d.open) &&
      [...document.querySelectorAll('.term-q, .term-word')].every((b) => b.getAttribute('aria-expanded') === 'true'),
  );
  await queuedTasksRun(page);
  rows = await page.evaluate(PAGE_TEXT_CONTRAST);
  const bad = rows.filter((r) => r.ratio < (r.large ? 3 : 4.5));
  assert.ok(rows.length > 150, `${rows.length} texts scanned`);
  assert.deepEqual(
    bad.map((r) => `${r.selector} "${r.text}" ${r.ratio.toFixed(2)}:1`),
    [],
  );
  const body = await page.evaluate(() => document.body.textContent);
  assert.doesNotMatch(body, EMOJI, 'no emoji on the page');
  await context.close();
});

test('enlarged, the readouts are large; side by side, the canvases line up', async () => {
  const { page, context } = await openPage(harness, { viewport: { width: 1280, height: 800 } });
  await page.selectOption('#pane-0-kind', 'wattsStrogatz'); // a longer title and help line on the left only
  await waitForState(page, (s) => s.panes[0].kind === 'wattsStrogatz');
  const tops = await page.evaluate(() =>
    [0, 1].map((i) => document.getElementById(`network-${i}`).getBoundingClientRect().top),
  );
  assert.ok(Math.abs(tops[0] - tops[1]) < 1, `canvas tops ${tops}`);
  const legend = await page.evaluate(() =>
    [...document.querySelectorAll('.legend-item')]
      .filter((el) => el.querySelector('.key'))
      .map((el) => {
        const k = el.querySelector('.key').getBoundingClientRect();
        const r = el.getBoundingClientRect();
        return k.top >= r.top - 1 && k.bottom <= r.bottom + 1 && r.height < 30;
      }),
  );
  assert.ok(legend.length >= 5 && legend.every(Boolean), 'each legend symbol sits on its word’s line');
  await page.click('#pane-1 .enlarge');
  await waitForState(page, (s) => s.layout === 'single');
  await drawn(page);
  const size = await page.evaluate(() =>
    parseFloat(getComputedStyle(document.querySelector('#pane-1 .live dd')).fontSize),
  );
  assert.ok(size >= 32, `readouts at ${size} px`);
  await context.close();
});

test('on a phone a tapped definition opens in the page and covers no control', async () => {
  const { page, context } = await openPage(harness, {
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  for (const sel of ['#pane-0 .term-word', '.lede .term-q', '.field:has(#p-dissipation) .field-q']) {
    const button = page.locator(sel).first();
    await button.scrollIntoViewIfNeeded();
    await button.tap();
    await page.waitForFunction((s) => document.querySelector(s).getAttribute('aria-expanded') === 'true', sel);
    const overlap = await page.evaluate((s) => {
      const b = document.querySelector(s);
      const def = document.getElementById(b.getAttribute('aria-controls'));
      const d = def.getBoundingClientRect();
      if (d.height === 0) return 'not shown';
      const hit = [...document.querySelectorAll('button, input, select, textarea, a, canvas')].filter((c) => {
        if (def.contains(c) || c === b) return false;
        const r = c.getBoundingClientRect();
        return r.height > 0 && r.left < d.right && r.right > d.left && r.top < d.bottom && r.bottom > d.top;
      });
      return hit.map((c) => c.id || c.className || c.tagName);
    }, sel);
    assert.deepEqual(overlap, [], `${sel}: the definition shows and overlaps no control`);
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
  }
  await context.close();
});
