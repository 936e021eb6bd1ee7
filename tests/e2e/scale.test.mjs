// The page at its size limit: 50,000 firms in each pane open from a link and
// from a CSV file chosen in the import box, the page keeps drawing frames and
// shows the right counts, and building never blocks the page for long (no
// task over LONGEST_TASK_MS at an idle machine's pace, a responsiveness
// bound, not a speed target: `npm run bench` prints the speed). One firm more is refused with the
// page's limit, and the page keeps what it ran. Pixels are read from the
// Canvas 2D renderer (?renderer=canvas); the WebGL renderer, forced, draws
// the same 50,000 firms and every tie, and keeps up when firms move.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startHarness,
  state,
  waitForState,
  opened,
  nextFrames,
  drawn,
  recordLongTasks,
  longestTask,
  FIRST_FRAME_MS,
} from './harness.mjs';

const FIRMS = 50000;

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/**
 * Holds what Workers send the page until `window.releaseWorkers()`: the
 * layout's positions then arrive when the test is ready to see them move.
 */
function holdWorkers() {
  const held = [];
  let holding = true;
  window.releaseWorkers = () => {
    holding = false;
    for (const deliver of held.splice(0)) deliver();
  };
  window.Worker = class extends window.Worker {
    set onmessage(handler) {
      super.onmessage = (e) => (holding ? held.push(() => handler(e)) : handler(e));
    }
  };
}

/**
 * The page at `hash` (drawn by `renderer`), with every long task (over 50
 * ms) recorded from its start; `hold`: Workers' messages wait for
 * `releaseWorkers()`.
 */
async function openAt(hash = '', renderer = 'canvas', contextOptions = {}, { hold = false } = {}) {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await recordLongTasks(page);
  if (hold) await page.addInitScript(holdWorkers);
  await page.goto(`${harness.server.url}index.html?renderer=${renderer}${hash}`);
  await opened(page);
  return { page, context, problems };
}

// Frames of 50,000 firms (and, in software WebGL, 250,000 ties) come slowly on a busy machine.
const BIG_FRAMES_MS = FIRST_FRAME_MS;

/** Pixels of pane `p`'s canvas that are neither background nor tie haze: firms drawn. */
const firmPixels = (page, p) =>
  page.evaluate((p) => {
    const c = document.getElementById(`network-${p}`);
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 240) n++;
    return n;
  }, p);

/** What pane `p` shows as its firms and ties. */
const shownCounts = (page, p) =>
  page.evaluate((p) => {
    const q = (s) => Number(document.querySelector(`#pane-${p} ${s}`).textContent);
    return { firms: q('.s-firms'), ties: q('.s-ties') };
  }, p);

test('50,000 firms in each pane open from a link, draw frames and show their counts, without freezing the page', async () => {
  const { page, context, problems } = await openAt(`#v=1&view=compare&n=${FIRMS}&net=er&deg=10&seed=3`);
  await waitForState(page, (s, n) => s.panes.every((p) => p.firms === n) && !s.building, FIRMS, 60000);
  const s = await state(page);
  for (const [i, pane] of s.panes.entries()) {
    assert.equal(pane.kind, 'erdosRenyi');
    assert.equal(pane.stats.firms, FIRMS);
    // G(n, p) with mean degree 10: about 250,000 ties.
    assert.ok(Math.abs(pane.ties - 250000) < 5000, `${pane.ties} ties`);
    assert.deepEqual(await shownCounts(page, i), { firms: FIRMS, ties: pane.ties });
  }
  await nextFrames(page, 3, BIG_FRAMES_MS); // frames keep coming
  // The runs advance: every firm released.
  await waitForState(page, (s, n) => s.panes[0].releases > n, FIRMS, BIG_FRAMES_MS);
  await drawn(page);
  for (const p of [0, 1]) assert.ok((await firmPixels(page, p)) > 1000, `pane ${p} shows its firms`);
  const { longest, bound } = await longestTask(page);
  assert.ok(longest < bound, `the longest task took ${longest} ms (bound ${bound})`);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A CSV of `firms` firms named f0, f1, ...: a ring (so every firm has a tie) and `extra` random ties, from a seed. */
function networkCsv(firms, extra) {
  let seed = 7;
  const random = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const seen = new Set();
  const lines = ['source,target'];
  const add = (a, b) => {
    const key = Math.min(a, b) * firms + Math.max(a, b);
    if (a === b || seen.has(key)) return false;
    seen.add(key);
    lines.push(`f${a},f${b}`);
    return true;
  };
  for (let i = 0; i < firms; i++) add(i, (i + 1) % firms);
  for (let added = 0; added < extra; ) if (add(Math.floor(random() * firms), Math.floor(random() * firms))) added++;
  return { text: `${lines.join('\n')}\n`, ties: lines.length - 1 };
}

test('a 50,000-firm CSV chosen in the import box runs in its pane, without freezing the page', async () => {
  const { page, context, problems } = await openAt();
  const { text, ties } = networkCsv(FIRMS, 200000);
  const file = join(mkdtempSync(join(tmpdir(), 'lockstep-')), 'alliances.csv');
  writeFileSync(file, text);
  await page.click('#import summary');
  await page.setInputFiles('#import .imp-ties-file', file);
  // Megabytes of text are kept aside, not shown in the box.
  await page.waitForFunction(() =>
    /alliances\.csv: .* ready to import/.test(document.querySelector('#import .imp-ties').placeholder),
  );
  assert.equal(await page.inputValue('#import .imp-ties'), '');
  await page.click('#import .imp-go');
  await page.waitForFunction(() => /^Imported/.test(document.querySelector('#import .imp-msg').textContent), null, {
    timeout: 60000,
  });
  assert.equal(await page.textContent('#import .imp-msg'), `Imported 50000 firms and ${ties} ties into the left pane.`);
  const s = await state(page);
  assert.equal(s.panes[0].kind, 'edgeList');
  assert.equal(s.panes[0].firms, FIRMS);
  // The coordinators' ties to each other come on top of the file's.
  assert.equal(s.panes[0].generatedTies, ties);
  assert.ok(s.panes[0].ties >= ties && s.panes[0].ties <= ties + 10, `${s.panes[0].ties} ties`);
  assert.deepEqual(await shownCounts(page, 0), { firms: FIRMS, ties: s.panes[0].ties });
  assert.equal(s.panes[1].firms, 60, 'the other pane keeps its network');
  await nextFrames(page, 3, BIG_FRAMES_MS); // frames keep coming
  await drawn(page);
  assert.ok((await firmPixels(page, 0)) > 1000, 'the imported firms are drawn');
  // Too big for a link: the page offers the scenario file instead.
  await page.click('#copy-link');
  assert.match(await page.textContent('#share-status'), /too big for a link/);
  const { longest, bound } = await longestTask(page);
  assert.ok(longest < bound, `the longest task took ${longest} ms (bound ${bound})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link to 50,001 firms is refused with the page limit, and the page keeps what it ran', async () => {
  const { page, context, problems } = await openAt();
  const before = (await state(page)).panes.map((p) => [p.firms, p.kind, p.ties]);
  await page.evaluate((n) => {
    location.hash = `#v=1&n=${n}&net=er&deg=10`;
  }, FIRMS + 1);
  await waitForState(page, (s) => s.notice !== '');
  const s = await state(page);
  assert.match(s.notice, /The link was not changed into a scenario; the current one keeps running/);
  assert.match(
    s.notice,
    /firms: 50001 firms is more than this page's limit per pane of 50000 firms; the command line \(lockstep run --url LINK\) runs more/,
  );
  assert.deepEqual(
    s.panes.map((p) => [p.firms, p.kind, p.ties]),
    before,
  );
  assert.equal(s.error, null);
  await nextFrames(page, 1); // frames keep coming
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * Of `points` ({ x, y } in CSS pixels of pane `p`'s canvas), how many are
 * bright on screen (both renderers' canvases): the pixel there, or with
 * `reach` 1 any of the 3x3 around it (the renderers place a dot's centre
 * within a pixel of each other).
 */
async function brightAt(page, p, points, reach = 0) {
  // Software WebGL draws 250,000 ties in about half a second: a frame to screenshot comes slowly on a busy machine.
  const shot = (await page.locator(`#network-${p}`).screenshot({ timeout: BIG_FRAMES_MS })).toString('base64');
  return page.evaluate(
    async ([shot, points, reach]) => {
      const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${shot}`)).blob());
      const ctx = new OffscreenCanvas(image.width, image.height).getContext('2d');
      ctx.drawImage(image, 0, 0);
      const { data, width } = ctx.getImageData(0, 0, image.width, image.height);
      const lit = (x, y) => {
        const k = 4 * (Math.floor(y) * width + Math.floor(x));
        return data[k] + data[k + 1] + data[k + 2] > 400;
      };
      const near = [-reach, 0, reach];
      return points.filter(({ x, y }) => near.some((dx) => near.some((dy) => lit(x + dx, y + dy)))).length;
    },
    [shot, points, reach],
  );
}

/** Of `points`, those farther than `gap` px from every one of `others` (a grid of `gap`-px cells). */
function awayFrom(points, others, gap) {
  const cell = (v) => Math.floor(v / gap);
  const grid = new Map();
  for (const q of others) {
    const key = `${cell(q.x)},${cell(q.y)}`;
    grid.set(key, [...(grid.get(key) ?? []), q]);
  }
  return points.filter((p) => {
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const q of grid.get(`${cell(p.x) + dx},${cell(p.y) + dy}`) ?? [])
          if (Math.hypot(q.x - p.x, q.y - p.y) <= gap) return false;
    return true;
  });
}

const firmsAt = (page, p, n) =>
  page.evaluate(([p, n]) => Array.from({ length: n }, (_, i) => window.lockstep.firmAt(p, i)), [p, n]);

test('the WebGL renderer (forced, in software) draws 50,000 firms, and draws firms where their layout puts them', async () => {
  // The calm display (reduced motion): phase colours, every firm bright and the ties dim.
  const calm = { reducedMotion: 'reduce' };
  // Subgroups are laid out at once: the firms stay where they are drawn first.
  const big = await openAt(`#v=1&view=compare&n=${FIRMS}&net=pp&groups=20&deg=10&seed=3&p2.n=60`, 'webgl', calm);
  await waitForState(big.page, (s, n) => s.panes[0].firms === n && !s.building, FIRMS, 60000);
  const s = await state(big.page);
  assert.equal(s.panes[0].layoutPending, false);
  assert.deepEqual(
    s.panes.map((p) => p.renderer),
    ['webgl', 'webgl'],
  );
  assert.equal(s.display, 'calm');
  // Software WebGL2 draws 250,000 ties in about half a second here (why the
  // page keeps Canvas 2D in software): frames come, slowly.
  await nextFrames(big.page, 2, BIG_FRAMES_MS);
  await drawn(big.page);
  const some = (await firmsAt(big.page, 0, FIRMS)).filter((_, i) => i % 50 === 0);
  const lit = await brightAt(big.page, 0, some);
  assert.ok(lit > 0.9 * some.length, `the firms are drawn where they sit (${lit} of ${some.length} bright)`);
  assert.deepEqual(big.problems, []);
  await big.context.close();

  // 6,000 firms of G(n, m): the first picture (pivot MDS) at once, then the
  // worker's forces move them; the test holds the worker's positions until
  // it has seen the first picture (the forces can finish within a poll).
  // Sparse enough that the forces leave places empty where firms were
  // (at 10,000 the dots cover the middle of the pane, and any point in it
  // is lit: no test of where they are drawn).
  const LAID = 6000;
  const { page, context, problems } = await openAt(
    `#v=1&view=compare&n=${LAID}&net=gnm&ties=${4 * LAID}&p2.n=60`,
    'webgl',
    calm,
    { hold: true },
  );
  await waitForState(
    page,
    (s, n) => s.panes[0].firms === n && s.panes[0].layoutPending && s.display === 'calm',
    LAID,
    60000,
  );
  const first = await firmsAt(page, 0, LAID);
  await page.evaluate(() => window.releaseWorkers());
  await waitForState(page, (s) => !s.panes[0].layoutPending, null, 60000);
  await drawn(page); // where the layout put them
  const placed = await firmsAt(page, 0, LAID);
  const moved = placed.filter((q, i) => Math.hypot(q.x - first[i].x, q.y - first[i].y) > 3);
  assert.ok(moved.length > LAID / 2, `the layout moved the firms (${moved.length} of ${LAID} moved)`);
  const there = await brightAt(page, 0, moved, 1);
  assert.ok(there > 0.97 * moved.length, `WebGL draws them where they went (${there} of ${moved.length} lit)`);
  // Where firms were and none is now: dark, or WebGL still draws the first picture.
  const left = awayFrom(first, placed, 6);
  assert.ok(left.length >= 50, `the forces left ${left.length} places empty`);
  const stale = await brightAt(page, 0, left);
  assert.ok(stale <= 0.02 * left.length, `nothing drawn where firms were (${stale} of ${left.length} places lit)`);
  assert.equal((await state(page)).panes[0].renderer, 'webgl');
  assert.deepEqual(problems, []);
  await context.close();
});
