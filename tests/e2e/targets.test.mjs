// On a 375 px phone every visible control offers at least 44x44 px of
// target (WCAG 2.5.5): its own box, the larger hit area a small glyph gets
// around it (an absolutely placed ::before), or for a box or a radio its
// label as well.
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

/** In the page: every visible control whose target is under `min` px either way, with its size. */
function smallTargets(min) {
  const rect = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  const union = (a, b) => ({
    left: Math.min(a.left, b.left),
    top: Math.min(a.top, b.top),
    right: Math.max(a.right, b.right),
    bottom: Math.max(a.bottom, b.bottom),
  });
  /** The box of an absolutely placed ::before (its insets from the element's box). */
  const before = (el, r) => {
    const s = getComputedStyle(el, '::before');
    if (s.content === 'none' || s.position !== 'absolute') return null;
    const px = (v) => (v.endsWith('px') ? Number.parseFloat(v) : 0);
    return {
      left: r.left + px(s.left),
      top: r.top + px(s.top),
      right: r.right - px(s.right),
      bottom: r.bottom - px(s.bottom),
    };
  };
  const out = [];
  for (const el of document.querySelectorAll('button, a[href], input, select, summary, textarea')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden' || el.closest('#mini'))
      continue;
    let target = rect(r);
    const grown = before(el, r);
    if (grown) target = union(target, grown);
    if (el.type === 'checkbox' || el.type === 'radio')
      for (const label of el.labels ?? []) target = union(target, rect(label.getBoundingClientRect()));
    const [w, h] = [target.right - target.left, target.bottom - target.top];
    if (w < min - 0.5 || h < min - 0.5)
      out.push(
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} "${(el.textContent || el.value || '').trim().slice(0, 24)}" ${Math.round(w)}x${Math.round(h)}`,
      );
  }
  return out;
}

test('at 375x740 no visible control offers less than 44x44 px of target', async () => {
  const { page, context } = await openPage(harness, {
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  // The closed parts too: what they hold is a control once opened.
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  const small = await page.evaluate(`(${smallTargets})(44)`);
  assert.deepEqual(small, [], `${small.length} controls under 44 px`);
  await context.close();
});
