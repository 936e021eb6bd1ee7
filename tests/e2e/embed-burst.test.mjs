// A host page's burst of messages to an embed of two 50,000-firm panes:
// twenty valid `set`s and a bad one build once, the bad one answered by
// its own error event; a later command waits for that one build, not for
// twenty. Errors quote a hostile number short (1e300, not 301 digits), and
// titles and labels lose bidi controls and zero-width characters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const HOST = (src) => `<!doctype html><meta charset="utf-8"><title>Host</title>
<body style="margin:0">
<iframe id="fig" src="${src}" width="720" height="405" style="border:0;display:block" sandbox="allow-scripts"></iframe>
<script>
  window.events = [];
  addEventListener('message', (e) => { if (e.data && e.data.lockstep === 1) events.push(e.data); });
  window.send = (msg) => document.getElementById('fig').contentWindow.postMessage({ lockstep: 1, ...msg }, '*');
</script>`;

async function hostPage(query) {
  const context = await harness.browser.newContext({ viewport: { width: 720, height: 405 } });
  const src = `index.html?${query}`.replace(/"/g, '&quot;').replace(/&(?!quot;)/g, '&amp;');
  await context.route('**/host.html', (route) => route.fulfill({ contentType: 'text/html', body: HOST(src) }));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${harness.server.url}host.html`);
  await page.waitForFunction(() => window.events.some((e) => e.event === 'ready'), null, { timeout: 90000 });
  const frame = page.frames().find((f) => f.url().includes('embed=1'));
  return { page, context, frame, problems };
}

const embedState = (frame) => frame.evaluate(() => window.lockstep.state());
const errorsOf = (page) => page.evaluate(() => window.events.filter((e) => e.event === 'error'));
const waitFrame = (frame, predicate, arg, timeout = 90000) =>
  frame.waitForFunction(([source, a]) => eval(source)(window.lockstep.state(), a), [predicate.toString(), arg], {
    timeout,
  });

test('twenty valid sets and a bad one to 50,000-firm panes build once; the bad one gets its error; later commands wait for one build', async (t) => {
  const { page, context, frame, problems } = await hostPage('embed=1#v=1&view=compare&n=50000&net=er&deg=6&seed=3');
  await waitFrame(frame, (s) => s.panes.every((p) => p.firms === 50000) && !s.building);
  const builds = (await embedState(frame)).builds;
  const start = Date.now();
  await page.evaluate(() => {
    for (let seed = 11; seed <= 30; seed++) {
      send({ command: 'set', params: { seed } });
      if (seed === 20) send({ command: 'set', params: { eps: 5 } });
    }
  });
  await page.waitForFunction(() => window.events.some((e) => e.event === 'error'), null, { timeout: 90000 });
  await waitFrame(frame, (s) => s.seed === 30 && !s.building);
  const errors = await errorsOf(page);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0].command, 'set');
  assert.match(errors[0].message, /eps: 5 is outside \[0, 1\]/);
  const after = await embedState(frame);
  t.diagnostic(`the burst of 21 messages: ${after.builds - builds} build(s), settled in ${Date.now() - start} ms`);
  assert.equal(after.builds, builds + 1, 'one build for the burst');
  assert.equal(after.panes[0].scenario.eps, 0.05, 'the bad value changed nothing');

  // A later command waits for one build at most: it runs next.
  const later = Date.now();
  await page.evaluate(() => send({ command: 'set', params: { seed: 99 } }));
  await waitFrame(frame, (s) => s.seed === 99 && !s.building);
  t.diagnostic(`a later set ran in ${Date.now() - later} ms`);
  assert.equal((await embedState(frame)).builds, builds + 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an embed quotes a hostile number short, and its titles and labels lose bidi controls and zero-width characters', async () => {
  const title = encodeURIComponent('Clusters\u202E slow\u200B synchrony');
  const { page, context, frame, problems } = await hostPage(`embed=1&title=${title}`);
  await waitFrame(frame, (s) => s.embed.shownTitle !== '');
  assert.equal((await embedState(frame)).embed.shownTitle, 'Clusters slow synchrony');
  await page.evaluate(() => send({ command: 'set', params: { eps: 1e300 } }));
  await page.waitForFunction(() => window.events.some((e) => e.event === 'error'), null, { timeout: 20000 });
  const [error] = await errorsOf(page);
  assert.match(error.message, /eps: 1e300 is outside \[0, 1\]/);
  assert.ok(error.message.length < 200, error.message);

  await page.evaluate(() =>
    send({ command: 'set', params: { seed: 4 }, pane: 0, label: 'Left\u2066 pane\u200D', title: 'A\u202Dtitle' }),
  );
  await waitFrame(frame, (s) => s.seed === 4 && s.embed.shownTitle === 'Atitle');
  const s = await embedState(frame);
  assert.equal(s.panes[0].label, 'Left pane');
  assert.equal(s.embed.shownTitle, 'Atitle');
  const hostile = 'k'.repeat(5000);
  await page.evaluate((key) => send({ command: 'set', params: { [key]: 1 } }), hostile);
  await page.waitForFunction(() => window.events.filter((e) => e.event === 'error').length === 2);
  const second = (await errorsOf(page))[1].message;
  assert.equal(second, `${'k'.repeat(40)}… (5000 characters): not a parameter`);
  assert.deepEqual(problems, []);
  await context.close();
});
