// The demo article's script: each step of the text sets up the embedded
// figure as it scrolls into view (IntersectionObserver), by the embed's
// postMessage API (README, "Embed"). Commands wait for the figure's `ready`
// event: a lazy iframe that has not loaded yet would drop them.

/** What each step shows: the commands sent when it scrolls into view. */
const STEPS = {
  intro: [{ command: 'preset', id: 'compare', title: 'Two networks of sixty firms, one clock' }],
  density: [
    {
      command: 'set',
      pane: 0,
      label: '4 partners each',
      params: { 'network.kind': 'erdosRenyi', 'network.meanDegree': 4, mode: 'hybrid' },
    },
    {
      command: 'set',
      pane: 1,
      label: '12 partners each',
      params: { 'network.kind': 'erdosRenyi', 'network.meanDegree': 12, mode: 'hybrid' },
      title: 'Denser networks fall into step sooner',
    },
  ],
  clustering: [
    { command: 'set', pane: 0, label: 'Clustered', params: { 'network.kind': 'plantedPartition', mode: 'hybrid' } },
    {
      command: 'set',
      pane: 1,
      label: 'Spread out',
      params: { 'network.kind': 'gnm', mode: 'hybrid' },
      title: 'Same firms, same ties: clusters slow synchrony',
    },
  ],
  coordination: [
    { command: 'set', pane: 'both', params: { 'network.kind': 'erdosRenyi', 'network.meanDegree': 8 } },
    { command: 'set', pane: 0, label: 'Reactive', params: { mode: 'reactive' } },
    {
      command: 'set',
      pane: 1,
      label: 'Hybrid',
      params: { mode: 'hybrid' },
      title: 'A few coordinators bring everyone into step',
    },
  ],
  stubborn: [{ command: 'preset', id: 'stubborn' }],
};

const iframe = document.getElementById('figure');
const status = document.getElementById('figure-status');
const steps = [...document.querySelectorAll('.step')];
let ready = false;
let active = null;

function send(message) {
  iframe.contentWindow.postMessage({ lockstep: 1, ...message }, '*');
}

/** Shows `step` in the figure (once it is ready) and marks its paragraph. */
function activate(step) {
  if (step === active) return;
  active = step;
  for (const s of steps) s.classList.toggle('active', s.dataset.step === step);
  if (ready) STEPS[step].forEach(send);
}

addEventListener('message', (e) => {
  if (e.source !== iframe.contentWindow || e.data?.lockstep !== 1) return;
  if (e.data.event === 'ready') {
    // Also after a reload of the figure: it starts from its link again.
    ready = true;
    status.textContent = 'Scroll on: each step sets up the figure.';
    if (active) STEPS[active].forEach(send);
  } else if (e.data.event === 'error') {
    status.textContent = `The figure refused a command: ${e.data.message}`;
  }
});

// A step is active while it crosses a band below the middle of the window
// (on phones the figure holds the top half).
const watch = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) if (entry.isIntersecting) activate(entry.target.dataset.step);
  },
  { rootMargin: '-62% 0px -33% 0px' },
);
for (const s of steps) watch.observe(s);
