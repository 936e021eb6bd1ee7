// From random phases the firms fall into step: the order parameter r shown in
// the readout rises to near 1 on a dense network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, state, readoutNumber, sleep } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

test('r rises from random phases to near 1 on a dense network', async () => {
  const { page, context, problems } = await openPage(harness);
  await page.click('#play'); // pause, so the early reading is at time 0
  await page.fill('#ties-per-firm', '20');
  await page.press('#ties-per-firm', 'Enter');
  await page.waitForFunction(() => window.lockstep.state().settings.tiesPerFirm === 20);
  await sleep(200);
  const early = await readoutNumber(page, '#r');
  const startState = await state(page);
  assert.ok(startState.time < 1e-9, 'the reading is taken at the start');
  assert.ok(early < 0.5, `random phases are spread out (r = ${early})`);

  await page.click('#play');
  await page.waitForFunction(() => window.lockstep.state().time > 6, null, { timeout: 20000 });
  await sleep(200); // the readout refreshes a few times a second
  const late = await readoutNumber(page, '#r');
  const s = await state(page);
  console.log(`r early ${early}, r late ${late} at t = ${s.time.toFixed(1)} cycles; synchronized at ${s.syncTime}`);
  assert.ok(late > early, `r rises (${early} -> ${late})`);
  assert.ok(late > 0.9, `the firms are in step (r = ${late})`);
  assert.equal(s.bursts, 1, 'one rhythm is left');
  assert.match(await page.textContent('#sync'), /^at \d+\.\d cycles$/);
  assert.deepEqual(problems, []);
  await context.close();
});
