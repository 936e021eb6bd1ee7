// Each pane described in words, reachable from the pane and on demand: the
// network (the core's sentences: kind, firms, ties, subgroups and how they
// are joined, where the coordinators sit), its state now (in the readouts'
// words: rhythms, which subgroups move as one, the roadmap) and what
// changed since it was last described. The canvas points at the first two
// (aria-describedby), kept current quietly; a Describe button shows all
// three and moves focus to them; D on the focused canvas says them in the
// pane's own polite line. Pane labels come from links: text only.
import { stateWords, changeWords, groupsTogether } from './words.js';

const QUIET_MS = 500; // the quiet texts follow the run this often

const node = (tag, className, text = '') =>
  Object.assign(document.createElement(tag), { className, textContent: text });

/** A pane's { label, run, m, groupR }. */
function paneNow(pane) {
  const { run } = pane;
  return {
    label: pane.label,
    run,
    m: pane.measures ?? run.measures(),
    groupR: run.groupCount > 1 ? run.groupR() : [],
  };
}

/** The description's heading ("Clustered in words") and its button's name ("Describe Clustered"). */
function titleOf(p, d) {
  const label = p.label ?? 'this network';
  d.title.textContent = `${label} in words`;
  d.button.setAttribute('aria-label', `Describe ${label}`);
}

/** The description's parts under pane `p`'s canvas, and its button beside the title. */
function build(p) {
  const id = `pane-${p.index}-description`;
  const button = node('button', 'describe', 'Describe');
  button.type = 'button';
  button.setAttribute('aria-controls', id);
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-keyshortcuts', 'D');
  button.title = 'Describe this network in words (or press D on the network)';
  p.el.enlarge.before(button);
  const box = node('section', 'description visually-hidden');
  box.id = id;
  box.setAttribute('aria-labelledby', `${id}-title`);
  const title = node('h3', 'visually-hidden');
  title.id = `${id}-title`;
  box.tabIndex = -1;
  const network = node('p', 'd-network');
  network.id = `${id}-network`;
  const state = node('p', 'd-state');
  state.id = `${id}-state`;
  const changed = node('p', 'd-changed');
  const close = node('button', 'd-close', 'Hide the description');
  close.type = 'button';
  close.hidden = true;
  box.append(title, network, state, changed, close);
  // Over the drawing while shown (the person asked for words); always in the reading order after it.
  p.root.querySelector('.canvas-box').append(box);
  p.el.canvas.setAttribute('aria-describedby', `${network.id} ${state.id}`);
  return { button, box, title, network, state, changed, close, last: null, quietAt: -Infinity };
}

/** The texts of pane `p` now; `asked`: the person asked, so "since the last description" moves on. */
function refresh(p, d, narrator, asked) {
  if (!p.run) return;
  const now = paneNow(p);
  const network = p.run.anatomy().sentences.join(' ');
  titleOf(p, d);
  if (d.network.textContent !== network) d.network.textContent = network;
  d.state.textContent = stateWords(now);
  if (!asked) return;
  const since = d.last
    ? narrator.log().filter((e) => e.pane === p.index && e.time > d.last.time && e.time <= now.m.time)
    : [];
  d.changed.textContent = changeWords(now, d.last, since);
  d.last = { time: now.m.time, r: now.m.r, bursts: now.m.bursts, groupsIn: groupsTogether(now.groupR) };
}

function show(d, open) {
  d.box.classList.toggle('visually-hidden', !open);
  d.button.setAttribute('aria-expanded', String(open));
  d.close.hidden = !open; // nothing invisible takes the focus
}

/**
 * Describes `panes` (Pane objects); `narrator` gives the events and the
 * subgroups in step. Returns { install(), text(now), describe(i) }.
 */
export function bindDescriptions(panes, narrator) {
  const parts = panes.map((p) => {
    const d = build(p);
    d.button.addEventListener('click', () => {
      const open = d.button.getAttribute('aria-expanded') !== 'true';
      if (open) refresh(p, d, narrator, true);
      show(d, open);
      if (open) d.box.focus();
    });
    d.close.addEventListener('click', () => {
      show(d, false);
      d.button.focus();
    });
    d.box.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      show(d, false);
      d.button.focus();
    });
    p.el.canvas.addEventListener('keydown', (e) => {
      if ((e.key !== 'd' && e.key !== 'D') || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      refresh(p, d, narrator, true);
      const line = p.root.querySelector('.firm-cursor');
      line.textContent = `${p.label}: ${d.network.textContent} ${d.state.textContent} ${d.changed.textContent}`;
    });
    return d;
  });
  return {
    /** New runs: the next description is the first of them. */
    install() {
      parts.forEach((d, i) => {
        d.last = null;
        d.changed.textContent = '';
        refresh(panes[i], d, narrator, false);
      });
    },
    /** A few times a second: the quiet texts follow the run (not live: nobody is interrupted). */
    text(now) {
      parts.forEach((d, i) => {
        if (now - d.quietAt < QUIET_MS) return;
        d.quietAt = now;
        refresh(panes[i], d, narrator, false);
      });
    },
    /** Pane `i`'s whole description now, as the button shows it. */
    describe(i) {
      refresh(panes[i], parts[i], narrator, true);
      const d = parts[i];
      return [d.network, d.state, d.changed].map((el) => el.textContent).join(' ');
    },
  };
}
