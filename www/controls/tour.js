// The guided tour: seven steps through the claims. Each step loads a
// scenario (a preset), sets the view, and asks the reader to watch one thing.

export const STEPS = [
  {
    title: 'Firms fall into step',
    preset: 'young', view: { layout: 'single', single: 0, focus: 0, speed: 0.7 },
    text: 'Each dot is a firm; it flashes when it releases a product. A release sends a small pulse along each tie (blue dots) and pulls partners’ next releases earlier. Nobody plans here.',
    watch: 'Watch the flashes bunch together, and the number of rhythms fall toward 1.',
  },
  {
    title: 'Coordinators and their roadmap',
    preset: 'young', view: { layout: 'single', single: 1, focus: 1, speed: 0.5 },
    text: 'Five coordinators (outlined diamonds) share one roadmap; the red-orange ring around each fills over their planned cycle. When it closes they release together and signal every firm within two ties: the dashed purple wave.',
    watch: 'Watch firms the signal tips over release at once and relay it: their pulses are purple.',
  },
  {
    title: 'Dense versus clustered',
    preset: 'compare', view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'The same 60 firms, about the same number of ties, the same coordinators’ plan. Left: four subgroups joined by few ties. Right: ties at random.',
    watch: 'Watch the chart: the dense curve (solid) reaches r = 1 within a few cycles; the clustered one (dashed) takes far longer, or never gets there.',
  },
  {
    title: 'Subgroups keep their own rhythms',
    preset: 'compare', view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'Below the chart, r within each subgroup of the clustered network, and the release raster: one row per firm, grouped by subgroup, a tick per release.',
    watch: 'Watch each subgroup line up on its own (vertical lines in its band of the raster) before the subgroups agree with each other.',
  },
  {
    title: 'A planned pair sets the rhythm',
    preset: 'wintel', view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'Two partners who plan together and never budge, like Wintel. On the right, the same network with nobody planning.',
    watch: 'Watch the synchrony text: with the pair, the industry ends on their roadmap (offset 0); without, on a rhythm nobody chose.',
  },
  {
    title: 'Stubborn coordinators',
    preset: 'stubborn', view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'Left: coordinators who never adjust and tell only their partners. Right: coordinators who give a little (ρ = 0.1).',
    watch: 'Watch the rhythms count: it stays high on the left; on the right the network falls into step, off the coordinators’ plan.',
  },
  {
    title: 'Your turn',
    preset: 'compare', view: { layout: 'compare', focus: 0, speed: 1 },
    text: 'Click a firm to see its partners and make it a coordinator. Try “New seed”: the contrast holds in most seeds, not all. Every setting is below, explained.',
    watch: 'Try lowering “Share of ties between subgroups” to zero, or raising it: when does the clustered pane catch up?',
    action: { text: 'Check the claim over many seeds: run the experiment', experiment: 'clustered-vs-dense' },
  },
];

/**
 * Wires the tour box; `apply(step)` loads a step's scenario and view;
 * `act(action)` does a step's action (its button), then the tour closes.
 */
export function bindTour(box, startButton, apply, act = () => {}) {
  const q = (s) => box.querySelector(s);
  let index = -1;
  const show = () => {
    const s = STEPS[index];
    q('.tour-count').textContent = `Step ${index + 1} of ${STEPS.length}`;
    q('.tour-title').textContent = s.title;
    q('.tour-text').textContent = s.text;
    q('.tour-watch').textContent = s.watch;
    q('.tour-back').disabled = index === 0;
    q('.tour-next').textContent = index === STEPS.length - 1 ? 'Finish' : 'Next';
    q('.tour-action').hidden = !s.action;
    q('.tour-action').textContent = s.action?.text ?? '';
    apply(s, index);
  };
  const go = (i) => {
    if (i >= STEPS.length) { close(); return; }
    index = Math.max(0, i);
    box.hidden = false;
    show();
  };
  const close = () => {
    index = -1;
    box.hidden = true;
    apply(null, -1);
    startButton.focus();
  };
  startButton.addEventListener('click', () => { go(0); q('.tour-title').focus(); });
  q('.tour-next').addEventListener('click', () => go(index + 1));
  q('.tour-back').addEventListener('click', () => go(index - 1));
  q('.tour-close').addEventListener('click', close);
  q('.tour-action').addEventListener('click', () => {
    const { action } = STEPS[index];
    close();
    act(action);
  });
  box.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
  return { step: () => index, open: (i) => go(Math.min(i, STEPS.length - 1)) };
}
