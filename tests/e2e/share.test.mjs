// Share by URL: a copied link opened in a fresh browser context reproduces
// the run (the first 50 releases of each pane, firm and time), values out of
// range are clamped with a note, and bad fragments leave the default
// scenario running with a message that names what was wrong.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, state, waitForState, setValue, opened, changesDone } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** Opens `url` in a fresh context and waits for both runs. */
async function openUrl(url) {
  const context = await harness.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  await page.goto(url);
  await opened(page);
  return { page, context, problems };
}

const firstReleases = async (page, pane) => {
  await waitForState(page, (s, i) => s.panes[i].releases >= 60, pane);
  return page.evaluate((i) => window.lockstep.releases(i, 50), pane);
};

test('copy link, open it in a fresh page: the first 50 releases match', async () => {
  const { page, context, problems } = await openPage(harness);
  await page.fill('#seed', '5');
  await page.press('#seed', 'Enter');
  await setValue(page, '#p-eps', 0.08);
  await waitForState(page, (s) => s.seed === 5 && s.panes[0].scenario.eps === 0.08);
  await page.click('#copy-link');
  await page.waitForSelector('#share-url:not([hidden])');
  const url = await page.inputValue('#share-url');
  assert.match(url, /#v=1&/);
  assert.match(url, /seed=5/);
  assert.match(await page.textContent('#share-status'), /Link copied|Link selected/);
  assert.ok(await page.evaluate(() => location.hash.includes('eps=0.08')), 'the address bar follows the state');
  const fresh = await openUrl(url);
  for (const pane of [0, 1]) {
    const a = await firstReleases(page, pane);
    const b = await firstReleases(fresh.page, pane);
    assert.equal(a.length, 50);
    assert.deepEqual(b, a, `pane ${pane}: the same releases, firm and time`);
  }
  const s = await state(fresh.page);
  assert.equal(s.seed, 5);
  assert.equal(s.panes[1].scenario.eps, 0.08);
  assert.equal(s.notice, '', 'a good link opens without a message');
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.context.close();
  await context.close();
});

test('out-of-range values are clamped with a note; Reset to this link restarts from it', async () => {
  const { page, context, problems } = await openUrl(
    `${harness.server.url}index.html#v=1&view=compare&seed=3&eps=7&n=60&mode=hybrid&k=2&pick=chosen&chosen=1,2,999999`,
  );
  const s = await state(page);
  assert.equal(s.panes[0].scenario.eps, 1);
  assert.match(s.notice, /eps: 7 is outside/);
  assert.match(s.notice, /chosen: firms 999999 do not exist/);
  assert.deepEqual(s.panes[0].coordinators, [1, 2]);
  assert.ok(await page.isVisible('#notice'));
  await page.click('#notice .notice-close');
  assert.ok(await page.isHidden('#notice'), 'the message can be dismissed');
  await page.fill('#seed', '9');
  await page.press('#seed', 'Enter');
  await waitForState(page, (st) => st.seed === 9);
  await changesDone(page);
  const { committed } = (await state(page)).changes;
  await page.click('#reset-link');
  // A new run of the link's scenario (seed 3) takes over.
  await waitForState(page, (st, was) => st.seed === 3 && st.changes.committed > was, committed);
  assert.deepEqual(problems, []);
  await context.close();
});

const BAD = [
  ['v=2&view=compare&seed=3', /v|version/],
  ['v=1&view=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', /view/],
  ['v=1&n=abc', /n|firms/],
  ['v=1&net=import&edges=AAAA', /edges|net/],
  ['v=1&seed=%E0%A4%A', /seed|percent|encod/i],
  [`v=1&label=${'x'.repeat(9000)}`, /link|long|8192|label/i],
  ['%%%&&&==', /./],
];

test('bad fragments: a message naming what was wrong, and the default scenario runs', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 800, height: 700 } });
  const problems = [];
  for (const [fragment, field] of BAD) {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${fragment.slice(0, 40)}: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog ${d.message()}`);
      d.dismiss();
    });
    await page.goto(`${harness.server.url}index.html#${fragment}`);
    await opened(page);
    const s = await state(page);
    assert.equal(s.error, null, fragment);
    assert.ok(await page.isVisible('#notice'), `${fragment.slice(0, 40)}: a visible message`);
    assert.match(s.notice, field, `${fragment.slice(0, 40)}: says what (${s.notice})`);
    assert.equal(s.preset, 'compare', 'the default scenario');
    assert.equal(s.seed, 18);
    assert.equal(await page.locator('#notice img, #notice b').count(), 0, 'no HTML from the URL');
    await waitForState(page, (st, t) => st.time > t, s.time);
    await page.close();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad fragment typed into an open page keeps the current scenario', async () => {
  const { page, context, problems } = await openPage(harness);
  await page.fill('#seed', '7');
  await page.press('#seed', 'Enter');
  await waitForState(page, (s) => s.seed === 7);
  await page.evaluate(() => {
    location.hash = 'v=1&n=nope';
  });
  await waitForState(page, (s) => s.notice.includes('keeps running'));
  assert.equal((await state(page)).seed, 7);
  assert.deepEqual(problems, []);
  await context.close();
});
