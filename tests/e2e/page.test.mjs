// What a visitor does on the page: load it, watch, reset with a new seed,
// type a bad value, use the keyboard, open it on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startHarness, openPage, state, nextFrames, canvasSample, differingPixels,
  watchFlashPixels, sleep,
} from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

test('the page loads and runs with no console or page errors', async () => {
  const { page, context, problems } = await openPage(harness);
  await sleep(1000);
  const s = await state(page);
  assert.equal(s.error, null);
  assert.equal(s.playing, true);
  assert.equal(s.firms, 60);
  assert.ok(s.ties > 0, 'the network has ties');
  assert.ok(s.time > 0.5, `time advances while playing (t = ${s.time})`);
  assert.equal(await page.isHidden('#error'), true, 'no error message is shown');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the canvas is not blank', async () => {
  const { page, context } = await openPage(harness);
  const pixels = await canvasSample(page);
  const [r0, g0, b0] = pixels;
  let differ = 0;
  for (let i = 0; i < pixels.length; i += 3) {
    if (Math.abs(pixels[i] - r0) + Math.abs(pixels[i + 1] - g0) + Math.abs(pixels[i + 2] - b0) > 30) differ++;
  }
  assert.ok(differ > 200, `firms and ties are drawn (${differ} of ${pixels.length / 3} samples differ from the background)`);
  await context.close();
});

test('firms flash while playing: pixels change and release colour appears', async () => {
  const { page, context } = await openPage(harness);
  const a = await canvasSample(page);
  await sleep(300);
  const b = await canvasSample(page);
  assert.ok(differingPixels(a, b) > 0, 'the picture changes between frames');
  const series = await watchFlashPixels(page, 2500);
  const peak = Math.max(...series.map((f) => f.n));
  assert.ok(peak > 0, 'some frame shows a firm in the release colour');
  assert.equal((await state(page)).display, 'flash');
  await context.close();
});

test('reset with a new seed changes the picture', async () => {
  const { page, context } = await openPage(harness);
  await page.click('#play');
  assert.equal((await state(page)).playing, false);
  await nextFrames(page, 0);
  const before = await canvasSample(page);
  await page.fill('#seed', '2');
  await page.click('#reset');
  await page.waitForFunction(() => window.lockstep.state().settings.seed === 2);
  await sleep(200);
  const s = await state(page);
  assert.equal(s.playing, false, 'reset keeps the run paused');
  assert.ok(s.time < 1e-9, 'the new run starts at time 0');
  const afterReset = await canvasSample(page);
  const changed = differingPixels(before, afterReset);
  assert.ok(changed > 100, `the network differs (${changed} samples changed)`);
  await context.close();
});

test('a bad seed or speed shows a message beside it and the run goes on', async () => {
  const { page, context, problems } = await openPage(harness);
  await page.fill('#seed', '12abc');
  await page.press('#seed', 'Enter');
  await page.waitForSelector('#seed-msg:not(:empty)');
  assert.match(await page.textContent('#seed-msg'), /whole number from 0 to 4294967295/);
  assert.equal(await page.getAttribute('#seed', 'aria-invalid'), 'true');

  await page.fill('#seed', '4294967296');
  await page.press('#seed', 'Enter');
  assert.match(await page.textContent('#seed-msg'), /whole number/);

  await page.fill('#speed', '99');
  await page.press('#speed', 'Tab');
  assert.match(await page.textContent('#speed-msg'), /from 0\.1 to 10 cycles per second/);

  const t0 = (await state(page)).time;
  await sleep(500);
  const s = await state(page);
  assert.equal(s.settings.seed, 1, 'the run keeps its last good seed');
  assert.equal(s.speed, 1, 'and its last good speed');
  assert.ok(s.time > t0, 'and keeps running');

  // The largest seed is fine, and clears the message.
  await page.fill('#seed', '4294967295');
  await page.press('#seed', 'Enter');
  await page.waitForFunction(() => window.lockstep.state().settings.seed === 4294967295);
  assert.equal(await page.textContent('#seed-msg'), '');
  assert.equal(await page.getAttribute('#seed', 'aria-invalid'), 'false');
  assert.equal(await page.isHidden('#error'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('space plays and pauses', async () => {
  const { page, context } = await openPage(harness);
  await page.click('h1'); // focus on the page, not a control
  assert.equal((await state(page)).playing, true);
  await page.keyboard.press('Space');
  assert.equal((await state(page)).playing, false);
  assert.equal((await page.textContent('#play')).trim(), 'Play');
  const t = (await state(page)).time;
  await sleep(300);
  assert.equal((await state(page)).time, t, 'time stands still while paused');
  await page.keyboard.press('Space');
  assert.equal((await state(page)).playing, true);
  assert.equal((await page.textContent('#play')).trim(), 'Pause');

  // The play button itself toggles on space, like any button.
  await page.focus('#play');
  await page.keyboard.press('Space');
  assert.equal((await state(page)).playing, false);
  await context.close();
});

test('step advances a paused run by a twentieth of a cycle', async () => {
  const { page, context } = await openPage(harness);
  await page.click('#play');
  const t = (await state(page)).time;
  await page.click('#step');
  await page.waitForFunction((t0) => window.lockstep.state().time > t0, t);
  const s = await state(page);
  assert.equal(s.playing, false);
  assert.ok(Math.abs(s.time - t - 0.05) < 1e-6, `time moved by ${s.time - t}`);
  await context.close();
});

for (const width of [375, 320]) {
  test(`no horizontal scroll at ${width} px`, async () => {
    const { page, context } = await openPage(harness, { viewport: { width, height: 740 } });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `page is ${scrollWidth} px wide`);
    const canvasWidth = await page.evaluate(() => document.getElementById('network').getBoundingClientRect().width);
    assert.ok(canvasWidth > width * 0.8, `the canvas uses the width (${canvasWidth} px)`);
    await context.close();
  });
}
