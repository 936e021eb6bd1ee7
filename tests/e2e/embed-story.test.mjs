// The embed tells its story: a title (the author's from the link, else the
// preset's name), the time, each pane's verdict (no roadmap verdict for a
// reactive pane), a legend and a word when the display is calm; `set`
// switches a pane's network kind and `preset` switches presets, while bad
// ones get error events and change nothing; and the demo article drives the
// embed through every paragraph as it scrolls, waiting for `ready`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { startHarness, nextText, hostSettled, frameWith, scrollSettled, FIRST_FRAME_MS, STATE_MS } from './harness.mjs';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
let harness;
before(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await harness?.close();
});

const HOST = (src, width, height) => `<!doctype html><meta charset="utf-8"><title>Host</title>
<body style="margin:0">
<iframe id="fig" src="${src}" width="${width}" height="${height}" style="border:0;display:block" sandbox="allow-scripts"></iframe>
<script>
  window.events = [];
  addEventListener('message', (e) => { if (e.data && e.data.lockstep === 1) events.push(e.data); });
  window.send = (msg) => document.getElementById('fig').contentWindow.postMessage({ lockstep: 1, ...msg }, '*');
</script>`;

/** A host page whose only content is the embed at width x height. */
async function hostPage(query, width = 720, height = 405) {
  const context = await harness.browser.newContext({ viewport: { width, height } });
  const src = `index.html?${query}`.replace(/"/g, '&quot;');
  await context.route('**/host.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: HOST(src, width, height) }),
  );
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${harness.server.url}host.html`);
  await page.waitForFunction(() => window.events.some((e) => e.event === 'ready'), null, { timeout: FIRST_FRAME_MS });
  const frame = await frameWith(page, 'embed=1');
  return { page, context, frame, problems };
}

const embedState = (frame) => frame.evaluate(() => window.lockstep.state());
const errorsOf = (page) => page.evaluate(() => window.events.filter((e) => e.event === 'error').map((e) => e.message));
const waitFrame = (frame, predicate, arg, timeout = STATE_MS) =>
  frame.waitForFunction(([source, a]) => eval(source)(window.lockstep.state(), a), [predicate.toString(), arg], {
    timeout,
  });

/** What the story shows, read from the frame's page as a reader sees it. */
const shown = (frame) =>
  frame.evaluate(() => {
    const visible = (el) => el && el.offsetParent !== null && el.getBoundingClientRect().bottom <= innerHeight + 0.5;
    const text = (el) => el?.textContent ?? '';
    const title = document.querySelector('.es-title');
    return {
      title: text(title),
      titleVisible: visible(title),
      titleHtml: title?.children.length ?? -1,
      time: text(document.querySelector('.es-time')),
      verdicts: [...document.querySelectorAll('.es-verdict')].map((v) => ({
        text: v.textContent,
        visible: visible(v),
      })),
      legend: [...document.querySelectorAll('.es-item')].filter(visible).map((i) => i.textContent),
      legendVisible: visible(document.querySelector('.es-legend')),
      calm: text(document.querySelector('.es-calm')),
      calmDisplay: document.body.classList.contains('calm'),
      canvases: [...document.querySelectorAll('canvas.network')].map((c) => c.getBoundingClientRect()),
      scroll: document.documentElement.scrollWidth,
      width: innerWidth,
    };
  });

test('the embed shows its author’s title, the time, each pane’s verdict and a legend within 720x405 and 375x667', async () => {
  const long = `Why clusters <b>slow</b> synchrony: ${'a very long title '.repeat(8)}`;
  for (const [width, height] of [
    [720, 405],
    [375, 667],
  ]) {
    const { page, context, frame, problems } = await hostPage(
      `embed=1&title=${encodeURIComponent(long)}`,
      width,
      height,
    );
    await frame.waitForFunction(() => window.lockstep.state().time > 1.2);
    const s = await shown(frame);
    assert.ok([...s.title].length <= 80, `the title is cut to 80 characters (${s.title})`);
    assert.ok(s.title.startsWith('Why clusters <b>slow</b> synchrony:') && s.title.endsWith('…'), s.title);
    assert.equal(s.titleHtml, 0, 'the title is text, never HTML');
    assert.ok(s.titleVisible, 'the title is on screen');
    assert.match(s.time, /^t = \d+\.\d cycles$/);
    assert.equal(s.verdicts.length, 2);
    for (const v of s.verdicts) {
      assert.match(v.text, /^(Not in step yet|In step since t = \d+\.\d)r \d\.\d\d · /, v.text);
      assert.ok(v.visible, `verdict on screen at ${width}x${height}`);
    }
    // The legend names what is drawn: the calm display (the flash limiter
    // may hold it while several rhythms flash) draws phase colours, no pulses or waves.
    assert.deepEqual(
      s.legend,
      s.calmDisplay
        ? ['firm (colour = point in its cycle)', 'coordinator', 'shared plan']
        : ['firm', 'coordinator', 'shared plan', 'pulse', 'signal wave'],
    );
    if (s.calmDisplay) assert.ok(s.calm, 'a calm display says why');
    assert.ok(s.legendVisible);
    assert.ok(
      s.canvases.every((c) => c.height > 120),
      `canvases keep room (${s.canvases.map((c) => c.height)})`,
    );
    assert.equal(s.canvases[0].top, s.canvases[1].top, 'canvases aligned');
    assert.equal(s.canvases[0].height, s.canvases[1].height, 'canvases aligned');
    assert.ok(s.scroll <= s.width, 'no horizontal scroll');
    await page.screenshot({ path: `${SHOTS}embed-story-${width}x${height}.png` });
    const state = (await embedState(frame)).embed;
    assert.equal(state.titleSource, 'author');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a preset command shows the preset’s name; a reactive pane is judged without a roadmap; a calm display says why', async () => {
  const { page, context, frame, problems } = await hostPage('embed=1');
  assert.equal(
    (await embedState(frame)).embed.title,
    'Hybrid signaling: dense ecosystem vs clustered suppliers',
    'the link’s preset names it',
  );
  await page.evaluate(() => send({ command: 'preset', id: 'young' }));
  await waitFrame(frame, (s) => s.preset === 'young');
  await page.evaluate(() => send({ command: 'set', params: { speed: 4 } }));
  await waitFrame(frame, (s) => s.panes.every((p) => p.syncTime !== undefined));
  await nextText(frame); // the story shows what the state now says
  const s = await shown(frame);
  assert.equal(s.title, 'Reactive synchrony in a young industry');
  const [reactive, hybrid] = s.verdicts.map((v) => v.text);
  assert.match(reactive, /^In step since t = \d+\.\dr 1\.00 · a rhythm of its own$/);
  assert.doesNotMatch(reactive, /roadmap/, 'no roadmap verdict for a reactive pane');
  assert.match(
    hybrid,
    /^In step since t = \d+\.\dr \d\.\d\d · (on the coordinators’ plan|off the coordinators’ plan by 0\.\d\d cycle)$/,
  );
  // At 4 cycles a second the limiter keeps the display calm, and says so.
  // The cause is the speed, or the rhythms not yet merged (the page's words, calm.js).
  assert.match(
    s.calm,
    /^Calm display: (at 4\.0 cycles\/s the network|\d+ large bursts a cycle \(rhythms not yet merged\) at 4\.0 cycles\/s) would flash more than 3 times a second\. Flashing returns at [0-9.]+ cycles\/s or slower/,
  );
  assert.ok(!s.legend.includes('pulse') && s.legend.includes('firm (colour = point in its cycle)'), s.legend.join());

  await page.evaluate(() => send({ command: 'state' }));
  await page.waitForFunction(() => window.events.some((e) => e.event === 'state'));
  const st = await page.evaluate(() => window.events.find((e) => e.event === 'state'));
  assert.equal(st.title, 'Reactive synchrony in a young industry');
  assert.equal(st.preset, 'young');
  assert.deepEqual(
    st.panes.map((p) => p.mode),
    ['reactive', 'hybrid'],
  );
  assert.equal(st.panes[0].onRoadmap, null, 'a reactive pane is never on or off a roadmap');
  assert.equal(typeof st.panes[1].onRoadmap, 'boolean');
  assert.doesNotMatch(st.panes[0].verdict, /roadmap/);
  await page.screenshot({ path: `${SHOTS}embed-story-young-calm.png` });
  assert.deepEqual(await errorsOf(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The parts of the embed's state a command may change. */
const figure = (s) => ({
  preset: s.preset,
  speed: s.speed,
  title: s.embed.title,
  panes: s.panes.map((p) => ({ label: p.label, scenario: p.scenario })),
});

test('set switches a pane’s network kind, preset switches presets, and bad ones change nothing', async () => {
  const { page, context, frame, problems } = await hostPage('embed=1');
  await page.evaluate(() => send({ command: 'set', pane: 0, params: { 'network.kind': 'ringLattice' } }));
  await waitFrame(frame, (s) => s.panes[0].kind === 'ringLattice');
  let s = await embedState(frame);
  assert.deepEqual(s.panes[0].scenario.network, { kind: 'ringLattice', degree: 8 }, 'the kind’s default knobs');
  assert.equal(s.panes[0].label, 'Ring lattice');
  assert.equal(s.panes[1].kind, 'gnm', 'the other pane as it was');
  assert.equal(s.preset, null, 'no longer the preset');
  assert.equal(s.embed.title, 'Ring lattice vs Dense', 'the title follows the panes');

  await page.evaluate(() =>
    send({
      command: 'set',
      pane: 1,
      label: 'Small world',
      title: 'Rings, rewired',
      params: { 'network.kind': 'wattsStrogatz', 'network.rewire': 0.5 },
    }),
  );
  await waitFrame(frame, (s) => s.panes[1].kind === 'wattsStrogatz');
  s = await embedState(frame);
  assert.deepEqual(s.panes[1].scenario.network, { kind: 'wattsStrogatz', degree: 8, rewire: 0.5 });
  assert.equal(s.panes[1].label, 'Small world');
  assert.equal(s.embed.title, 'Rings, rewired');

  const before = figure(await embedState(frame));
  await page.evaluate(() => {
    send({ command: 'set', params: { 'network.kind': 'edgeList' } });
    send({ command: 'set', params: { 'network.kind': 'nope' } });
    send({ command: 'set', pane: 0, params: { 'network.meanDegree': 4 } });
    send({ command: 'set', pane: 0, params: { 'network.kind': 'gnm', eps: 2 }, title: 'Never shown' });
    send({ command: 'set', params: { speed: 3, eps: 2 } });
    send({ command: 'set', params: { eps: 0.06 }, title: 5 });
    send({ command: 'set', params: { eps: 0.06 }, label: 'x'.repeat(61) });
    send({ command: 'preset', id: 'nope' });
    send({ command: 'preset' });
  });
  await page.waitForFunction(() => window.events.filter((e) => e.event === 'error').length >= 9);
  await hostSettled(page, frame); // every command done, every error in
  const errors = await errorsOf(page);
  assert.equal(errors.length, 9, errors.join(' | '));
  const kinds = 'complete, ringLattice, erdosRenyi, gnm, plantedPartition, wattsStrogatz, barabasiAlbert, geometric';
  for (const expected of [
    `network.kind: one of ${kinds}`,
    'network.meanDegree: not a knob of ringLattice networks (theirs: network.degree)',
    'eps: 2 is outside [0, 1]',
    'title: a plain one-line text of at most 80 characters',
    'label: a plain one-line text of at most 60 characters',
    'id: nope is not a preset; one of compare, young, wintel, stubborn, locality',
    'id: undefined is not a preset; one of compare, young, wintel, stubborn, locality',
  ])
    assert.ok(
      errors.some((m) => m.includes(expected)),
      `${expected} in ${errors.join(' | ')}`,
    );
  assert.deepEqual(figure(await embedState(frame)), before, 'nothing half-applied: kinds, speed, title as they were');

  await page.evaluate(() => send({ command: 'preset', id: 'locality' }));
  await waitFrame(frame, (s) => s.preset === 'locality');
  s = await embedState(frame);
  assert.deepEqual(
    s.panes.map((p) => p.label),
    ['Ring lattice', 'Rewired ring'],
  );
  assert.equal(
    s.embed.title,
    'Clustering by locality is not clustering by subgroups',
    'a preset without a title shows its name',
  );
  await frame.hover('#open-full');
  const open = await frame.getAttribute('#open-full', 'href');
  assert.match(open, /#v=1&.*preset=locality/, 'Open in Lockstep opens what the figure shows');
  assert.doesNotMatch(open, /embed=1|title=/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** What each step of demo/article.js asks of the figure. */
const STEPS = {
  intro: { preset: 'compare', title: 'Two networks of sixty firms, one clock', kinds: ['plantedPartition', 'gnm'] },
  density: {
    preset: null,
    title: 'Denser networks fall into step sooner',
    kinds: ['erdosRenyi', 'erdosRenyi'],
    labels: ['4 partners each', '12 partners each'],
    degrees: [4, 12],
  },
  clustering: {
    preset: null,
    title: 'Same firms, same ties: clusters slow synchrony',
    kinds: ['plantedPartition', 'gnm'],
    labels: ['Clustered', 'Spread out'],
    modes: ['hybrid', 'hybrid'],
  },
  coordination: {
    preset: null,
    title: 'A few coordinators bring everyone into step',
    kinds: ['erdosRenyi', 'erdosRenyi'],
    labels: ['Reactive', 'Hybrid'],
    modes: ['reactive', 'hybrid'],
    degrees: [8, 8],
  },
  stubborn: {
    preset: 'stubborn',
    title: 'Stubborn coordinators win the rhythm but slow it',
    labels: ['Stubborn (ρ 0)', 'Responsive (ρ 0.1)'],
  },
};

/** Whether the figure's state is what step `want` asks for. */
function matches(s, want) {
  if (!s?.ready || !s.embed) return false;
  const same = (list, get) => !list || list.every((v, i) => get(s.panes[i]) === v);
  return (
    s.preset === want.preset &&
    s.embed.title === want.title &&
    s.embed.shownTitle === want.title &&
    same(want.kinds, (p) => p.kind) &&
    same(want.labels, (p) => p.label) &&
    same(want.modes, (p) => p.scenario.mode) &&
    same(want.degrees, (p) => p.scenario.network.meanDegree)
  );
}

for (const [width, height, x, y] of [
  [1280, 720, 200, 600],
  [375, 740, 180, 680],
]) {
  test(`the demo article drives the embed through every paragraph at ${width}x${height}, waiting for ready`, async () => {
    const context = await harness.browser.newContext({ viewport: { width, height } });
    // A slow core: held back until the first paragraph is in view, so it comes before the figure is ready.
    let releaseCore;
    const held = new Promise((done) => {
      releaseCore = done;
    });
    await context.route('**/lockstep_bg.wasm', async (route) => {
      await held;
      await route.continue().catch(() => {}); // the test may have ended (and closed the page) first
    });
    try {
      await readArticle(context, width, height, x, y, releaseCore);
    } finally {
      releaseCore();
      await context.close();
    }
  });
}

/** Scrolls demo/article.html through every step; `releaseCore()` lets the held core load. */
async function readArticle(context, width, height, x, y, releaseCore) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${harness.server.url}demo/article.html`);
  const frame = await frameWith(page, 'embed=1');
  await page.mouse.move(x, y);
  let sawEarly = false;
  for (const step of Object.keys(STEPS)) {
    // Scroll as a reader does, a notch at a time, each landed, until the paragraph is the active one.
    for (let i = 0; i < 200 && !(await page.$(`.step[data-step="${step}"].active`)); i++) {
      const from = await page.evaluate(() => window.scrollY);
      await page.mouse.wheel(0, 120);
      await page.waitForFunction(
        (y) => window.scrollY !== y || window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 1,
        from,
      );
      await scrollSettled(page);
    }
    assert.ok(await page.$(`.step[data-step="${step}"].active`), `${step} became active`);
    if (step === 'intro') {
      sawEarly = (await page.textContent('#figure-status')) === 'Loading the figure…';
      releaseCore();
    }
    await frame.waitForFunction(
      ([source, want]) => eval(`(${source})`)(window.lockstep?.state(), want),
      [matches.toString(), STEPS[step]],
      { timeout: FIRST_FRAME_MS }, // the first step waits for the core to load
    );
    const box = await page.locator('#figure').boundingBox();
    assert.ok(
      box.y >= -1 && box.y + box.height <= height + 1,
      `the figure is on screen at ${step} (${box.y}, ${box.height})`,
    );
    if (step === 'clustering') await page.screenshot({ path: `${SHOTS}demo-article-${width}x${height}.png` });
  }
  assert.ok(sawEarly, 'the first paragraph was in view before the figure was ready');
  assert.equal(
    await page.textContent('#figure-status'),
    'Scroll on: each step sets up the figure.',
    'no command refused',
  );
  assert.deepEqual(problems, []);
}

test('the scrollytelling recipe of docs/embed.md runs as written', async () => {
  const doc = readFileSync(new URL('../../docs/embed.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Scrollytelling'));
  const recipe = section.match(/```html\n([\s\S]*?)```/)[1].replace('src="lockstep/index.html', 'src="../index.html');
  const body = `<!doctype html><meta charset="utf-8"><title>Recipe</title>
<style>iframe { position: fixed; top: 0; left: 0; width: 100%; height: 45vh; border: 0 } .step { margin: 100vh 0; }</style>
${recipe}`;
  const context = await harness.browser.newContext({ viewport: { width: 800, height: 700 } });
  await context.route('**/demo/recipe.html', (route) => route.fulfill({ contentType: 'text/html', body }));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'log') problems.push(m.text());
  });
  await page.goto(`${harness.server.url}demo/recipe.html`);
  const frame = await frameWith(page, 'embed=1');
  const want = {
    density: { preset: null, title: 'Denser networks fall into step sooner', degrees: [4, 12] },
    presetStubborn: { preset: 'stubborn', title: 'Stubborn coordinators win the rhythm but slow it' },
  };
  for (const [step, expected] of Object.entries(want)) {
    // The paragraph's middle at 64% of the window, inside the recipe's band.
    await page.evaluate((s) => {
      const box = document.querySelector(`[data-step="${s}"]`).getBoundingClientRect();
      window.scrollBy(0, box.top + box.height / 2 - 0.64 * innerHeight);
    }, step);
    await frame.waitForFunction(
      ([source, w]) => eval(`(${source})`)(window.lockstep?.state(), w),
      [matches.toString(), expected],
      { timeout: FIRST_FRAME_MS }, // the first step waits for the figure to load
    );
  }
  assert.deepEqual(problems, [], 'no errors or warnings (every function it calls is defined)');
  await context.close();
});
