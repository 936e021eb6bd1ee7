// Handing a scenario to a class: copy buttons copy the link, the embed
// snippet and the commands to run at scale, say "Copied" on the button and
// in a live region, and select the text where the browser refuses the
// clipboard; the QR code, full screen, scans to the page's link, and a link
// too long for one offers the scenario file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startHarness, openPage, waitForState, opened, state } from './harness.mjs';

const JSQR = createRequire(import.meta.url).resolve('jsqr/dist/jsQR.js');

let harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };
const clipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

/** Presses a copy button; waits until it says "Copied" and its live region says what was copied. */
async function copyWith(page, button, status, what) {
  await page.click(button);
  await page.waitForFunction(
    ([b, s, w]) =>
      document.querySelector(b).textContent.includes('Copied') &&
      document.querySelector(s).textContent === `${w} copied.`,
    [button, status, what],
  );
  assert.equal(await page.getAttribute(status, 'aria-live'), 'polite', 'screen readers hear it');
}

test('Copy link copies the page’s link and says so on the button and to screen readers', async () => {
  const { page, context, problems } = await openPage(harness, CLIPBOARD);
  await copyWith(page, '#copy-link', '#share-status', 'Link');
  const link = await clipboard(page);
  assert.match(link, /#v=1&/);
  assert.equal(link, await page.evaluate(() => location.href), 'the link is the address of what runs');
  assert.equal(link, await page.inputValue('#share-url'), 'and shown beside the button');
  await page.waitForFunction(() => document.querySelector('#copy-link').textContent === 'Copy link');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embed dialog copies its snippet; Run it at scale copies its commands', async () => {
  const { page, context, problems } = await openPage(harness, CLIPBOARD);
  await page.click('#embed-details summary');
  await copyWith(page, '#embed-copy', '#embed-copy-status', 'Snippet');
  const snippet = await clipboard(page);
  // The iframe in its figure, with the poster and caption (embed-fallback.test.mjs).
  assert.match(snippet, /^<figure [\s\S]*<iframe [\s\S]*<figcaption>/);
  assert.equal(snippet, await page.inputValue('#embed-snippet'));

  await page.click('#x-open');
  await page.click('.x-scale summary');
  await copyWith(page, '.x-copy', '.x-copy-status', 'Commands');
  const commands = await clipboard(page);
  assert.match(commands, /^lockstep sweep --url '.*#v=1&/);
  assert.equal(commands, await page.textContent('.x-command'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('where the browser refuses the clipboard, the text is selected and the page says to press Ctrl+C', async () => {
  const { page, context, problems } = await openPage(
    harness,
    {},
    {
      route: (p) =>
        p.addInitScript(() => {
          navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
        }),
    },
  );
  await page.waitForFunction(() => window.lockstep?.state().link?.opened);
  await page.click('#copy-link');
  await page.waitForFunction(() => /Ctrl\+C/.test(document.querySelector('#share-status').textContent));
  const selected = await page.evaluate(() => {
    const el = document.activeElement;
    return el.id === 'share-url' && el.value.slice(el.selectionStart, el.selectionEnd);
  });
  assert.equal(selected, await page.evaluate(() => location.href), 'the whole link is selected');
  assert.equal(await page.textContent('#copy-link'), 'Copy link', 'the button does not claim it copied');

  await page.click('#x-open');
  await page.click('.x-scale summary');
  await page.click('.x-copy');
  await page.waitForFunction(() => /Ctrl\+C/.test(document.querySelector('.x-copy-status').textContent));
  assert.equal(await page.evaluate(() => getSelection().toString()), await page.textContent('.x-command'));
  assert.deepEqual(problems, []);
  await context.close();
});

/** Decodes the QR code in a PNG screenshot with jsQR, in a blank page of the same browser: its text, or null. */
async function decodeQr(context, png) {
  const page = await context.newPage();
  await page.addScriptTag({ path: JSQR });
  const text = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(image.width, image.height);
    const g = canvas.getContext('2d');
    g.drawImage(image, 0, 0);
    const { data, width, height } = g.getImageData(0, 0, image.width, image.height);
    return window.jsQR(data, width, height)?.data ?? null;
  }, png.toString('base64'));
  await page.close();
  return text;
}

test('the QR code fills a projected screen and a phone camera reads the page’s link from it', async () => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 375, height: 740 },
  ]) {
    const { page, context, problems } = await openPage(harness, { viewport });
    await page.click('#show-qr');
    const code = page.locator('#qr-dialog .qr-code');
    await code.waitFor({ state: 'visible' });
    const box = await code.boundingBox();
    const side = Math.min(viewport.width, viewport.height);
    assert.ok(box.width >= side * 0.75, `the code is ${box.width} px wide on a ${side} px side: it fills the screen`);
    assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, 'and is wholly in view');
    const shot = `/tmp/lockstep-qr-${viewport.width}.png`;
    await page.screenshot({ path: shot });
    const link = await page.evaluate(() => location.href);
    assert.equal(await decodeQr(context, await page.screenshot()), link, 'the screen scans to the link');
    assert.match(await page.textContent('#qr-dialog .qr-text'), /Scan with a phone/);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('#qr-dialog').open);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

/**
 * An imported network of 300 firms and 1,500 distinct random ties: a link of
 * about 6 KB, within a link's limit (8 KB) but over what a QR code holds
 * (2,953 bytes).
 */
function longEdgeList() {
  let x = 7;
  const random = (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return (x >> 8) % n;
  };
  const ties = new Set();
  while (ties.size < 1500) {
    const a = random(300),
      b = random(300);
    if (a !== b) ties.add(a < b ? `${a},${b}` : `${b},${a}`);
  }
  return [...ties].join('\n');
}

test('a link longer than a QR code holds says so and offers the scenario file', async () => {
  const { page, context, problems } = await openPage(harness, { viewport: { width: 1280, height: 720 } });
  await page.click('#import summary');
  await page.fill('.imp-ties', longEdgeList());
  await page.click('.imp-go');
  await waitForState(page, (s) => s.panes[0].kind === 'edgeList');
  await page.click('#show-qr');
  await page.locator('#qr-dialog .qr-text').waitFor({ state: 'visible' });
  const link = await page.evaluate(() => location.href);
  assert.ok(link.length > 2953, `the link is ${link.length} characters`);
  assert.match(await page.textContent('#qr-dialog .qr-text'), /more than a QR code holds.*scenario file/);
  assert.ok(await page.isHidden('#qr-dialog .qr-code'), 'no code is drawn');
  const download = page.waitForEvent('download');
  await page.click('#qr-dialog .qr-file');
  assert.equal((await download).suggestedFilename(), 'lockstep-scenario.json');
  await page.screenshot({ path: '/tmp/lockstep-qr-long.png' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the teacher guide is linked from the page, and each activity’s links open their scenario and experiment', async () => {
  const { page, context, problems } = await openPage(harness);
  await page.click('footer a[href="guide.html"]');
  await page.waitForURL(/guide\.html$/);
  for (const part of ['Learning goals', 'Three activities', 'What the model leaves out', 'Setting up a class'])
    assert.ok(await page.getByRole('heading', { name: part }).isVisible(), part);
  const activities = await page.$$eval('h3[id^="a"] + p', (ps) =>
    ps.map((p) => [...p.querySelectorAll('a.open')].map((a) => a.href)),
  );
  assert.equal(activities.length, 3);
  const expected = [
    ['compare', 'clustered-vs-dense'],
    ['young', 'coordination'],
    ['locality', 'locality'],
  ];
  for (const [i, [scenario, experiment]] of activities.entries()) {
    await page.goto(scenario);
    await opened(page);
    const s = await state(page);
    assert.equal(s.preset, expected[i][0], `activity ${i + 1} opens its preset`);
    assert.equal(s.notice, '', 'without a message');
    await page.goto('about:blank');
    await page.goto(experiment);
    await opened(page);
    assert.equal(await page.inputValue('#x-ready'), expected[i][1], `activity ${i + 1} opens its experiment`);
    assert.equal((await state(page)).notice, '');
  }
  assert.deepEqual(problems, []);
  await context.close();
});
