// Space plays or pauses wherever focus is, except where typing or a list
// needs it (text fields and selects). Buttons, checkboxes, links and the
// canvases do not get Space (after clicking "New seed", Space must not draw
// another seed): they still answer Enter, and here a checkbox does too.

const OWNS_SPACE =
  'textarea, select, [contenteditable]:not([contenteditable="false"]), ' +
  'input:not([type]), input[type="text"], input[type="number"], input[type="search"], ' +
  'input[type="email"], input[type="url"], input[type="tel"], input[type="password"]';

const ownsSpace = (target) => Boolean(target?.closest?.(OWNS_SPACE));
const isSpace = (e) => e.key === ' ' && !e.ctrlKey && !e.metaKey && !e.altKey;

/** `toggle()` plays or pauses. */
export function bindSpace(toggle, doc = document) {
  doc.addEventListener('keydown', (e) => {
    if (isSpace(e) && !ownsSpace(e.target)) {
      e.preventDefault(); // no button press, no tick, no scroll
      if (!e.repeat) toggle();
    } else if (e.key === 'Enter' && e.target?.matches?.('input[type="checkbox"]')) {
      e.preventDefault();
      e.target.click();
    }
  });
  // Buttons are pressed on keyup of Space: not these.
  doc.addEventListener('keyup', (e) => {
    if (isSpace(e) && !ownsSpace(e.target)) e.preventDefault();
  });
}
