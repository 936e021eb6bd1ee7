// Hostile input, replayed: links, a host page's messages, the settings form,
// CSV imports and scenario files that ask for more than the page can run,
// or for nonsense. Each is refused (or clamped) with a message naming the
// field; the page keeps running what it ran; the address bar does not take
// the refused scenario; and nothing freezes or crashes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startHarness,
  state,
  setValue,
  waitForState,
  opened,
  nextFrames,
  linkWritten,
  hostSettled,
  frameWith,
  recordLongTasks,
  longestTask,
  FIRST_FRAME_MS,
} from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** The page opened at `hash` ('' for none), once it runs, with every long task (over 50 ms) recorded. */
async function openAt(hash = '') {
  const context = await harness.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await recordLongTasks(page);
  await page.goto(`${harness.server.url}index.html${hash}`);
  await opened(page);
  return { page, context, problems };
}

const hash = (page) => page.evaluate(() => location.hash);
/**
 * Puts `text` in a box as a paste does: the whole value, one input event.
 * (page.fill types thousands of lines through the editor, some 15 s of one
 * task in this Chromium; a paste of them takes a tenth of a second.)
 */
const paste = (page, selector, text) =>
  page.evaluate(
    ([sel, v]) => {
      const el = document.querySelector(sel);
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    [selector, text],
  );

/** What a pane runs, in the terms of the link: firms, kind, seed. */
const running = async (page) => (await state(page)).panes.map((p) => `${p.firms} ${p.kind} seed ${p.scenario.seed}`);

test('links asking for thousands of coordinators or more firms than a pane runs are refused, and the address bar shows what runs', async () => {
  // A link clamps k to 500 coordinators (noted); what is left is too big for a pane.
  for (const [link, field] of [
    ['#v=1&n=60000&k=59999', "firms: 60000 firms is more than this page's limit per pane of 50000 firms"],
    ['#v=1&n=50001&k=50000', "firms: 50001 firms is more than this page's limit per pane of 50000 firms"],
    // 400,000 ties of the network and 124,750 among 500 coordinators: past 500,000.
    [
      '#v=1&view=single&n=50000&net=er&deg=16&k=1999',
      'coordinators: 500 coordinators tie to each other with 124750 intense ties',
    ],
    [
      '#v=1&view=single&n=50000&net=er&deg=30',
      "network.meanDegree: about 750000 ties is more than this page's limit per pane of 500000 ties",
    ],
  ]) {
    const { page, context, problems } = await openAt(link);
    const { longest, bound } = await longestTask(page);
    assert.ok(longest < bound, `${link}: refused without freezing (longest task ${longest} ms, bound ${bound})`);
    const s = await state(page);
    assert.equal(s.error, null, `${link}: the page runs`);
    assert.match(s.notice, new RegExp(field.replace(/[()]/g, '\\$&')), link);
    assert.match(s.notice, /could not be opened, so the default scenario is shown/);
    assert.deepEqual(
      await running(page),
      ['60 plantedPartition seed 18', '60 gnm seed 18'],
      `${link}: the default runs`,
    );
    await linkWritten(page);
    const now = await hash(page);
    assert.notEqual(now, link);
    assert.match(now, /n=60/, 'the address bar holds the scenario that runs');
    await nextFrames(page, 3); // frames keep coming
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a complete network is clamped to the tie limit with a note, then refused by the pane budget; huge numbers read short', async () => {
  const { page, context } = await openAt('#v=1&view=single&net=complete&n=10000&eps=1e308');
  const s = await state(page);
  assert.match(s.notice, /n: 10000 is outside \[2, 6325\]; clamped to 6325/);
  assert.match(s.notice, /eps: 1e308 is outside \[0, 1\]; clamped to 1/);
  assert.ok(!s.notice.includes('0000000000000'), 'no number printed with hundreds of digits');
  assert.match(s.notice, /firms: about 19999650 ties is more than this page's limit per pane/);
  await context.close();
});

test('a later valid link clears the stale error', async () => {
  const { page, context } = await openAt('#v=1&n=60000');
  assert.match((await state(page)).notice, /firms: 60000/);
  await page.evaluate(() => {
    location.hash = '#v=1&view=compare&seed=7&n=40&p2.net=gnm&p2.ties=100';
  });
  await waitForState(page, (s) => s.seed === 7);
  assert.equal((await state(page)).notice, '', 'the old message is gone');
  await context.close();
});

test('a setting the page cannot run is refused beside its control; the panes and the link stay', async () => {
  const { page, context } = await openAt();
  await page.selectOption('#pane-0-kind', 'complete');
  await waitForState(page, (s) => s.panes[0].kind === 'complete');
  await linkWritten(page);
  const before = { link: await hash(page), runs: await running(page) };
  const { refused } = (await state(page)).changes;
  // 2,000 firms all tied to each other: 1,999,000 ties, more than a pane runs.
  await setValue(page, '#p-firms', 2000);
  // The refusal comes through the store's queue of builds.
  await waitForState(page, (s, was) => s.changes.refused > was && s.changes.pending === 0, refused);
  assert.match(
    await page.textContent('#p-firms-msg'),
    /about 1999000 ties is more than this page's limit per pane of 500000 ties/,
  );
  assert.equal(await page.inputValue('#p-firms'), '60', 'the control shows what runs');
  await linkWritten(page);
  assert.deepEqual({ link: await hash(page), runs: await running(page) }, before);
  // The next good change is not held back by the refused one.
  await setValue(page, '#p-eps', 0.08);
  await waitForState(page, (s) => s.panes[0].scenario.eps === 0.08);
  assert.equal(await page.textContent('#p-firms-msg'), '');
  await context.close();
});

test('an import that flags 1,999 coordinators, or is not UTF-8, imports nothing and changes nothing', async () => {
  const { page, context } = await openAt();
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  await linkWritten(page);
  const before = { link: await hash(page), runs: await running(page) };
  const changes = (await state(page)).changes;
  const ring = Array.from({ length: 2000 }, (_, i) => `f${i},f${(i + 1) % 2000}`).join('\n');
  const flags = ['firm,coordinator', ...Array.from({ length: 1999 }, (_, i) => `f${i},1`)].join('\n');
  await paste(page, '#import .imp-ties', ring);
  await paste(page, '#import .imp-attrs', flags);
  await page.click('#import .imp-go');
  // The core refuses the imported scenario whole, through the store's queue of builds.
  await waitForState(page, (s, was) => s.changes.refused > was && s.changes.pending === 0, changes.refused);
  assert.match(
    await page.textContent('#import .imp-msg'),
    /coordinators: 1999 is more than the 500 coordinators.*Nothing was imported/,
  );
  assert.equal((await state(page)).changes.committed, changes.committed, 'nothing committed');
  await linkWritten(page);
  assert.deepEqual({ link: await hash(page), runs: await running(page) }, before);
  const { longest, bound } = await longestTask(page);
  assert.ok(longest < bound, `no freeze (longest task ${longest} ms, bound ${bound})`);

  const dir = mkdtempSync(join(tmpdir(), 'lockstep-'));
  const latin1 = join(dir, 'latin1.csv');
  writeFileSync(latin1, Buffer.from('Acme,Bolt\nBolt,Caf\xe9\n', 'latin1'));
  await page.setInputFiles('#import .imp-ties-file', latin1);
  await page.waitForFunction(() => /not UTF-8/.test(document.querySelector('#import .imp-msg').textContent));
  assert.match(await page.textContent('#import .imp-msg'), /Edge list \(latin1\.csv\): line 2: not UTF-8 text/);
  assert.equal(await page.inputValue('#import .imp-ties'), ring, 'the box keeps what it had');
  await context.close();
});

test('a scenario file opens by the picker, with a byte-order mark too; a damaged one is refused naming the field', async () => {
  const { page, context } = await openAt();
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-'));
  const good = join(dir, 'scenario.json');
  writeFileSync(good, `\ufeff${JSON.stringify({ seed: 33, firms: 50, eps: 7 })}`);
  await page.setInputFiles('#tools .open-file-input', good);
  await waitForState(page, (s) => s.seed === 33);
  let s = await state(page);
  assert.equal(s.panes[0].firms, 50);
  assert.match(s.notice, /eps: 7 is outside \[0, 1\]; clamped to 1/);
  await linkWritten(page);
  assert.match(await hash(page), /seed=33/, 'the opened scenario is in the address bar');

  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ seed: 34, firms: 'many' }));
  await page.setInputFiles('#tools .open-file-input', bad);
  await page.waitForFunction(() => /could not be opened/.test(window.lockstep.state().notice));
  s = await state(page);
  assert.match(s.notice, /firms/);
  assert.equal(s.seed, 33, 'the opened scenario keeps running');
  await context.close();
});

// ---------------------------------------------------------------------------
// The embed and its host page.

const HOST = (src) => `<!doctype html><meta charset="utf-8"><title>Host</title>
<iframe id="fig" src="${src}" width="700" height="420" sandbox="allow-scripts"></iframe>
<script>
  window.events = [];
  addEventListener('message', (e) => { if (e.data && e.data.lockstep === 1) events.push(e.data); });
  window.send = (msg) => document.getElementById('fig').contentWindow.postMessage({ lockstep: 1, ...msg }, '*');
  window.sendRaw = (msg) => document.getElementById('fig').contentWindow.postMessage(msg, '*');
</script>`;

async function hostPage() {
  const context = await harness.browser.newContext({ viewport: { width: 900, height: 700 } });
  await context.route('**/host.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: HOST('index.html?embed=1') }),
  );
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${harness.server.url}host.html`);
  await page.waitForFunction(() => window.events.some((e) => e.event === 'ready'), null, { timeout: FIRST_FRAME_MS });
  const frame = await frameWith(page, 'embed=1');
  return { page, context, frame, problems };
}

const errorsOf = (page) => page.evaluate(() => window.events.filter((e) => e.event === 'error'));
const embedState = (frame) => frame.evaluate(() => window.lockstep.state());

test('the embed answers every bad message with an error event, keeps its last good state, and then takes good ones', async () => {
  const { page, context, frame, problems } = await hostPage();
  const seed = (await embedState(frame)).seed;
  await page.evaluate(() => {
    sendRaw({ lockstep: 1, command: { toString: null } });
    send({ command: 'set', params: { firms: 20000, coordinators: 19999 } });
    send({ command: 'set', params: { eps: 2 } });
    send({ command: 'set', params: { firms: -1 } });
    send({ command: 'set', params: [1, 2] });
    send({ command: 'set', params: { eps: 0.05 }, pane: 7 });
  });
  await page.waitForFunction(() => window.events.filter((e) => e.event === 'error').length >= 6);
  await hostSettled(page, frame);
  const messages = (await errorsOf(page)).map((e) => e.message);
  assert.equal(messages.length, 6, `one error a bad message: ${messages.join(' | ')}`);
  assert.match(messages[0], /unknown command \{"toString":null\}/);
  assert.ok(
    messages.some((m) => /firms: a whole number from 2 to/.test(m)),
    messages.join(' | '),
  );
  assert.ok(messages.some((m) => /params: an object/.test(m)));
  assert.ok(messages.some((m) => /pane: both, 0 or 1/.test(m)));
  assert.ok(
    messages.some((m) => /coordinators: 19999 is more than the 500 coordinators a scenario may have/.test(m)),
    messages.join(' | '),
  );
  assert.ok(
    messages.some((m) => /eps: 2 is outside \[0, 1\]/.test(m)),
    messages.join(' | '),
  );
  let s = await embedState(frame);
  assert.equal(s.seed, seed);
  assert.deepEqual(
    s.panes.map((p) => p.firms),
    [60, 60],
    'the last good state runs',
  );

  await page.evaluate(() => send({ command: 'set', params: { seed: 5 } }));
  await frame.waitForFunction(() => window.lockstep.state().seed === 5);
  const after = (await errorsOf(page)).length;
  await hostSettled(page, frame);
  assert.equal((await errorsOf(page)).length, after, 'no stale error after a good set');
  s = await embedState(frame);
  assert.equal(s.panes[0].scenario.eps, 0.05, 'the refused eps never landed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a burst of 10,000 sets is applied together, not one rebuild each', async () => {
  const { page, context, frame } = await hostPage();
  const before = (await embedState(frame)).changes;
  const started = Date.now();
  await page.evaluate(() => {
    for (let i = 0; i < 10000; i++) send({ command: 'set', params: { seed: i + 1, eps: 0.01 + (i % 50) / 1000 } });
  });
  await frame.waitForFunction(() => window.lockstep.state().seed === 10000, null, { timeout: 60000 });
  await hostSettled(page, frame);
  const { changes, panes } = await embedState(frame);
  const rebuilds = changes.committed - before.committed;
  console.log(`10,000 sets: ${rebuilds} rebuilds in ${(Date.now() - started) / 1000} s`);
  // A batch a frame: a handful of rebuilds (each on a batch of thousands), never one a set.
  assert.ok(rebuilds >= 1 && rebuilds <= 100, `${rebuilds} rebuilds`);
  assert.equal(changes.refused, before.refused, 'none refused');
  assert.equal(panes[1].scenario.eps, 0.01 + (9999 % 50) / 1000, 'the last value wins');
  assert.deepEqual(await errorsOf(page), []);
  await context.close();
});

// ---------------------------------------------------------------------------
// A crash of the core (forced here: no input reaches one any more).

test('after a crash the page says so, offers the last scenario that ran, and a reload does not crash again', async () => {
  const { page, context } = await openAt();
  await setValue(page, '#p-eps', 0.07);
  await waitForState(page, (s) => s.panes[0].scenario.eps === 0.07);
  await linkWritten(page);
  await setValue(page, '#p-eps', 0.09);
  await waitForState(page, (s) => s.panes[0].scenario.eps === 0.09);
  await page.evaluate(async () => {
    const core = await import('./www/pkg/lockstep.js');
    core.Simulation.prototype.advance = () => {
      throw new WebAssembly.RuntimeError('unreachable');
    };
  });
  await waitForState(page, (s) => s.error !== null);
  const s = await state(page);
  assert.match(s.error, /The simulation stopped: the simulation core crashed \(unreachable\)/);
  const links = await page.$$eval('#error a', (as) => as.map((a) => [a.textContent, new URL(a.href).hash]));
  assert.equal(links[0][0], 'Run the last scenario that ran');
  assert.match(links[0][1], /eps=0\.07/, 'the scenario before the one that crashed');
  assert.equal(links[1][0], 'Open the default scenario');
  assert.match(await hash(page), /eps=0\.07/, 'the address bar holds it too');
  // The link reloads the page (from a task after the click): wait for the new page, then for its frames.
  await Promise.all([page.waitForEvent('load', { timeout: FIRST_FRAME_MS }), page.click('#error a')]);
  await opened(page);
  assert.equal((await state(page)).panes[0].scenario.eps, 0.07);
  assert.equal((await state(page)).error, null);
  await context.close();
});
