// Following synchrony without seeing it: these tests read only what a
// screen reader gets (the accessibility tree and the live regions, never
// pixels) and act only with the keyboard. Each pane is described (its
// subgroups and coordinators); the story is announced politely, never more
// than once every 2 s and within a few seconds of a pane coming into step;
// the charts have names and summaries; a reader who follows the tour hears
// each step and finds its claim; at top speed no live region changes more
// than once a second; the embed speaks too and promises only what it does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage, waitForState } from './harness.mjs';
import { RECORD_LIVE, announced, waitForAnnouncement, pageNow, axTree, axNode, liveChanges } from './reader.mjs';
import { STEPS } from '../../www/controls/tour.js';
import { GAP_MS } from '../../www/describe/announcer.js';

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

/** Opens `path` with the live regions recorded from the start. */
const openListening = (options = {}, path = 'index.html') =>
  openPage(
    harness,
    { viewport: { width: 1280, height: 800 }, ...options },
    {
      path,
      route: (page) => page.addInitScript(RECORD_LIVE),
    },
  ).then(async (opened) => {
    await opened.page.waitForFunction(() => window.lockstep?.state().ready && window.lockstep.state().frames > 2);
    return opened;
  });

/** Presses Tab until the focused element's accessible name (text or aria-label) matches `name`. */
async function tabTo(page, name, limit = 150) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.getAttribute('aria-label') || el?.textContent?.trim() || '';
    });
    if (name instanceof RegExp ? name.test(focused) : focused === name) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** Non-empty announcements closer together than `ms`: [[a, b], ...]. */
function tooClose(changes, ms) {
  const said = changes.filter((c) => c.text);
  const close = [];
  for (let i = 1; i < said.length; i++) if (said[i].t - said[i - 1].t < ms) close.push([said[i - 1], said[i]]);
  return close;
}

test('each pane is described: its network, its subgroups and where the coordinators sit', async () => {
  const { page, context, problems } = await openListening();
  const clustered = await axNode(page, 'image', /^Clustered network/);
  assert.ok(clustered, 'the clustered network is an image with a name');
  assert.match(clustered.description, /Clustered \(planted partition\): 60 firms, \d+ ties/);
  assert.match(
    clustered.description,
    /4 subgroups of 15 firms, \d+ ties inside them and \d+ between them: \d+ joins? subgroups \d and \d/,
  );
  assert.match(clustered.description, /5 coordinators, the best-connected firms .*: (\d in subgroup \d(, | and )?)+/);
  assert.match(clustered.description, /signals every firm within two ties/);
  assert.match(clustered.description, /At t = [\d.]+ cycles, r [\d.]+ and \d+ rhythms?/, 'and its state now');
  const dense = await axNode(page, 'image', /^Dense network/);
  assert.match(dense.description, /^Dense \(random, G\(n, m\)\): 60 firms/);
  assert.doesNotMatch(dense.description, /subgroups of/, 'a network without subgroups names none');
  assert.match(dense.description, /5 coordinators/);

  // On demand, by keyboard: the Describe button shows it, with what changed.
  await tabTo(page, 'Describe Clustered');
  await page.keyboard.press('Enter');
  const region = await axNode(page, 'region', 'Clustered in words');
  assert.ok(region, 'a region named for the pane');
  const button = await axNode(page, 'button', 'Describe Clustered');
  assert.equal(button.expanded, true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'pane-0-description', 'focus moves to the words');
  assert.match(await page.textContent('#pane-0-description'), /First description of this run\./);
  await page.keyboard.press('Escape');
  assert.equal((await axNode(page, 'button', 'Describe Clustered')).expanded, false);
  await page.waitForFunction(() => window.lockstep.state().time > 4);
  await page.keyboard.press('Enter');
  assert.match(
    await page.textContent('#pane-0-description'),
    /Since the last description at t = [\d.]+: r (rose to|fell to|stayed near)/,
  );
  await page.keyboard.press('Escape');

  // D on the focused network says it in the pane's own polite line.
  await tabTo(page, /^Dense network/);
  const from = await pageNow(page);
  await page.keyboard.press('d');
  const said = await waitForAnnouncement(page, /^Dense: Dense \(random, G\(n, m\)\): 60 firms/, {
    from,
    timeout: 5000,
  });
  assert.match(said.text, /At t = [\d.]+ cycles/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('announcements tell the story, never more than once every 2 s, and soon after a pane comes into step', async () => {
  const { page, context, problems } = await openListening();
  // When the page first shows the dense pane in step (its readout), on the page's clock.
  const synced = await page.evaluate(
    () =>
      new Promise((done) => {
        const poll = () => {
          if (window.lockstep.state().panes[1].syncTime !== undefined) done(performance.now());
          else setTimeout(poll, 50);
        };
        poll();
      }),
  );
  const said = await waitForAnnouncement(
    page,
    /Dense is in step since t = [\d.]+ cycles: every firm releases in one burst, on the coordinators’ roadmap/,
  );
  assert.ok(said.t - synced < GAP_MS + 1500, `said ${Math.round(said.t - synced)} ms after the pane came into step`);
  await page.waitForFunction(() => window.lockstep.state().time > 14);
  const changes = await liveChanges(page);
  const spoken = changes.filter((c) => c.text);
  assert.ok(spoken.length >= 3, `a story, not silence: ${spoken.map((c) => c.text).join(' | ')}`);
  assert.deepEqual(tooClose(changes, 2000), [], 'never two announcements within 2 s');
  for (const c of spoken) assert.doesNotMatch(c.text, /^[^a-z]*r \d\.\d\d, \d+ rhythms?;/, 'no feed of numbers');
  assert.ok(
    spoken.some((c) => /Clustered: (subgroups?|the coordinators’ signal|rhythms merged)/.test(c.text)),
    'the clustered pane’s story is told too',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('the charts have names and summaries that follow the run', async () => {
  const { page, context } = await openListening();
  await page.waitForFunction(() => window.lockstep.state().time > 3);
  const tree = await axTree(page);
  const figure = (name) => tree.find((n) => n.role === 'figure' && n.name === name);
  assert.match(
    figure('Order r over time, both panes').description,
    /^Order r over time\. Clustered: r (rose|fell|stayed near) .* over [\d.]+ cycles.*\. Dense: r .*\.$/,
  );
  assert.match(
    figure('r within each subgroup').description,
    /^r within each subgroup of Clustered: .*(moves?|move) as one|none of its 4 subgroups/,
  );
  assert.match(
    figure('Releases, one row per firm').description,
    /^Releases of Clustered: .* In the last cycle \d+ releases in (one burst|\d+ bursts)/,
  );
  const circle = tree.find((n) => n.role === 'image' && n.name === 'Phase circle of Clustered');
  assert.match(
    circle.description,
    /^Phase circle of Clustered: .*(groups? of phases|spread round the circle).*; r [\d.]+\.$/,
  );
  assert.ok(
    tree.some((n) => n.role === 'button' && n.name === 'Play r(t) as sound'),
    'r(t) can be played as sound',
  );
  // The summary follows the run.
  const before = figure('Order r over time, both panes').description;
  await page.waitForFunction(
    (was) => window.lockstep.state().time > 6 && document.getElementById('r-summary').textContent !== was,
    before,
  );
  const later = (await axTree(page)).find((n) => n.role === 'figure' && n.name === 'Order r over time, both panes');
  assert.notEqual(later.description, before);
  await context.close();
});

/** What each step's claim sounds like, when it comes true (by title, so the steps may move). */
const CLAIMS = {
  'Firms fall into step': /Reactive: rhythms merged, \d+ to \d+|Reactive is in step/,
  'Coordinators and their roadmap':
    /Hybrid: the coordinators’ signal tipped \d+ firms? over; they released at once and relayed it/,
  'Listen to the rhythms': /Dense is in step since t = [\d.]+ cycles/,
  'Dense versus clustered':
    /as it said: (Both in step: dense after [\d.]+ cycles, clustered after [\d.]+|After \d+ cycles the clustered pane is still not in step)/,
  'A planned pair sets the rhythm': /as it said: Both panes are in step/,
  'Stubborn coordinators': /as it said: The right pane is in step; the left still has \d+ rhythms/,
};

test('a reader who follows the tour by keyboard hears each step and finds its claim', async () => {
  const { page, context, problems } = await openListening();
  await tabTo(page, 'Take the tour');
  await page.keyboard.press('Enter');
  const heard = [];
  for (let i = 0; i < STEPS.length; i++) {
    const { title } = STEPS[i];
    await waitForState(page, (s, want) => s.tourStep === want, i);
    const from = i === 0 ? 0 : await pageNow(page);
    const opened = await waitForAnnouncement(page, new RegExp(`Step ${i + 1} of ${STEPS.length}: ${title}\\.`), {
      from: from - 500,
    });
    heard.push(opened.text);
    if (CLAIMS[title]) {
      const claim = await waitForAnnouncement(page, CLAIMS[title], { from: from - 500, timeout: 60000 }).catch(
        async (err) => {
          const said = (await announced(page, from - 500)).map((c) => c.text);
          throw new Error(`step ${i + 1} (${title}): no claim in ${JSON.stringify(said, null, 1)}: ${err.message}`);
        },
      );
      heard.push(claim.text);
    }
    if (title === 'Listen to the rhythms') {
      // The step asks to listen: the Sound button, by keyboard, says it is on.
      await tabTo(page, /Sound/);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.lockstep.state().sound?.on);
      assert.equal((await axNode(page, 'button', 'Sound')).pressed, 'true');
    }
    if (title === 'Subgroups keep their own rhythms') {
      // Its claim is in the chart it points at: the subgroups' r, in words.
      await page.waitForFunction(() =>
        /subgroups? [\d, and]+ of 4 moves? as one|all 4 subgroups move as one/.test(
          document.getElementById('group-summary').textContent,
        ),
      );
      const chart = await axNode(page, 'figure', 'r within each subgroup');
      assert.match(chart.description, /subgroups? [\d, and]+ of 4 moves? as one|all 4 subgroups move as one/);
    }
    if (title === 'A planned pair sets the rhythm') {
      await waitForAnnouncement(page, /Planned pair is in step since .* on the coordinators’ roadmap/, {
        from: from - 500,
      });
    }
    await tabTo(page, i === STEPS.length - 1 ? 'Finish' : 'Next');
    await page.keyboard.press('Enter');
  }
  await waitForState(page, (s) => s.tourStep === -1);
  await waitForAnnouncement(page, /Tour closed\./);
  assert.ok(heard.length >= STEPS.length + Object.keys(CLAIMS).length, heard.join('\n'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('during the tour at top speed no live region changes more than once a second', async () => {
  const { page, context, problems } = await openListening();
  await page.click('#tour-start');
  for (let i = 0; i < STEPS.length; i++) {
    await waitForState(page, (s, want) => s.tourStep === want, i);
    // The reader drags the speed to its top (End on the slider).
    await page.focus('#speed');
    await page.keyboard.press('End');
    await waitForState(page, (s) => s.speed === 10);
    const start = (await page.evaluate(() => window.lockstep.state().time)) ?? 0;
    await page.waitForFunction((t) => window.lockstep.state().time > t + 25, start, { timeout: 20000 });
    await page.click('.tour-next');
  }
  const changes = await liveChanges(page);
  const byRegion = new Map();
  for (const c of changes) byRegion.set(c.region, [...(byRegion.get(c.region) ?? []), c]);
  for (const [region, list] of byRegion) {
    for (let k = 1; k < list.length; k++) {
      assert.ok(
        list[k].t - list[k - 1].t >= 1000,
        `${region} changed twice within ${Math.round(list[k].t - list[k - 1].t)} ms: "${list[k - 1].text}" then "${list[k].text}"`,
      );
    }
  }
  assert.deepEqual(tooClose(changes, 2000), []);
  assert.ok(
    changes.some((c) => /Calm display/.test(c.text)),
    'the calm display is said, once at a time',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed speaks: a pane coming into step is announced, and its network promises no inspector', async () => {
  const { page, context, problems } = await openListening(
    { viewport: { width: 720, height: 420 } },
    'index.html?embed=1',
  );
  const canvas = await axNode(page, 'image', /^Dense network/);
  assert.doesNotMatch(canvas.name, /inspect/i, 'the embed has no inspector');
  assert.match(canvas.name, /Press D to hear it described/);
  await waitForAnnouncement(page, /Dense is in step since t = [\d.]+ cycles/, { timeout: 40000 });
  assert.deepEqual(tooClose(await liveChanges(page), 2000), []);
  assert.ok(await axNode(page, 'button', 'Sound'), 'the embed offers sound');
  assert.deepEqual(problems, []);
  await context.close();
});
