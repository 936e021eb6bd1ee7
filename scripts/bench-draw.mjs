// Drawing speed, in headless Chromium, at 500, 5,000 and 50,000 firms with
// 10 ties per firm, for each renderer (WebGL2 forced with ?renderer=webgl,
// and Canvas 2D):
//  - "drawing only": a pane's renderer drawing a made-up network of that
//    size (ties between near firms, a third of the firms flashing) every
//    frame, without the simulation: what the renderer itself costs;
//  - "page": the page playing that network (G(n, m), hybrid, 5
//    coordinators) at 1 cycle per second, one pane shown and both panes
//    shown: frames per second as a reader gets them, simulation included.
// Headless Chromium draws WebGL2 in software (SwiftShader) and composites
// in software, so these figures are a floor. A size the page refuses prints
// a row saying so. Prints rows of the one bench table (scripts/bench-table.mjs):
// figures, not pass/fail.
//   node scripts/bench-draw.mjs [firms ...]     (default 500 5000 50000)
import { serve } from './serve.mjs';
import { launch } from './chromium.mjs';
import { fileURLToPath } from 'node:url';
import { row as tableRow } from './bench-table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const FIRMS = SIZES.length ? SIZES : [500, 5000, 50000];
const TIES_PER_FIRM = 10;
const COORDINATORS = 5;
const COORDINATOR_TIES = (COORDINATORS * (COORDINATORS - 1)) / 2;
const MEASURE_MS = 5000;
const LAYOUT_MS = 180000; // the force layout of a big network takes a while

const server = await serve({ root, port: 0 });
const browser = await launch();

// A page of the server's origin (so it imports www/draw) that draws a made-up network.
const DRAWING_PAGE = `${server.url}bench-drawing.html`;
const DRAWING_HTML = `<!doctype html><meta charset="utf-8"><body style="margin:0">
<div style="width:640px"><canvas class="network" style="display:block;width:640px;height:427px;background:#0b1222"></canvas></div>
<script type="module">
import { WebGLRenderer } from './www/draw/webgl.js';
import { Renderer } from './www/draw/canvas.js';
const q = new URLSearchParams(location.search);
const n = Number(q.get('n')), m = ${TIES_PER_FIRM} * n;
let seed = 7;
const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const positions = Float32Array.from({ length: 2 * n }, random);
// Ties between near firms, as a force layout places them: buckets of about 20 firms.
const side = Math.max(1, Math.round(Math.sqrt(n / 20)));
const cells = Array.from({ length: side * side }, () => []);
const cell = (i) => Math.min(side - 1, Math.floor(positions[2 * i] * side)) * side + Math.min(side - 1, Math.floor(positions[2 * i + 1] * side));
for (let i = 0; i < n; i++) cells[cell(i)].push(i);
const ties = new Uint32Array(2 * m);
for (let e = 0; e < m; e++) {
  const a = Math.floor(random() * n), near = cells[cell(a)];
  ties[2 * e] = a;
  ties[2 * e + 1] = near[Math.floor(random() * near.length)];
}
const coordinators = [0, 1, 2, 3, 4].filter((c) => c < n);
const run = { n, positions, ties, coordinators, coordinated: true, sim: {}, refreshViews() {},
  releaseAges: Float32Array.from({ length: n }, () => random()), phases: Float32Array.from({ length: n }, random),
  isCoordinator: Uint8Array.from({ length: n }, (_, i) => (i < coordinators.length ? 1 : 0)), partnersOf: () => [] };
const canvas = document.querySelector('canvas');
const renderer = q.get('renderer') === 'webgl' ? new WebGLRenderer(canvas, { now: true }) : new Renderer(canvas);
let frames = 0, start = 0;
function frame(now) {
  // Releases move on a thirtieth of a cycle per frame; a third of the firms are lit.
  for (let i = 0; i < n; i++) run.releaseAges[i] = (run.releaseAges[i] + 1 / 30) % 1;
  renderer.draw(run, { speed: 1, calm: false, now, effects: null, roadmap: 0.5 });
  renderer.dirty = false;
  if (++frames === 10) start = now;
  if (frames > 10 && now - start >= ${MEASURE_MS}) { window.result = { fps: (1000 * (frames - 10)) / (now - start), kind: renderer.kind }; return; }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
</script>`;

const thousands = (n) => n.toLocaleString('en-US');
/** One row of the bench table (scripts/bench-table.mjs): frames per second, or '' with the reason in the note. */
const drawRow = (what, renderer, firms, fps, note) =>
  tableRow(
    'draw',
    `${what}, ${renderer}: ${thousands(firms)} firms`,
    fps,
    'frames/s',
    [`${thousands(firms * TIES_PER_FIRM)} ties`, backend(renderer), note].filter(Boolean).join('; '),
  );

async function drawingOnly(renderer, firms) {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.route(`${DRAWING_PAGE}*`, (route) => route.fulfill({ contentType: 'text/html', body: DRAWING_HTML }));
  try {
    await page.goto(`${DRAWING_PAGE}?renderer=${renderer}&n=${firms}`);
    await page.waitForFunction(() => window.result, null, { timeout: 30 * MEASURE_MS, polling: 500 });
    const { fps, kind } = await page.evaluate(() => window.result);
    drawRow(
      'drawing only',
      renderer,
      firms,
      fps.toFixed(1),
      `a made-up network, flashing${kind === renderer ? '' : `; drawn by ${kind}`}`,
    );
  } catch (err) {
    drawRow('drawing only', renderer, firms, '', failed(err));
  } finally {
    await page.close();
  }
}

/** The link of `firms` firms in pane 1 (and pane 2 when `panes` is 2; else a small pane 2, hidden). */
function fragment(firms, panes) {
  const ties = firms * TIES_PER_FIRM - COORDINATOR_TIES;
  const second = panes === 2 ? `p2.n=${firms}&p2.ties=${ties}` : 'p2.n=60&p2.ties=240';
  return (
    `v=1&view=${panes === 2 ? 'compare' : 'single'}&speed=1&seed=1&n=${firms}&net=gnm&ties=${ties}` +
    `&mode=hybrid&k=${COORDINATORS}&p2.net=gnm&${second}`
  );
}

async function wholePage(renderer, firms, panes) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const row = (fps, s, note) =>
    drawRow(
      panes === 2 ? 'the page, both panes' : 'the page, one pane',
      renderer,
      firms,
      fps,
      [s && `${s.display} display`, s && (s.panes[0].layoutPending ? 'layout still refining' : 'layout done'), note]
        .filter(Boolean)
        .join(', '),
    );
  try {
    await page.goto(`${server.url}index.html?renderer=${renderer}#${fragment(firms, panes)}`);
    await page.waitForFunction(() => window.lockstep?.state().ready && window.lockstep.state().frames > 2, null, {
      timeout: 120000,
    });
    let s = await page.evaluate(() => window.lockstep.state());
    if (s.panes[0].firms !== firms) {
      const notice = (await page.textContent('#notice')).replace(/[,\s]+/g, ' ').trim();
      return row('', null, `refused by the page: ${notice.split(/(?<=\.)(?=[A-Z])/)[0].slice(0, 240)}`);
    }
    await page
      .waitForFunction(() => window.lockstep.state().panes.every((p) => !p.layoutPending), null, {
        timeout: LAYOUT_MS,
        polling: 1000,
      })
      .catch(() => {});
    await page.waitForTimeout(1000);
    const before = await page.evaluate(() => ({ frames: window.lockstep.state().frames, t: performance.now() }));
    await page.waitForTimeout(MEASURE_MS);
    const after = await page.evaluate(() => ({ frames: window.lockstep.state().frames, t: performance.now() }));
    s = await page.evaluate(() => window.lockstep.state());
    const used = s.panes.map((p) => p.renderer);
    const fps = (1000 * (after.frames - before.frames)) / (after.t - before.t);
    return row(fps.toFixed(1), s, used.every((r) => r === renderer) ? '' : `drawn by ${used.join(' and ')}`);
  } catch (err) {
    return row('', null, failed(err));
  } finally {
    await page.close();
  }
}

const failed = (err) => `failed: ${err.message.split('\n')[0].replace(/,/g, ' ')}`;

// What draws the WebGL2 rows: software (SwiftShader) in headless Chromium.
const probe = await browser.newPage();
const gpu = await probe.evaluate(() => {
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  return gl ? gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) : 'no WebGL2';
});
await probe.close();
const backend = (renderer) => {
  if (renderer !== 'webgl') return 'Canvas 2D';
  return /swiftshader/i.test(gpu) ? 'SwiftShader (software)' : gpu.replace(/,/g, ' ');
};

for (const firms of FIRMS) {
  for (const renderer of ['webgl', 'canvas']) await drawingOnly(renderer, firms);
  for (const panes of [1, 2]) {
    for (const renderer of ['webgl', 'canvas']) await wholePage(renderer, firms, panes);
  }
}
await browser.close();
await server.close();
