// Release stamps, so a published figure never changes under its story.
//
//   node scripts/release.mjs stamp PKG   (scripts/build.sh) writes PKG/release.json:
//       { version, digest, pinned: null }: package.json's version and the
//       sha256 of the two wasm cores (the page's, then the embed's), the
//       release digest; `pinned` null says "not a published release".
//   node scripts/release.mjs check DIST  (scripts/dist.sh, before it writes
//       anything) refuses when DIST/v/<version>/ holds another engine.
//   node scripts/release.mjs pin DIST    (scripts/dist.sh) copies the site
//       in DIST (all but DIST/v/) to DIST/v/<version>/, and writes into both
//       www/pkg/release.json with the same version and digest; `pinned` is
//       the way from that folder to its version's ("v/0.1.0/" from the
//       latest, "" from the versioned folder itself). The embed dialog
//       reads it and points snippets at the versioned folder.
//
// A version folder that exists already is replaced only by the same engine
// (the same digest): a different engine under an old version would change
// published figures, so the script refuses and says to bump the version.
// With LOCKSTEP_SITE_URL (the address the latest folder is served at, e.g.
// https://you.github.io/lockstep/) the link-card meta of each folder's
// index.html gets absolute addresses, which link scrapers want.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CORES = ['lockstep_bg.wasm', 'embed/lockstep_bg.wasm'];

function fail(message) {
  console.error(`lockstep: error: ${message}`);
  process.exit(1);
}

/** package.json's version: the release's name. */
function version() {
  const v = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(v ?? '')) fail(`package.json's version "${v}" is not x.y.z`);
  return v;
}

/** The release digest of the cores in `pkg`: sha256 of the page's core then the embed's, in hex. */
function digest(pkg) {
  const hash = createHash('sha256');
  for (const core of CORES) {
    const file = join(pkg, core);
    if (!existsSync(file)) fail(`${file} is missing: build the cores first (bash scripts/build.sh)`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

const stampOf = (pkg, pinned) => `${JSON.stringify({ version: version(), digest: digest(pkg), pinned }, null, 2)}\n`;

/** The link card's relative image (docs/screenshot.png) made absolute, with og:url, for a folder served at `url`. */
function absoluteCard(html, url) {
  const abs = (path) => new URL(path, url).href;
  return html
    .replace(
      /(<meta (?:property="og:image"|name="twitter:image") content=")([^"]+)"/g,
      (_, head, path) => `${head}${abs(path)}"`,
    )
    .replace(
      '<meta property="og:type"',
      `<meta property="og:url" content="${abs('index.html')}">\n  <meta property="og:type"`,
    );
}

/** Refuses (exits) when DIST/v/<version>/ holds another engine than the cores in `pkg`. */
function check(dist, pkg) {
  const v = version();
  const made = digest(pkg);
  const folder = join(dist, 'v', v);
  const stampFile = join(folder, 'www/pkg/release.json');
  if (existsSync(stampFile)) {
    const old = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (old.digest !== made) {
      fail(
        `${folder}/ holds another engine (digest ${old.digest.slice(0, 12)}…, this build ${made.slice(0, 12)}…): ` +
          `published figures point there, so bump "version" in package.json (docs/embed.md, A fixed version)`,
      );
    }
  }
  return { v, made, folder, stampFile };
}

function pin(dist) {
  const latestPkg = join(dist, 'www/pkg');
  const { v, made, folder, stampFile } = check(dist, latestPkg);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const entry of readdirSync(dist)) {
    if (entry !== 'v') cpSync(join(dist, entry), join(folder, entry), { recursive: true });
  }
  writeFileSync(join(latestPkg, 'release.json'), stampOf(latestPkg, `v/${v}/`));
  writeFileSync(stampFile, stampOf(join(folder, 'www/pkg'), ''));
  const site = process.env.LOCKSTEP_SITE_URL;
  if (site) {
    const base = site.endsWith('/') ? site : `${site}/`;
    for (const [dir, url] of [
      [dist, base],
      [folder, new URL(`v/${v}/`, base).href],
    ]) {
      const page = join(dir, 'index.html');
      writeFileSync(page, absoluteCard(readFileSync(page, 'utf8'), url));
    }
  }
  console.log(`lockstep: release ${v} (digest ${made.slice(0, 12)}…) in ${dist}/ and ${dist}/v/${v}/`);
}

const [command, dir] = process.argv.slice(2);
if (command === 'stamp' && dir) writeFileSync(join(dir, 'release.json'), stampOf(dir, null));
else if (command === 'check' && dir) check(dir, join(root, 'www/pkg'));
else if (command === 'pin' && dir) pin(dir);
else {
  console.error('usage: node scripts/release.mjs stamp PKG_DIR | check DIST_DIR | pin DIST_DIR');
  process.exit(2);
}
