// `node scripts/offline.mjs OUT.html`: writes the teaching page as one
// self-contained HTML file that runs opened from a file (a USB stick, a
// messaging app), where browsers refuse to load modules, Workers and the
// wasm core from beside it. esbuild bundles the module graph (the page's,
// and each Worker's) into single scripts; the stylesheets go in a <style>;
// the core's bytes (base64) and the Workers' sources ride in
// window.LOCKSTEP_OFFLINE, which www/core.js reads: the core is instantiated
// from the bytes, Workers (classic) start from Blob URLs. Needs www/pkg built.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/offline.mjs OUT.html');
  process.exit(2);
}
const read = (file) => readFileSync(join(root, file), 'utf8');

/**
 * One entry point and everything it imports (dynamic imports too) as one
 * script: an ES module for the page, a classic script for a Worker (a page
 * opened from a file has an opaque origin, from which Chromium starts no
 * module Worker, even from a Blob URL).
 */
async function bundle(entry, format) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format,
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0].text;
}

// Inside <script>, only "</script" (and "<!--") end or upset the element: escaped, the code means the same.
const inScript = (code) => code.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');

const [page, experiments, tally, layout] = await Promise.all([
  bundle('www/main.js', 'esm'),
  bundle('www/experiments/worker.js', 'iife'),
  bundle('www/experiments/tally-worker.js', 'iife'),
  bundle('www/draw/layout-worker.js', 'iife'),
]);
const wasm = readFileSync(join(root, 'www/pkg/lockstep_bg.wasm')).toString('base64');

// Runs before the page's module: the core's bytes, and Blob URLs for the
// Workers, each given the same bytes ahead of its own bundle.
const bootstrap = `window.LOCKSTEP_OFFLINE = (() => {
  const wasm = ${JSON.stringify(wasm)};
  const sources = ${JSON.stringify({ experiments, tally, layout })};
  const bytes = () => Uint8Array.from(atob(wasm), (c) => c.charCodeAt(0));
  const urls = {};
  const prelude = 'self.LOCKSTEP_OFFLINE = { wasm: () => Uint8Array.from(atob(' + JSON.stringify(wasm) + '), (c) => c.charCodeAt(0)) };\\n';
  return {
    wasm: bytes,
    worker(name) {
      urls[name] ??= URL.createObjectURL(new Blob([prelude, sources[name]], { type: 'text/javascript' }));
      return new Worker(urls[name]);
    },
  };
})();`;

const styles = [
  'www/vendor/uplot/uPlot.min.css',
  'www/style.css',
  'www/embed.css',
  'www/experiments/experiments.css',
  'www/present.css',
].map(read);

let html = read('index.html');
const head = html.indexOf('</head>');
const before = html
  .slice(0, head)
  // The folder's stylesheets, module and preloads are all inside now.
  .replace(/\s*<link rel="stylesheet"[^>]*>/g, '')
  .replace(/\s*<script type="module" src="[^"]*"><\/script>/, '')
  .replace(/\s*<script>\s*\/\/ The core downloads[\s\S]*?<\/script>/, '');
if (before.includes('www/'))
  throw new Error('offline: index.html names a file in www/ that the single file cannot load');
html = `${before}
  <style>
${styles.join('\n')}
  </style>
  <script>${inScript(bootstrap)}</script>
  <script type="module">${inScript(page)}</script>
${html.slice(head)}`;
writeFileSync(out, html);
console.log(`lockstep: ${out} ready: ${Math.round(html.length / 1024)} KiB, one file that runs opened from a file`);
