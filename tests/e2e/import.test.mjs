// Import an alliance network from CSV: a pasted edge list with names and an
// attributes file runs in the chosen pane, names show on hover and the link
// carries it; a bad CSV names its line and imports nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, state, waitForState, opened, changesDone } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const names = ['Intel', 'Microsoft', 'Dell', 'HP', 'Lenovo', 'Acer', 'Asus', 'Nvidia', 'AMD', 'Qualcomm'];
const EDGES = [
  'source,target,weight',
  ...names.flatMap((a, i) => names.slice(i + 1, i + 4).map((b) => `${a},${b},1`)),
].join('\n');

test('a CSV edge list imports into a pane and runs; the link carries it', async () => {
  const { page, context, problems } = await openPage(harness);
  await page.click('#import summary');
  await page.fill('.imp-ties', EDGES);
  await page.fill('.imp-attrs', 'firm,subgroup,coordinator\nIntel,chips,1\nMicrosoft,software,1');
  await page.selectOption('.imp-pane', '1');
  await page.click('.imp-go');
  await waitForState(page, (s) => s.panes[1].kind === 'edgeList');
  assert.match(await page.textContent('.imp-msg'), /Imported 10 firms and \d+ ties into the right pane/);
  const s = await state(page);
  assert.equal(s.panes[1].firms, 10);
  assert.equal(s.panes[1].label, 'Imported');
  await waitForState(page, (st, _t) => st.panes[1].releases > 10, null);
  // A firm's name on hover.
  const at = await page.evaluate(() => window.lockstep.firmAt(1, 0));
  await page.mouse.move(0, 0);
  await page.locator('#network-1').scrollIntoViewIfNeeded();
  const box = await page.locator('#network-1').boundingBox();
  await page.mouse.move(box.x + at.x, box.y + at.y);
  await page.waitForFunction(() => document.getElementById('network-1').title !== '');
  assert.ok(names.includes(await page.getAttribute('#network-1', 'title')));
  // The link holds the imported network.
  await page.click('#copy-link');
  const url = await page.inputValue('#share-url');
  assert.match(url, /net=import/);
  const fresh = await context.newPage();
  await fresh.goto(url);
  await opened(fresh); // its link is in
  assert.equal((await state(fresh)).panes[1].kind, 'edgeList');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad CSV says which line and why, and nothing is imported', async () => {
  const { page, context, problems } = await openPage(harness);
  await page.click('#import summary');
  await page.fill('.imp-ties', 'a,b\nb,c\nc\nd,e');
  await page.click('.imp-go');
  await page.waitForSelector('.imp-msg.bad');
  await changesDone(page);
  const msg = await page.textContent('.imp-msg');
  assert.match(msg, /line 3/);
  assert.match(msg, /Nothing was imported/);
  const s = await state(page);
  assert.deepEqual(
    s.panes.map((p) => p.kind),
    ['plantedPartition', 'gnm'],
    'the panes keep their networks',
  );
  assert.deepEqual(problems, []);
  await context.close();
});
