// Every ready experiment names what it shows: both panes carry the core's
// titles (two arms, or the swept pane at both ends of its sweep), and those
// names reach the verdicts, the chart's legend, the focus menu, the results'
// legend and table and the link, which reopens the same two panes. No
// "null", "undefined", "NaN" or uPlot's default "Value" ever reaches the page;
// the results open with the core's headline, which names every arm.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, state, waitForState, opened, linkWritten, nextText } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const BAD = /\bnull\b|\bundefined\b|\bNaN\b/;

/** The page's visible text and the texts screen readers get (labels, legends), as lines. */
const pageWords = (page) =>
  page.evaluate(() => {
    const labelled = [...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'));
    // biome-ignore lint/performance/useDomNodeTextContent: the text on screen, not what hidden nodes hold
    return [...document.body.innerText.split('\n'), ...labelled];
  });

test('each ready experiment names both panes and its arms everywhere, and its link reopens them', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${harness.server.url}index.html`);
  await opened(page);
  const ids = await page.$$eval('#x-ready option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(ids.length >= 8, `${ids.length} ready experiments`);
  for (const id of ids) {
    await page.selectOption('#x-ready', id);
    await waitForState(
      page,
      (s, id) => s.experiments && location.hash.includes(`x.ready=${id}`) && s.changes.pending === 0,
      id,
    );
    await linkWritten(page);
    const { panes } = await state(page);
    const labels = panes.map((p) => p.label);
    assert.ok(
      labels.every((l) => typeof l === 'string' && l.length > 0 && !BAD.test(l)),
      `${id}: pane titles ${JSON.stringify(labels)}`,
    );
    assert.notEqual(labels[0], labels[1], `${id}: the two panes are told apart`);
    assert.notDeepEqual(
      panes[0].scenario,
      panes[1].scenario,
      `${id}: the panes show two different networks or settings`,
    );
    // A few seeds: the names matter here, not the figures.
    await page.fill('#x-seeds', '2');
    await page.dispatchEvent('#x-seeds', 'change');
    await page.click('#x-go');
    await waitForState(page, (s) => !s.experiments.running && s.experiments.runs > 0, undefined, 120000);
    await nextText(page);
    const words = await pageWords(page);
    const bad = words.filter((w) => BAD.test(w));
    assert.deepEqual(bad, [], `${id}: no null, undefined or NaN on the page`);
    // uPlot names a series without a label "Value".
    const series = await page.$$eval('.u-legend .u-label', (ls) => ls.map((l) => l.textContent.trim()));
    assert.ok(!series.some((l) => l === 'Value' || BAD.test(l)), `${id}: chart legends ${JSON.stringify(series)}`);
    const shown = await page.evaluate(() => ({
      panes: [...document.querySelectorAll('.pane-label')].map((e) => e.textContent),
      verdicts: [...document.querySelectorAll('#verdict li')].map((e) => e.textContent),
      legend: document.querySelector('#r-chart')?.textContent ?? '',
      focus: [...document.querySelectorAll('#focus option')].map((o) => o.textContent),
      keys: [...document.querySelectorAll('.x-results .x-key')].map((e) => e.textContent),
      table: document.querySelector('.x-table')?.textContent ?? '',
      first: [...document.querySelector('.x-results').children].find((e) => !e.hidden)?.className,
      headline: document.querySelector('.x-headline')?.textContent ?? '',
    }));
    // The result in one sentence comes first, naming every arm it compares.
    assert.equal(shown.first, 'x-headline', `${id}: the headline first`);
    assert.match(shown.headline, /^[A-Z].*\.$/, `${id}: headline ${JSON.stringify(shown.headline)}`);
    assert.deepEqual(shown.panes, labels, `${id}: the panes' titles`);
    labels.forEach((l, i) => {
      assert.ok(shown.verdicts[i]?.startsWith(`${l}: `), `${id}: verdict ${JSON.stringify(shown.verdicts[i])}`);
      assert.ok(shown.legend.includes(l), `${id}: the r(t) legend names ${l}`);
      assert.ok(shown.focus[i]?.endsWith(l), `${id}: the focus menu names ${l}`);
    });
    assert.ok(shown.keys.length > 0 && shown.keys.every((k) => k && !BAD.test(k)), `${id}: arms ${shown.keys}`);
    if (shown.keys.length > 1)
      for (const k of shown.keys) {
        assert.ok(shown.table.includes(k), `${id}: table row of ${k}`);
        assert.ok(shown.headline.includes(k), `${id}: the headline names ${k}: ${shown.headline}`);
      }
    // The link reopens the same two named panes.
    const link = await page.evaluate(() => location.href);
    const again = await context.newPage();
    again.on('pageerror', (e) => problems.push(e.message));
    await again.goto(link);
    await opened(again);
    assert.deepEqual(
      (await state(again)).panes.map((p) => p.label),
      labels,
      `${id}: the link reopens the named panes`,
    );
    await again.close();
  }
  assert.deepEqual(problems, []);
  await context.close();
});
