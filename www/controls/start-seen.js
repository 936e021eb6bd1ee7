// Nothing runs before a person can see it: the page opens paused and starts
// the first time the panes come into view or the reader acts (a press or a
// key anywhere but Play and Space, which decide for themselves), and says
// so while it waits. Anything else that starts the run (Play, the tour, a
// host) ends the wait.

const WAITING = 'Paused until the networks are in view: they start when you scroll to them or press anything.';

/** Starts `store`'s run once `panes` are in view or on a first action; `note` says it waits. */
export function startWhenSeen(store, panes, note) {
  let waiting = true;
  const actions = ['pointerdown', 'keydown'];
  const end = () => {
    waiting = false;
    seen.disconnect();
    for (const type of actions) window.removeEventListener(type, act, true);
    if (note.textContent === WAITING) note.textContent = '';
  };
  const start = () => {
    if (!waiting) return;
    end();
    store.setView({ playing: true });
  };
  const act = (e) => {
    if (e.target.closest?.('#play') || e.key === ' ') end();
    else start();
  };
  const seen = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) start();
    },
    { threshold: 0.4 },
  );
  seen.observe(panes);
  for (const type of actions) window.addEventListener(type, act, { capture: true, passive: true });
  store.subscribe((state) => {
    if (waiting && state.view.playing) end();
  });
  note.textContent = WAITING;
}
