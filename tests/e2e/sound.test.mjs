// Hearing the releases. An init script replaces the audio machinery's
// entry points with recording ones (AudioContext, AudioNode.connect,
// AudioBufferSourceNode.start and stop), so the tests read what was
// scheduled, where it goes and when, without listening: nothing exists
// before the person presses Sound; then one note per burst of each pane
// (bursts the limiter merges count as one), in time order, from the pane's
// side, louder with more firms, the coordinators' chime about once a cycle;
// nothing while paused or hidden. An OfflineAudioContext rendering of a
// seeded run has its onsets where the bursts are (and is kept as a WAV in
// test-results/ to listen to).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startHarness, openPage, state, waitForState, animationFrames } from './harness.mjs';
import { axNode } from './reader.mjs';
import { NOTE_SECONDS, CHIME_SECONDS } from '../../www/sound/voices.js';
import { planNotes, MIN_GAP_S, PEAK_GAIN } from '../../www/sound/notes.js';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
let harness;
before(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await harness?.close();
});

// Records every context made, every edge of the audio graph, and every clip
// started or stopped: window.__audio.
const RECORD_AUDIO = `(() => {
  const log = (window.__audio = { contexts: 0, edges: new Map(), clips: [] });
  const connect = AudioNode.prototype.connect;
  AudioNode.prototype.connect = function (to, ...rest) {
    if (!log.edges.has(this)) log.edges.set(this, []);
    log.edges.get(this).push(to);
    return connect.call(this, to, ...rest);
  };
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (when = 0, ...rest) {
    log.clips.push({ node: this, when, seconds: this.buffer.duration, at: this.context.currentTime, stop: null,
      offline: this.context instanceof OfflineAudioContext });
    return start.call(this, when, ...rest);
  };
  const stop = AudioBufferSourceNode.prototype.stop;
  AudioBufferSourceNode.prototype.stop = function (when = 0) {
    const clip = log.clips.find((c) => c.node === this);
    if (clip) clip.stop = { when, at: this.context.currentTime };
    return stop.call(this, when);
  };
  const Real = window.AudioContext;
  window.AudioContext = class extends Real {
    constructor(...args) {
      super(...args);
      log.contexts++;
      log.context = this;
    }
  };
})();`;

/**
 * The live clips so far: [{ when, seconds, pane, x, y, gain, stopped }]:
 * `pane` from the panner the clip reaches (x < 0 or above: 0), `gain` its
 * own gain now.
 */
function clips(page) {
  return page.evaluate(() => {
    const { edges } = window.__audio;
    const reach = (node, test, depth = 0) => {
      if (test(node)) return node;
      if (depth > 6) return null;
      for (const next of edges.get(node) ?? []) {
        const found = reach(next, test, depth + 1);
        if (found) return found;
      }
      return null;
    };
    return window.__audio.clips
      .filter((c) => !c.offline)
      .map((c) => {
        const panner = reach(c.node, (n) => n instanceof PannerNode);
        const gain = edges.get(c.node)?.find((n) => n instanceof GainNode);
        const x = panner?.positionX.value ?? 0;
        const y = panner?.positionY.value ?? 0;
        return {
          when: c.when,
          seconds: c.seconds,
          x,
          y,
          pane: x < 0 || y > 0 ? 0 : 1,
          gain: gain?.gain.value,
          stopped: c.stop !== null && c.stop.at <= c.when,
        };
      });
  });
}

const audioNow = (page) => page.evaluate(() => window.__audio.context?.currentTime ?? 0);
const near = (a, b, tol) => Math.abs(a - b) <= tol;

/** Presses Tab until the Sound button has focus, then presses it (the keyboard is all a person needs). */
async function pressSound(page) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'sound-toggle')) break;
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.lockstep.state().sound?.audible);
}

test('with sound on, each burst of each pane is one note, in time order, within the limiter; nothing before, nothing paused or hidden', async () => {
  const { page, context, problems } = await openPage(
    harness,
    { viewport: { width: 1280, height: 800 } },
    { route: (p) => p.addInitScript(RECORD_AUDIO) },
  );
  await page.waitForFunction(() => window.lockstep?.state().ready && window.lockstep.state().time > 2);
  // Nothing before the person turns sound on: no context, no clip, no sound code.
  assert.equal(await page.evaluate(() => window.__audio.contexts), 0);
  assert.equal((await clips(page)).length, 0);
  assert.equal((await state(page)).sound.loaded, false);
  assert.equal((await axNode(page, 'button', 'Sound')).pressed, 'false');

  // Restart so both panes patter first, then turn sound on by keyboard.
  await page.click('#reset');
  await waitForState(page, (s) => s.time < 0.5);
  await pressSound(page);
  assert.equal((await axNode(page, 'button', 'Sound')).pressed, 'true');
  await page.waitForFunction(() => window.lockstep.state().sound.since !== null);
  const on = (await state(page)).sound.since;
  await page.waitForFunction(() => window.lockstep.state().time > 9, null, { timeout: 30000 });
  await page.keyboard.press('Space'); // plays or pauses wherever the focus is (not in a text field)
  await waitForState(page, (s) => s.playing === false);
  const pausedAt = await audioNow(page);
  const off = (await state(page)).time;
  const s = await state(page);

  const all = await clips(page);
  const notes = all.filter((c) => near(c.seconds, NOTE_SECONDS, 0.01));
  const chimes = all.filter((c) => near(c.seconds, CHIME_SECONDS, 0.01));
  assert.equal(
    notes.length + chimes.length + all.filter((c) => c.seconds < 0.4).length,
    all.length,
    'notes, chimes and signals only',
  );
  for (const pane of [0, 1]) {
    const mine = notes.filter((n) => n.pane === pane);
    const releases = await page.evaluate((p) => window.lockstep.releases(p, 100000), pane);
    const times = releases.map((r) => r.time).filter((t) => t > on && t <= off);
    const expected = planNotes(times, s.panes[pane].scenario.delta, s.speed);
    assert.ok(
      Math.abs(mine.length - expected.length) <= 1,
      `pane ${pane}: ${mine.length} notes for ${expected.length} bursts (merged by the limiter) between t = ${on.toFixed(2)} and ${off.toFixed(2)}`,
    );
    for (let k = 1; k < mine.length; k++) {
      assert.ok(mine[k].when > mine[k - 1].when, `pane ${pane}: notes in time order`);
      assert.ok(
        mine[k].when - mine[k - 1].when >= MIN_GAP_S - 1e-6,
        `pane ${pane}: at most ${1 / MIN_GAP_S} notes a second`,
      );
    }
    // Spacing follows the bursts': the last notes (paused exactly at `off`) line up with the last bursts.
    const k = Math.min(mine.length, expected.length) - 1;
    let late = 0;
    for (let j = 1; j < k; j++) {
      const heard = mine[mine.length - j].when - mine[mine.length - j - 1].when;
      const planned = (expected[expected.length - j].time - expected[expected.length - j - 1].time) / s.speed;
      if (!near(heard, planned, 0.03)) late++;
      assert.ok(heard >= planned - 0.03, `pane ${pane}: a note never comes early (${heard} for ${planned})`);
    }
    // A note is scheduled at the frame that sees its burst: on a loaded machine a few frames fall behind
    // (4 of 12 with two builds beside the browser on 2 cores); most gaps still follow the bursts'.
    assert.ok(
      late <= Math.max(2, 0.4 * k),
      `pane ${pane}: ${late} of ${k} gaps differ from the bursts' (frames that fell behind)`,
    );
    // Side by side: the left pane sounds from the left, the right from the right.
    for (const n of mine) assert.ok(pane === 0 ? n.x < 0 : n.x > 0, `pane ${pane} panned to its side (x ${n.x})`);
    // Louder with more firms: the dense pane, in step by now, at full voice; earlier bursts softer.
    if (pane === 1) {
      assert.ok(
        mine.slice(-3).every((n) => n.gain >= 0.95 * PEAK_GAIN),
        `in step: loud (${mine.slice(-3).map((n) => n.gain)})`,
      );
      assert.ok(
        mine.some((n) => n.gain < 0.8 * PEAK_GAIN),
        'small bursts are softer',
      );
    }
    // The coordinators' joint release: a chime about once a cycle.
    const rings = chimes.filter((c) => c.pane === pane).length;
    assert.ok(
      rings >= (off - on) / 1.5 && rings <= off - on + 2,
      `pane ${pane}: ${rings} chimes in ${(off - on).toFixed(1)} cycles`,
    );
  }

  // Paused: nothing new while the frames go on and the audio clock passes every note once due,
  // and notes that had not sounded yet never will.
  await animationFrames(page, 30);
  await page.waitForFunction(
    (last) => window.__audio.context.currentTime > last + 0.2,
    Math.max(...all.map((c) => c.when)),
  );
  const afterPause = await clips(page);
  assert.equal(afterPause.length, all.length, 'nothing scheduled while paused');
  for (const c of afterPause)
    if (c.when > pausedAt + 0.02) assert.ok(c.stopped, `a note due at ${c.when} (paused at ${pausedAt}) was stopped`);

  // Hidden: play again, then hide the tab.
  await page.keyboard.press('Space');
  await waitForState(page, (st) => st.playing === true);
  await page.waitForFunction((n) => window.__audio.clips.length > n + 2, afterPause.length);
  const hiddenAt = await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    return window.__audio.context.currentTime;
  });
  const hiddenCount = (await clips(page)).length;
  const t = (await state(page)).time;
  await page.waitForFunction((t0) => window.lockstep.state().time > t0 + 3, t);
  const hidden = await clips(page);
  assert.equal(hidden.length, hiddenCount, 'nothing scheduled while hidden, though the run goes on');
  for (const c of hidden) if (c.when > hiddenAt + 0.02) assert.ok(c.stopped, 'notes not yet sounding are dropped');
  await page.waitForFunction(() => window.__audio.context.state === 'suspended');
  // Shown again: it sounds again.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForFunction((n) => window.__audio.clips.length > n, hiddenCount);
  assert.deepEqual(problems, []);
  await context.close();
});

// Panes stacked one above the other (a layout of a narrow column, forced here:
// the page keeps them side by side on a phone) sound from above and below.
test('stacked panes sound from above and below', async () => {
  const { page, context } = await openPage(
    harness,
    { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
    { route: (p) => p.addInitScript(RECORD_AUDIO) },
  );
  await page.waitForFunction(() => window.lockstep?.state().ready);
  await page.addStyleTag({ content: '.panes { grid-template-columns: minmax(0, 1fr) !important; }' });
  await page.tap('#sound-toggle');
  await page.waitForFunction(() => window.lockstep.state().sound?.placement === 'stacked');
  await page.waitForFunction(() => window.__audio.clips.length > 8);
  const notes = (await clips(page)).filter((c) => c.x === 0);
  assert.ok(notes.some((n) => n.y > 0) && notes.some((n) => n.y < 0), 'above (left pane) and below (right pane)');
  await context.close();
});

test('an offline rendering of a seeded run has its onsets where the bursts are', async () => {
  const { page, context, problems } = await openPage(harness, {}, { route: (p) => p.addInitScript(RECORD_AUDIO) });
  await page.waitForFunction(() => window.lockstep?.state().ready);
  const result = await page.evaluate(async () => {
    const { renderRun } = await import('/www/sound/render.js');
    const { wavBytes } = await import('/www/sound/wav.js');
    const scenarios = window.lockstep.state().panes.map((p) => p.scenario);
    const rate = 22050;
    const { buffer, releases, offset } = await renderRun(scenarios, { cycles: 10, speed: 1, sampleRate: rate });
    // Onsets, in each channel (each pane sounds from its side): where the
    // energy of a 23 ms frame jumps well above the frames just before it.
    const hop = 256;
    const onsetsOf = (x) => {
      const energy = [];
      for (let k = 0; k * hop + 2 * hop < x.length; k++) {
        let e = 0;
        for (let i = k * hop; i < k * hop + 2 * hop; i++) e += x[i] ** 2;
        energy.push(e);
      }
      const found = [];
      for (let k = 3; k < energy.length; k++) {
        const before = Math.max(energy[k - 1], energy[k - 2], energy[k - 3]);
        const t = (k * hop) / rate;
        if (energy[k] > 2 * before + 0.02 && (!found.length || t - found[found.length - 1] > 0.02)) found.push(t);
      }
      return found;
    };
    const onsets = [onsetsOf(buffer.getChannelData(0)), onsetsOf(buffer.getChannelData(1))];
    const starts = window.__audio.clips
      .filter((c) => c.offline)
      .map((c) => ({ when: c.when, seconds: c.buffer?.duration ?? c.seconds }));
    return {
      onsets,
      starts,
      offset,
      releases: releases.map((list) => list.map((x) => x.time)),
      deltas: scenarios.map((s) => s.delta),
      firms: scenarios.map((s) => s.firms),
      wav: Array.from(wavBytes(buffer)),
    };
  });
  writeFileSync(`${SHOTS}sound-compare-seed18.wav`, Buffer.from(result.wav));
  const { onsets, starts, offset } = result;
  // Every loud burst (a quarter of the firms or more) is heard where it is, on its pane's side.
  for (const [pane, times] of result.releases.entries()) {
    const loud = planNotes(times, result.deltas[pane], 1).filter((n) => n.firms >= result.firms[pane] / 4);
    assert.ok(loud.length >= 8, `pane ${pane}: ${loud.length} loud notes in 10 cycles`);
    for (const n of loud) {
      const at = offset + n.time;
      assert.ok(
        onsets[pane].some((o) => at - 0.015 <= o && o <= at + 0.025),
        `pane ${pane}: an onset at ${at.toFixed(3)} s (burst at t = ${n.time.toFixed(3)}); heard ${onsets[pane]
          .filter((o) => Math.abs(o - at) < 0.3)
          .map((o) => o.toFixed(3))}; scheduled ${starts
          .filter((c) => Math.abs(c.when - at) < 0.3)
          .map((c) => `${c.when.toFixed(3)}/${c.seconds.toFixed(2)}`)}`,
      );
    }
  }
  // And nothing is heard where nothing was scheduled.
  for (const o of onsets.flat()) {
    assert.ok(
      starts.some((s) => s.when - 0.015 <= o && o <= s.when + 0.025),
      `the onset at ${o.toFixed(3)} s is a scheduled note`,
    );
  }
  assert.deepEqual(problems, []);
  await context.close();
});
