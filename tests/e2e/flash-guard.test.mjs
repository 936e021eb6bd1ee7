// The flash limiter on its own (www/draw/flash-safety.js, no browser): whatever
// the run does, no more than 3 large flashes are drawn in any one second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlashGuard } from '../../www/draw/flash-safety.js';

const FIRMS = 60;

/** Feeds 60 frames a second; started(frame) says how many firms start a flash. */
function run(guard, { seconds, speed, started }) {
  const drawn = [];
  const modes = [];
  for (let f = 0; f < seconds * 60; f++) {
    const now = (f * 1000) / 60;
    const k = started(f);
    const calm = guard.frame(now, (now / 1000) * speed, k, FIRMS, speed);
    modes.push(calm);
    if (!calm && k >= FIRMS / 4) drawn.push(now);
  }
  let most = 0;
  for (const t of drawn) most = Math.max(most, drawn.filter((u) => u >= t && u < t + 1000).length);
  return { most, modes, drawn };
}

test('large flashes on every frame, or every few, are drawn at most 3 times a second', () => {
  for (const every of [1, 2, 3, 5, 10, 19]) {
    const { most } = run(new FlashGuard(), { seconds: 10, speed: 1, started: (f) => (f % every === 0 ? FIRMS : 0) });
    assert.ok(most <= 3, `every ${every} frames: most in a second ${most}`);
  }
});

test('a burst split across two frames counts as one large flash', () => {
  const guard = new FlashGuard();
  assert.equal(guard.frame(0, 0, 8, FIRMS, 1), false);
  guard.frame(16, 0.016, 8, FIRMS, 1);
  assert.equal(guard.recent(16), 1);
  guard.frame(33, 0.033, 8, FIRMS, 1);
  assert.equal(guard.recent(33), 1, 'the tail of the same burst is not a second flash');
});

test('bursts at random frames never pass 3 a second, at any speed', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (const speed of [0.1, 0.5, 1, 2, 2.9, 3, 5, 10]) {
    for (const chance of [0.02, 0.05, 0.1, 0.3]) {
      const { most } = run(new FlashGuard(), { seconds: 8, speed, started: () => (random() < chance ? 20 : 1) });
      assert.ok(most <= 3, `speed ${speed}, chance ${chance}: ${most} in a second`);
    }
  }
});

test('a synchronized network at 1 cycle a second keeps flashing', () => {
  const { modes, drawn } = run(new FlashGuard(), { seconds: 6, speed: 1, started: (f) => (f % 60 === 0 ? FIRMS : 0) });
  assert.ok(modes.every((calm) => !calm));
  assert.equal(drawn.length, 6);
});

test('two rhythms at 2 cycles a second are 4 flashes a second: calm', () => {
  const { modes, most } = run(new FlashGuard(), { seconds: 6, speed: 2, started: (f) => (f % 15 === 0 ? 30 : 0) });
  assert.ok(most <= 3);
  assert.ok(
    modes.slice(120).every((calm) => calm),
    'calm once the rhythm is known',
  );
});

test('the calm choice wins over everything', () => {
  const guard = new FlashGuard();
  guard.userCalm = true;
  const { modes } = run(guard, { seconds: 2, speed: 0.5, started: (f) => (f % 60 === 0 ? FIRMS : 0) });
  assert.ok(modes.every((calm) => calm));
  assert.equal(guard.reason, 'chosen');
});

test('the limiter names its cause and the speed at which flashing returns', () => {
  const fast = new FlashGuard();
  run(fast, { seconds: 4, speed: 4, started: (f) => (f % 15 === 0 ? FIRMS : 0) });
  assert.equal(fast.cause, 'speed', 'one burst a cycle at 4 cycles a second');
  assert.equal(fast.safeSpeed, 3);
  const rhythms = new FlashGuard();
  run(rhythms, { seconds: 6, speed: 2, started: (f) => (f % 15 === 0 ? 30 : 0) });
  assert.equal(rhythms.cause, 'rhythms', 'two large bursts a cycle');
  assert.ok(Math.abs(rhythms.safeSpeed - 1.5) < 0.05, `flashing returns below ${rhythms.safeSpeed}`);
  assert.equal(new FlashGuard().cause, null);
});

test('a new run at a safe speed flashes again at once; flashes of the last second still count', () => {
  const guard = new FlashGuard();
  run(guard, { seconds: 4, speed: 4, started: (f) => (f % 15 === 0 ? FIRMS : 0) });
  assert.equal(guard.calm, true);
  guard.reset();
  assert.equal(guard.frame(5000, 0, 0, FIRMS, 0.5), false, 'the new run is not calm for the old one’s rate');
  const again = new FlashGuard();
  const { most } = run(again, {
    seconds: 3,
    speed: 1,
    started: (f) => {
      if (f === 90) again.reset();
      return f % 12 === 0 ? FIRMS : 0;
    },
  });
  assert.ok(most <= 3, `a reset never lets a 4th flash into one second (${most})`);
});
