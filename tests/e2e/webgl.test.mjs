// The WebGL2 renderer draws what the Canvas 2D renderer draws: the same
// seeded run, paused on the same frame, opened once with ?renderer=canvas
// and once with ?renderer=webgl, lights the same firms in colours within a
// few levels, in the flashing and in the calm display; pixels are read from
// screenshots (what a reader sees) at each firm's position. Also: which
// renderer the page picks (and when WebGL takes over), context loss (Canvas
// 2D while lost, WebGL again once restored) and the PNG export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  startHarness,
  openPage,
  state,
  waitForState,
  opened,
  drawn,
  queuedTasksRun,
  FIRST_FRAME_MS,
  pause,
} from './harness.mjs';
import { launch } from '../../scripts/chromium.mjs';
import { FIRM_AT_REST, FIRM_RELEASING, BACKGROUND, rgba } from '../../www/draw/palette.js';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const VIEWPORT = { viewport: { width: 1280, height: 800 } };
const SMALL = 'v=1&view=compare&seed=7';
// The page's largest networks: 2,000 firms, 16,000 and about 8,000 ties;
// reactive, so the firms stay spread over their cycle and a third flash.
const LARGE = 'v=1&view=compare&seed=3&n=2000&net=gnm&ties=16000&mode=reactive&p2.net=er&p2.deg=8';
const STEPS = 13; // 0.65 cycles in: about a third of the firms mid-flash

/** Opens `fragment` with `renderer`, paused at time 0 and stepped `STEPS` times, pulses gone. */
async function frameOf(renderer, fragment, { calm = false } = {}) {
  const opened = await openPage(harness, VIEWPORT, { path: `index.html?renderer=${renderer}#${fragment}` });
  const { page } = opened;
  await waitForState(page, (s) => s.panes.every((p) => !p.layoutPending), null, FIRST_FRAME_MS);
  await pause(page);
  await page.click('#reset');
  await waitForState(page, (s) => !s.playing && s.time === 0);
  for (let k = 1; k <= STEPS; k++) {
    await page.click('#step');
    await waitForState(page, (s, t) => Math.abs(s.time - t) < 1e-9, 0.05 * k);
  }
  // Pulses and waves run out in flashing frames (the calm display draws none, so keeps them).
  await waitForState(page, (s) => s.panes.every((p) => p.pulses === 0 && p.waves === 0));
  if (calm) await page.click('#calm');
  await waitForState(page, (s, calm) => s.display === (calm ? 'calm' : 'flash'), calm);
  await drawn(page); // the frame without pulses is on screen
  return opened;
}

/** What a reader sees of pane `p`: [r, g, b] at firm i's position (and at `offsets` around it, in dot radii). */
async function firmPixels(page, p, offsets = [[0, 0]]) {
  const shot = (await page.locator(`#network-${p}`).screenshot()).toString('base64');
  return page.evaluate(
    async ([shot, p, offsets]) => {
      const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${shot}`)).blob());
      const ctx = new OffscreenCanvas(image.width, image.height).getContext('2d');
      ctx.drawImage(image, 0, 0);
      const { data, width } = ctx.getImageData(0, 0, image.width, image.height);
      const { firms } = window.lockstep.state().panes[p];
      const { dotRadius } = await import('./www/draw/fit.js');
      const canvas = document.getElementById(`network-${p}`);
      const radius = dotRadius(firms, canvas.clientWidth, canvas.clientHeight);
      const out = [];
      for (let i = 0; i < firms; i++) {
        const { x, y } = window.lockstep.firmAt(p, i);
        out.push(
          offsets.map(([dx, dy]) => {
            const k = 4 * (Math.floor(y + dy * radius) * width + Math.floor(x + dx * radius));
            return [data[k], data[k + 1], data[k + 2]];
          }),
        );
      }
      return { out, radius, releaseYellow: countYellow(data) };
      function countYellow(d) {
        let n = 0;
        for (let k = 0; k < d.length; k += 4) if (d[k] > 200 && d[k + 1] > 190 && d[k + 2] < 120) n++;
        return n;
      }
    },
    [shot, p, offsets],
  );
}

const gap = (a, b) => Math.max(...a.map((v, k) => Math.abs(v - b[k])));
// How far a dot's centre is from rest (0) to the release colour (1), by its red.
const level = ([r]) => (r - FIRM_AT_REST[0]) / (FIRM_RELEASING[0] - FIRM_AT_REST[0]);

async function compareFlashing(fragment) {
  const canvas = await frameOf('canvas', fragment);
  const webgl = await frameOf('webgl', fragment);
  const [sc, sw] = [await state(canvas.page), await state(webgl.page)];
  assert.deepEqual(
    sc.panes.map((p) => p.renderer),
    ['canvas', 'canvas'],
  );
  assert.deepEqual(
    sw.panes.map((p) => p.renderer),
    ['webgl', 'webgl'],
  );
  assert.equal(sw.time, sc.time, 'the same frame');
  assert.equal(sw.flashingFirms, sc.flashingFirms, 'the same count of firms drawn flashing');
  for (const p of [0, 1]) {
    const shot = await firmPixels(canvas.page, p);
    const a = shot.out.map(([c]) => c);
    const b = (await firmPixels(webgl.page, p)).out.map(([c]) => c);
    assert.equal(a.length, b.length);
    // Canvas 2D's dots under 3 px let a little of the ties and halos under
    // them show at the centre pixel; WebGL covers it whole.
    const tolerance = shot.radius >= 3 ? 16 : 48;
    const lit = a.map((c) => level(c) > 0.5);
    const litCount = lit.filter(Boolean).length;
    assert.ok(litCount > 0 && litCount < a.length, `pane ${p}: some firms lit, some dark (${litCount} of ${a.length})`);
    const far = a.map((c, i) => [i, gap(c, b[i])]).filter(([, d]) => d > tolerance);
    assert.ok(
      far.length <= Math.ceil(0.01 * a.length),
      `pane ${p}: colours at firms within ${tolerance} levels (${far.length} apart, e.g. firm ${far[0]?.[0]}: ${a[far[0]?.[0]]} vs ${b[far[0]?.[0]]})`,
    );
    // The same firms lit, save any whose colour sits within half the tolerance of the line between lit and dark.
    const band = tolerance / 2 / (FIRM_RELEASING[0] - FIRM_AT_REST[0]);
    const differ = lit
      .map((_l, i) => i)
      .filter((i) => lit[i] !== level(b[i]) > 0.5 && Math.abs(level(a[i]) - 0.5) > band);
    // Dots under 3 px overlap other firms' halos, which each renderer layers
    // its own way: there, as for colours, one firm in a hundred may differ.
    const allowed = shot.radius >= 3 ? 0 : Math.floor(0.01 * a.length);
    assert.ok(
      differ.length <= allowed,
      `pane ${p}: the same firms lit (${differ.length} differ, at most ${allowed}: ${differ.slice(0, 5).map((i) => `${i}: ${a[i]} vs ${b[i]}`)})`,
    );
  }
  assert.deepEqual([...canvas.problems, ...webgl.problems], []);
  await canvas.context.close();
  await webgl.context.close();
}

test('headless Chromium has WebGL2 in software, so the page keeps Canvas 2D unless told otherwise', async () => {
  const { page, context, problems } = await openPage(harness);
  const here = await page.evaluate(async () => (await import('./www/draw/webgl.js')).webglHere());
  assert.match(here.name, /SwiftShader/, 'WebGL2 drawn by SwiftShader');
  assert.equal(here.software, true);
  // A GPU's WebGL2 would take over in a task queued at the first frame: past it now.
  await queuedTasksRun(page);
  await drawn(page);
  assert.deepEqual(
    (await state(page)).panes.map((p) => p.renderer),
    ['canvas', 'canvas'],
  );
  assert.equal(await page.locator('canvas.network-gl').count(), 0, 'no WebGL layer');
  await context.close();
  for (const renderer of ['webgl', 'canvas']) {
    const asked = await openPage(harness, {}, { path: `index.html?renderer=${renderer}` });
    assert.deepEqual(
      (await state(asked.page)).panes.map((p) => p.renderer),
      [renderer, renderer],
    );
    assert.deepEqual(asked.problems, []);
    await asked.context.close();
  }
  assert.deepEqual(problems, []);
});

test('where WebGL2 runs on a GPU, WebGL takes over from Canvas 2D after the first frame', async () => {
  // This machine has no GPU: the page is told SwiftShader is one.
  const { page, context, problems } = await openPage(harness, VIEWPORT, {
    path: `index.html#${SMALL}`,
    route: (page) =>
      page.addInitScript(() => {
        const real = WebGL2RenderingContext.prototype.getParameter;
        WebGL2RenderingContext.prototype.getParameter = function (p) {
          return p === 0x9246 ? 'A GPU (test)' : real.call(this, p);
        };
      }),
  });
  await opened(page);
  await waitForState(page, (s) => s.panes.every((p) => p.renderer === 'webgl'));
  await pause(page);
  await drawn(page); // WebGL's first frames are on screen
  const shown = await drawnFirms(page);
  assert.equal(shown.drawn, shown.firms, 'every firm drawn');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the WebGL renderer lights the same firms as Canvas 2D on the same frame', async () => {
  await compareFlashing(SMALL);
});

test('at 2,000 firms too', async () => {
  await compareFlashing(LARGE);
});

test('the calm display: the same phase colours and clock hands, never the release colour', async () => {
  // The centre (the hand starts there) and four points halfway out.
  const offsets = [
    [0, 0],
    [0.5, 0],
    [-0.5, 0],
    [0, 0.5],
    [0, -0.5],
  ];
  const canvas = await frameOf('canvas', SMALL, { calm: true });
  const webgl = await frameOf('webgl', SMALL, { calm: true });
  for (const p of [0, 1]) {
    const a = await firmPixels(canvas.page, p, offsets);
    const b = await firmPixels(webgl.page, p, offsets);
    assert.ok(a.radius * 1.15 >= 3, 'dots big enough for a clock hand');
    assert.equal(b.releaseYellow, 0, `pane ${p}: no pixel in the release colour`);
    let samples = 0,
      far = 0,
      hands = 0;
    a.out.forEach((firm, i) => {
      firm.forEach((c, k) => {
        samples++;
        if (gap(c, b.out[i][k]) > 24) far++;
        if (Math.max(...c) < 90) hands++; // the dark hand (phase colours are light)
      });
    });
    assert.ok(hands > a.out.length / 2, `pane ${p}: clock hands drawn (${hands} samples on a hand)`);
    assert.ok(far <= 0.03 * samples, `pane ${p}: ${far} of ${samples} samples differ by more than 24 levels`);
  }
  assert.deepEqual([...canvas.problems, ...webgl.problems], []);
  await canvas.context.close();
  await webgl.context.close();
});

/** Firms drawn in pane 0 now: how many firm positions are not the background. */
async function drawnFirms(page) {
  const { out } = await firmPixels(page, 0);
  const bg = rgba(BACKGROUND);
  return { drawn: out.filter(([c]) => gap(c, bg) > 30).length, firms: out.length };
}

test('while its WebGL context is lost a pane draws with Canvas 2D, and WebGL again once restored', async () => {
  const { page, context, problems } = await frameOf('webgl', SMALL);
  // The extension is fetched before the loss: a lost context hands out none.
  await page.evaluate(() => {
    window.loseContext = document
      .querySelector('#pane-0 canvas.network-gl')
      .getContext('webgl2')
      .getExtension('WEBGL_lose_context');
  });
  const lose = (call) => page.evaluate((call) => window.loseContext[call](), call);
  await lose('loseContext');
  await waitForState(page, (s) => s.panes[0].renderer === 'canvas');
  await drawn(page); // Canvas 2D's frame is on screen
  assert.equal((await state(page)).panes[1].renderer, 'webgl', 'the other pane keeps WebGL');
  const lost = await drawnFirms(page);
  assert.equal(lost.drawn, lost.firms, 'every firm drawn by Canvas 2D');
  await lose('restoreContext');
  await waitForState(page, (s) => s.panes[0].renderer === 'webgl');
  const t = (await state(page)).time;
  await page.click('#step'); // a frame
  await waitForState(page, (s, t0) => s.time > t0, t);
  await drawn(page);
  const back = await drawnFirms(page);
  assert.equal(back.drawn, back.firms, 'every firm drawn by WebGL again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('without WebGL2 (or asked for it where it is missing) the page draws with Canvas 2D', async () => {
  const browser = await launch({ args: ['--disable-3d-apis'] });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${harness.server.url}index.html?renderer=webgl`);
    await opened(page);
    assert.deepEqual(
      (await state(page)).panes.map((p) => p.renderer),
      ['canvas', 'canvas'],
    );
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});

test('the PNG export of WebGL panes shows what the page shows', async () => {
  const { page, context } = await frameOf('webgl', SMALL);
  await page.click('#export summary');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.x-png')]);
  const png = (await readFile(await file.path())).toString('base64');
  const shown = (await firmPixels(page, 0)).out.map(([c]) => c);
  const exported = await page.evaluate(async (png) => {
    const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
    const ctx = new OffscreenCanvas(image.width, image.height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const { data, width } = ctx.getImageData(0, 0, image.width, image.height);
    const dpr = document.getElementById('network-0').width / document.getElementById('network-0').clientWidth;
    return Array.from({ length: window.lockstep.state().panes[0].firms }, (_, i) => {
      const { x, y } = window.lockstep.firmAt(0, i);
      const k = 4 * (Math.floor(y * dpr) * width + Math.floor(x * dpr));
      return [data[k], data[k + 1], data[k + 2]];
    });
  }, png);
  const far = shown.filter((c, i) => gap(c, exported[i]) > 16);
  assert.equal(far.length, 0, `the export matches the screen at every firm (${far.length} differ)`);
  await context.close();
});
