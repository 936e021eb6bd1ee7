// The page by keyboard: Space plays and pauses after clicking any button or
// box (and never presses or ticks it); a select changes only once confirmed;
// a network canvas takes focus, the arrow keys step through its firms and
// Enter inspects one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, state, waitForState, changesDone, queuedTasksRun, pause } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

test('Space toggles play after clicking any button or box, and presses none of them', async () => {
  const { page, context, problems } = await openPage(harness, { viewport: { width: 1280, height: 800 } });
  const clickables = [
    '#new-seed',
    '#step',
    '#reset',
    '#pane-1 .enlarge',
    '#pane-1 .enlarge',
    '#play',
    '.lede .term-q',
    '#pane-0 .term-word',
    '#calm',
    '#import summary',
    '#tour-start',
    '.tour-next',
  ];
  for (const sel of clickables) {
    await page.locator(sel).first().click();
    await changesDone(page); // what the click asked for (a new seed, a restart, a tour step) is done
    const before = await state(page);
    const open = await page.evaluate(() => document.getElementById('import').open);
    await page.keyboard.press('Space');
    await queuedTasksRun(page);
    await changesDone(page); // and so is anything Space might have asked for
    const after = await state(page);
    assert.equal(after.playing, !before.playing, `Space after clicking ${sel} toggles play`);
    assert.equal(after.seed, before.seed, `Space after clicking ${sel} draws no new seed`);
    assert.equal(after.layout, before.layout, `Space after clicking ${sel} presses nothing`);
    assert.equal(after.tourStep, before.tourStep, `Space after clicking ${sel} moves no tour step`);
    // The box shows the display (the limiter may tick it); the reader's choice must not change.
    assert.equal(
      after.calmReason === 'chosen',
      before.calmReason === 'chosen',
      `Space after clicking ${sel} ticks no box`,
    );
    assert.equal(await page.evaluate(() => document.getElementById('import').open), open, 'nor opens a section');
  }
  // Enter still presses a focused button; a text field keeps its Space.
  await page.focus('#new-seed');
  const seed = (await state(page)).seed;
  await page.keyboard.press('Enter');
  await waitForState(page, (s, was) => s.seed !== was, seed);
  const playing = (await state(page)).playing;
  await page.fill('#seed', '');
  await page.keyboard.type('1 2');
  assert.equal(await page.inputValue('#seed'), '1 2', 'Space types in the seed field');
  assert.equal((await state(page)).playing, playing, 'and does not toggle play there');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a network select changes only on confirm: Enter or leaving it applies, Escape keeps', async () => {
  const { page, context } = await openPage(harness);
  const kind0 = (await state(page)).panes[0].kind;
  const { asked } = (await state(page)).changes;
  // The select's hint shows once it has handled a key; then nothing may have been asked of the store.
  const keyHandled = async (id) => {
    await page.waitForFunction((id) => /Enter applies/.test(document.getElementById(`${id}-pending`).textContent), id);
    await queuedTasksRun(page);
  };
  await page.focus('#pane-0-kind');
  await page.keyboard.press('ArrowDown');
  await keyHandled('pane-0-kind');
  assert.equal((await state(page)).changes.asked, asked, 'ArrowDown on the closed select asks for no change');
  assert.equal((await state(page)).panes[0].kind, kind0, 'ArrowDown on the closed select switches nothing');
  assert.notEqual(await page.inputValue('#pane-0-kind'), kind0, 'the select shows the pending choice');
  await page.keyboard.press('Escape');
  assert.equal(await page.inputValue('#pane-0-kind'), kind0, 'Escape takes it back');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const chosen = await page.inputValue('#pane-0-kind');
  await keyHandled('pane-0-kind');
  assert.equal((await state(page)).changes.asked, asked);
  assert.equal((await state(page)).panes[0].kind, kind0);
  await page.keyboard.press('Enter');
  await waitForState(page, (s, want) => s.panes[0].kind === want, chosen);
  // Leaving the select confirms too.
  await page.keyboard.press('ArrowDown');
  const next = await page.inputValue('#pane-0-kind');
  await page.keyboard.press('Tab');
  await waitForState(page, (s, want) => s.panes[0].kind === want, next);
  // The scenario menu waits as well.
  await page.focus('#preset');
  assert.equal((await state(page)).preset, null, 'an edited scenario is your own');
  await changesDone(page);
  const presetAsked = (await state(page)).changes.asked;
  await page.keyboard.press('ArrowUp'); // from "Your own scenario" to the last preset
  await keyHandled('preset');
  assert.equal((await state(page)).changes.asked, presetAsked, 'ArrowUp on the scenario menu asks for nothing');
  assert.equal((await state(page)).preset, null, 'ArrowUp on the scenario menu loads nothing');
  await page.keyboard.press('Enter');
  await waitForState(page, (s) => s.preset === 'locality');
  await context.close();
});

test('a canvas takes focus; arrows step to the nearest firm that way; Enter inspects it', async () => {
  const { page, context } = await openPage(harness, { viewport: { width: 1280, height: 800 } });
  await pause(page); // positions settle, nothing moves
  let found = false;
  await page.focus('#pane-1 .enlarge');
  for (let i = 0; i < 10 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.id === 'network-1');
  }
  assert.ok(found, 'Tab reaches the right pane’s network');
  const cursor = async () => Number(/firm (\d+)/.exec(await page.textContent('#pane-1 .firm-cursor'))?.[1]);
  const first = await cursor();
  assert.ok(Number.isInteger(first), 'focus puts a firm under the cursor and says which');
  const at = (f) => page.evaluate((i) => window.lockstep.firmAt(1, i), f);
  const start = await at(first);
  await page.keyboard.press('ArrowRight');
  const right = await cursor();
  if (right !== first) assert.ok((await at(right)).x > start.x, 'ArrowRight goes right');
  await page.keyboard.press('ArrowDown');
  const down = await cursor();
  if (down !== right) assert.ok((await at(down)).y > (await at(right)).y, 'ArrowDown goes down');
  assert.equal(await page.isHidden('#inspector'), true, 'stepping does not open the inspector');
  await page.keyboard.press('Enter');
  await waitForState(page, (s, f) => s.selected === f, down);
  assert.match(await page.textContent('#insp-title'), new RegExp(`^Dense: firm ${down}(, coordinator)?$`));
  await page.keyboard.press('ArrowLeft');
  const left = await cursor();
  await waitForState(page, (s, f) => s.selected === f, left);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'network-1', 'focus stays on the canvas');
  await page.keyboard.press('Escape');
  await waitForState(page, (s) => s.selected === -1);
  await context.close();
});
