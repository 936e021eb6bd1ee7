// A select whose choice applies only once confirmed. Chromium changes a
// closed select's value (and fires "change") on each ArrowUp/ArrowDown, so
// a reader stepping through the network kinds would restart the panes at
// every step. Here a change made by keys on the closed select waits: Enter
// applies it, leaving the select applies it, Escape takes it back. A pick
// with the pointer (or from the open list) applies at once.

/**
 * Wires `select`; `apply(value)` is called once per confirmed change.
 * Returns { show(value) } to show the value that runs (from the state).
 */
export function confirmSelect(select, apply) {
  let applied = select.value;
  let keyed = false;
  const hint = document.createElement('span');
  hint.className = 'pending-hint';
  hint.id = `${select.id || 'select'}-pending`;
  hint.setAttribute('aria-live', 'polite');
  select.after(hint);
  select.setAttribute('aria-describedby', [select.getAttribute('aria-describedby'), hint.id].filter(Boolean).join(' '));

  const pending = () => select.value !== applied;
  const mark = () => {
    const on = pending();
    select.classList.toggle('pending', on);
    hint.textContent = on ? 'Enter applies, Esc keeps' : '';
  };
  const commit = () => {
    keyed = false;
    const value = select.value;
    if (value === applied) {
      mark();
      return;
    }
    applied = value;
    mark();
    apply(value);
  };

  select.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      if (pending()) {
        e.preventDefault();
        commit();
      }
    } else if (e.key === 'Escape') {
      if (pending()) {
        e.preventDefault();
        select.value = applied;
        keyed = false;
        mark();
      }
    } else if (e.key !== 'Tab' && e.key !== 'Shift' && !e.altKey) {
      keyed = true; // ArrowDown, a letter, Home...: the value may change now
    }
  });
  select.addEventListener('pointerdown', () => {
    keyed = false;
  });
  select.addEventListener('change', () => {
    if (keyed) mark();
    else commit();
  });
  select.addEventListener('blur', () => {
    if (pending()) commit();
  });

  return {
    show(value) {
      applied = String(value);
      if (!(pending() && document.activeElement === select)) select.value = applied;
      mark();
    },
  };
}
