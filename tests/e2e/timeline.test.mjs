// The timeline under the panes: going back to any moment and on again, the
// events to jump to, and the moment in the link. The page's state at a
// moment is the command line's (`lockstep run --url LINK --at T`) for the
// same link: the same phases, releases, measures, chart samples and raster.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startHarness, openPage, waitForState, FIRST_FRAME_MS } from './harness.mjs';

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

// Small panes: a clustered network of 60 firms beside a dense one, hybrid coordinators.
const LINK = 'v=1&view=compare&seed=18&n=60&net=pp&groups=4&deg=8&between=0.03&p2.net=gnm&p2.ties=240';

/** Each pane's moment as the page has it now. */
const pageMoments = (page) => page.evaluate(() => [0, 1].map((p) => window.lockstep.moment(p)));

/** Each pane's moment at `t` as the command line has it for `link`. */
function cliMoments(link, t) {
  return JSON.parse(lockstep('run', '--url', link, '--at', String(t))).panes.map((p) => p.moment);
}

/** Waits until the panes are at `t`, paused, with no seek under way. */
const atMoment = (page, t) =>
  waitForState(page, (s, want) => !s.playing && s.seeking === null && Math.abs(s.time - want) < 1e-9, t);

/** Opens the page at `fragment` and waits until it is open. */
async function openAt(fragment, options = {}) {
  // A route (none here) makes openPage leave the waiting to us.
  const { page, context, problems } = await openPage(
    harness,
    { viewport: { width: 1280, height: 720 }, ...options },
    { path: `index.html#${fragment}`, route: async () => {} },
  );
  // A page opened at a moment is paused: it draws only what changes, so no count of frames is waited for.
  await page.waitForFunction(
    () => {
      const s = window.lockstep?.state();
      return s?.ready && s.frames > 0 && s.link.opened;
    },
    null,
    { timeout: FIRST_FRAME_MS },
  );
  return { page, context, problems };
}

test('a link with t= opens paused at that moment, the state the command line prints', async () => {
  const { page, context, problems } = await openAt(`${LINK}&t=6.25`);
  await atMoment(page, 6.25);
  assert.deepEqual(await pageMoments(page), cliMoments(LINK, 6.25));
  const shown = await page.locator('.tl-time').textContent();
  assert.match(shown, /^t = 6\.25 of /);
  assert.match(page.url(), /&t=6\.25(&|$)/, 'the address bar keeps the moment while the page stays there');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reader goes back and forward on the timeline, and plays on the same run', async () => {
  const { page, context, problems } = await openAt(LINK);
  await waitForState(page, (s) => s.time > 3);
  const range = page.locator('#tl-range');
  await range.focus();
  await page.keyboard.press('Home');
  await atMoment(page, 0);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await waitForState(page, (s) => s.seeking === null && Math.abs(s.time - 0.3) < 1e-6);
  await page.keyboard.press('PageUp');
  await waitForState(page, (s) => s.seeking === null && Math.abs(s.time - 1.3) < 1e-6);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await waitForState(page, (s) => s.seeking === null && Math.abs(s.time - 1.2) < 1e-6);
  const t = await page.evaluate(() => window.lockstep.state().time);
  assert.deepEqual(await pageMoments(page), cliMoments(LINK, t), 'after going back');

  // Shift+arrow: to the next release, then back to the one before.
  const before = (await pageMoments(page))[0].readings.releases;
  await range.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await waitForState(page, (s, was) => s.seeking === null && s.time > was, t);
  const next = await page.evaluate(() => window.lockstep.state());
  assert.ok(next.time - t < 1, `the next release is near (${next.time})`);
  assert.ok(
    next.panes.some((p, i) => p.releases > (i === 0 ? before : 0)),
    'a release more',
  );
  assert.deepEqual(await pageMoments(page), cliMoments(LINK, next.time), 'at a release');

  // Dragging: a click on the track's middle goes to the middle of the run so far.
  const box = await range.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await waitForState(page, (s) => s.seeking === null && s.time > 0.5);
  const mid = await page.evaluate(() => window.lockstep.state().time);
  assert.deepEqual(await pageMoments(page), cliMoments(LINK, mid), 'after a drag');

  // Playing from a moment continues the same run.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForState(page, (s, from) => s.time > from + 1, mid);
  await page.getByRole('button', { name: 'Pause' }).click();
  await waitForState(page, (s) => !s.playing);
  const later = await page.evaluate(() => window.lockstep.state().time);
  assert.deepEqual(await pageMoments(page), cliMoments(LINK, later), 'played on from a moment');
  assert.doesNotMatch(page.url(), /&t=/, 'played on: the link is the scenario again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every event listed and marked jumps to its event', async () => {
  // Hybrid coordinators: joint releases and signals; both panes come into step.
  const { page, context, problems } = await openAt(`${LINK}&mode=hybrid&speed=4`);
  await waitForState(page, (s) => s.panes.every((p) => p.syncTime !== undefined), null, 60000);
  await page.getByRole('button', { name: 'Pause' }).click();
  const events = await page.evaluate(() => window.lockstep.events());
  const kinds = new Set(events.map((e) => e.kind));
  assert.ok(kinds.has('inStep') && kinds.has('joint'), `in step and joint releases listed (${[...kinds]})`);
  await page.locator('.tl-events summary').click();
  const buttons = page.locator('.tl-jump');
  const count = await buttons.count();
  assert.ok(count >= 3, `${count} events listed`);
  for (let i = 0; i < count; i++) {
    const b = buttons.nth(i);
    const t = Number(await b.getAttribute('data-time'));
    await b.click();
    await atMoment(page, t);
  }
  // The marks above the track: a click on each in-step mark goes to its event.
  const marks = page.locator('.tl-marks');
  for (const e of events.filter((x) => x.kind === 'inStep')) {
    const box = await marks.boundingBox();
    const max = await page.evaluate(() => Number(document.getElementById('tl-range').max));
    await marks.click({ position: { x: (e.time / max) * (box.width - 2) + 1, y: box.height - 2 } });
    // A click lands on the nearest mark: this one, or one drawn on the same pixels.
    const near = events.filter((x) => Math.abs(x.time - e.time) <= (6 * max) / box.width).map((x) => x.time);
    await waitForState(page, (st, times) => st.seeking === null && times.includes(st.time), near);
  }
  // At an event, the page's state is the command line's.
  const at = events.find((e) => e.kind === 'inStep');
  await page.locator('.tl-jump[data-kind="inStep"]').first().click();
  await atMoment(page, at.time);
  assert.deepEqual(await pageMoments(page), cliMoments(`${LINK}&mode=hybrid&speed=4`, at.time));
  assert.deepEqual(problems, []);
  await context.close();
});

test('scrubbing back and forth 100 times keeps memory within its bound', async () => {
  const { page, context, problems } = await openAt(`${LINK}&speed=4`);
  await waitForState(page, (s) => s.time > 20, null, 60000);
  await page.getByRole('button', { name: 'Pause' }).click();
  const first = await page.evaluate(() => [0, 1].map((p) => window.lockstep.memory(p)));
  const bytes = await page.evaluate(() => window.lockstep.limits().rewindBytes);
  const range = page.locator('#tl-range');
  const box = await range.boundingBox();
  for (let i = 0; i < 100; i++) {
    const x = box.x + 4 + ((i * 37) % 100) * ((box.width - 8) / 100);
    await page.mouse.click(x, box.y + box.height / 2);
  }
  await waitForState(page, (s) => s.seeking === null);
  const last = await page.evaluate(() => [0, 1].map((p) => window.lockstep.memory(p)));
  for (const [i, m] of last.entries()) {
    assert.ok(m.checkpointBytes <= bytes, `pane ${i}: checkpoints ${m.checkpointBytes} B within ${bytes} B`);
    assert.ok(
      m.recordBytes <= first[i].recordBytes * 1.01 + 65536,
      `pane ${i}: records ${m.recordBytes} B, as before scrubbing (${first[i].recordBytes} B)`,
    );
  }
  const t = await page.evaluate(() => window.lockstep.state().time);
  assert.deepEqual(await pageMoments(page), cliMoments(`${LINK}&speed=4`, t), 'after 100 seeks');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad t= is clamped or refused with a message, never a frozen page', async () => {
  // Negative: clamped to the start, said in the notice.
  let { page, context } = await openAt(`${LINK}&t=-3`);
  await atMoment(page, 0);
  assert.match(await page.locator('#notice').textContent(), /\bt\b|at/);
  await context.close();
  // Not a number: the link is refused with its reason; the default scenario runs on.
  ({ page, context } = await openAt(`${LINK}&t=soon`));
  assert.match(await page.locator('#notice').textContent(), /t:/);
  const was = await page.evaluate(() => window.lockstep.state().frames);
  await waitForState(page, (s, w) => s.frames > w + 2, was);
  await context.close();
  // Beyond the cap: clamped to it; going there says how far it got, and Play stops it.
  ({ page, context } = await openAt(`${LINK}&t=1e9`));
  assert.match(await page.locator('#notice').textContent(), /10000/);
  await waitForState(page, (s) => s.seeking !== null && s.seeking > 9999);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await waitForState(page, (s) => s.seeking === null && s.playing);
  const frames = await page.evaluate(() => window.lockstep.state().frames);
  await waitForState(page, (s, w) => s.frames > w + 2, frames);
  await context.close();
});

const HOST = (src) => `<!doctype html><meta charset="utf-8"><title>Host article</title>
<body style="margin:0;font:16px sans-serif">
<p style="height:1200px">An article; the figure is further down.</p>
<iframe id="fig" src="${src}" width="640" height="420" sandbox="allow-scripts"></iframe>
<p style="height:1200px">More text.</p>
<script>
  window.events = [];
  addEventListener('message', (e) => { if (e.data && e.data.lockstep === 1) events.push(e.data); });
  window.send = (msg) => document.getElementById('fig').contentWindow.postMessage({ lockstep: 1, ...msg }, '*');
</script>`;

/** The first event the host heard that `predicate` accepts (waits for it). */
async function heard(page, predicate, arg, timeout = 60000) {
  const handle = await page.waitForFunction(
    ([source, a]) => window.events.find((e) => eval(source)(e, a)),
    [predicate.toString(), arg],
    { timeout },
  );
  return handle.jsonValue();
}

test("an article's embed opens at t= and goes to a moment on a seek command, answering when there", async () => {
  const context = await harness.browser.newContext({ viewport: { width: 800, height: 700 } });
  await context.route('**/host.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: HOST(`index.html?embed=1#${LINK}&t=4.5`) }),
  );
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${harness.server.url}host.html`);
  await heard(page, (e) => e.event === 'ready');
  const frame = page.frames().find((f) => f.url().includes('embed=1'));
  await atMoment(frame, 4.5);
  assert.deepEqual(await pageMoments(frame), cliMoments(LINK, 4.5), 'the embed opened at t=');

  // Scrolled into view, it stays at the moment.
  await page.evaluate(() => document.getElementById('fig').scrollIntoView());
  await page.evaluate(() => send({ command: 'seek', t: 9.75 }));
  const done = await heard(page, (e) => e.event === 'seeked');
  assert.deepEqual(done, { lockstep: 1, event: 'seeked', time: 9.75, requested: 9.75 });
  assert.equal((await frame.evaluate(() => window.lockstep.state())).playing, false, 'paused at the moment');
  assert.deepEqual(await pageMoments(frame), cliMoments(LINK, 9.75), 'the embed after seek');

  // Back, after a set: the new panes at that moment.
  await page.evaluate(() => {
    window.events = [];
    send({ command: 'set', params: { eps: 0.08 } });
    send({ command: 'seek', t: 2 });
  });
  assert.equal((await heard(page, (e) => e.event === 'seeked')).time, 2);
  assert.deepEqual(await pageMoments(frame), cliMoments(`${LINK}&eps=0.08`, 2), 'set, then seek');

  // Bad input: clamped, or refused with an error event; the embed plays on when asked.
  await page.evaluate(() => {
    window.events = [];
    send({ command: 'seek', t: -5 });
    send({ command: 'seek', t: 'soon' });
  });
  const clamped = await heard(page, (e) => e.event === 'seeked');
  assert.deepEqual([clamped.time, clamped.requested], [0, -5]);
  const refused = await heard(page, (e) => e.event === 'error');
  assert.equal(refused.command, 'seek');
  assert.match(refused.message, /^t: soon is not a number of cycles/);
  await page.evaluate(() => send({ command: 'play' }));
  await waitForState(frame, (s) => s.playing && s.time > 0.5);
  assert.deepEqual(problems, []);
  await context.close();
});
