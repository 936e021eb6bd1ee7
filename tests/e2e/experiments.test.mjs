// Experiments in the browser: a link opens an experiment ready to run (not
// running); runs go to Workers while the panes keep drawing; the progress
// bar, Cancel (which keeps what finished) and the page's limit; a damaged
// spec in a link; a failing worker; and the same rows as the command line,
// byte for byte, and the same sentences as its summary; a result read in
// one look (the core's headline first, shares as percentages).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startHarness, state, waitForState, opened } from './harness.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** The command line, built from this checkout (cargo does nothing when it is fresh). */
let built = false;
function lockstep(...args) {
  if (!built) execFileSync('cargo', ['build', '--quiet', '--release', '--bin', 'lockstep'], { cwd: root });
  built = true;
  return execFileSync(`${root}target/release/lockstep`, args, { cwd: root, encoding: 'utf8' });
}

// A small experiment: both default panes, three pulse sizes, 4 seeds.
const SMALL =
  'v=1&view=compare&seed=18&n=40&net=pp&groups=4&deg=6&between=0.05&p2.net=gnm&p2.ties=120' +
  '&x.arms=panes&x.p=eps&x.v=0.04,0.06,0.08&x.seeds=4&x.first=1&x.cap=60';

async function openAt(hash, query = '') {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${harness.server.url}index.html${query}${hash}`);
  await opened(page);
  return { page, context, problems };
}

const experiments = async (page) => (await state(page)).experiments;
const finished = (page, timeout = 60000) =>
  waitForState(page, (s) => !s.experiments.running && s.experiments.runs > 0, undefined, timeout);

/** The text of a download started by clicking `selector`. */
async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await download.path(), 'utf8');
}

test('a link opens its experiment ready to run; running it keeps the page drawing; the rows are the command line’s, byte for byte', async () => {
  const { page, context, problems } = await openAt(`#${SMALL}`);
  assert.equal(await page.inputValue('#x-values'), '0.04, 0.06, 0.08');
  assert.equal(await page.inputValue('#x-seeds'), '4');
  let x = await experiments(page);
  assert.equal(x.running, false, 'opening a link never starts it');
  assert.equal(x.runs, 0);
  assert.match(await page.textContent('.x-size'), /^24 runs/);

  const frames = (await state(page)).frames;
  await page.click('#x-go');
  await finished(page);
  assert.ok((await state(page)).frames > frames, 'the panes kept drawing');
  x = await experiments(page);
  assert.equal(x.runs, 24);
  assert.match(x.status, /^Done: 24 runs in/);
  assert.equal(await page.getAttribute('#x-progress', 'value'), '24');
  assert.match(await page.textContent('.x-announce'), /Experiment finished/);
  assert.equal(await page.locator('.x-table tbody tr').count(), 6, 'a row per arm and value');

  const link = (await page.evaluate(() => location.hash)).slice(1);
  const runs = await downloaded(page, 'text=Runs (CSV)');
  assert.equal(runs, lockstep('sweep', '--url', link), 'the runs, byte for byte');
  assert.match(runs.split('\n')[0], /^arm,value,seed,synced,time/);
  const summary = await downloaded(page, 'text=Summary (CSV)');
  assert.equal(summary, lockstep('sweep', '--url', link, '--summary'), 'the summary, byte for byte');
  assert.deepEqual(problems, []);
  await context.close();
});

/** The sentences `lockstep sweep --ready id --sentences` prints, by name. */
const cliSentences = (id) =>
  Object.fromEntries(
    lockstep('sweep', '--ready', id, '--sentences')
      .trim()
      .split('\n')
      .filter((l) => /^(headline|sweep|shares|distribution|grid): /.test(l))
      .map((l) => [l.split(': ')[0], l.slice(l.indexOf(': ') + 2)]),
  );

test('a ready experiment states the same result as the command line', async () => {
  const { page, context } = await openAt('');
  await page.selectOption('#x-ready', 'density');
  await page.click('#x-go');
  await finished(page, 120000);
  const { sentences } = await experiments(page);
  const cli = cliSentences('density');
  assert.equal(sentences.headline, cli.headline);
  assert.equal(sentences.sweep, cli.sweep);
  assert.equal(sentences.shares, cli.shares);
  assert.equal(sentences.distribution, cli.distribution);
  await context.close();
});

const SHARE = /^(\d{1,3}%|under 1%|over 99%)$/;

test('a two-arm result opens with a headline naming both arms, and says every share as a percentage', async () => {
  const { page, context, problems } = await openAt('');
  await page.selectOption('#x-ready', 'clustered-vs-dense');
  await waitForState(page, (s) => location.hash.includes('x.ready=clustered-vs-dense') && s.changes.pending === 0);
  const arms = (await state(page)).panes.map((p) => p.label);
  assert.deepEqual(arms, ['Clustered', 'Dense']);
  await page.click('#x-go');
  await finished(page, 120000);
  const { sentences } = await experiments(page);
  const shown = await page.evaluate(() => {
    const results = document.querySelector('.x-results');
    const visible = [...results.children].filter((e) => !e.hidden);
    const table = results.querySelector('.x-table');
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    const column = (name) =>
      [...table.querySelectorAll('tbody tr')].map((tr) => tr.children[heads.indexOf(name)].textContent);
    return {
      first: visible[0]?.className,
      headline: results.querySelector('.x-headline').textContent,
      // biome-ignore lint/performance/useDomNodeTextContent: the text on screen
      text: results.innerText,
      stalled: column('not in step (%)'),
      converged: column('converged (%)'),
      // The shares' two measures: two titled small charts (not a dash that an arm uses elsewhere).
      multiples: [...results.querySelectorAll('.x-shares .x-multiple')].map((m) => ({
        title: m.querySelector('.x-multiple-title').textContent,
        drawn: Boolean(m.querySelector('canvas')),
      })),
      announced: document.querySelector('.x-announce').textContent,
    };
  });
  // The headline first: the core's, the command line's, naming both arms.
  assert.equal(shown.first, 'x-headline', 'the headline comes first in the results');
  assert.equal(shown.headline, sentences.headline);
  assert.equal(shown.headline, cliSentences('clustered-vs-dense').headline, 'the command line says the same');
  for (const arm of arms) assert.ok(shown.headline.includes(arm), `the headline names ${arm}: ${shown.headline}`);
  assert.match(shown.headline, /got in step [\d.]+ times as fast as|about as fast|only \w+ got in step/i);
  assert.match(shown.headline, /median [\d.]+ cycles against [\d.]+/);
  assert.ok(shown.announced.endsWith(shown.headline), 'the end is announced with the headline');
  // Nothing broken, no counts of runs, no share as a decimal.
  for (const text of [shown.headline, shown.text, ...Object.values(sentences)]) {
    assert.doesNotMatch(text, /\bnull\b|\bundefined\b|\bNaN\b/);
    assert.doesNotMatch(text, / of 40\b/, 'no "14 of 40"');
    assert.doesNotMatch(text, /\b[01]\.\d\d\b/, 'no "0.65"');
  }
  // Shares as percentages: the sentence and the table (uPlot draws the axes' "50%" on its canvas).
  assert.match(sentences.shares, /^Not in step by 300 cycles \(by coordinators k\): Clustered \d+% at 3, /);
  assert.match(sentences.shares, /Converged to the coordinators' roadmap: Clustered \d+% at 3, /);
  assert.equal(shown.stalled.length, 6);
  for (const cell of [...shown.stalled, ...shown.converged]) assert.match(cell, SHARE);
  assert.deepEqual(shown.multiples, [
    { title: 'Not in step by the cap', drawn: true },
    { title: 'Converged to the coordinators’ roadmap', drawn: true },
  ]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Cancel stops the workers and keeps what finished; too many runs are refused with the limit and the command line', async () => {
  const big = SMALL.replace('x.seeds=4', 'x.seeds=400').replace('x.cap=60', 'x.cap=300');
  const { page, context } = await openAt(`#${big}`);
  await page.click('#x-go');
  await waitForState(page, (s) => s.experiments.runs >= 10, undefined, 60000);
  await page.click('#x-cancel');
  await waitForState(page, (s) => !s.experiments.running);
  const x = await experiments(page);
  assert.ok(x.runs > 0 && x.runs < 2400, `${x.runs} kept`);
  assert.match(x.status, new RegExp(`^Cancelled: ${x.runs.toLocaleString('en')} of 2,400 runs kept`));
  assert.equal(await page.isVisible('#x-cancel'), false);
  assert.equal(await page.isEnabled('#x-go'), true);

  await page.fill('#x-seeds', '40000');
  await page.press('#x-seeds', 'Enter');
  await page.dispatchEvent('#x-seeds', 'change');
  await page.waitForFunction(() => /^240,000 runs/.test(document.querySelector('.x-size').textContent));
  await page.click('#x-go');
  assert.match(
    await page.textContent('#x-msg'),
    /240,000 runs is more than this page runs in one experiment \(200,000\): run it with the command line/,
  );
  assert.equal((await experiments(page)).running, false);
  // The box opens with its commands in it, not empty for a frame: read both at once.
  await page.waitForFunction(() => document.querySelector('.x-scale').open);
  const shown = await page.evaluate(() => ({
    open: document.querySelector('.x-scale').open,
    command: document.querySelector('.x-command').textContent,
  }));
  assert.equal(shown.open, true, 'the command is shown');
  assert.match(shown.command, /lockstep sweep --url '.*x\.seeds=40000.*' --shard \$I\/\$N/);
  await context.close();
});

test('a damaged experiment in a link opens the page with a message naming the key', async () => {
  for (const [bad, message] of [
    ['x.p=seed&x.v=1', /x\.p: a sweep sets each run's seed/],
    ['x.p=eps&x.v=0.1,lots', /x\.v: `lots` is not a finite number/],
    ['x.p=network.rewire&x.v=0.1', /x\.p: network\.rewire is not a knob of a/],
  ]) {
    const { page, context, problems } = await openAt(`#v=1&${bad}`);
    const s = await state(page);
    assert.match(s.notice, message, bad);
    assert.equal(s.error, null);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a worker that fails says so, and the others finish the experiment', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 1000, height: 800 } });
  // Every third batch, the worker dies as a crashed core would.
  await context.route('**/www/experiments/worker.js', async (route) => {
    const response = await route.fetch();
    const body = (await response.text())
      .replace('await ready;', 'await ready; if (id % 3 === 0) throw new Error("the core crashed here");')
      .replace('self.postMessage({ id, error: String(err?.message || err) });', 'setTimeout(() => { throw err; });');
    route.fulfill({ response, body });
  });
  const page = await context.newPage();
  await page.goto(`${harness.server.url}index.html?workers=2#${SMALL.replace('x.seeds=4', 'x.seeds=20')}`);
  await opened(page);
  await page.click('#x-go');
  await finished(page);
  const x = await experiments(page);
  assert.ok(x.runs > 0 && x.runs < 120, `${x.runs} runs kept`);
  assert.match(x.status, /could not run \(.*the core crashed here/);
  assert.equal((await state(page)).error, null, 'the page still runs');
  await context.close();
});

test('at 320 px the experiments stack in one column without overflowing', async () => {
  const context = await harness.browser.newContext({ viewport: { width: 320, height: 700 } });
  const page = await context.newPage();
  await page.goto(`${harness.server.url}index.html#${SMALL}`);
  await opened(page);
  await page.click('#x-go');
  await finished(page);
  const widths = await page.evaluate(() => {
    const box = document.getElementById('experiments');
    return {
      box: box.getBoundingClientRect().width,
      scroll: box.scrollWidth,
      page: document.documentElement.scrollWidth,
      charts: [...box.querySelectorAll('.x-figure:not([hidden])')].map((f) => f.getBoundingClientRect().width),
    };
  });
  assert.ok(widths.page <= 320, `page ${widths.page} px wide`);
  assert.ok(widths.scroll <= widths.box + 1, 'nothing sticks out of the section');
  assert.ok(
    widths.charts.every((w) => w >= widths.box - 40),
    'charts stacked, full width',
  );
  await context.close();
});
