// Present mode, for a projector: the page shows only what a room reads from
// afar (both networks, their readouts and verdicts, the r(t) chart and one
// sentence: the tour's step, or the scenario's claim), large and light on
// dark (present.css, on body.present). It opens with ?present=1 or the
// Present button and keeps present=1 in the address, so the link and a
// reload keep it; Escape (or Leave) comes back to the page as it was, the
// run going on. The arrow keys and a clicker's PageDown / PageUp step the
// tour (starting it), Q shows the link's QR code.
import { STEPS } from './tour.js';

const PARAM = 'present';
const NEXT = ['ArrowRight', 'PageDown'];
const BACK = ['ArrowLeft', 'PageUp'];
// Where the arrow keys (and Q) are the control's own: text fields, menus, sliders.
const OWNS_KEYS = 'input, select, textarea, [contenteditable]:not([contenteditable="false"])';

/** Whether the address asks for present mode (?present=1). */
export const presentAsked = (search = location.search) => new URLSearchParams(search).get(PARAM) === '1';

/** `url` without present mode: a phone scanning the projector's QR code opens the page, not the projector's view. */
export function withoutPresent(url) {
  const out = url ? new URL(url) : null;
  if (!out?.searchParams.has(PARAM)) return url; // as written, not re-serialized
  out.searchParams.delete(PARAM);
  return out.href;
}

/** Puts present=1 in the address (or takes it out), keeping the scenario's fragment. */
function setAddress(on) {
  const url = new URL(location.href);
  if (on) url.searchParams.set(PARAM, '1');
  else url.searchParams.delete(PARAM);
  if (url.href === location.href) return;
  try {
    history.replaceState(history.state, '', url.href);
  } catch {
    /* a sandbox may refuse; the mode still works */
  }
}

/** The tour one step on (`dir` 1) or back (-1); either starts it when it is not running. */
function stepTour(tour, dir) {
  const i = tour.step();
  if (i < 0) tour.open(0);
  else if (i + dir >= 0 && i + dir < STEPS.length) tour.open(i + dir);
}

/** The bar's Back and Next say where they go. */
function labelSteps(bar, index) {
  const back = bar.querySelector('.present-back'),
    next = bar.querySelector('.present-next');
  back.disabled = index <= 0;
  next.disabled = index === STEPS.length - 1;
  next.textContent = index < 0 ? 'Tour →' : 'Next →';
}

/**
 * `bar`: the present bar (its buttons .present-back, .present-next,
 * .present-qr, .present-leave); `button`: the page's Present button; `tour`:
 * what bindTour returned (step(), open(i)); `showQr()` shows the link's QR
 * code; `changed(on)` after the mode changed (the chart's look follows).
 * Opens present mode at once when the address asks for it. Returns { on(), leave() }.
 */
export function bindPresent({ bar, button, tour, showQr, changed = () => {} }) {
  let on = false;
  const set = (next) => {
    if (next === on) return;
    on = next;
    document.body.classList.toggle('present', on);
    setAddress(on);
    changed(on);
    // The focus goes where the keys still mean something: the bar, or back to the Present button.
    (on ? bar : button).focus({ preventScroll: true });
    if (on) window.scrollTo(0, 0);
  };
  button.addEventListener('click', () => set(true));
  bar.querySelector('.present-leave').addEventListener('click', () => set(false));
  bar.querySelector('.present-qr').addEventListener('click', () => showQr());
  bar.querySelector('.present-back').addEventListener('click', () => stepTour(tour, -1));
  bar.querySelector('.present-next').addEventListener('click', () => stepTour(tour, 1));
  document.addEventListener('tour-step', (e) => labelSteps(bar, e.detail.index));
  labelSteps(bar, tour.step());
  // Ahead of every other key handler (the tour's Escape, a focused network's arrows); an open dialog (the QR code) keeps its own.
  window.addEventListener(
    'keydown',
    (e) => {
      if (!on || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        set(false);
        return;
      }
      if (e.target.closest?.(OWNS_KEYS)) return;
      const dir = NEXT.includes(e.key) ? 1 : BACK.includes(e.key) ? -1 : 0;
      if (dir) {
        e.preventDefault(); // no scroll, no firm stepped to
        e.stopPropagation();
        if (!e.repeat) stepTour(tour, dir);
      } else if (e.key === 'q' || e.key === 'Q') {
        e.preventDefault();
        showQr();
      }
    },
    { capture: true },
  );
  if (presentAsked()) set(true);
  return { on: () => on, leave: () => set(false) };
}
