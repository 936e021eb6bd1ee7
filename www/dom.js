// Builds DOM elements from a tag, attributes and children: text goes in as
// text (`text:`), never as HTML, so labels from links and files stay inert.

/** `<tag attrs>children</tag>`; `text` sets textContent, false/undefined attributes are left out. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children);
  return el;
}
