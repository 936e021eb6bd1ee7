// The one polite voice of the page and the embed: what a screen reader hears
// without asking. Things to say come in with a key; a newer one under the
// same key replaces the one waiting (the calm note that changes every frame
// is said once, as it ends up). It speaks at most once every GAP_MS, and
// only after the news has been stable for STABLE_MS; when several wait, the
// most important few are joined into one utterance and the rest dropped if
// stale. Like PhET's utterance queue, it writes into two live regions in
// turn, so the same words said twice are heard twice.

export const GAP_MS = 2500;
const STABLE_MS = 300;
const MAX_JOINED = 3;
const STALE_MS = 12000; // news older than this is no longer news

/** The regions: two polite, atomic, visually hidden paragraphs inside `holder`. */
function regions(holder) {
  return [0, 1].map((i) => {
    const el = Object.assign(document.createElement('p'), { className: 'visually-hidden announcer' });
    el.setAttribute('aria-live', 'polite');
    el.setAttribute('aria-atomic', 'true');
    el.dataset.region = String(i);
    holder.append(el);
    return el;
  });
}

export class Announcer {
  /** `holder`: where the live regions live (kept in the page from the start, so they are registered before they speak). */
  constructor(holder, { gap = GAP_MS, clock = () => performance.now() } = {}) {
    this.regions = regions(holder);
    this.turn = 0;
    this.gap = gap;
    this.clock = clock;
    this.lastSpoken = -Infinity;
    this.waiting = new Map(); // key -> { text, priority, at, spoken }
    this.timer = null;
    this.history = []; // the last few utterances, for the curious (snapshot)
  }

  /**
   * Says `text` politely when the gap allows. `key` names what it is about
   * (a newer text under the same key replaces a waiting one); `priority`
   * orders what is joined (higher first); `spoken()` is called once it was
   * said (or dropped as stale, with false).
   */
  say(text, { key = text, priority = 1, spoken = () => {} } = {}) {
    if (!text) {
      this.waiting.delete(key);
      return;
    }
    const old = this.waiting.get(key);
    if (old && old.text === text) return;
    this.waiting.set(key, { text, priority, at: this.clock(), spoken });
    this.schedule();
  }

  /** Forgets what waits under `key` (what it was about is gone). */
  drop(key) {
    this.waiting.delete(key);
  }

  schedule() {
    if (this.timer !== null || !this.waiting.size) return;
    const now = this.clock();
    const newest = Math.max(...[...this.waiting.values()].map((w) => w.at));
    const wait = Math.max(this.lastSpoken + this.gap - now, newest + STABLE_MS - now, 0);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }

  /** Speaks what waits, if the gap and the news allow; else waits on. */
  flush() {
    const now = this.clock();
    for (const [key, w] of this.waiting) {
      if (now - w.at > STALE_MS) {
        this.waiting.delete(key);
        w.spoken(false);
      }
    }
    if (!this.waiting.size) return;
    const newest = Math.max(...[...this.waiting.values()].map((w) => w.at));
    if (now - this.lastSpoken < this.gap || now - newest < STABLE_MS) {
      this.schedule();
      return;
    }
    const chosen = [...this.waiting.entries()]
      .sort(([, a], [, b]) => b.priority - a.priority || a.at - b.at)
      .slice(0, MAX_JOINED);
    for (const [key] of chosen) this.waiting.delete(key);
    const text = chosen.map(([, w]) => w.text).join(' ');
    const region = this.regions[this.turn];
    this.turn = 1 - this.turn;
    this.regions[this.turn].textContent = '';
    region.textContent = text;
    this.lastSpoken = now;
    this.history.push(text);
    if (this.history.length > 20) this.history.shift();
    for (const [, w] of chosen) w.spoken(true);
    this.schedule();
  }
}
