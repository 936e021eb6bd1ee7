// Handing a scenario to a class: copy buttons copy the link, the embed
// snippet and the commands to run at scale, say "Copied" on the button and
// in a live region, and select the text where the browser refuses the
// clipboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, openPage } from './harness.mjs';

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
  assert.match(snippet, /^<iframe /);
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
