// The embed inside a sandboxed iframe (sandbox="allow-scripts": an opaque
// origin, no storage) on a host page served by this test: it waits paused
// until scrolled into view, plays, answers the postMessage API and reports
// bursts and synchrony, and pauses when scrolled away. Module scripts loaded
// from an opaque origin need Access-Control-Allow-Origin: *, which our
// server sends (as GitHub Pages does).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startHarness, FIRST_FRAME_MS, STATE_MS } from './harness.mjs';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
let harness;
before(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await harness?.close();
});

const HOST = (src, width) => `<!doctype html><meta charset="utf-8"><title>Host article</title>
<body style="margin:0;font:16px sans-serif">
<p style="height:1600px">An article; the figure is further down.</p>
<iframe id="fig" src="${src}" width="${width}" height="420" style="border:1px solid #999" sandbox="allow-scripts"></iframe>
<p style="height:1600px">More text.</p>
<script>
  window.events = [];
  addEventListener('message', (e) => { if (e.data && e.data.lockstep === 1) events.push(e.data); });
  window.send = (msg) => document.getElementById('fig').contentWindow.postMessage({ lockstep: 1, ...msg }, '*');
</script>`;

async function hostPage(width = 320, query = 'embed=1') {
  const context = await harness.browser.newContext({ viewport: { width: 800, height: 700 } });
  // The host page is the test's own; everything else comes from our server as it is.
  await context.route('**/host.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: HOST(`index.html?${query}`, width) }),
  );
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${harness.server.url}host.html`);
  return { page, context, problems };
}

const waitEvent = (page, predicate, arg, timeout = STATE_MS) =>
  page.waitForFunction(([source, a]) => window.events.find((e) => eval(source)(e, a)), [predicate.toString(), arg], {
    timeout,
  });
const events = (page) => page.evaluate(() => window.events);

test('the embed in a sandboxed iframe plays in view and answers postMessage', async () => {
  const { page, context, problems } = await hostPage(320);
  await waitEvent(page, (e) => e.event === 'ready', null, FIRST_FRAME_MS);
  await page.evaluate(() => send({ command: 'state' }));
  const first = (await waitEvent(page, (e) => e.event === 'state').then(() => events(page))).find(
    (e) => e.event === 'state',
  );
  assert.equal(first.playing, false, 'paused while out of view');
  assert.equal(first.time, 0);

  await page.evaluate(() => document.getElementById('fig').scrollIntoView());
  await waitEvent(page, (e) => e.event === 'playing' && e.playing);
  await waitEvent(page, (e) => e.event === 'bursts');
  const frame = page.frames().find((f) => f.url().includes('embed=1'));
  const layout = await frame.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: innerWidth,
    canvases: [...document.querySelectorAll('canvas.network')].map((c) => c.getBoundingClientRect().width),
    settings: document.querySelector('.settings').offsetParent !== null,
    link: document.getElementById('open-full').href,
    r: document.querySelector('#pane-0 .r').textContent,
  }));
  assert.ok(layout.scroll <= layout.width, `no horizontal scroll (${layout.scroll} in ${layout.width})`);
  assert.ok(
    layout.canvases.every((w) => w > 100),
    `both canvases shown (${layout.canvases})`,
  );
  assert.equal(layout.settings, false, 'no settings');
  assert.doesNotMatch(layout.link, /embed=1/, 'the link opens the full page');
  assert.match(layout.r, /^\d\.\d\d$/);
  await page.locator('#fig').screenshot({ path: `${SHOTS}embed-320.png` });

  await page.evaluate(() => send({ command: 'pause' }));
  await waitEvent(page, (e) => e.event === 'playing' && !e.playing);
  await page.evaluate(() => send({ command: 'set', params: { bogus: 1 } }));
  const bad = await waitEvent(page, (e) => e.event === 'error').then(() => events(page));
  assert.match(bad.find((e) => e.event === 'error').message, /bogus: not a parameter/);
  await page.evaluate(() => {
    window.events = [];
    send({ command: 'set', params: { eps: 0.08, speed: 2 } });
    send({ command: 'reset' });
    send({ command: 'play' });
  });
  const synced = await waitEvent(page, (e) => e.event === 'synchronized');
  assert.ok(synced, 'a synchronized event');
  await page.evaluate(() => send({ command: 'state' }));
  await waitEvent(page, (e) => e.event === 'state');
  const st = (await events(page)).find((e) => e.event === 'state');
  assert.equal(st.speed, 2);
  assert.ok(st.panes.some((p) => p.syncTime !== null));

  await page.evaluate(() => {
    window.events = [];
    window.scrollTo(0, 0);
  });
  await waitEvent(page, (e) => e.event === 'playing' && !e.playing);
  assert.deepEqual(problems, []);
  await context.close();
});

test('controls= shows the chosen few controls in the embed', async () => {
  const { page, context, problems } = await hostPage(480, 'embed=1&controls=eps,speed');
  await waitEvent(page, (e) => e.event === 'ready', null, FIRST_FRAME_MS);
  const frame = page.frames().find((f) => f.url().includes('embed=1'));
  const shown = await frame.evaluate(() =>
    ['p-eps', 'speed', 'p-dissipation', 'seed'].map((id) => document.getElementById(id).offsetParent !== null),
  );
  assert.deepEqual(shown, [true, true, false, false]);
  await page.evaluate(() => document.getElementById('fig').scrollIntoView());
  await page.locator('#fig').screenshot({ path: `${SHOTS}embed-controls.png` });
  assert.deepEqual(problems, []);
  await context.close();
});
