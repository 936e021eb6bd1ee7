// A fixed version: `npm run dist` (scripts/dist.sh, its build skipped: the
// cores in www/pkg are used as they are) writes the latest site and the same
// release under v/<version>/, both serving one release stamp (version, and
// the sha256 of the wasm cores they serve); the embed dialog of the latest
// points its snippet at the versioned folder, which runs. A later release
// with another engine under the same version is refused. Everything is
// written into a temporary folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launch } from '../../scripts/chromium.mjs';
import { opened, STATE_MS } from './harness.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const SITE = 'https://news.example/lockstep/';
let dir, server, browser;

const dist = (env = {}) =>
  spawnSync('bash', ['scripts/dist.sh'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOCKSTEP_SKIP_BUILD: '1', LOCKSTEP_DIST: dir, ...env },
  });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-dist-'));
  const made = dist({ LOCKSTEP_SITE_URL: SITE });
  assert.equal(made.status, 0, made.stderr);
  server = await serve({ root: dir, port: 0 });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = async (path) => {
  const res = await fetch(`${server.url}${path}`);
  assert.equal(res.status, 200, path);
  return Buffer.from(await res.arrayBuffer());
};

test('the versioned folder serves the release digest of the build that wrote it, as the latest does', async () => {
  const latest = JSON.parse(await get('www/pkg/release.json'));
  const pinned = JSON.parse(await get(`v/${version}/www/pkg/release.json`));
  assert.equal(latest.version, version);
  assert.equal(pinned.version, version);
  assert.equal(pinned.digest, latest.digest, 'one release');
  assert.equal(latest.pinned, `v/${version}/`);
  assert.equal(pinned.pinned, '');
  // The digest is that of the cores each folder serves, and of the build in www/pkg.
  for (const folder of ['', `v/${version}/`]) {
    const hash = createHash('sha256');
    hash.update(await get(`${folder}www/pkg/lockstep_bg.wasm`));
    hash.update(await get(`${folder}www/pkg/embed/lockstep_bg.wasm`));
    assert.equal(hash.digest('hex'), latest.digest, `${folder || 'latest'}: the digest of its cores`);
  }
  const built = createHash('sha256');
  for (const f of ['www/pkg/lockstep_bg.wasm', 'www/pkg/embed/lockstep_bg.wasm'])
    built.update(readFileSync(join(root, f)));
  assert.equal(latest.digest, built.digest('hex'));
  // The link card: its image in the folder, by an absolute address.
  for (const [folder, base] of [
    ['', SITE],
    [`v/${version}/`, `${SITE}v/${version}/`],
  ]) {
    const html = (await get(`${folder}index.html`)).toString();
    assert.ok(html.includes(`<meta property="og:image" content="${base}docs/screenshot.png">`), folder);
    assert.ok(html.includes(`<meta name="twitter:card" content="summary_large_image">`));
    assert.ok(html.includes(`<meta property="og:url" content="${base}index.html">`), folder);
    await get(`${folder}docs/screenshot.png`);
  }
});

test('the latest page’s snippet points at its version’s folder, which runs the embed', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  context.setDefaultTimeout(STATE_MS);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${server.url}index.html`);
  await opened(page);
  await page.click('#embed-details summary');
  await page.waitForFunction(() => document.getElementById('embed-snippet').value.startsWith('<figure'));
  const src = await page.evaluate(() =>
    new DOMParser()
      .parseFromString(document.getElementById('embed-snippet').value, 'text/html')
      .querySelector('iframe')
      .getAttribute('src'),
  );
  // The id= names this embed for the article's height lines (docs/embed.md).
  assert.match(src, new RegExp(`^${server.url}v/${version}/index\\.html\\?embed=1&id=lockstep-[a-z0-9]+#v=1&`), src);
  assert.match(await page.textContent('#embed-version'), new RegExp(`version ${version.replace(/\./g, '\\.')}`));

  const embed = await context.newPage();
  embed.on('pageerror', (e) => problems.push(e.message));
  await embed.goto(src);
  await embed.waitForFunction(() => {
    const s = window.lockstep?.state();
    return s?.ready && s.link?.opened && s.embed !== null;
  });
  // The versioned page's own dialog points at itself.
  await page.goto(`${server.url}v/${version}/index.html`);
  await opened(page);
  await page.click('#embed-details summary');
  await page.waitForFunction(() => document.getElementById('embed-snippet').value.startsWith('<figure'));
  assert.ok((await page.inputValue('#embed-snippet')).includes(`src="${server.url}v/${version}/index.html?embed=1`));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a release with another engine under a published version is refused', () => {
  const stamp = join(dir, `v/${version}/www/pkg/release.json`);
  const kept = readFileSync(stamp, 'utf8');
  writeFileSync(stamp, JSON.stringify({ ...JSON.parse(kept), digest: '0'.repeat(64) }));
  const refused = dist();
  assert.notEqual(refused.status, 0);
  assert.match(
    refused.stderr,
    new RegExp(`/v/${version.replace(/\./g, '\\.')}/ holds another engine.*bump "version" in package\\.json`),
  );
  assert.equal(
    JSON.parse(readFileSync(stamp, 'utf8')).digest,
    '0'.repeat(64),
    'the published folder is left as it was',
  );
  const latest = JSON.parse(readFileSync(join(dir, 'www/pkg/release.json'), 'utf8'));
  assert.equal(latest.pinned, `v/${version}/`, 'and so is the latest: nothing was written');
  // The same engine again replaces it.
  writeFileSync(stamp, kept);
  const again = dist();
  assert.equal(again.status, 0, again.stderr);
  assert.ok(existsSync(join(dir, `v/${version}/index.html`)));
  assert.equal(JSON.parse(readFileSync(stamp, 'utf8')).digest, JSON.parse(kept).digest);
});
