// The calm-display checkbox shows what the display does: ticked while it is
// calm, whether by the reader's choice or because the flash limiter holds
// it; then a note names the limiter's real cause (many rhythms, or speed)
// and the speed at which flashing returns. Unticking it while the limiter
// holds the display changes the choice, not the display, and says so.
import { limits } from '../core.js';

const speedText = (v) => `${v.toFixed(1)} cycles/s`;

/** The note for the guard's state (`speed` is the page's speed). */
export function calmNote(guard, speed) {
  if (guard.reason !== 'limiter') return '';
  // A tenth below the safe speed, but no slower than the slowest clock.
  const below = Math.max(limits().speed[0], Math.floor(guard.safeSpeed * 10 - 1e-6) / 10);
  const returns = `Flashing returns at ${speedText(below)} or slower`;
  if (guard.cause === 'rhythms') {
    const bursts = Math.round(guard.perCycle);
    return `Calm display: ${bursts} large bursts a cycle (rhythms not yet merged) at ${speedText(speed)} would flash more than 3 times a second. ${returns}, or as the rhythms merge.`;
  }
  if (guard.cause === 'measured') {
    return `Calm display: large bursts came more than 3 times in one second. ${returns}, after 2 s.`;
  }
  return `Calm display: at ${speedText(speed)} the network would flash more than 3 times a second. ${returns}.`;
}

export class CalmControl {
  /** `choose(on)` records the reader's choice (view.calm). */
  constructor(checkbox, note, guard, choose) {
    Object.assign(this, { checkbox, note, guard, speed: 1 });
    checkbox.setAttribute('aria-describedby', note.id);
    checkbox.addEventListener('change', () => {
      const unticked = !checkbox.checked;
      choose(checkbox.checked); // re-syncs the box with the display
      this.refresh(this.speed, unticked && guard.limited);
    });
  }

  /** Called a few times a second and after each change. */
  refresh(speed, held = false) {
    this.speed = speed;
    const { guard, checkbox, note } = this;
    if (checkbox.checked !== guard.calm) checkbox.checked = guard.calm;
    let text = calmNote(guard, speed);
    if (held) this.heldUntil = performance.now() + 4000; // the answer to an untick stays a while
    if (!text) this.heldUntil = 0;
    if (text && performance.now() < this.heldUntil) text = `${text} (It stays calm until then.)`;
    if (note.textContent !== text) note.textContent = text;
    document.body.classList.toggle('calm', guard.calm);
  }
}
