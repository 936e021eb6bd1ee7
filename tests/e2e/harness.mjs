// Shared set-up for the end-to-end tests: serves the repo root, launches
// Debian's Chromium, opens the page and reads its canvas and state.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { launch } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

// How long a page may take to open and draw its first frames: long enough
// for a fresh 2-core machine busy with other work (Chromium starting, the
// wasm compiled, the default scenarios built). A limit, not a wait: the
// tests go on as soon as the page is open.
export const FIRST_FRAME_MS = 60000;
// How long any state the page reaches by itself may take (a build, a draw, a
// refusal, a refresh of the readouts): a limit that holds on a loaded 2-core
// machine, never a wait. Every context the tests open uses it as its default.
export const STATE_MS = 60000;
// The longest task the page may run (a responsiveness bound, not a speed
// target) where its thread runs at an idle machine's pace; on a busy
// machine the bound grows with the pace measured (longestTask).
export const LONGEST_TASK_MS = 2000;
// A fixed workload (2e7 square roots) takes about this long on the page's thread of an idle machine.
const IDLE_WORKLOAD_MS = 60;

/** Starts the server and the browser once per test file. */
export async function startHarness() {
  for (const file of ['www/pkg/lockstep.js', 'www/pkg/embed/lockstep.js', 'www/pkg/release.json']) {
    if (!existsSync(`${root}/${file}`))
      throw new Error(`${file} is missing: build the wasm cores first (bash scripts/build.sh)`);
  }
  const server = await serve({ root, port: 0 });
  const browser = await launch();
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(STATE_MS);
    return context;
  };
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens index.html (or `path`, e.g. 'index.html?renderer=canvas') in a new
 * context and waits until frames are drawn. `problems` collects console
 * errors and uncaught page errors.
 */
export async function openPage(harness, contextOptions = {}, { route, path = 'index.html' } = {}) {
  const context = await harness.browser.newContext({ viewport: { width: 1000, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  if (route) await route(page);
  await page.goto(`${harness.server.url}${path}`);
  if (!route) await opened(page);
  return { page, context, problems };
}

/**
 * Waits until the page (or an embed's frame) is open: both panes run, a few
 * frames are drawn, and the link in its address was opened or refused.
 */
export function opened(target) {
  return target.waitForFunction(
    () => {
      const s = window.lockstep?.state();
      return s?.ready && s.frames > 2 && s.link?.opened;
    },
    null,
    { timeout: FIRST_FRAME_MS },
  );
}

/** Records the page's long tasks (over 50 ms) from its start, in window.longTasks; call before it opens. */
export const recordLongTasks = (page) =>
  page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });

/**
 * The page's longest task so far (recordLongTasks), and the bound it must
 * stay under: LONGEST_TASK_MS times how much slower than on an idle machine
 * the page's thread runs now (a fixed workload timed there, the median of
 * five; never less than 1), so a busy machine is not taken for a freeze.
 */
export async function longestTask(page) {
  const { longest, workload } = await page.evaluate(() => {
    const longest = Math.max(0, ...window.longTasks);
    const times = [];
    for (let r = 0; r < 5; r++) {
      const start = performance.now();
      let x = 0;
      for (let i = 0; i < 2e7; i++) x += Math.sqrt(i);
      times.push(performance.now() - start + (x < 0 ? 1 : 0));
    }
    return { longest, workload: times.sort((a, b) => a - b)[2] };
  });
  return { longest, bound: Math.round(LONGEST_TASK_MS * Math.max(1, workload / IDLE_WORKLOAD_MS)) };
}

/** The page's read-only state (window.lockstep.state()). */
export const state = (page) => page.evaluate(() => window.lockstep.state());

/** Waits until at least `count` more frames have been drawn. */
export async function nextFrames(page, count = 2, timeout = STATE_MS) {
  const start = (await state(page)).frames;
  await page.waitForFunction((n) => window.lockstep.state().frames >= n, start + count, { timeout });
}

/** Waits until every scenario change asked for so far is committed or refused. */
export const changesDone = (target) =>
  target.waitForFunction(() => window.lockstep.state().changes.pending === 0, null, { timeout: STATE_MS });

/** Waits until the panes on screen have drawn every change made so far (a restart, a step, a layout). */
export const drawn = (target) =>
  target.waitForFunction(() => !window.lockstep.state().drawPending, null, { timeout: STATE_MS });

/**
 * Waits until the readouts (text, verdicts, calm note, chart, an embed's
 * story) have been refreshed after now: they refresh a few times a second,
 * not every frame.
 */
export async function nextText(target) {
  const now = await target.evaluate(() => performance.now());
  await target.waitForFunction((t) => window.lockstep.state().textAt > t, now, { timeout: STATE_MS });
}

/**
 * Waits until every scenario change is done and the link writer has caught
 * up: nothing waits to be written, and (on the page) the address bar holds
 * what it wrote.
 */
export const linkWritten = (page) =>
  page.waitForFunction(
    () => {
      const { changes, link } = window.lockstep.state();
      return (
        changes.pending === 0 &&
        link.opened &&
        !link.pending &&
        (!link.fragment || location.hash === new URL(`#${link.fragment}`, location.href).hash)
      );
    },
    null,
    { timeout: STATE_MS },
  );

/** Waits until the tasks the page queued before now (timers of 0 ms) have run. */
export const queuedTasksRun = (target) => target.evaluate(() => new Promise((done) => setTimeout(done, 0)));

/** Waits for `count` animation frames of the page (its frame loop had as many turns). */
export const animationFrames = (target, count) =>
  target.evaluate(
    (n) =>
      new Promise((done) => {
        const tick = (k) => (k >= n ? done() : requestAnimationFrame(() => tick(k + 1)));
        tick(0);
      }),
    count,
  );

/** Waits until the window has not scrolled for 3 animation frames (a wheel's or a smooth scroll has landed). */
export const scrollSettled = (target) =>
  target.evaluate(
    () =>
      new Promise((done) => {
        let last = window.scrollY,
          still = 0;
        const tick = () => {
          still = window.scrollY === last ? still + 1 : 0;
          last = window.scrollY;
          if (still >= 3) done();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );

/** The frame of the iframe whose address contains `part`, once it is in the page. */
export async function frameWith(page, part) {
  const iframe = await page.waitForSelector(`iframe[src*="${part}"]`, { state: 'attached', timeout: FIRST_FRAME_MS });
  return iframe.contentFrame();
}

/**
 * In a host page (`page`, with `window.events` and `send(msg)`) of the embed
 * `frame`: waits until the embed has applied or refused every command it
 * received, then until every event it posted meanwhile has reached the host
 * (the answer to a `state` command, posted last, arrives after them).
 */
export async function hostSettled(page, frame) {
  await frame.waitForFunction(
    () => {
      const s = window.lockstep.state();
      return s.hostCommands === 0 && s.changes.pending === 0;
    },
    null,
    { timeout: STATE_MS },
  );
  const answers = () => page.evaluate(() => window.events.filter((e) => e.event === 'state').length);
  const before = await answers();
  await page.evaluate(() => window.send({ command: 'state' }));
  await page.waitForFunction((n) => window.events.filter((e) => e.event === 'state').length > n, before);
}

// Pixels are read from a Canvas 2D pane: open the page with CANVAS_2D (where
// a GPU draws WebGL2, the pane's canvas holds only the background under it).
export const CANVAS_2D = 'index.html?renderer=canvas';
const context2d = `(c) => {
  if (c.parentElement.querySelector('canvas.network-gl:not([hidden])')) {
    throw new Error(c.id + ' is drawn with WebGL: open the page with ?renderer=canvas to read its pixels');
  }
  return c.getContext('2d');
}`;

/** Every 4th pixel of every 4th row of a pane's canvas, as [r, g, b, r, g, b, ...]. */
export function canvasSample(page, pane = 0) {
  return page.evaluate(
    ([pane, context2d]) => {
      const c = document.getElementById(`network-${pane}`);
      const { data, width, height } = eval(context2d)(c).getImageData(0, 0, c.width, c.height);
      const out = [];
      for (let y = 0; y < height; y += 4) {
        for (let x = 0; x < width; x += 4) {
          const i = 4 * (y * width + x);
          out.push(data[i], data[i + 1], data[i + 2]);
        }
      }
      return out;
    },
    [pane, context2d],
  );
}

/** How many samples differ by more than a few levels in any channel. */
export function differingPixels(a, b) {
  let n = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i += 3) {
    if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 12) n++;
  }
  return n;
}

// In the page: pixels near the release colour (Okabe-Ito yellow, 240 228 66)
// at a flash's peak. The calm display's phase colours stay well away from it.
export const FLASH_PIXELS_SOURCE = `(c) => {
  const { data } = (${context2d})(c).getImageData(0, 0, c.width, c.height);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] > 200 && data[i + 1] > 190 && data[i + 2] < 120) n++;
  }
  return n;
}`;

/**
 * Counts flash-coloured pixels of every visible network canvas on every
 * animation frame for `ms` of wall time (the window is what is measured:
 * flashes per second of what a reader sees). Returns [{ t, n, display,
 * predicted }] with t in ms, the page's display mode ('flash' or 'calm')
 * and the flash limiter's prediction of large flashes a second then.
 */
export function watchFlashPixels(page, ms) {
  return page.evaluate(
    ([source, ms]) =>
      new Promise((done) => {
        const count = eval(source);
        const canvases = [...document.querySelectorAll('canvas.network')].filter((c) => c.offsetParent);
        const series = [];
        const start = performance.now();
        const tick = (now) => {
          const n = canvases.reduce((sum, c) => sum + count(c), 0);
          const { display, predictedFlashesPerSecond } = window.lockstep.state();
          series.push({ t: now - start, n, display, predicted: predictedFlashesPerSecond });
          if (now - start < ms) requestAnimationFrame(tick);
          else done(series);
        };
        requestAnimationFrame(tick);
      }),
    [FLASH_PIXELS_SOURCE, ms],
  );
}

/** The number shown in a readout element, e.g. '#r'. */
export async function readoutNumber(page, selector) {
  return Number((await page.textContent(selector)).trim());
}

/** Sets a range (or other) input by script, as a drag would: input, then change. */
export function setValue(page, selector, value) {
  return page.evaluate(
    ([sel, v]) => {
      const el = document.querySelector(sel);
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [selector, value],
  );
}

/**
 * Pauses a page whose panes are in view. It opens paused and starts once it
 * sees its panes (www/controls/start-seen.js); a press of Play before that
 * would start it instead, so this waits for the start, then presses Play.
 */
export async function pause(page) {
  await waitForState(page, (s) => s.playing);
  await page.click('#play');
  await waitForState(page, (s) => !s.playing);
}

/** Waits until the page's state satisfies `predicate` (a function of the state). */
export function waitForState(page, predicate, arg, timeout = STATE_MS) {
  return page.waitForFunction(([source, a]) => eval(source)(window.lockstep.state(), a), [predicate.toString(), arg], {
    timeout,
  });
}
