// Copy buttons (the link, the embed snippet, the commands to run at scale):
// the button says "Copied" for a moment, a live region says what was copied,
// and where the browser refuses the clipboard (an insecure page, a denied
// permission, an old browser) the text is selected so that Ctrl+C copies it.
const SHOWN_MS = 2000;

/** Selects the whole text of an input, a textarea or any other element, so the keyboard copies it. */
export function selectText(el) {
  if ('select' in el) {
    el.focus();
    el.select();
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

/** The button reads "Copied" for a moment, then its own label again. */
function showCopied(button) {
  if (!button.dataset.label) button.dataset.label = button.textContent;
  button.textContent = 'Copied ✓';
  button.classList.add('copied');
  clearTimeout(button.copiedTimer);
  button.copiedTimer = setTimeout(() => {
    button.textContent = button.dataset.label;
    button.classList.remove('copied');
  }, SHOWN_MS);
}

/** Says `text` in a live region, anew even when it is the same words as before. */
function announce(status, text) {
  status.textContent = '';
  queueMicrotask(() => {
    status.textContent = text;
  });
}

/**
 * Copies `text`. `what` names it ("Link", "Snippet"); `button` is the copy
 * button; `status` a live region; `target` the element that shows the text,
 * selected when the clipboard is refused. Resolves to true when copied.
 */
export async function copyText(text, { what, button, status, target }) {
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    showCopied(button);
    announce(status, `${what} copied.`);
    return true;
  } catch {
    selectText(target);
    announce(status, `${what} selected: press Ctrl+C (⌘C on a Mac) to copy it; the browser did not allow copying.`);
    return false;
  }
}
