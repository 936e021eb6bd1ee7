// What the embed and the teaching page load: an embed fetches only what it
// shows (no charts, uPlot, tour, inspector, experiments, share tools or
// settings form, unless controls= shows some settings) and the embed's
// smaller core, the page fetches its parts and its own core, and both mark
// their first drawn frame for the load benchmark. Neither fetches any of the
// sound's machinery until the person presses Sound.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, FIRST_FRAME_MS } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const PAGE_ONLY = [
  /\/www\/page\.js$/,
  /\/www\/charts\//,
  /\/www\/vendor\/uplot\//,
  /\/www\/experiments\/.*\.js$/,
  /\/controls\/(tour|present|inspector|mini-view|preset-text)\.js$/,
  /\/describe\/chart-(summaries|words)\.js$/,
  /\/share\/(tools|import|export|file)\.js$/,
];
const FORM = /\/controls\/form\.js$/;
/** The sound's machinery, fetched only when Sound is pressed (sound.js, its button, is always there). */
const SOUND_ON_DEMAND = /\/sound\/(?!sound\.js)[\w-]+\.js$/;

/** The files `query` fetched until it drew its first frame and the network went quiet. */
async function load(query) {
  const context = await harness.browser.newContext({ viewport: { width: 800, height: 500 } });
  const page = await context.newPage();
  const files = [];
  const problems = [];
  page.on('requestfinished', (r) => files.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${harness.server.url}index.html${query}`);
  await page.waitForFunction(() => performance.getEntriesByName('lockstep-first-frame').length === 1, null, {
    timeout: FIRST_FRAME_MS,
  });
  await page.waitForLoadState('networkidle');
  const ready = await page.evaluate(() => window.lockstep.state().ready);
  await context.close();
  return { files, problems, ready };
}

test('an embed fetches only what it shows', async () => {
  const { files, problems, ready } = await load('?embed=1');
  assert.ok(ready);
  assert.deepEqual(
    files.filter((f) => PAGE_ONLY.some((re) => re.test(f))),
    [],
    "no module of the page's parts",
  );
  assert.ok(!files.some((f) => FORM.test(f)), 'no settings form');
  assert.deepEqual(
    files.filter((f) => SOUND_ON_DEMAND.test(f)),
    [],
    'no sound until asked',
  );
  assert.ok(files.some((f) => f.endsWith('/www/main.js')));
  assert.deepEqual(
    files.filter((f) => f.endsWith('.wasm')),
    ['/www/pkg/embed/lockstep_bg.wasm'],
    "the embed's core, once",
  );
  assert.deepEqual(problems, []);
});

test("an embed's layout Worker loads the embed's core too", async () => {
  // 3,000 firms: laid out by forces in the Worker.
  const { files, problems, ready } = await load('?embed=1#v=1&n=3000&p2.n=3000');
  assert.ok(ready);
  assert.ok(
    files.some((f) => f.endsWith('/www/draw/layout-worker.js')),
    'the Worker started',
  );
  assert.deepEqual([...new Set(files.filter((f) => f.endsWith('.wasm')))], ['/www/pkg/embed/lockstep_bg.wasm']);
  assert.deepEqual(problems, []);
});

test('an embed with controls= settings fetches the form, and still nothing else of the page', async () => {
  const { files, problems } = await load('?embed=1&controls=eps,speed');
  assert.ok(
    files.some((f) => FORM.test(f)),
    'the settings form',
  );
  assert.deepEqual(
    files.filter((f) => PAGE_ONLY.some((re) => re.test(f))),
    [],
  );
  const speedOnly = await load('?embed=1&controls=speed');
  assert.ok(!speedOnly.files.some((f) => FORM.test(f)), 'speed is a toolbar control, not the form');
  assert.deepEqual([...problems, ...speedOnly.problems], []);
});

test('the page fetches its charts, tour, experiments and tools', async () => {
  const { files, problems } = await load('');
  for (const re of [
    /\/www\/page\.js$/,
    /\/www\/vendor\/uplot\/uPlot\.esm\.js$/,
    /\/www\/vendor\/uplot\/uPlot\.min\.css$/,
    /\/controls\/tour\.js$/,
    /\/experiments\/panel\.js$/,
    /\/share\/tools\.js$/,
    FORM,
  ]) {
    assert.ok(
      files.some((f) => re.test(f)),
      `fetched ${re}`,
    );
  }
  assert.deepEqual(
    files.filter((f) => f.endsWith('.wasm')),
    ['/www/pkg/lockstep_bg.wasm'],
    "the page's core, preloaded, fetched once",
  );
  assert.deepEqual(
    files.filter((f) => SOUND_ON_DEMAND.test(f)),
    [],
    'no sound until asked',
  );
  assert.deepEqual(problems, []);
});
