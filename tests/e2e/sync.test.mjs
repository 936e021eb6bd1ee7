// The compare view's claim, on the page: with the default scenario (seed 18)
// the dense pane falls into step within a few cycles and says so, while the
// clustered pane is still on its way. Numbers come from the page's state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, state, setValue, waitForState, nextText } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

test('dense falls into step first; the chart marks it and the text says when', async () => {
  const { page, context, problems } = await openPage(harness);
  await setValue(page, '#speed', '4');
  await waitForState(page, (s) => s.panes[1].syncTime !== undefined);
  await nextText(page); // the text refreshes a few times a second
  const s = await state(page);
  const [clustered, dense] = s.panes;
  console.log(
    `t = ${s.time.toFixed(1)}: dense in step at ${dense.syncTime.toFixed(1)}, clustered r ${clustered.r.toFixed(2)} with ${clustered.bursts} rhythms (sync ${clustered.syncTime})`,
  );
  assert.equal(dense.label, 'Dense');
  assert.ok(dense.r > 0.99, `dense r ${dense.r}`);
  assert.equal(dense.bursts, 1);
  assert.ok(dense.syncOffset <= 0.05, 'on the coordinators’ roadmap');
  assert.equal(clustered.syncTime, undefined, 'the clustered pane is not in step yet');
  assert.ok(clustered.bursts > 1, 'several rhythms are still alive in the clustered pane');
  const verdict = await page.textContent('#verdict');
  assert.match(
    verdict,
    new RegExp(`Dense: in step since ${dense.syncTime.toFixed(1)} cycles, on the coordinators’ roadmap`),
  );
  assert.match(verdict, /Clustered: not in step yet/);
  assert.equal(await page.textContent('#pane-1 .sync'), `since ${dense.syncTime.toFixed(1)}`);
  assert.match(
    await page.textContent('#pane-1 .sync-line'),
    /^In step since t = \d+\.\d cycles: every firm releases in one burst/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});
