// What a screen reader gets from the page, for the tests that read as one
// would: the accessibility tree (Chromium's own, over the DevTools
// protocol) and every change of every live region, recorded from the first
// script on. No pixels.

/** An init script: records each change of a live region as { t, region, text } in window.__live. */
export const RECORD_LIVE = `(() => {
  window.__live = [];
  const LIVE = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
  const name = (el) => el.id || el.className || el.tagName;
  const watch = () => new MutationObserver((records) => {
    const t = performance.now();
    const seen = new Set();
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const region = el?.closest?.(LIVE);
      if (!region || seen.has(region)) continue;
      seen.add(region);
      window.__live.push({ t, region: name(region) + (region.dataset.region ?? ''), text: region.textContent.trim() });
    }
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  if (document.documentElement) watch();
  else document.addEventListener('readystatechange', watch, { once: true });
})();`;

/** The live regions' changes so far: [{ t, region, text }]. */
export const liveChanges = (page) => page.evaluate(() => window.__live);

/** What was announced (non-empty texts) since `from` (ms, page clock). */
export async function announced(page, from = 0) {
  return (await liveChanges(page)).filter((c) => c.text && c.t >= from);
}

/** Waits until an announcement matching `pattern` comes (after `from`); returns it. */
export async function waitForAnnouncement(page, pattern, { from = 0, timeout = 30000 } = {}) {
  const handle = await page.waitForFunction(
    ([source, flags, from]) => {
      const re = new RegExp(source, flags);
      return window.__live.find((c) => c.text && c.t >= from && re.test(c.text)) ?? false;
    },
    [pattern.source, pattern.flags, from],
    { timeout, polling: 100 },
  );
  return handle.jsonValue();
}

/** The page's clock now (ms), to mark where a test's listening starts. */
export const pageNow = (page) => page.evaluate(() => performance.now());

/** The accessibility tree, flattened: [{ role, name, description, value, pressed, expanded }], ignored nodes left out. */
export async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const prop = (n, key) => n.properties?.find((p) => p.name === key)?.value?.value;
    return nodes
      .filter((n) => !n.ignored)
      .map((n) => ({
        role: n.role?.value,
        name: n.name?.value ?? '',
        description: n.description?.value ?? '',
        value: n.value?.value,
        pressed: prop(n, 'pressed'),
        expanded: prop(n, 'expanded'),
        focused: prop(n, 'focused'),
      }));
  } finally {
    await cdp.detach();
  }
}

/** The first node of the tree with `role` whose name matches `name` (a string: equal; a RegExp: matches). */
export async function axNode(page, role, name) {
  const tree = await axTree(page);
  return tree.find((n) => n.role === role && (name instanceof RegExp ? name.test(n.name) : n.name === name));
}
