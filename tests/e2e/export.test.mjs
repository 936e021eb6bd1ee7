// Export: every button gives a file with the run's real content: PNGs of the
// networks and the chart, the releases and r(t) as CSV, the page state as
// JSON that reads back, and the focused pane's network as CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startHarness, openPage, state, waitForState, pause } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Clicks `selector` and returns the downloaded file's name and bytes. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

test('each export button downloads the run as it is', async () => {
  const { page, context, problems } = await openPage(harness);
  await waitForState(page, (s) => s.panes.every((p) => p.releases > 100));
  await pause(page); // so the page state holds still while we compare
  await waitForState(page, (s) => s.playing === false);
  await page.click('#export summary');
  const s = await state(page);

  for (const button of ['.x-png', '.x-chart']) {
    const { name, bytes } = await download(page, button);
    assert.match(name, /\.png$/);
    assert.ok(bytes.subarray(0, 8).equals(PNG) && bytes.length > 2000, `${name} is a PNG image`);
  }

  const releases = (await download(page, '.x-releases')).bytes.toString().trim().split('\n');
  assert.equal(releases[0], 'pane,time,firm');
  const recorded = s.panes.reduce((sum, p) => sum + p.releases, 0);
  assert.equal(releases.length - 1, recorded, 'one row per release the core reported');
  assert.match(releases[1], /^[^,]+,\d+(\.\d+)?(e-?\d+)?,\d+$/);

  const order = (await download(page, '.x-order')).bytes.toString().trim().split('\n');
  assert.equal(order[0].split(',').length, 3, `time and r of each pane: ${order[0]}`);
  const last = order.at(-1).split(',').map(Number);
  assert.ok(
    last.slice(1).every((r) => r >= 0 && r <= 1),
    `r in [0, 1]: ${order.at(-1)}`,
  );

  const json = JSON.parse((await download(page, '.x-json')).bytes.toString());
  assert.equal(json.v, 1);
  assert.equal(json.panes.length, 2);
  assert.equal(json.panes[0].scenario.seed, s.seed);
  assert.deepEqual(json.panes[1].scenario.network, s.panes[1].scenario.network);

  const ties = (await download(page, '.x-network')).bytes.toString().trim().split('\n');
  const focus = s.focus ?? 0;
  assert.match(ties[0], /^source,target/);
  // The alliance network as generated; the ties planned mode adds among
  // coordinators are part of the scenario, not of the network.
  assert.equal(ties.length - 1, s.panes[focus].generatedTies, 'one row per tie of the focused pane');
  assert.deepEqual(problems, []);
  await context.close();
});
