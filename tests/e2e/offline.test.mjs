// Offline: the single file (scripts/offline.mjs, written by npm run dist)
// opened from a file, with no server, runs in Chromium and Firefox: frames
// advance and an experiment finishes in its Workers. The folder build
// opened from a file, where the browser refuses its modules, says what to do
// instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { launch } from '../../scripts/chromium.mjs';
import { FIRST_FRAME_MS, STATE_MS } from './harness.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let browser, dir, single;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-offline-'));
  single = join(dir, 'lockstep-offline.html');
  execFileSync('node', [join(root, 'scripts/offline.mjs'), single], { stdio: 'inherit' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A small experiment on the default panes: 3 pulse sizes, 4 seeds each, in the link.
const SMALL =
  '#v=1&view=compare&seed=18&n=40&net=pp&groups=4&deg=6&between=0.05&p2.net=gnm&p2.ties=120' +
  '&x.arms=panes&x.p=eps&x.v=0.04,0.06,0.08&x.seeds=4&x.first=1&x.cap=60';

test('the single file runs from file://: frames advance, an experiment finishes, nothing is fetched', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  context.setDefaultTimeout(STATE_MS);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const workers = [];
  const workerErrors = [];
  page.on('worker', (w) => workers.push(w));
  await page.exposeFunction('workerFailed', (text) => workerErrors.push(text));
  // A Worker that fails to start gives the page an error event, which the pool turns into runs on the page: count them.
  await page.addInitScript(() => {
    const Native = Worker;
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('error', (e) => window.workerFailed(String(e.message)));
      }
    };
  });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(single).href + SMALL);
  await page.waitForFunction(() => window.lockstep?.state().ready && window.lockstep.state().frames > 2, null, {
    timeout: FIRST_FRAME_MS,
  });
  const frames = (await page.evaluate(() => window.lockstep.state().frames)) + 5;
  await page.waitForFunction((n) => window.lockstep.state().frames >= n, frames);
  assert.ok(await page.isHidden('#file-note'), 'the single file does not say it cannot run');
  await page.screenshot({ path: join(tmpdir(), 'lockstep-offline-file.png') });

  await page.click('#x-open');
  await page.click('#x-go');
  await page.waitForFunction(() => {
    const x = window.lockstep.state().experiments;
    return !x.running && x.runs === 24;
  });
  assert.match(await page.textContent('.x-results'), /\S/, 'the results are shown');
  assert.doesNotMatch(await page.textContent('.x-status'), /could not run/, 'every batch ran');
  assert.ok(workers.length > 0, 'in background Workers');
  assert.deepEqual(workerErrors, []);
  await page.screenshot({ path: join(tmpdir(), 'lockstep-offline-experiment.png'), fullPage: false });
  const outside = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(outside, [], 'nothing is fetched from a server');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the folder build opened from a file says what to do instead of showing a dead page', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(root, 'index.html')).href);
  const note = page.locator('#file-note');
  await note.waitFor({ state: 'visible' });
  assert.match(await note.textContent(), /opened from a file[\s\S]*lockstep-offline\.html[\s\S]*serve this folder/);
  assert.equal(await note.getAttribute('role'), 'alert', 'screen readers hear it');
  const box = await note.boundingBox();
  assert.ok(box.y < 740 && box.y + box.height <= 740, 'on the first screen');
  await page.screenshot({ path: join(tmpdir(), 'lockstep-folder-file.png') });
  await context.close();
});

const FIREFOX = '/usr/bin/firefox-esr';
const firefoxMissing = existsSync(FIREFOX)
  ? false
  : `${FIREFOX} is missing (bash scripts/setup.sh installs it with apt-get): the single file is not tried in Firefox`;

test('the single file runs from file:// in Firefox too', { skip: firefoxMissing }, async () => {
  const { default: puppeteer } = await import('puppeteer-core');
  const firefox = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  try {
    const page = await firefox.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(pathToFileURL(single).href + SMALL);
    const ready = () => window.lockstep?.state().ready && window.lockstep.state().frames > 2;
    await page.waitForFunction(ready, { timeout: FIRST_FRAME_MS });
    const frames = (await page.evaluate(() => window.lockstep.state().frames)) + 5;
    await page.waitForFunction((n) => window.lockstep.state().frames >= n, { timeout: STATE_MS }, frames);
    await page.click('#x-open');
    await page.click('#x-go');
    const done = () => {
      const x = window.lockstep.state().experiments;
      return !x.running && x.runs === 24;
    };
    await page.waitForFunction(done, { timeout: STATE_MS });
    const status = await page.$eval('.x-status', (e) => e.textContent);
    assert.doesNotMatch(status, /could not run/, 'every batch ran');
    await page.screenshot({ path: join(tmpdir(), 'lockstep-offline-firefox.png') });
    assert.deepEqual(problems, []);
  } finally {
    await firefox.close();
  }
});
