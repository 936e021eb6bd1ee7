// A live text summary for screen readers: polite, and at most every few
// seconds, e.g. "Dense: r 0.82, 3 rhythms; clustered: r 0.41, 6 rhythms",
// in the words of the panes' readouts (readouts.js).
import { formatR, syncState } from '../readouts.js';

const EVERY_MS = 5000;

export class Summary {
  constructor(el) {
    this.el = el;
    this.last = -Infinity;
  }

  static text(panes) {
    return panes
      .map(({ label, m }) => {
        const state = syncState(m);
        const sync =
          state === 'inStep'
            ? `, in step since ${m.syncTime.toFixed(1)} cycles`
            : state === 'confirming'
              ? ', every firm in one burst, confirming'
              : '';
        return `${label}: r ${formatR(m.r, m.bursts)}, ${m.bursts} ${m.bursts === 1 ? 'rhythm' : 'rhythms'}${sync}`;
      })
      .join('; ');
  }

  update(now, panes, force = false) {
    if (!force && now - this.last < EVERY_MS) return;
    this.last = now;
    const text = `${Summary.text(panes)}.`;
    if (this.el.textContent !== text) this.el.textContent = text;
  }
}
