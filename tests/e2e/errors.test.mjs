// A crash in the core or a core that fails to load shows a message on the
// page (role="alert") instead of a silently frozen canvas. The faults are
// injected by rewriting the served files; the page itself is unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, state, animationFrames, FIRST_FRAME_MS } from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

// After 30 frames, advance() fails the way a Rust panic surfaces in JS.
const PANIC_AFTER_30_FRAMES = `
const realAdvance = Simulation.prototype.advance;
let advances = 0;
Simulation.prototype.advance = function (dt) {
  if (++advances > 30) throw new WebAssembly.RuntimeError('unreachable');
  return realAdvance.call(this, dt);
};
`;

test('a panic in the core stops the loop and shows an alert', async () => {
  const { page, context, problems } = await openPage(
    harness,
    {},
    {
      route: (p) =>
        p.route('**/www/pkg/lockstep.js', async (route) => {
          const response = await route.fetch();
          route.fulfill({ response, body: (await response.text()) + PANIC_AFTER_30_FRAMES });
        }),
    },
  );
  const alert = page.getByRole('alert');
  await alert.waitFor({ state: 'visible', timeout: FIRST_FRAME_MS });
  assert.match(await alert.textContent(), /simulation core crashed \(unreachable\)/);
  const s = await state(page);
  assert.equal(s.playing, false);
  assert.match(s.error, /crashed/);
  assert.equal(await page.isDisabled('#play'), true, 'the controls are off');
  const frames = s.frames;
  // A narrower window resizes the canvases: a frame loop still running would draw them again.
  await page.setViewportSize({ width: 900, height: 800 });
  await page.waitForFunction(() => window.lockstep.state().drawPending);
  await animationFrames(page, 10); // the browser's frames, in which the loop would have drawn
  assert.equal((await state(page)).frames, frames, 'the loop has stopped');
  assert.equal((await state(page)).drawPending, true, 'the resized panes wait, undrawn');
  assert.ok(
    problems.some((p) => p.includes('unreachable')),
    'the error is also logged',
  );
  await context.close();
});

test('a core that cannot load says so and how to build it', async () => {
  const { page, context } = await openPage(
    harness,
    {},
    {
      route: (p) => p.route('**/www/pkg/lockstep_bg.wasm', (route) => route.fulfill({ status: 404, body: 'missing' })),
    },
  );
  const alert = page.getByRole('alert');
  await alert.waitFor({ state: 'visible', timeout: FIRST_FRAME_MS });
  assert.match(await alert.textContent(), /could not load the simulation core.*scripts\/build\.sh/);
  await context.close();
});
