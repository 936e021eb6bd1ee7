// The address bar is the truth: after any change that runs (a link, the
// form, a scenario file, a CSV import), it reproduces what runs, or, when
// that is too big for a link (a 50,000-firm imported network), it says so
// (#this-scenario-travels-only-as-a-file), the share row says so, Copy link
// offers the scenario file, and a reload says why it shows the default
// scenario instead of silently running the one before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, state, waitForState, setValue } from './harness.mjs';

const FIRMS = 50000;
const FILE_ONLY = 'this-scenario-travels-only-as-a-file';
const dir = mkdtempSync(join(tmpdir(), 'lockstep-address-'));

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** The ties of a ring of `firms` firms with `extra` chords (7 and then 20 firms along), each pair once. */
function ringTies(firms, extra = 0) {
  const ties = [];
  for (let i = 0; i < firms; i++) ties.push([i, (i + 1) % firms]);
  for (let k = 0; k < extra; k++) ties.push([k % firms, (k + (k < firms ? 7 : 20)) % firms]);
  return ties;
}

/** That network as CSV text, firms named f0, f1, ... */
function ringCsv(firms, extra = 0) {
  const lines = ['source,target', ...ringTies(firms, extra).map(([a, b]) => `f${a},f${b}`)];
  return `${lines.join('\n')}\n`;
}

/** A scenario file (one scenario alone) whose imported network is that ring. */
function ringScenario(firms, extra = 0) {
  const ties = ringTies(firms, extra).map(([a, b]) => [a, b, 1]);
  const labels = Array.from({ length: firms }, (_, i) => `f${i}`);
  return JSON.stringify({ seed: 1, firms, mode: 'reactive', network: { kind: 'edgeList', labels, ties } });
}

const file = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function openAt(hash) {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${harness.server.url}index.html${hash}`);
  await page.waitForFunction(() => window.lockstep?.state().ready && window.lockstep.state().frames > 2, null, {
    timeout: 60000,
  });
  return { page, context, problems };
}

const hash = (page) => page.evaluate(() => location.hash.slice(1));
/** The address bar once it matches `pattern` (it is written a moment after a change). */
const settledHash = async (page, pattern) => {
  await page.waitForFunction(
    ([source, flags]) => new RegExp(source, flags).test(location.hash.slice(1)),
    [pattern.source, pattern.flags],
  );
  return hash(page);
};
const shareStatus = (page) => page.textContent('#share-status');

/** After a change too big for a link: the address bar, the share row, Copy link and a reload all say so. */
async function saysFileOnly(page) {
  await page.waitForFunction((f) => location.hash === `#${f}`, FILE_ONLY, { timeout: 10000 });
  assert.match(
    await shareStatus(page),
    /too big for a link, so the address bar does not hold it: it travels only as a file/,
  );
  assert.equal(await page.isVisible('#share-file'), true, 'the scenario file is offered beside the link');
  await page.click('#copy-link');
  assert.match(await shareStatus(page), /too big for a link \(limit 8 KB\): it travels only as a file/);
  assert.equal(await page.isVisible('#share-url'), false, 'no link is shown to copy');
  assert.equal(
    await page.evaluate(() => document.activeElement.id),
    'share-file',
    'Copy link offers the file: its button takes the focus',
  );
  const download = page.waitForEvent('download');
  await page.click('#share-file');
  const saved = await download;
  assert.equal(saved.suggestedFilename(), 'lockstep-scenario.json');

  // A reload runs nothing else silently: it says why the default scenario shows.
  await page.reload();
  await page.waitForFunction(() => window.lockstep?.state().ready && window.lockstep.state().notice !== '', null, {
    timeout: 60000,
  });
  const s = await state(page);
  assert.match(s.notice, /link: this address holds no scenario: .* travels only as a scenario file/);
  assert.deepEqual(
    s.panes.map((p) => [p.kind, p.firms]),
    [
      ['plantedPartition', 60],
      ['gnm', 60],
    ],
    'the default scenario, said to be the default',
  );
  assert.equal(s.seed, 18, 'not the seed-7 scenario the address bar held before the file');
  // The address bar now holds what runs after the reload: the default scenario.
  assert.match(await settledHash(page, /^v=1&/), /^v=1&view=compare&/);
}

test('a 50,000-firm scenario file: the address bar says it travels as a file, Copy link offers the file, a reload says so', async () => {
  const { page, context, problems } = await openAt('#v=1&view=compare&seed=7');
  await waitForState(page, (s) => s.seed === 7);
  assert.match(await settledHash(page, /seed=7&n=60/), /seed=7&n=60&net=er/);
  await page.setInputFiles('#tools .open-file-input', file('big.json', ringScenario(FIRMS, 100000)));
  await waitForState(page, (s, n) => s.panes.every((p) => p.firms === n) && !s.building, FIRMS, 90000);
  assert.equal((await state(page)).seed, 1, 'the file’s own seed runs');
  await saysFileOnly(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 50,000-firm CSV import: the address bar says it travels as a file, Copy link offers the file, a reload says so', async () => {
  const { page, context, problems } = await openAt('#v=1&view=compare&seed=7');
  await waitForState(page, (s) => s.seed === 7);
  await page.click('#import summary');
  await page.setInputFiles('#import .imp-ties-file', file('big.csv', ringCsv(FIRMS, 100000)));
  await page.waitForFunction(() => /ready to import/.test(document.querySelector('#import .imp-ties').placeholder));
  await page.click('#import .imp-go');
  await page.waitForFunction(() => /^Imported/.test(document.querySelector('#import .imp-msg').textContent), null, {
    timeout: 90000,
  });
  const s = await state(page);
  assert.deepEqual([s.panes[0].kind, s.panes[0].firms], ['edgeList', FIRMS]);
  await saysFileOnly(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every change that fits a link is in the address bar: form, file, import and link; the address reopens what ran', async () => {
  const { page, context, problems } = await openAt('#v=1&view=compare&seed=7');
  await waitForState(page, (s) => s.seed === 7);

  // The form.
  await setValue(page, '#p-eps', 0.08);
  await waitForState(page, (s) => s.panes[0].scenario.eps === 0.08);
  assert.match(await settledHash(page, /eps=0\.08/), /seed=7/);

  // A small scenario file: its network fits in a link.
  await page.setInputFiles('#tools .open-file-input', file('small.json', ringScenario(30, 10)));
  await waitForState(page, (s) => s.panes[0].kind === 'edgeList' && s.panes[0].firms === 30);
  const fromFile = await settledHash(page, /net=import/);
  assert.match(fromFile, /edges=/);
  assert.equal(await page.isVisible('#share-file'), false, 'a link does: no file is offered');

  // A small CSV import into the right pane.
  await page.click('#import summary');
  await page.fill('#import .imp-ties', ringCsv(12));
  await page.selectOption('#import .imp-pane', '1');
  await page.click('#import .imp-go');
  await waitForState(page, (s) => s.panes[1].kind === 'edgeList' && s.panes[1].firms === 12);
  const fromImport = await settledHash(page, /p2\.edges=/);

  // The address reopens exactly what ran (same networks, same releases).
  const first20 = async () => {
    await page.waitForFunction(() => [0, 1].every((p) => window.lockstep.releases(p, 20).length === 20));
    return page.evaluate(() => [0, 1].map((p) => window.lockstep.releases(p, 20)));
  };
  const ran = await first20();
  await page.reload();
  await page.waitForFunction(() => window.lockstep?.state().ready, null, { timeout: 60000 });
  await waitForState(page, (s) => s.panes[1].kind === 'edgeList' && s.panes[1].firms === 12, null, 60000);
  assert.equal((await state(page)).notice, '', 'opened without a word');
  const again = await first20();
  assert.deepEqual(again, ran);
  assert.equal(await hash(page), fromImport);

  // A link edited in the address bar runs, and stays there.
  await page.evaluate(() => {
    location.hash = '#v=1&view=compare&seed=9&n=40';
  });
  await waitForState(page, (s) => s.seed === 9);
  assert.match(await settledHash(page, /seed=9/), /n=40/);

  // Back from too big to a link: the address bar holds the link again.
  await page.setInputFiles('#tools .open-file-input', file('big2.json', ringScenario(FIRMS, 100000)));
  await page.waitForFunction((f) => location.hash === `#${f}`, FILE_ONLY, { timeout: 90000 });
  await page.setInputFiles('#tools .open-file-input', file('small2.json', ringScenario(30, 10)));
  assert.equal(await settledHash(page, /net=import/), fromFile);
  assert.equal(await page.isVisible('#share-file'), false);
  assert.deepEqual(problems, []);
  await context.close();
});
