// A select whose choice applies only once confirmed. Chromium changes a
// closed select's value (and fires "change") on each ArrowUp/ArrowDown, so
// a reader stepping through the network kinds would restart the panes at
// every step. Here a change made by keys on the closed select waits: Enter
// applies it, leaving the select applies it, Escape takes it back. A pick
// with the pointer (or from the open list) applies at once.

/** The line beside the select that says a keyed change waits ("Enter applies, Esc keeps"). */
function pendingHint(select) {
  const hint = document.createElement('span');
  hint.className = 'pending-hint';
  hint.id = `${select.id || 'select'}-pending`;
  hint.setAttribute('aria-live', 'polite');
  select.after(hint);
  select.setAttribute('aria-describedby', [select.getAttribute('aria-describedby'), hint.id].filter(Boolean).join(' '));
  return hint;
}

const pending = (box) => box.select.value !== box.applied;

/** Shows whether a change waits. */
function mark(box) {
  const on = pending(box);
  box.select.classList.toggle('pending', on);
  box.hint.textContent = on ? 'Enter applies, Esc keeps' : '';
}

/** Applies the select's value, if it is not the one applied. */
function commit(box) {
  box.keyed = false;
  const value = box.select.value;
  if (value === box.applied) {
    mark(box);
    return;
  }
  box.applied = value;
  mark(box);
  box.apply(value);
}

/** Enter applies a waiting change, Escape takes it back; other keys may change the value (it then waits). */
function onKey(box, e) {
  if (e.key === 'Enter') {
    if (pending(box)) {
      e.preventDefault();
      commit(box);
    }
  } else if (e.key === 'Escape') {
    if (pending(box)) {
      e.preventDefault();
      box.select.value = box.applied;
      box.keyed = false;
      mark(box);
    }
  } else if (e.key !== 'Tab' && e.key !== 'Shift' && !e.altKey) {
    box.keyed = true; // ArrowDown, a letter, Home...: the value may change now
  }
}

/**
 * Wires `select`; `apply(value)` is called once per confirmed change.
 * Returns { show(value) } to show the value that runs (from the state).
 */
export function confirmSelect(select, apply) {
  // `keyed`: the last change came from a key on the closed select.
  const box = { select, apply, applied: select.value, keyed: false, hint: pendingHint(select) };
  select.addEventListener('keydown', (e) => onKey(box, e));
  select.addEventListener('pointerdown', () => {
    box.keyed = false;
  });
  select.addEventListener('change', () => {
    if (box.keyed) mark(box);
    else commit(box);
  });
  select.addEventListener('blur', () => {
    if (pending(box)) commit(box);
  });
  return {
    show(value) {
      box.applied = String(value);
      if (!(pending(box) && document.activeElement === select)) select.value = box.applied;
      mark(box);
    },
  };
}
