// Flash safety: the canvas never flashes more than 3 times a second, and
// prefers-reduced-motion gets the calm display from the start. Pixels are
// read per frame from the Canvas 2D renderer; webgl.test.mjs shows that the
// WebGL renderer lights the same firms on the same frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, state, watchFlashPixels, setValue, waitForState, CANVAS_2D } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/**
 * Large flashes seen in the pixels: frames where the flash-coloured area
 * rises past half its peak. Returns the most found in any one second.
 */
function largeFlashesPerSecond(series) {
  const peak = Math.max(...series.map((f) => f.n));
  if (peak === 0) return 0;
  const starts = [];
  for (let i = 1; i < series.length; i++) {
    if (series[i].n >= peak / 2 && series[i - 1].n < peak / 2) starts.push(series[i].t);
  }
  let most = 0;
  for (const t of starts) most = Math.max(most, starts.filter((u) => u >= t && u < t + 1000).length);
  return most;
}

// Both panes dense (G(n, m), hybrid defaults): they fall into step on the
// coordinators' roadmap within a few cycles, so they flash together.
async function denseSyncedRun(page, speed) {
  await page.selectOption('#pane-0-kind', 'gnm');
  await waitForState(page, (s) => s.panes[0].kind === 'gnm');
  await setValue(page, '#speed', speed);
  await waitForState(page, (s) => s.panes.every((p) => p.syncTime !== undefined));
}

test('reduced motion starts in the calm display and nothing flashes', async () => {
  const { page, context, problems } = await openPage(harness, { reducedMotion: 'reduce' }, { path: CANVAS_2D });
  assert.equal(await page.isChecked('#calm'), true, 'the calm toggle is on');
  const before = await state(page);
  assert.equal(before.display, 'calm');
  const series = await watchFlashPixels(page, 2500); // the window is the measurement: what a reader sees
  const after = await state(page);
  assert.ok(after.panes[0].releases > before.panes[0].releases, 'firms released meanwhile');
  assert.equal(Math.max(...series.map((f) => f.n)), 0, 'no pixel in the release colour');
  assert.equal(after.flashingFirms, 0);
  assert.equal(after.maxLargeFlashesPerSecond, 0);
  assert.equal(await page.isVisible('.legend-calm'), true, 'the legend explains the calm display');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the calm toggle turns flashing off and on', async () => {
  const { page, context } = await openPage(harness, {}, { path: CANVAS_2D });
  // Bursts in the first cycle of two panes can make the limiter hold the
  // calm display for a moment; flashing starts once that is over.
  await waitForState(page, (s) => s.display === 'flash');
  await page.check('#calm');
  const s = await state(page);
  assert.equal(s.display, 'calm');
  assert.equal(s.calmReason, 'chosen');
  const series = await watchFlashPixels(page, 1500); // the measurement window
  assert.ok((await state(page)).panes[0].releases > s.panes[0].releases, 'firms released meanwhile');
  assert.equal(Math.max(...series.map((f) => f.n)), 0);
  await page.uncheck('#calm');
  assert.equal((await state(page)).display, 'flash');
  await context.close();
});

test('at the top speed the display is calm: no more than 3 large flashes a second', async () => {
  const { page, context, problems } = await openPage(harness, {}, { path: CANVAS_2D });
  await denseSyncedRun(page, '10');
  const before = await state(page);
  const series = await watchFlashPixels(page, 2500); // the measurement window
  const s = await state(page);
  assert.ok(s.panes[0].releases > before.panes[0].releases, 'firms released meanwhile');
  assert.equal(s.display, 'calm');
  assert.equal(s.calmReason, 'limiter');
  assert.equal(await page.isChecked('#calm'), true, 'the checkbox shows the display is calm');
  assert.match(
    await page.textContent('#calm-note'),
    /at 10\.0 cycles\/s the network would flash more than 3 times a second\. Flashing returns at 2\.9 cycles\/s or slower/,
  );
  assert.equal(Math.max(...series.map((f) => f.n)), 0, 'nothing is drawn in the release colour');
  assert.ok(s.maxLargeFlashesPerSecond <= 3, `most large flashes in a second: ${s.maxLargeFlashesPerSecond}`);
  assert.deepEqual(problems, []);
  await context.close();
});

// The limiter predicts large flashes a second from the simulated times of
// the last bursts, each seen at the end of the frame that drew it. At 2.8
// cycles a second, frames more than this far apart can put the prediction
// at 3 (2 cycles between bursts read as 2 - 0.13), and the display rightly
// turns calm: steady flashing cannot be measured on a machine that slow.
const SLOWEST_FRAME_MS = 45;

test('just below 3 cycles a second a synchronized network flashes, at most 3 times a second', async (t) => {
  const { page, context } = await openPage(harness, {}, { path: CANVAS_2D });
  await denseSyncedRun(page, '2.8');
  // Several rhythms on the way to synchrony may have made it calm for a while.
  await waitForState(page, (s) => s.display === 'flash');
  // Three seconds of wall time are the measurement: flashes a second, as a reader sees them.
  const series = await watchFlashPixels(page, 3000);
  const displays = series.map((f) => f.display);
  const s = await state(page);
  const seen = largeFlashesPerSecond(series);
  const slowest = Math.max(...series.slice(1).map((f, i) => f.t - series[i].t));
  const predicted = Math.max(...series.map((f) => f.predicted));
  console.log(
    `speed 2.8: displays ${[...new Set(displays)]}, large flashes in a second: counted ${s.maxLargeFlashesPerSecond}, seen in pixels ${seen}; predicted up to ${predicted.toFixed(2)}, frames up to ${slowest.toFixed(0)} ms apart`,
  );
  if (displays.includes('calm') && predicted >= 3 && slowest > SLOWEST_FRAME_MS) {
    t.skip(`frames up to ${slowest.toFixed(0)} ms apart: the limiter's prediction reached ${predicted.toFixed(2)}`);
    await context.close();
    return;
  }
  assert.ok(
    displays.every((d) => d === 'flash'),
    'the display keeps flashing (no toggling)',
  );
  assert.ok(seen >= 2 && seen <= 3, `seen in the pixels: ${seen} in one second`);
  assert.ok(s.maxLargeFlashesPerSecond <= 3, `counted: ${s.maxLargeFlashesPerSecond}`);
  await context.close();
});

test('at 3 cycles a second and more the display is calm', async () => {
  const { page, context } = await openPage(harness, {}, { path: CANVAS_2D });
  await denseSyncedRun(page, '3');
  const before = await state(page);
  const series = await watchFlashPixels(page, 1500); // the measurement window
  const s = await state(page);
  assert.ok(s.panes[0].releases > before.panes[0].releases, 'firms released meanwhile');
  assert.equal(s.display, 'calm');
  assert.equal(Math.max(...series.map((f) => f.n)), 0);
  await context.close();
});

test('back at a slow speed the flashing returns', async () => {
  const { page, context } = await openPage(harness, {}, { path: CANVAS_2D });
  await denseSyncedRun(page, '10');
  assert.equal((await state(page)).display, 'calm');
  await setValue(page, '#speed', '1');
  await waitForState(page, (s) => s.display === 'flash');
  const series = await watchFlashPixels(page, 2500); // the measurement window, as above
  assert.ok(Math.max(...series.map((f) => f.n)) > 0, 'firms flash again');
  assert.ok(largeFlashesPerSecond(series) <= 3);
  await context.close();
});
