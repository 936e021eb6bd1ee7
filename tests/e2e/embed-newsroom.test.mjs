// The embed as a newsroom ships it: the embed dialog's own snippet pasted
// into an article served from another origin (a second server, another
// port). The iframe fits its content's height at every width, with nothing
// in it overlapping, because the embed posts its height in the
// `datawrapper-height` format and the snippet's host lines apply it; several
// embeds in one article resize apart. `theme=` gives dark, auto and
// transparent embeds whose text passes axe-core's colour-contrast rule and
// whose ties hold 3:1 on the panel they are drawn on; an unknown theme says
// so and runs light.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startHarness, openPage, opened, drawn, nextFrames, FIRST_FRAME_MS } from './harness.mjs';
import { parseColour, over, contrast } from './contrast.mjs';
import { TIE, BACKGROUND } from '../../www/draw/palette.js';
import { embedTheme } from '../../www/share/theme.js';
import { cleanId } from '../../www/share/height.js';
import { iframeSnippet } from '../../www/share/embed.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SHOTS = new URL('../../test-results/', import.meta.url).pathname;

let harness;
let articles; // the second origin: serves the articles this test writes
const pages = new Map();
before(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
  const server = createServer((req, res) => {
    const body = pages.get(new URL(req.url, 'http://article').pathname);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  articles = { server, url: `http://127.0.0.1:${server.address().port}/` };
  assert.notEqual(new URL(articles.url).origin, new URL(harness.server.url).origin);
});
after(async () => {
  articles?.server.close();
  await harness?.close();
});

/** The embed dialog's snippets for the default scenario in `theme` (the select's value), one per opening of the dialog. */
async function dialogSnippets(theme = 'light', count = 1) {
  const { page, context, problems } = await openPage(harness);
  const snippets = [];
  for (let i = 0; i < count; i++) {
    const before = await page.inputValue('#embed-snippet');
    await page.click('#embed-details summary');
    await page.waitForFunction((b) => {
      const v = document.getElementById('embed-snippet').value;
      return v && v !== b;
    }, before);
    await page.selectOption('#embed-theme', theme);
    snippets.push(await page.inputValue('#embed-snippet'));
    await page.click('#embed-details summary'); // closed: the next opening names a new embed
  }
  assert.deepEqual(problems, []);
  await context.close();
  return snippets;
}

let served = 0;
/** An article on the second origin with `snippets` pasted in; its background `bg`. Returns its URL. */
function article(snippets, { bg = '#ffffff', ink = '#111111', scheme = 'normal' } = {}) {
  const path = `/article-${++served}.html`;
  pages.set(
    path,
    `<!doctype html><html style="color-scheme:${scheme}"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>An article</title>
<body style="margin:0;background:${bg};color:${ink};font:18px/1.5 Georgia,serif">
<h1 style="margin:8px 12px;font-size:22px">Why clustered suppliers fall into step late</h1>
<p style="margin:8px 12px">A paragraph of the story, then the figure.</p>
${snippets.join('\n<p style="margin:8px 12px">Between the figures.</p>\n')}
<p style="margin:8px 12px;height:1200px">The story goes on.</p>
<script>
  window.heights = [];
  addEventListener('message', (e) => { if (e.data && e.data['datawrapper-height']) heights.push(e.data['datawrapper-height']); });
</script>`,
  );
  return articles.url + path.slice(1);
}

/** Opens `url` at `width` px; returns the page and the embeds' frames, in the article's order, once each runs. */
async function openArticle(url, width, count, contextOptions = {}) {
  const context = await harness.browser.newContext({ viewport: { width, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll('iframe').length === n, count);
  const frames = [];
  for (const handle of await page.$$('iframe')) {
    await handle.scrollIntoViewIfNeeded(); // a lazy iframe loads near the view
    const frame = await handle.contentFrame();
    await opened(frame);
    frames.push({ handle, frame, problems: [] });
  }
  return { context, page, frames, problems };
}

/** Waits until the iframe is as tall as the embed's content (the host lines applied its last height). */
const fitted = (frame) =>
  frame.waitForFunction(
    () => Math.abs(innerHeight - Math.ceil(document.body.getBoundingClientRect().height)) <= 1,
    null,
    {
      timeout: FIRST_FRAME_MS,
    },
  );

/** In the embed: the boxes of its parts (title, panes, kept controls, bar, message) and, per pane, of its canvas and verdict. */
const LAYOUT = () => {
  const shown = (el) => el && el.getClientRects().length > 0;
  const box = (el, name) => {
    const r = el.getBoundingClientRect();
    return { name, left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  };
  const parts = [];
  const panes = [];
  for (const [selector, name] of [
    ['.embed-story', 'title'],
    ['.toolbar', 'kept controls'],
    ['.settings', 'kept settings'],
    ['.embed-bar', 'play bar'],
    ['#notice', 'message'],
  ]) {
    const el = document.querySelector(selector);
    if (shown(el)) parts.push(box(el, name));
  }
  document.querySelectorAll('.pane').forEach((p, i) => {
    if (!shown(p)) return;
    parts.push(box(p, `pane ${i}`));
    panes.push({
      pane: box(p, `pane ${i}`),
      canvas: box(p.querySelector('canvas.network'), `canvas ${i}`),
      verdict: box(p.querySelector('.es-verdict'), `verdict ${i}`),
      head: box(p.querySelector('.pane-head'), `head ${i}`),
    });
  });
  return {
    parts,
    panes,
    width: innerWidth,
    height: innerHeight,
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
  };
};

const overlap = (a, b) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
const inside = (a, b) =>
  a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;

function assertNoOverlap(layout, what) {
  const { parts, panes } = layout;
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      assert.ok(!overlap(parts[i], parts[j]), `${what}: ${parts[i].name} and ${parts[j].name} overlap`);
    }
    assert.ok(
      parts[i].left >= -0.5 && parts[i].right <= layout.width + 0.5,
      `${what}: ${parts[i].name} within the width`,
    );
    assert.ok(parts[i].bottom <= layout.height + 0.5, `${what}: ${parts[i].name} within the iframe's height`);
  }
  for (const p of panes) {
    for (const part of [p.head, p.canvas, p.verdict])
      assert.ok(inside(part, p.pane), `${what}: ${part.name} inside its pane`);
    assert.ok(
      !overlap(p.head, p.canvas) && !overlap(p.canvas, p.verdict),
      `${what}: a pane's head, canvas, verdict apart`,
    );
    // Sized by its host, the figure grows: the networks keep a readable size.
    assert.ok(
      p.canvas.height >= 149 && p.canvas.width >= 120,
      `${what}: ${p.canvas.name} is ${p.canvas.width}x${p.canvas.height}`,
    );
  }
  assert.ok(layout.scrollWidth <= layout.width, `${what}: no sideways scroll`);
  assert.ok(layout.scrollHeight <= layout.height + 1, `${what}: no scroll inside the iframe`);
}

test('theme=, ink= and id= are checked: an unknown value is named and falls back', () => {
  assert.deepEqual(embedTheme('?embed=1'), { theme: 'light', ink: 'dark', problem: null });
  assert.deepEqual(embedTheme('?theme=transparent&ink=light'), { theme: 'transparent', ink: 'light', problem: null });
  assert.match(
    embedTheme('?theme=transparent&ink=plaid').problem,
    /^Ink “plaid” is not one of dark or light, so its text is dark\.$/,
  );
  assert.equal(embedTheme('?theme=dark&ink=plaid').problem, null, 'ink is read only for transparent');
  const bad = embedTheme(`?theme=${'x'.repeat(500)}`);
  assert.equal(bad.theme, 'light');
  assert.match(
    bad.problem,
    /^Theme “x{20}…” is not one of light, dark, auto or transparent, so the embed shows light\.$/,
  );
  assert.equal(cleanId('lockstep-a_1'), 'lockstep-a_1');
  for (const hostile of ['"><script>', 'a b', '', 'x'.repeat(65)]) assert.equal(cleanId(hostile), null, hostile);
  const url = 'https://example.org/lockstep/index.html#v=1';
  const light = iframeSnippet(url, 420, [], '', { id: 'lockstep-aaaaaa', theme: 'light', ink: 'light' });
  assert.doesNotMatch(light, /theme=|ink=|color-scheme/, 'light is the default: no parameter, no ink');
  const clear = iframeSnippet(url, 420, [], '', { id: 'lockstep-aaaaaa', theme: 'transparent', ink: 'light' });
  assert.match(clear, /theme=transparent&amp;ink=light/);
  assert.match(clear, /style="[^"]*color-scheme:normal"/);
  assert.doesNotMatch(iframeSnippet(url, 420), /<script>|id=/, 'without an id, the iframe alone, as before');
});

test('the dialog’s snippet carries an id, the embed’s link and the host lines that fit it', async () => {
  const [a, b] = await dialogSnippets('light', 2);
  for (const s of [a, b]) {
    const id = /<iframe id="(lockstep-[a-z0-9]{6})"/.exec(s)?.[1];
    assert.ok(id, `the iframe has an id: ${s.slice(0, 60)}`);
    assert.match(s, new RegExp(`src="[^"]*[?&](amp;)?id=${id}`), 'the embed’s link names the same id');
    assert.match(s, /<script>[\s\S]*datawrapper-height[\s\S]*<\/script>$/, 'the host lines follow the iframe');
  }
  assert.notEqual(/id="([^"]+)"/.exec(a)[1], /id="([^"]+)"/.exec(b)[1], 'two embeds, two ids');
});

for (const width of [280, 375, 720]) {
  test(`at ${width} px the iframes fit their content, with and without controls=, and nothing overlaps`, async () => {
    const [plain, withControls] = await dialogSnippets('light', 2);
    const controlled = withControls.replace('embed=1', 'embed=1&amp;controls=eps%2Cspeed');
    const { context, page, frames, problems } = await openArticle(article([plain, controlled]), width, 2);
    const figures = [];
    for (const [i, { handle, frame }] of frames.entries()) {
      await handle.scrollIntoViewIfNeeded();
      await fitted(frame);
      const layout = await frame.evaluate(LAYOUT);
      const what = `${width} px, ${i ? 'controls=eps,speed' : 'no controls'}`;
      assertNoOverlap(layout, what);
      const set = await handle.evaluate((f) => [
        f.style.height,
        f.getBoundingClientRect().height,
        f.getBoundingClientRect().width,
      ]);
      assert.equal(set[0], `${layout.height}px`, `${what}: the host lines set the iframe’s height`);
      assert.equal(Math.round(set[2]), width, `${what}: the iframe spans the article`);
      figures.push({
        what,
        height: layout.height,
        canvas: layout.panes.map((p) => `${Math.round(p.canvas.width)}x${Math.round(p.canvas.height)}`),
      });
    }
    assert.ok(figures[1].height > figures[0].height, 'the embed with controls is taller: each resized on its own');
    // Coalesced: every height posted differs from the one before it.
    const posted = await page.evaluate(() => window.heights);
    for (const id of new Set(posted.flatMap((h) => Object.keys(h)))) {
      const seq = posted.filter((h) => id in h).map((h) => h[id]);
      for (let k = 1; k < seq.length; k++) assert.notEqual(seq[k], seq[k - 1], `${id} posted ${seq}`);
    }
    console.log(`# ${width} px:`, JSON.stringify(figures), 'posted', posted.length);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('in a fixed iframe (no host lines) with controls=, nothing overlaps down to 300 px high: a short one scrolls', async () => {
  const figures = [];
  for (const [width, height] of [
    [280, 300],
    [343, 420],
    [375, 300],
    [720, 300],
  ]) {
    const context = await harness.browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(`${harness.server.url}index.html?embed=1&controls=eps,speed`);
    await opened(page);
    const layout = await page.evaluate(LAYOUT);
    const { parts, panes } = layout;
    const what = `${width}x${height}`;
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j < parts.length; j++)
        assert.ok(!overlap(parts[i], parts[j]), `${what}: ${parts[i].name} and ${parts[j].name} overlap`);
    for (const p of panes) {
      for (const part of [p.head, p.canvas, p.verdict])
        assert.ok(inside(part, p.pane), `${what}: ${part.name} inside its pane`);
      assert.ok(!overlap(p.canvas, p.verdict) && p.canvas.height >= 89, `${what}: ${p.canvas.name} ${p.canvas.height}`);
    }
    assert.ok(layout.scrollWidth <= layout.width, `${what}: no sideways scroll`);
    if (width === 280)
      assert.ok(layout.scrollHeight > layout.height, `${what}: the figure scrolls in its short iframe`);
    figures.push(
      `${what}: networks ${panes.map((p) => `${Math.round(p.canvas.width)}x${Math.round(p.canvas.height)}`)}, page ${layout.scrollHeight} px`,
    );
    await context.close();
  }
  console.log(`# fixed iframes: ${figures.join('; ')}`);
});

/** axe-core's colour-contrast rule in the embed: { violations, checked } (the nodes it passed or failed). */
async function axeContrast(frame) {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.addScriptTag({ path: AXE });
  const result = await frame.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'rule', values: ['color-contrast'] },
      resultTypes: ['violations', 'passes'],
    }),
  );
  const nodes = (list) => list.flatMap((r) => r.nodes);
  return {
    violations: nodes(result.violations).map((n) => `${n.target}: ${n.any.map((a) => a.message).join(' ')}`),
    checked: nodes(result.passes).length + nodes(result.violations).length,
  };
}

for (const [theme, scheme] of [
  ['dark', 'light'],
  ['auto', 'dark'],
]) {
  test(`theme=${theme} under a ${scheme} system passes axe-core’s colour-contrast rule in a dark article`, async () => {
    const [snippet] = await dialogSnippets(theme);
    assert.match(snippet, new RegExp(`theme=${theme}`));
    const { context, frames, problems } = await openArticle(
      article([snippet], { bg: '#111111', ink: '#eeeeee' }),
      375,
      1,
      {
        colorScheme: scheme,
      },
    );
    const { frame } = frames[0];
    const bg = await frame.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(bg, 'rgb(17, 20, 24)', 'the embed is dark');
    const { violations, checked } = await axeContrast(frame);
    assert.deepEqual(violations, []);
    assert.ok(checked >= 10, `axe checked ${checked} texts`);
    // The rule catches what it is for: a planted dim line fails it.
    await frame.evaluate(() =>
      document
        .querySelector('.es-legend')
        .append(
          Object.assign(document.createElement('span'), { id: 'dim', textContent: 'dim text', style: 'color:#444' }),
        ),
    );
    assert.ok(
      (await axeContrast(frame)).violations.some((v) => v.startsWith('#dim')),
      'a dim line is caught',
    );
    console.log(`# theme=${theme} (${scheme} system): axe checked ${checked} texts, 0 below 4.5:1`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('theme=auto under a light system is the light embed', async () => {
  const [snippet] = await dialogSnippets('auto');
  const { context, frames } = await openArticle(article([snippet]), 375, 1, { colorScheme: 'light' });
  const bg = await frames[0].frame.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.equal(bg, 'rgb(245, 246, 249)');
  await context.close();
});

test('theme=transparent shows the article through, and its text passes axe-core on the article’s background', async () => {
  for (const [value, bg, ink] of [
    ['transparent', '#ffffff', '#111111'],
    ['transparent light', '#111111', '#eeeeee'],
  ]) {
    const [snippet] = await dialogSnippets(value);
    assert.match(snippet, /color-scheme:normal/, 'the iframe’s color-scheme matches the embed’s');
    const { context, frames } = await openArticle(
      article([snippet], { bg, ink, scheme: bg === '#111111' ? 'dark' : 'normal' }),
      375,
      1,
    );
    const { frame } = frames[0];
    const own = await frame.evaluate(() => [
      getComputedStyle(document.documentElement).backgroundColor,
      getComputedStyle(document.querySelector('.pane')).backgroundColor,
    ]);
    assert.deepEqual(own, ['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)'], `${value}: no background of its own`);
    // axe cannot see through an iframe: the article's background is put behind the text for it.
    await frame.evaluate((c) => {
      document.documentElement.style.background = c;
    }, bg);
    const { violations, checked } = await axeContrast(frame);
    assert.deepEqual(violations, [], `${value} on ${bg}`);
    console.log(`# theme=${value} on ${bg}: axe checked ${checked} texts, 0 below 4.5:1`);
    await context.close();
  }
});

test('ties stand at least 3:1 against the panel the networks are drawn on, in every theme', async () => {
  const tie = parseColour(TIE);
  const figures = [];
  for (const [query, scheme] of [
    ['', 'light'],
    ['&theme=dark', 'light'],
    ['&theme=auto', 'dark'],
    ['&theme=transparent', 'light'],
    ['&theme=transparent&ink=light', 'light'],
  ]) {
    const { page, context } = await openPage(
      harness,
      { viewport: { width: 375, height: 600 }, colorScheme: scheme },
      { path: `index.html?renderer=canvas&embed=1${query}` },
    );
    await drawn(page);
    await nextFrames(page);
    // The most common pixel of the canvas is the panel the ties are drawn on.
    const panel = await page.evaluate(() => {
      const c = document.getElementById('network-0');
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      const counts = new Map();
      for (let i = 0; i < data.length; i += 16) {
        const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [...counts]
        .sort((a, b) => b[1] - a[1])[0][0]
        .split(',')
        .map(Number);
    });
    const ratio = contrast(over(tie, [...panel, 1]), panel);
    figures.push(`${query || 'light'}: panel rgb(${panel}) ties ${ratio.toFixed(2)}:1`);
    assert.deepEqual(panel, parseColour(BACKGROUND).slice(0, 3), `${query}: the networks keep their panel`);
    assert.ok(ratio >= 3, `${query}: ties at ${ratio.toFixed(2)}:1`);
    await context.close();
  }
  console.log(`# ${figures.join('; ')}`);
});

test('an unknown theme says so and the embed runs light', async () => {
  const { page, context, problems } = await openPage(
    harness,
    { viewport: { width: 375, height: 600 } },
    { path: 'index.html?embed=1&theme=neon&ink=plaid' },
  );
  const notice = await page.textContent('#notice .notice-text');
  assert.match(notice, /Theme “neon” is not one of light, dark, auto or transparent, so the embed shows light\./);
  assert.ok(await page.isVisible('#notice'));
  const look = await page.evaluate(() => [
    document.documentElement.dataset.theme,
    getComputedStyle(document.documentElement).backgroundColor,
  ]);
  assert.deepEqual(look, ['light', 'rgb(245, 246, 249)']);
  const layout = await page.evaluate(LAYOUT);
  const parts = layout.parts;
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j < parts.length; j++)
      assert.ok(!overlap(parts[i], parts[j]), `${parts[i].name} and ${parts[j].name} overlap`);
  // It runs: playing in view, the clock moves.
  const t0 = (await page.evaluate(() => window.lockstep.state())).time;
  if (!(await page.evaluate(() => window.lockstep.state().playing))) await page.click('#embed-play');
  await page.waitForFunction((t) => window.lockstep.state().time > t + 0.5, t0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshots: light, dark and transparent embeds in a dark and a light article', async () => {
  for (const [name, bg, ink, scheme] of [
    ['dark-article', '#111111', '#eeeeee', 'dark'],
    ['light-article', '#ffffff', '#111111', 'normal'],
  ]) {
    const themes = ['light', 'dark', bg === '#111111' ? 'transparent light' : 'transparent'];
    const snippets = [];
    for (const t of themes) snippets.push(...(await dialogSnippets(t)));
    // A window tall enough for the three (a screenshot shows a cross-origin iframe only within the window).
    const { context, page, frames } = await openArticle(article(snippets, { bg, ink, scheme }), 375, 3, {
      viewport: { width: 375, height: 1700 },
    });
    for (const { handle, frame } of frames) {
      await handle.scrollIntoViewIfNeeded();
      await fitted(frame);
    }
    const bottom = await page.evaluate(() => {
      scrollTo(0, 0);
      return Math.ceil(document.querySelectorAll('iframe')[2].getBoundingClientRect().bottom) + 40;
    });
    await page.screenshot({
      path: `${SHOTS}embed-newsroom-${name}.png`,
      clip: { x: 0, y: 0, width: 375, height: bottom },
    });
    await context.close();
  }
});
