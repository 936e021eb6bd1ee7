// Readouts that cannot contradict each other: r never reads 1.00 beside
// several rhythms without a line saying why; "not yet" never stands beside
// r 1.00 and one rhythm without saying what is being confirmed; a reactive
// pane is never judged against a roadmap and draws no coordinators; pane
// labels follow the networks; the calm box shows the limiter; preset
// sentences follow the preset; the r(t) chart can show a fixed window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startHarness,
  openPage,
  state,
  waitForState,
  setValue,
  drawn,
  nextText,
  CANVAS_2D,
  pause,
} from './harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** Each pane's readouts as shown: r, rhythms, synchrony, the line under them. */
function shown(page) {
  return page.evaluate(() =>
    [0, 1].map((i) => {
      const q = (s) => document.querySelector(`#pane-${i} ${s}`).textContent;
      return {
        r: q('.r'),
        bursts: q('.bursts'),
        sync: q('.sync'),
        line: q('.sync-line'),
        verdict: document.querySelector(`#verdict .v-${i}`)?.textContent ?? '',
      };
    }),
  );
}

test('r, rhythms and the verdict agree in every preset, and reactive panes have no roadmap', async () => {
  const { page, context, problems } = await openPage(harness, { viewport: { width: 1280, height: 800 } });
  await setValue(page, '#speed', '4');
  const seen = { confirming: 0, near: 0, reactive: 0 };
  for (const preset of ['compare', 'young', 'wintel', 'stubborn', 'locality']) {
    const before = await state(page);
    await page.selectOption('#preset', preset);
    // The preset's new runs took over (the page opens on the first one, already running).
    if (before.preset !== preset) {
      await waitForState(page, (s, [want, was]) => s.preset === want && s.changes.committed > was, [
        preset,
        before.changes.committed,
      ]);
    }
    const s0 = await state(page);
    const reactive = s0.panes.map((p) => p.scenario.mode === 'reactive');
    // 40 samples, 0.6 cycles apart (24 cycles of the run, however fast the machine draws them).
    for (let k = 0, t = s0.time; k < 40; k++, t += 0.6) {
      await waitForState(page, (s, t) => s.time >= t, t);
      await nextText(page);
      const panes = await shown(page);
      panes.forEach((p, i) => {
        const where = `${preset}, pane ${i}: r ${p.r}, ${p.bursts} rhythms, "${p.sync}", "${p.line}"`;
        if (Number(p.bursts) > 1) {
          assert.ok(p.r !== '1.00' || /near 1/.test(p.line), `${where}: r 1.00 beside several rhythms says why`);
          if (Number(p.r) >= 0.99) {
            assert.match(p.line, /near 1, but \d+ rhythms remain|from before they merged|drifted apart/, where);
            seen.near++;
          }
        }
        if (p.r === '1.00' && p.bursts === '1' && p.sync === 'not yet')
          assert.fail(`${where}: "not yet" beside r 1.00 and one rhythm, unexplained`);
        if (p.sync.startsWith('confirming')) {
          assert.match(p.line, /in step once 3 more bursts hold every firm/, where);
          seen.confirming++;
        }
        if (p.sync.startsWith('since')) assert.match(p.line, /^In step since t = /, where);
        if (reactive[i]) {
          assert.doesNotMatch(
            `${p.line} ${p.verdict}`,
            /roadmap/,
            `${where}: a reactive pane is not judged against a roadmap`,
          );
          if (p.sync.startsWith('since')) {
            assert.match(p.verdict, /a rhythm of its own/, where);
            seen.reactive++;
          }
        }
      });
    }
  }
  console.log(
    `samples: ${seen.confirming} confirming, ${seen.near} r near 1 beside rhythms, ${seen.reactive} reactive in step`,
  );
  assert.ok(seen.confirming > 0 && seen.reactive > 0, 'the runs went through confirmation and reactive synchrony');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reactive pane draws no coordinator diamonds; a hybrid one does', async () => {
  // Pixels read from Canvas 2D (webgl.test.mjs: WebGL draws the same firms).
  const { page, context } = await openPage(harness, {}, { path: CANVAS_2D });
  await page.selectOption('#preset', 'young'); // left reactive, right hybrid, 5 (would-be) coordinators each
  await waitForState(page, (s) => s.preset === 'young');
  await pause(page);
  await drawn(page); // the young preset's runs are on the canvases
  const white = await page.evaluate(() =>
    [0, 1].map((i) => {
      const c = document.getElementById(`network-${i}`);
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let k = 0; k < data.length; k += 4) if (data[k] > 235 && data[k + 1] > 235 && data[k + 2] > 235) n++;
      return n;
    }),
  );
  const s = await state(page);
  assert.equal(s.panes[0].coordinators.length, 5, 'the reactive pane still tracks would-be coordinators');
  assert.equal(white[0], 0, 'no white diamond outlines on the reactive pane');
  assert.ok(white[1] > 20, `the hybrid pane outlines its coordinators (${white[1]} px)`);
  await context.close();
});

test('pane labels follow the networks: switching the left pane to G(n, m) leaves two different labels', async () => {
  const { page, context } = await openPage(harness);
  await page.selectOption('#pane-0-kind', 'gnm');
  await waitForState(page, (s) => s.panes[0].kind === 'gnm');
  const labels = (await state(page)).panes.map((p) => p.label);
  assert.notEqual(labels[0], labels[1], `labels ${labels}`);
  assert.ok(
    labels.every((l) => /^Dense/.test(l)),
    `both name the dense network (${labels})`,
  );
  assert.equal(await page.textContent('#pane-0 .pane-label'), labels[0]);
  await page.selectOption('#preset', 'young');
  await waitForState(page, (s) => s.preset === 'young');
  await page.check('#target-1');
  await page.selectOption('#p-mode', 'reactive');
  await waitForState(page, (s) => s.panes[1].scenario.mode === 'reactive');
  const after = (await state(page)).panes.map((p) => p.label);
  assert.ok(!after.includes('Hybrid'), `a pane that no longer coordinates is not labelled Hybrid (${after})`);
  await context.close();
});

test('the calm box shows the limiter and its note names the cause and the speed that flashes again', async () => {
  const { page, context } = await openPage(harness);
  await setValue(page, '#speed', '10');
  await waitForState(page, (s) => s.calmReason === 'limiter');
  await nextText(page); // the box and its note show the limiter
  assert.equal(await page.isChecked('#calm'), true);
  const note = await page.textContent('#calm-note');
  assert.match(note, /would flash more than 3 times a second\. Flashing returns at \d\.\d cycles\/s or slower/);
  await page.click('#calm'); // try to untick it
  await nextText(page);
  assert.equal(await page.isChecked('#calm'), true, 'unticking cannot make the limited display flash');
  assert.match(await page.textContent('#calm-note'), /stays calm until then/);
  await setValue(page, '#speed', '0.5');
  await waitForState(page, (s) => s.display === 'flash');
  await nextText(page);
  assert.equal(await page.isChecked('#calm'), false);
  assert.equal(await page.textContent('#calm-note'), '');
  await context.close();
});

test('New seed keeps the preset and says the sentence was for another seed; your own scenario drops it', async () => {
  const { page, context } = await openPage(harness);
  const sentence = await page.textContent('#preset-context');
  assert.equal(await page.textContent('#seed-note'), 'One run is one seed.');
  await page.click('#new-seed');
  await waitForState(page, (s) => s.seed !== 18);
  const s = await state(page);
  assert.equal(s.preset, 'compare', 'the preset stays');
  assert.deepEqual(
    s.panes.map((p) => p.label),
    ['Clustered', 'Dense'],
  );
  assert.equal(await page.textContent('#preset-context'), sentence);
  assert.match(
    await page.textContent('#seed-note'),
    new RegExp(`seed ${s.seed}; the sentence above was written for seed 18, so what you see may differ`),
  );
  assert.equal(await page.textContent('#x-check'), 'Was this seed typical? Run 100 seeds');
  await page.selectOption('#preset', '');
  await waitForState(page, (st) => st.preset === null);
  assert.match(await page.textContent('#preset-context'), /^Your own scenario/);
  assert.doesNotMatch(await page.textContent('#preset-context'), /coordinators share a roadmap/);
  assert.equal((await state(page)).seed, s.seed, 'the panes run on');
  await context.close();
});

test('the r(t) chart shows the last N cycles on request', async () => {
  const { page, context } = await openPage(harness);
  await setValue(page, '#speed', '10');
  await waitForState(page, (s) => s.time > 25);
  const whole = (await state(page)).chartRange;
  assert.equal(whole.min, 0, 'the whole run from 0');
  await page.selectOption('#r-window', '10');
  await nextText(page); // frames ran since: the chart redrew its new window with new data
  const { chartRange, time } = await state(page);
  assert.ok(
    chartRange.max - chartRange.min <= 10.5 && chartRange.min > 10,
    `the last 10 cycles: ${JSON.stringify(chartRange)} at t ${time}`,
  );
  await context.close();
});
