// Wiring: loads the core, builds a run from the form's settings, and drives
// the frame loop (advance, flash safety, draw, readout). Any error from the
// core stops the loop and is shown in the alert box, never a frozen canvas.
import { loadCore, defaults, Run } from './sim.js';
import { Renderer } from './render.js';
import { bindControls } from './controls.js';
import { Readout } from './readout.js';
import { FlashGuard } from './flash-safety.js';

const STEP_CYCLES = 0.05;   // one press of Step
const MAX_FRAME_S = 0.1;    // a hidden tab resumes without a jump

const alertBox = document.getElementById('error');
const guard = new FlashGuard();
const view = {
  run: null, settings: null, playing: true, speed: 1, stopped: false,
  pendingStep: false, dirty: true, lastNow: null, frames: 0, flashing: 0, error: null,
};
let renderer, readout, controls;

function fail(err) {
  if (view.stopped) return;
  view.stopped = true;
  view.playing = false;
  const what = err instanceof WebAssembly.RuntimeError
    ? `the simulation core crashed (${err.message})`
    : String(err?.message || err);
  view.error = `The simulation stopped: ${what}. Reload the page to start again.`;
  alertBox.textContent = view.error;
  alertBox.hidden = false;
  controls?.disable();
  console.error(err);
}

// Event handlers run outside the frame loop; guard them the same way.
const guarded = (fn) => (...args) => {
  if (view.stopped) return;
  try { fn(...args); } catch (err) { fail(err); }
};

// The planted partition on offer: five subgroups joined by few ties (each
// a fifth of the firms, so one subgroup releasing is not a large flash).
const NETWORK_SHAPES = {
  erdosRenyi: {},
  plantedPartition: { groups: 5, betweenShare: 0.05 },
};

function scenarioFor(base, { seed, network, tiesPerFirm }) {
  return { ...base, seed, network: { kind: network, ...NETWORK_SHAPES[network], meanDegree: tiesPerFirm } };
}

function restart(base, settings) {
  let next;
  try {
    next = new Run(scenarioFor(base, settings));
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) throw err;
    controls.setFormMessage(`These settings cannot run: ${err.message}`);
    return;
  }
  controls.setFormMessage('');
  view.run?.free();
  view.run = next;
  view.settings = settings;
  guard.reset();
  readout.showNetwork(next.stats());
  readout.update(next.measures(), 0, true);
  view.dirty = true;
}

function setPlaying(on) {
  view.playing = on;
  controls.setPlaying(on);
}

function updateCalmNote() {
  const note = document.getElementById('calm-note');
  const text = guard.reason === 'limiter'
    ? 'Calm display: at this speed flashing would pass 3 flashes a second.'
    : '';
  if (note.textContent !== text) note.textContent = text;
  document.body.classList.toggle('calm', guard.calm);
}

function frame(now) {
  if (view.stopped) return;
  try {
    const wall = view.lastNow === null ? 0 : Math.min((now - view.lastNow) / 1000, MAX_FRAME_S);
    view.lastNow = now;
    let dt = view.playing ? wall * view.speed : 0;
    if (view.pendingStep) { dt += STEP_CYCLES; view.pendingStep = false; }
    const run = view.run;
    const started = run.advance(dt);
    const m = run.measures();
    const wasCalm = guard.calm;
    const calm = guard.frame(now, m.time, started, run.n, view.speed);
    if (dt > 0 || view.dirty || renderer.dirty || calm !== wasCalm) {
      run.refreshViews(); // a call since advance() may have grown memory
      view.flashing = renderer.draw(run, { speed: view.speed, calm });
      renderer.dirty = false;
      view.dirty = false;
      view.frames++;
      readout.update(m, now, dt === 0);
      updateCalmNote();
    }
  } catch (err) {
    fail(err);
    return;
  }
  requestAnimationFrame(frame);
}

/** Read-only view of the page's state, for tests and the curious; changes nothing. */
function snapshot() {
  const run = view.run;
  const m = run ? run.measures() : {};
  return {
    ready: Boolean(run), playing: view.playing, speed: view.speed, error: view.error,
    settings: view.settings && { ...view.settings }, firms: run?.n, ties: run?.tieCount,
    time: m.time, r: m.r, bursts: m.bursts, releases: m.releases, syncTime: m.syncTime,
    frames: view.frames,
    display: guard.calm ? 'calm' : 'flash', calmReason: guard.reason,
    flashingFirms: view.flashing, predictedFlashesPerSecond: guard.predicted,
    largeFlashesLastSecond: guard.recent(performance.now()),
    maxLargeFlashesPerSecond: guard.maxPerSecond,
  };
}

async function start() {
  window.addEventListener('error', (e) => fail(e.error || e.message));
  window.addEventListener('unhandledrejection', (e) => fail(e.reason));
  window.lockstep = Object.freeze({ state: snapshot });

  const base = defaults();
  const initial = {
    seed: base.seed,
    network: base.network.kind in NETWORK_SHAPES ? base.network.kind : 'erdosRenyi',
    tiesPerFirm: base.network.meanDegree ?? 6,
  };

  renderer = new Renderer(document.getElementById('network'));
  readout = new Readout(document);
  controls = bindControls(document.getElementById('controls'), {
    toggle: guarded(() => setPlaying(!view.playing)),
    step: guarded(() => { setPlaying(false); view.pendingStep = true; }),
    reset: guarded((settings) => restart(base, settings)),
    speed: guarded((v) => { view.speed = v; view.dirty = true; }),
    calm: guarded((on) => { guard.userCalm = on; view.dirty = true; }),
  });
  controls.setSettings({ ...initial, speed: view.speed });

  // Reduced motion selects the calm display from the start.
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)');
  guard.userCalm = reduce.matches;
  controls.setCalm(guard.userCalm);
  reduce.addEventListener('change', () => {
    guard.userCalm = reduce.matches;
    controls.setCalm(reduce.matches);
    view.dirty = true;
  });

  restart(base, initial);
  if (!view.run) throw new Error('the default scenario did not start');
  setPlaying(true);
  requestAnimationFrame(frame);
}

loadCore()
  .catch((err) => {
    throw new Error(`could not load the simulation core (${err.message}); build it with "bash scripts/build.sh"`);
  })
  .then(start)
  .catch(fail);
