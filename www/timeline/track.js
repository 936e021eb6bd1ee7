// The timeline under the panes: the run so far as a track (a native range
// input, so it drags, takes the keyboard and speaks to a screen reader as a
// slider), step back and forward, the events marked above it and listed
// below it to jump to. It only asks for moments (`seek`); the clock
// (clock.js) takes both panes there.
import { PANE_COLOURS } from '../draw/palette.js';
import { limits } from '../core.js';

const TENTH = 0.1; // arrows and the step buttons: a tenth of a cycle
const MARK_PX = 6; // a click this near a mark jumps to its event
const JOINT_SHOWN = 3; // joint releases listed one by one, per pane; the rest by previous/next

const fmt = (t) => t.toFixed(2);
const h = (tag, props = {}, ...children) => {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
};

export class Timeline {
  /**
   * `root` the section under the panes; `clock` the panes' clock; `events`
   * the list of events (events.js); `seek(t)` goes to a moment (pausing);
   * `release(t, dir)` resolves to the time of the release before or after
   * `t` (dir -1 or 1), or null.
   */
  constructor(root, { clock, events, seek, release }) {
    this.clock = clock;
    this.events = events;
    this.seekTo = seek;
    this.release = release;
    this.shown = { version: -1, max: -1, width: -1 };
    const arrow = (text) => h('span', { ariaHidden: 'true', textContent: text });
    this.back = h('button', { type: 'button', className: 'tl-back' }, arrow('◀ '), 'Back');
    this.forward = h('button', { type: 'button', className: 'tl-forward' }, 'Forward', arrow(' ▶'));
    this.marks = h('canvas', { className: 'tl-marks' });
    this.range = h('input', { type: 'range', id: 'tl-range', min: '0', max: '1', step: 'any', value: '0' });
    // Not a live region: while playing it changes several times a second (the slider says the moment).
    this.out = h('span', { className: 'tl-time' });
    this.status = h('p', { className: 'tl-status note', role: 'status' });
    this.summary = h('summary', { textContent: 'Events to jump to' });
    this.list = h('ul', { className: 'tl-list' });
    const help = h('p', {
      id: 'tl-help',
      className: 'visually-hidden',
      textContent:
        'Left and right arrows: a tenth of a cycle; with Shift, a release; Page Up and Page Down: a cycle; Home and End: the start and how far the run has been.',
    });
    root.replaceChildren(
      h('h2', { id: 'timeline-title', className: 'visually-hidden', textContent: 'Timeline of the run' }),
      h(
        'div',
        { className: 'tl-row' },
        this.back,
        h('div', { className: 'tl-track' }, this.marks, this.range),
        this.forward,
        this.out,
      ),
      this.status,
      help,
      h('details', { className: 'tl-events' }, this.summary, this.list),
    );
    this.range.setAttribute('aria-label', 'Moment of the run (cycles)');
    this.range.setAttribute('aria-describedby', 'tl-help');
    this.back.title = 'Back a tenth of a cycle';
    this.forward.title = 'On a tenth of a cycle';
    this.bind();
  }

  bind() {
    this.range.addEventListener('input', () => this.go(Number(this.range.value)));
    this.range.addEventListener('keydown', (e) => this.key(e));
    this.back.addEventListener('click', () => this.go(this.clock.time() - TENTH));
    this.forward.addEventListener('click', () => this.go(this.clock.time() + TENTH));
    this.marks.addEventListener('click', (e) => {
      const event = this.markAt(e.offsetX);
      if (event) this.go(event.time);
    });
  }

  /** The track's keys (the range input's own would step by its hundredth). */
  key(e) {
    const t = this.clock.time();
    const moves = {
      ArrowLeft: -TENTH,
      ArrowDown: -TENTH,
      ArrowRight: TENTH,
      ArrowUp: TENTH,
      PageDown: -1,
      PageUp: 1,
    };
    if (e.key === 'Home') this.go(0);
    else if (e.key === 'End') this.go(this.clock.reached());
    else if (!(e.key in moves)) return;
    else if (e.shiftKey && e.key.startsWith('Arrow')) this.goRelease(t, Math.sign(moves[e.key]));
    else this.go(t + moves[e.key]);
    e.preventDefault();
  }

  /** Goes to moment `t`, clamped to [0, the core's limit]. */
  go(t) {
    const to = Math.min(Math.max(t, 0), limits().moment);
    this.say('');
    return this.seekTo(to);
  }

  async goRelease(t, dir) {
    const at = await this.release(t, dir);
    if (at === null) this.say(dir < 0 ? 'No release before this moment.' : 'No release found ahead.');
    else await this.go(at);
  }

  say(text) {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  /** The event whose mark is nearest `x` (px along the marks), within MARK_PX, or null. */
  markAt(x) {
    const width = this.marks.clientWidth;
    const max = this.shown.max;
    let best = null;
    for (const e of this.events.upTo(max)) {
      const d = Math.abs((e.time / max) * width - x);
      if (d <= MARK_PX && (!best || d < best.d)) best = { d, e };
    }
    return best?.e ?? null;
  }

  /** Shows the run's time and extent, and the events so far (a few times a second, and after a seek). */
  update() {
    const t = this.clock.time();
    const max = Math.max(this.clock.reached(), t, 1);
    if (document.activeElement !== this.range || !this.clock.busy()) {
      this.range.max = String(max);
      this.range.value = String(t);
    }
    const text = `t = ${fmt(t)} of ${fmt(max)} cycles`;
    if (this.out.textContent !== text) this.out.textContent = text;
    this.range.setAttribute('aria-valuetext', `${fmt(t)} cycles, of ${fmt(max)} run so far`);
    this.back.disabled = t <= 0;
    const width = this.marks.clientWidth;
    const { shown } = this;
    if (shown.version !== this.events.version || Math.abs(shown.max - max) > max / 200 || shown.width !== width) {
      Object.assign(shown, { version: this.events.version, max, width });
      this.drawMarks(max);
      this.showList(max);
    }
  }

  drawMarks(max) {
    const c = this.marks;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.max(1, Math.round(c.clientWidth * dpr));
    c.height = Math.max(1, Math.round(c.clientHeight * dpr));
    const ctx = c.getContext('2d');
    ctx.clearRect(0, 0, c.width, c.height);
    const tall = { inStep: 1, rhythms: 0.75, calm: 0.75, joint: 0.35 };
    for (const e of this.events.upTo(max)) {
      const x = Math.round((e.time / max) * (c.width - 2 * dpr)) + dpr;
      ctx.fillStyle = e.pane < 0 ? '#4d5869' : PANE_COLOURS[e.pane];
      const hgt = c.height * (tall[e.kind] ?? 0.5);
      ctx.fillRect(x - dpr, c.height - hgt, (e.kind === 'joint' ? 1 : 2) * dpr, hgt);
    }
  }

  /** The list: every event but the joint releases, which are listed a few per pane, then by previous/next. */
  showList(max) {
    const all = this.events.upTo(max);
    const items = [];
    const joints = new Map();
    for (const e of all) {
      if (e.kind === 'joint') {
        const seen = joints.get(e.pane) ?? 0;
        joints.set(e.pane, seen + 1);
        if (seen >= JOINT_SHOWN) continue;
      }
      items.push(this.jumpItem(e));
    }
    for (const [pane, count] of joints) {
      if (count <= JOINT_SHOWN) continue;
      const label = all.find((e) => e.pane === pane)?.label;
      items.push(this.jointItem(pane, label, count));
    }
    this.summary.textContent = `Events to jump to (${all.length.toLocaleString('en')})`;
    if (!items.length) items.push(h('li', { className: 'tl-none', textContent: 'None yet in the run so far.' }));
    this.list.replaceChildren(...items);
  }

  jumpItem(e) {
    const b = h('button', { type: 'button', className: 'tl-jump', textContent: `t = ${fmt(e.time)}: ${e.text}` });
    b.dataset.time = String(e.time);
    b.dataset.kind = e.kind;
    b.addEventListener('click', () => this.go(e.time));
    const li = h('li', {}, b);
    if (e.pane >= 0) li.style.setProperty('--pane', PANE_COLOURS[e.pane]);
    return li;
  }

  /** The joint releases beyond the first few of `pane`: to the one before or after now. */
  jointItem(pane, label, count) {
    const near = (dir) => {
      const e = this.events.near('joint', pane, this.clock.time(), dir, this.shown.max);
      if (e) this.go(e.time);
      else this.say(dir < 0 ? 'No joint release before this moment.' : 'No later joint release in the run so far.');
    };
    const prev = h('button', { type: 'button', textContent: 'Previous' });
    const next = h('button', { type: 'button', textContent: 'Next' });
    prev.setAttribute('aria-label', `${label}: previous joint release`);
    next.setAttribute('aria-label', `${label}: next joint release`);
    prev.addEventListener('click', () => near(-1));
    next.addEventListener('click', () => near(1));
    const li = h(
      'li',
      { className: 'tl-joints' },
      `${label}: ${count.toLocaleString('en')} joint releases `,
      prev,
      ' ',
      next,
    );
    li.style.setProperty('--pane', PANE_COLOURS[pane]);
    return li;
  }
}
