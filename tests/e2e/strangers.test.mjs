// Every input a stranger's, on the page: scenario files (a list of 16.7
// million firms, bytes that are not UTF-8, keys given twice), a refused
// CSV after a good one, links with hostile text, panes and names that do
// not exist, labels that reorder or hide text, and an experiment whose
// values belong to the points they run at. Each is refused naming its
// field, or changed with a note, quoting at most a short excerpt.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, state, waitForState } from './harness.mjs';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-strangers-'));
const file = (name, content) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

async function openAt(hash = '') {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${harness.server.url}index.html${hash}`);
  await page.waitForFunction(() => window.lockstep?.state().ready && window.lockstep.state().frames > 2, null, {
    timeout: 60000,
  });
  return { page, context, problems };
}

const running = (page) =>
  page.evaluate(() => window.lockstep.state().panes.map((p) => [p.kind, p.firms, p.scenario.seed, p.label]));

/** Opens a scenario file with the picker and waits for the page's word on it. */
async function openFile(page, path) {
  await page.evaluate(() => document.querySelector('#notice .notice-close').click());
  await page.setInputFiles('#tools .open-file-input', path);
  await waitForState(page, (s) => s.notice !== '', null, 60000);
  return (await state(page)).notice;
}

test('a file whose `chosen` lists 16.7 million firms is refused naming `chosen`, at once, within a stated memory bound', async (t) => {
  const { page, context, problems } = await openAt('#v=1&view=compare&seed=7');
  await waitForState(page, (s) => s.seed === 7);
  const before = await running(page);
  // 33 MB: 16.7 million zeros, under the 32 MiB a scenario file may be.
  const path = join(dir, 'chosen.json');
  writeFileSync(path, `{"chosen": [${'0,'.repeat(16_700_000)}0]}`);
  const memory = (await state(page)).wasmBytes;
  await page.evaluate(() => {
    window.longTasks.length = 0;
  });
  const notice = await openFile(page, path);
  assert.match(
    notice,
    /^The file could not be opened, so the current scenario keeps running: chosen: more than 1000000 entries/,
  );
  const longest = Math.max(0, ...(await page.evaluate(() => window.longTasks)));
  assert.ok(longest < 2000, `the refusal took one task of ${longest} ms (a responsiveness bound, not a speed target)`);
  const grown = ((await state(page)).wasmBytes - memory) / 2 ** 20;
  // The file's bytes (33 MB) and the first million entries, not 16.7 million values.
  t.diagnostic(
    `refused in one task of ${longest} ms; wasm memory ${(memory / 2 ** 20).toFixed(0)} MB before, grew by ${grown.toFixed(0)} MB`,
  );
  assert.ok(grown < 150, `wasm memory grew by ${grown} MB`);
  assert.deepEqual(await running(page), before, 'the panes run what they ran');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a scenario file that is not UTF-8 is refused naming the line; keys given twice keep the last value, with a note', async () => {
  const { page, context, problems } = await openAt();
  const before = await running(page);
  const latin1 = Buffer.concat([Buffer.from('{"seed": 4,\n"label": "Caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
  const notice = await openFile(page, file('latin1.json', latin1));
  assert.match(notice, /file: not UTF-8 text \(line 2, byte 25\): save the file as UTF-8/);
  assert.deepEqual(await running(page), before);

  const twice = await openFile(page, file('twice.json', '{"seed": 4, "eps": 0.02, "eps": 0.07}'));
  assert.match(twice, /eps: given twice; the last value is kept/);
  const s = await state(page);
  assert.equal(s.seed, 4);
  assert.equal(s.panes[0].scenario.eps, 0.07);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A CSV of a ring of `firms` firms. */
function ringCsv(firms) {
  const lines = ['source,target'];
  for (let i = 0; i < firms; i++) lines.push(`f${i},f${(i + 1) % firms}`);
  return `${lines.join('\n')}\n`;
}

test('a refused CSV clears the one chosen before: Import then imports nothing', async () => {
  const { page, context, problems } = await openAt();
  const before = await running(page);
  await page.click('#import summary');
  await page.setInputFiles('#import .imp-ties-file', file('good.csv', ringCsv(50000)));
  await page.waitForFunction(() =>
    /good\.csv: .* ready to import/.test(document.querySelector('#import .imp-ties').placeholder),
  );
  // 36 MB: more than a CSV file may be (its size is refused before it is read).
  const big = join(dir, 'big.csv');
  const fd = openSync(big, 'w');
  ftruncateSync(fd, 36 * 2 ** 20);
  closeSync(fd);
  await page.setInputFiles('#import .imp-ties-file', big);
  await page.waitForFunction(() =>
    /Nothing was read, and the file chosen before was dropped\./.test(
      document.querySelector('#import .imp-msg').textContent,
    ),
  );
  assert.match(
    await page.textContent('#import .imp-msg'),
    /big\.csv\): 37,748,736 bytes is more than a CSV file may be here/,
  );
  assert.doesNotMatch(await page.getAttribute('#import .imp-ties', 'placeholder'), /good\.csv/);
  assert.equal(await page.inputValue('#import .imp-ties'), '');
  await page.click('#import .imp-go');
  assert.equal(await page.textContent('#import .imp-msg'), 'Paste or choose an edge list first.');
  assert.deepEqual(await running(page), before, 'nothing was imported');

  // The same for a small file (shown in the box) refused for its bytes (not UTF-8) after it.
  await page.setInputFiles('#import .imp-ties-file', file('small.csv', 'a,b\nb,c\n'));
  await page.waitForFunction(() => document.querySelector('#import .imp-ties').value === 'a,b\nb,c\n');
  await page.setInputFiles('#import .imp-ties-file', file('latin1.csv', Buffer.from([0x61, 0x2c, 0xe9, 0x0a])));
  await page.waitForFunction(() => /not UTF-8 text/.test(document.querySelector('#import .imp-msg').textContent));
  assert.match(await page.textContent('#import .imp-msg'), /the file chosen before was dropped/);
  assert.equal(await page.inputValue('#import .imp-ties'), '');
  // Text the person typed stays in view (nothing typed is lost), and the message says nothing was dropped.
  await page.fill('#import .imp-ties', 'x,y\n');
  await page.setInputFiles('#import .imp-ties-file', file('latin1-2.csv', Buffer.from([0x61, 0x2c, 0xe9, 0x0a])));
  await page.waitForFunction(() =>
    /latin1-2\.csv.*Nothing was read\.$/.test(document.querySelector('#import .imp-msg').textContent),
  );
  assert.equal(await page.inputValue('#import .imp-ties'), 'x,y\n');
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile text in a link is quoted as a short, marked excerpt; a pane or ready experiment that does not exist is noted', async () => {
  const long = 'x'.repeat(7000);
  const { page, context, problems } = await openAt(`#v=1&view=compare&x.p=eps&x.v=${long}`);
  const s = await state(page);
  assert.match(s.notice, /x\.v: `x{24}\.\.\. \(7000 characters\)` is not a finite number/);
  assert.ok(s.notice.length < 400, `${s.notice.length} characters of notice`);

  await page.evaluate(() => {
    location.hash = '#v=1&view=compare&seed=5&x.arms=modes&x.pane=9&x.p=eps&x.v=0.05&x.ready=nope';
  });
  await waitForState(page, (s) => s.seed === 5);
  const notes = (await state(page)).notice;
  assert.match(notes, /x\.pane: pane 9 does not exist \(panes 0 to 1\); pane 0 it is/);
  assert.match(notes, /x\.ready: `nope` is not a ready experiment; ignored/);
  await page.waitForFunction(() => location.hash.includes('x.arms=modes&x.pane=0'));
  assert.doesNotMatch(await page.evaluate(() => location.hash), /x\.ready/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('labels lose bidi controls and zero-width characters, with a note', async () => {
  const label = encodeURIComponent('Dense\u202E krow\u200Bten');
  const { page, context, problems } = await openAt(`#v=1&view=compare&label=${label}`);
  const s = await state(page);
  assert.equal(s.panes[0].label, 'Dense krowten');
  assert.match(s.notice, /label: bidi controls and zero-width characters removed/);
  assert.equal(await page.textContent('#pane-0 .pane-label'), 'Dense krowten');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an experiment value is clamped against the point it runs at: 100 partners each for 200,000 firms', async () => {
  const { page, context, problems } = await openAt(
    '#v=1&view=compare&x.p=firms&x.v=200000&x.p2=network.meanDegree&x.v2=100,300',
  );
  const s = await state(page);
  // 200,000 firms may have up to 200 partners each: 100 stays, 300 is clamped to 200, not to the pane's 59.
  assert.doesNotMatch(s.notice, /x\.v2: 100 /);
  assert.match(s.notice, /x\.v2: 300 is outside \[0, 200\]; clamped to 200/);
  await page.waitForFunction(() => location.hash.includes('x.v2=100,200'));
  assert.deepEqual(problems, []);
  await context.close();
});
