// The embed where it cannot run, or should not move: the embed dialog's
// snippet wraps the iframe in a <figure> with a poster (a PNG of the figure
// at the moment a pane is in step) in <noscript>, alt text and a caption that
// say the run's real numbers; the poster downloads and shows both networks;
// with JavaScript off the embed shows its title and a sentence, not empty
// controls; under reduced motion it waits, calm, and says how to play.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { startHarness, openPage, animationFrames, nextText } from './harness.mjs';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
let harness;
before(async () => {
  harness = await startHarness();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await harness?.close();
});

/** The dialog's snippet, once it holds the figure, parsed: its parts as text. */
async function snippetParts(page) {
  await page.waitForFunction(() => document.getElementById('embed-snippet').value.startsWith('<figure'));
  return page.evaluate(() => {
    const text = document.getElementById('embed-snippet').value;
    // A parsed document runs no scripts, so <noscript> holds elements.
    const doc = new DOMParser().parseFromString(text, 'text/html');
    const figure = doc.querySelector('figure');
    const img = figure?.querySelector(':scope > noscript > img');
    return {
      text,
      iframe: figure?.querySelector(':scope > iframe')?.getAttribute('src') ?? null,
      poster: img?.getAttribute('src') ?? null,
      alt: img?.getAttribute('alt') ?? null,
      width: Number(img?.getAttribute('width')),
      height: Number(img?.getAttribute('height')),
      caption: figure?.querySelector(':scope > figcaption')?.textContent ?? null,
    };
  });
}

test('the snippet is a figure: the poster in <noscript> with alt text, and a caption, both with the run’s numbers', async () => {
  const { page, context, problems } = await openPage(harness, {
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  // Paused, so that the page's moment before and after the poster can be compared: started
  // (which ends the page's wait to be seen, in one task with the look), then paused.
  await page.evaluate(() => {
    if (!window.lockstep.state().playing) document.getElementById('play').click();
  });
  await page.waitForFunction(() => window.lockstep.state().playing === true);
  await page.click('#play');
  await page.waitForFunction(() => window.lockstep.state().playing === false);
  await page.click('#embed-details summary');
  const parts = await snippetParts(page);
  assert.ok(parts.iframe?.includes('embed=1'), `the figure holds the embed's iframe (${parts.iframe})`);
  assert.match(parts.poster, /^lockstep-[a-z0-9-]+-poster\.png$/, 'the poster by the file name it downloads as');

  // The numbers, from the same scenario run past its poster's moment (t=10: the dense pane is in step by then).
  const fragment = new URL(parts.iframe).hash.slice(1);
  const ref = await context.newPage();
  await ref.goto(`${harness.server.url}index.html#${fragment}&t=10`);
  // Paused at the moment, it draws no more frames: it is open once the link has taken it there.
  await ref.waitForFunction(() => {
    const s = window.lockstep?.state();
    return s?.ready && s.link?.opened && s.at === 10 && s.seeking === null;
  });
  const { panes } = await ref.evaluate(() => window.lockstep.state());
  await ref.close();
  const inStep = panes.find((p) => p.syncTime !== undefined);
  const apart = panes.find((p) => p !== inStep);
  assert.ok(inStep && apart.syncTime === undefined, 'one pane in step by t = 10, the other not');

  for (const words of [parts.alt, parts.caption]) {
    assert.doesNotMatch(words, /null|undefined|NaN|\[object/, words);
    assert.ok(words.includes(`falls into step after ${inStep.syncTime.toFixed(1)} cycles`), words);
    assert.match(words, new RegExp(`the ${apart.label.toLowerCase()} one is still in [2-9] rhythms`), words);
  }
  assert.ok(parts.caption.startsWith(`Two networks of ${panes[0].firms} firms: the ${inStep.label.toLowerCase()} one`));
  assert.match(parts.alt, /^Hybrid signaling: dense ecosystem vs clustered suppliers: the figure at \d+\.\d cycles/);
  assert.match(parts.alt, /^.*Left, the clustered one .*; right, the dense one /);
  // The dialog shows the journalist the same words.
  assert.equal(await page.textContent('#embed-caption'), parts.caption);
  assert.equal(await page.textContent('#embed-alt'), parts.alt);

  // The poster: a PNG of both panes, the size the snippet says.
  const time = (await page.evaluate(() => window.lockstep.state())).time;
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#embed-poster')]);
  assert.equal(download.suggestedFilename(), parts.poster);
  const png = readFileSync(await download.path());
  assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')], 'a PNG file');
  const image = await page.evaluate(
    async (bytes) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      // Each half's middle band (where the networks are drawn): the canvas's night, and firms lit on it.
      const half = (x0, x1) => {
        let night = 0,
          lit = 0,
          all = 0;
        for (let y = Math.round(c.height * 0.3); y < c.height * 0.6; y += 2) {
          for (let x = x0; x < x1; x += 2) {
            const i = 4 * (y * c.width + x);
            const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
            all++;
            if (r < 30 && g < 40 && b < 60) night++;
            else if (r + g + b > 240 && !(r > 240 && g > 240 && b > 240)) lit++;
          }
        }
        return { night: night / all, lit: lit / all };
      };
      return {
        width: bitmap.width,
        height: bitmap.height,
        left: half(40, c.width / 2 - 20),
        right: half(c.width / 2 + 20, c.width - 40),
      };
    },
    [...png],
  );
  assert.deepEqual([image.width, image.height], [parts.width, parts.height], 'the size the snippet gives the <img>');
  for (const side of ['left', 'right']) {
    assert.ok(image[side].night > 0.3, `the ${side} network's canvas is drawn (${JSON.stringify(image[side])})`);
    assert.ok(image[side].lit > 0.02, `firms are drawn on the ${side} (${JSON.stringify(image[side])})`);
  }
  // Making it took the page to the poster's moment and back.
  await page.waitForFunction(() => !document.getElementById('embed-poster').disabled);
  assert.match(await page.textContent('#embed-poster-note'), /1200×\d+ px, \d+ KiB, the figure at t = \d+\.\d cycles/);
  const after = await page.evaluate(() => window.lockstep.state());
  assert.equal(after.time, time, 'the page went back to its moment');
  assert.equal(after.playing, false);

  // A poster address the journalist gives goes in the snippet.
  await page.fill('#embed-poster-src', 'https://news.example/media/figure.png');
  await page.fill('#embed-title', 'Clusters slow synchrony');
  await page.waitForFunction(() =>
    document.getElementById('embed-snippet').value.includes('Clusters slow synchrony: the'),
  );
  const edited = await snippetParts(page);
  assert.equal(edited.poster, 'https://news.example/media/figure.png');
  await page.locator('#embed-details').screenshot({ path: `${SHOTS}embed-dialog-fallback.png` });
  assert.deepEqual(problems, []);
  await context.close();
});

test('with JavaScript off the embed shows its title and a sentence, no empty controls', async () => {
  const context = await harness.browser.newContext({ javaScriptEnabled: false, viewport: { width: 720, height: 420 } });
  const page = await context.newPage();
  await page.goto(`${harness.server.url}index.html?embed=1#v=1&preset=compare`);
  assert.equal(await page.locator('h1').first().textContent(), 'Lockstep');
  assert.ok(await page.locator('h1').first().isVisible(), 'the title shows');
  const note = page.locator('.noscript-note');
  assert.ok(await note.isVisible(), 'the sentence shows');
  assert.match(await note.textContent(), /needs JavaScript/);
  const controls = await page.evaluate(
    () =>
      [...document.querySelectorAll('button, input, select, textarea, canvas, .pane, .embed-bar')].filter(
        (el) => el.getClientRects().length > 0,
      ).length,
  );
  assert.equal(controls, 0, 'no control, canvas or empty pane shows');
  await page.screenshot({ path: `${SHOTS}embed-no-js.png` });
  await context.close();
});

test('under reduced motion the embed waits, calm, and says how to play', async () => {
  // Paused, it draws only what changes: it is open once both panes run and its link is read.
  const { page, context, problems } = await openPage(
    harness,
    { reducedMotion: 'reduce', viewport: { width: 720, height: 420 } },
    { path: 'index.html?embed=1', route: () => {} },
  );
  await page.waitForFunction(() => {
    const s = window.lockstep?.state();
    return s?.ready && s.link?.opened && !s.drawPending;
  });
  // The panes have been seen (the embed's own watcher heard it first).
  await page.evaluate(
    () =>
      new Promise((seen) => {
        new IntersectionObserver((entries, watch) => {
          if (entries.some((e) => e.isIntersecting)) {
            watch.disconnect();
            seen();
          }
        }).observe(document.getElementById('panes'));
      }),
  );
  await animationFrames(page, 3);
  await nextText(page);
  const s = await page.evaluate(() => window.lockstep.state());
  assert.equal(s.playing, false, 'in view, it has not started by itself');
  assert.equal(s.time, 0);
  assert.equal(s.display, 'calm');
  assert.match(s.embed.calm, /reduced motion.*press Play/);
  assert.ok(await page.locator('.es-calm').isVisible(), 'the note shows');
  await page.screenshot({ path: `${SHOTS}embed-reduced-motion.png` });

  await page.click('#embed-play');
  await page.waitForFunction(() => window.lockstep.state().time > 0.5);
  await nextText(page);
  const playing = await page.evaluate(() => window.lockstep.state());
  assert.equal(playing.display, 'calm', 'still calm while it plays');
  assert.doesNotMatch(playing.embed.calm, /press Play/, 'playing, it no longer asks');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the caption and alt text read right whatever the panes did: neither in step, drifted apart, one name twice, an imported network', async () => {
  const { page, context, problems } = await openPage(harness);
  const said = await page.evaluate(async () => {
    const { posterWords } = await import('./www/share/poster.js');
    const m = (over) => ({ time: 60, bursts: 3, completeBursts: 0, syncTime: undefined, converged: false, ...over });
    const pane = (label, over, more = {}) => ({
      label,
      imported: false,
      firms: 60,
      coordinated: true,
      m: m(over),
      ...more,
    });
    return {
      neither: posterWords({ title: 'T', time: 60, panes: [pane('Ring lattice', {}), pane('Dense', { bursts: 2 })] }),
      lost: posterWords({
        title: 'T',
        time: 20,
        panes: [
          pane('Clustered', { syncTime: 4.04, bursts: 2 }),
          pane('Dense', { syncTime: 2.66, completeBursts: 5, bursts: 1, converged: true }),
        ],
      }),
      twice: posterWords({
        title: 'T',
        time: 8,
        panes: [
          pane('Dense', { bursts: 1, completeBursts: 1 }),
          pane('Dense', { syncTime: 3, completeBursts: 4, bursts: 1 }, { coordinated: false, firms: 1200 }),
        ],
      }),
      imported: posterWords({
        title: 'T',
        time: 6,
        panes: [
          pane('Intel alliances', {}, { imported: true }),
          pane('Dense', { syncTime: 2.7, completeBursts: 4, bursts: 1, converged: true }),
        ],
      }),
    };
  });
  for (const { alt, caption } of Object.values(said)) {
    assert.doesNotMatch(`${alt} ${caption}`, /null|undefined|NaN|\[object/);
  }
  assert.equal(
    said.neither.caption,
    'Two networks of 60 firms; in 60.0 cycles neither falls into step: the ring lattice one is still in 3 rhythms; the dense one is still in 2 rhythms.',
  );
  assert.equal(
    said.lost.caption,
    'Two networks of 60 firms: the clustered one fell into step at 4.0 cycles and drifted apart into 2 rhythms; the dense one falls into step after 2.7 cycles, on the coordinators’ roadmap.',
  );
  // A reactive pane has no roadmap to be on; panes of one name are told apart by side.
  assert.equal(
    said.twice.caption,
    'Networks of 60 and 1,200 firms: the dense one on the right falls into step after 3.0 cycles; the dense one on the left has every firm releasing in one burst.',
  );
  assert.match(
    said.imported.alt,
    /^T: the figure at 6\.0 cycles, .*Left, the Intel alliances network is still in 3 rhythms; right, the dense one falls into step/,
  );
  assert.deepEqual(problems, []);
  await context.close();
});
