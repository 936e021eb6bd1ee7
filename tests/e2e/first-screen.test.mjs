// The first screen tells the story: at a projector's 1280x720 and a phone's
// 375x740, the one-sentence claim, both networks and their verdicts are on
// screen before any scroll. Nothing runs before a person can see it: a
// window too short to show the panes waits, says so, and starts when they
// are scrolled into view or at the reader's first action; the calm display
// does not flicker on as the first cascades come. Screenshots go to
// test-results/first-screen-<width>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startHarness, openPage, opened, state, waitForState, nextText } from './harness.mjs';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
let harness;
before(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await harness?.close();
});

/** Records in the page, from its first script, each time the display turns calm or back (window.calmTurns). */
const recordCalmTurns = (page) =>
  page.addInitScript(() => {
    window.calmTurns = [];
    new MutationObserver(() => {
      const calm = document.body?.classList.contains('calm') ?? false;
      if ((window.calmTurns.at(-1)?.calm ?? false) !== calm)
        window.calmTurns.push({ calm, time: window.lockstep?.state().time ?? null });
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['class'] });
  });

/** In the page: where each selector's element lies against the window, and its text. */
const where = (page, sels) =>
  page.evaluate((list) => {
    return list.map((sel) => {
      const el = document.querySelector(sel);
      const r = el.getBoundingClientRect();
      return {
        sel,
        text: el.textContent.trim(),
        onScreen: r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth,
        at: [r.left, r.top, r.right, r.bottom].map(Math.round),
      };
    });
  }, sels);

for (const [width, height, verdicts] of [
  [1280, 720, ['#verdict li.v-0', '#verdict li.v-1']],
  [375, 740, ['#pane-0 .sync-line', '#pane-1 .sync-line']],
]) {
  test(`at ${width}x${height} the claim, both networks and their verdicts are on the first screen`, async () => {
    const phone = width < 500;
    const { page, context, problems } = await openPage(
      harness,
      { viewport: { width, height }, ...(phone ? { isMobile: true, hasTouch: true } : {}) },
      { route: recordCalmTurns },
    );
    await opened(page);
    await nextText(page);
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'nothing scrolled');
    const found = await where(page, ['.claim', '#network-0', '#network-1', ...verdicts]);
    for (const f of found) assert.ok(f.onScreen, `${f.sel} at ${f.at} is within ${width}x${height}`);
    for (const f of found.slice(3)) assert.match(f.text, /\w+/, `${f.sel} says something`);
    const s = await state(page);
    assert.equal(s.playing, true, 'the panes are in view, so they run');
    await page.screenshot({ path: `${SHOTS}first-screen-${width}.png` });
    // The first cycles' cascades never tick the calm display by themselves (no flicker on load).
    await waitForState(page, (s) => s.time >= 5);
    assert.deepEqual(await page.evaluate(() => window.calmTurns), [], 'the display stayed as it opened');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

/** Opens the page in a window too short to show the panes: it is open once its runs are built and its link read. */
async function openShort() {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 180 } });
  const page = await context.newPage();
  await page.goto(`${harness.server.url}index.html`);
  await page.waitForFunction(
    () => {
      const s = window.lockstep?.state();
      return s?.ready && s.frames > 0 && s.link?.opened;
    },
    null,
    { timeout: 60000 },
  );
  return { page, context };
}

test('a window that does not show the panes waits, says so, and starts when they come into view', async () => {
  const { page, context } = await openShort();
  const before = await state(page);
  assert.equal(before.playing, false, 'nothing runs unseen');
  assert.equal(before.time, 0);
  assert.match(await page.textContent('#start-note'), /Paused until the networks are in view/);
  await page.evaluate(() => document.getElementById('network-0').scrollIntoView({ block: 'center' }));
  await waitForState(page, (s) => s.playing && s.time > 0);
  assert.equal(await page.textContent('#start-note'), '');
  await context.close();
});

test('the first action starts the panes too, and pressing Play decides for itself', async () => {
  const { page, context } = await openShort();
  assert.equal((await state(page)).playing, false);
  await page.keyboard.press('Tab');
  await waitForState(page, (s) => s.playing && s.time > 0);
  await context.close();

  const other = await openShort();
  await other.page.evaluate(() => document.getElementById('play').scrollIntoView());
  // Scrolling the toolbar in can bring the panes' top into view: only a paused page is tested here.
  if (!(await state(other.page)).playing) {
    await other.page.click('#play');
    await waitForState(other.page, (s) => s.playing);
    await other.page.click('#play');
    await waitForState(other.page, (s) => !s.playing);
  }
  await other.context.close();
});
