// The Experiments part of the page: ready experiments (one per finding) or
// your own from the panes, run over many seeds in a pool of Workers while
// the panes keep running. Progress with a real <progress>, time left and
// Cancel (which keeps what finished); results stream in as runs finish;
// the live region says when it is done. The spec lives in the store
// (view.experiment), so a link opens it ready to run, never running.
import { readyExperiments, resolveExperiment, parameters, limits, crashed } from '../core.js';
import { openTally } from './tally.js';
import { buildSpecForm } from './spec-form.js';
import { Results } from './results.js';
import { runPool, poolSize } from './pool.js';
import { confirmSelect } from '../controls/confirm-select.js';
import { copyText } from '../share/copy.js';

const REFRESH_MS = 400; // results redraw this often while running
const TICK_MS = 250; // the progress bar and status move this often: each move is a page layout
const BIG = 20000; // beyond this many runs, redraw less often

const $ = (sel, root = document) => root.querySelector(sel);

/**
 * The spec of "this scenario over `seeds` seeds": both panes, "swept" over
 * one value of a parameter both panes share (so neither changes): the
 * first sweepable number every scenario has, in the core's table.
 */
export function seedsSpec(state, seeds = 100) {
  const [a, b] = state.panes.map((p) => p.scenario);
  const steady = parameters().filter((p) => p.sweepable && p.kind === 'number' && p.networks.length === 0);
  const shared = (steady.find((p) => a[p.path] === b[p.path]) ?? steady[0]).path;
  const cap = limits().defaultCap;
  return { arms: 'panes', x: { path: shared, values: [a[shared]] }, seeds, firstSeed: 1, cap, ready: null };
}

/** Runs of a spec: arms × values × second values × seeds. */
function runCount(spec, panes) {
  const arms = spec.arms === 'panes' ? panes.length : spec.arms.modes !== undefined ? 3 : 1;
  return arms * spec.x.values.length * (spec.y?.values.length ?? 1) * spec.seeds;
}

/** How the panel scrolls: without motion when the reader asks for less. */
const motion = () => (window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'instant' : 'smooth');

/** `n` things, in the singular for one: "1 run", "2,400 runs". */
const count = (n, thing) => `${n.toLocaleString('en')} ${thing}${n === 1 ? '' : 's'}`;

const seconds = (ms) => (ms < 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

/**
 * Wires the section `root`. `app` gives store, link() (the page's link now),
 * and notice. Returns { sync(state), open(id | 'seeds'), opened() }.
 */
export function bindExperiments(root, app) {
  const { store } = app;
  const ready = readyExperiments();
  const select = $('#x-ready', root),
    about = $('.x-about', root);
  const go = $('#x-go', root),
    cancel = $('#x-cancel', root),
    progress = $('#x-progress', root);
  const status = $('.x-status', root),
    announce = $('.x-announce', root),
    stale = $('.x-stale', root);
  const size = $('.x-size', root);
  const command = $('.x-command', root),
    scale = $('.x-scale', root);
  const results = new Results($('.x-results', root));
  let running = null,
    tally = null,
    startedWith = '',
    revealRun = false;

  select.append(...ready.map((r) => new Option(r.title, r.id)), new Option('Your own, from the panes as they are', ''));
  // A ready experiment replaces the panes: only once the choice is confirmed.
  const chooser = confirmSelect(select, (id) => {
    if (id) open(id);
    else store.setView({ experiment: { ...current(), ready: null } });
  });
  /** The spec shown: the store's, or this scenario over 100 seeds until one is chosen. */
  const current = (state = store.get()) => state.view.experiment ?? seedsSpec(state);
  const form = buildSpecForm($('.x-form', root), store, current, () => {
    results.clear();
    status.textContent = '';
  });

  /**
   * Opens a ready experiment (its panes go in the page's panes) or 'seeds'
   * (the panes over 100 seeds); `run` starts it at once.
   */
  async function open(id, { run = false } = {}) {
    if (running) return;
    if (id === 'seeds') {
      store.setView({ experiment: seedsSpec(store.get()) });
    } else {
      const r = ready.find((x) => x.id === id);
      // The core names both panes: the two arms, or the swept pane at the two ends of its sweep.
      const panes = r.panes.map((p) => ({ label: p.label, scenario: p.scenario, matchTies: false }));
      const refusal = await store.setPanes(panes, { experiment: r.spec, preset: null, tour: null });
      if (refusal) {
        form.showError(`The experiment’s panes cannot run here: ${refusal.error.message}`);
        return;
      }
    }
    results.clear();
    status.textContent = '';
    // Asked to run at once ("Was it typical?"), the reader wants the result, not the form
    // above it: the Run row comes to the top, the results follow under it (again once they
    // are in, since the form above settles as the scroll goes).
    revealRun = run;
    (run ? $('.x-run', root) : root).scrollIntoView({ behavior: motion(), block: 'start' });
    root.focus({ preventScroll: true });
    if (run) start();
  }

  /** The experiment of the spec shown, resolved by the core; null (with a message) when it cannot run here. */
  function resolved(state, spec, total) {
    const { pageRuns } = limits();
    if (total > pageRuns) {
      form.showError(
        `${total.toLocaleString('en')} runs is more than this page runs in one experiment (${pageRuns.toLocaleString('en')}): run it with the command line, below (Run it at scale), sharded.`,
      );
      showCommand();
      scale.open = true;
      return null;
    }
    try {
      return resolveExperiment(
        spec,
        state.panes.map((p) => ({ label: p.label, scenario: p.scenario })),
      );
    } catch (err) {
      if (crashed(err)) throw err;
      form.showError(`This experiment cannot run: ${err.message}.`);
      return null;
    }
  }

  function start() {
    const state = store.get();
    const spec = current(state);
    // What runs goes in the link (and the command below).
    if (!state.view.experiment) store.setView({ experiment: spec });
    const total = runCount(spec, state.panes);
    const experiment = resolved(state, spec, total);
    if (!experiment) return;
    form.showError('');
    startedWith = JSON.stringify([spec, store.get().panes.map((p) => p.scenario)]);
    go.disabled = true;
    cancel.hidden = false;
    root.classList.add('running');
    results.clear();
    running = session(experiment, total);
  }

  /**
   * Runs `experiment` in the pool. The runs go into its tally (a Worker of
   * its own) as batches finish; the results ask it for a view only when
   * runs came since the last one, one view at a time, so the page never
   * waits for a summary. It ends once the last view is shown.
   */
  function session(experiment, total) {
    tally?.close();
    const counted = openTally(experiment);
    tally = counted;
    let done = 0,
      failed = 0,
      shown = -1,
      lastDraw = 0,
      lastTick = 0,
      asking = false,
      ended = null,
      failure = '';
    const began = performance.now();
    const mine = () => tally === counted;
    const refresh = (force) => {
      const now = performance.now();
      const every = total > BIG ? 5 * REFRESH_MS : REFRESH_MS;
      if (asking || (!force && (now - lastDraw < every || shown === done))) return;
      asking = true;
      lastDraw = now;
      counted.view(results.valueAt(experiment)).then(
        (view) => {
          asking = false;
          if (!mine()) return;
          shown = view.runs;
          results.show(experiment, view, counted);
          if (ended) shown === done ? settle() : refresh(true);
        },
        (err) => {
          asking = false;
          if (!mine()) return;
          status.textContent += ` The results could not be summed up: ${String(err?.message || err)}.`;
          if (ended) settle();
        },
      );
    };
    const tick = (force) => {
      const now = performance.now();
      if (!force && now - lastTick < TICK_MS) return;
      lastTick = now;
      const ms = now - began;
      progress.max = total;
      progress.value = done + failed;
      const left = done ? (ms / done) * (total - done - failed) : NaN;
      status.textContent =
        `${(done + failed).toLocaleString('en')} of ${count(total, 'run')} · ${seconds(ms)}` +
        (Number.isFinite(left) && done + failed < total ? ` · about ${seconds(left)} left` : '') +
        (failed ? ` · ${failed} could not run (${failure})` : '');
    };
    // The end: said at once; announced with the result once it is shown.
    const end = (cancelled) => {
      go.disabled = false;
      cancel.hidden = true;
      root.classList.remove('running');
      tick(true);
      const ms = performance.now() - began;
      const what = cancelled
        ? `Cancelled: ${done.toLocaleString('en')} of ${count(total, 'run')} kept`
        : `Done: ${count(done, 'run')} in ${seconds(ms)}`;
      status.textContent = `${what}${failed ? `; ${failed} could not run (${failure})` : ''}.`;
      ended = { cancelled };
      refresh(true);
    };
    const settle = () => {
      running = null;
      if (revealRun) $('.x-run', root).scrollIntoView({ behavior: motion(), block: 'start' });
      revealRun = false;
      announce.textContent = `Experiment ${ended.cancelled ? 'cancelled' : 'finished'}. ${results.sentences?.headline ?? ''}`;
      showStale(store.get());
    };
    tick(true);
    const pool = runPool(experiment, total, {
      runs(from, batch) {
        counted.add(from, batch.packed);
        done += batch.count;
        tick(false);
        refresh(false);
      },
      failed(_from, count, message) {
        failed += count;
        failure = message;
        tick(false);
      },
      done: end,
    });
    return { cancel: () => ended || pool.cancel() };
  }

  go.addEventListener('click', () => {
    if (!running) start();
  });
  cancel.addEventListener('click', () => running?.cancel());

  // Compared only when there are results: an imported network's text is megabytes.
  function showStale(state) {
    stale.hidden =
      !results.runs || JSON.stringify([current(state), state.panes.map((p) => p.scenario)]) === startedWith;
  }

  function showCommand() {
    const link = app.link();
    const q = (s) => `'${s.replace(/'/g, "'\\''")}'`;
    command.textContent = link
      ? [
          `lockstep sweep --url ${q(link)} > runs.csv`,
          `lockstep sweep --url ${q(link)} --summary`,
          '# or as a job array of N tasks, shard $I of $N each:',
          `lockstep sweep --url ${q(link)} --shard $I/$N > part-$I.csv`,
          'lockstep summarize part-*.csv',
        ].join('\n')
      : 'This scenario is too big for a link: save the scenario file (Export) and use lockstep sweep --scenario FILE.';
  }
  // The commands are written before the box opens, so it never shows empty:
  // on the summary's click, and where the page opens it (start). The toggle
  // event, which comes a frame later, covers any other opener (find in page).
  $('summary', scale).addEventListener('click', () => {
    if (!scale.open) showCommand();
  });
  scale.addEventListener('toggle', showCommand);
  const copy = $('.x-copy', root);
  copy.addEventListener('click', () => {
    showCommand();
    copyText(command.textContent, {
      what: 'Commands',
      button: copy,
      status: $('.x-copy-status', root),
      target: command,
    });
  });

  return {
    /** Keeps the section in step with the store. */
    sync(state) {
      const spec = current(state);
      chooser.show(spec.ready ?? '');
      const r = ready.find((x) => x.id === spec.ready);
      about.textContent = r ? r.about : 'Your own experiment, on the panes as they are now.';
      form.sync(state, spec);
      const total = runCount(spec, state.panes);
      const workers = poolSize();
      size.textContent = `${count(total, 'run')} (${count(spec.seeds, 'seed')} at each point), on ${count(workers, 'worker')}.`;
      showStale(state);
      if (scale.open) showCommand();
    },
    open,
    /** The page opened from a link with an experiment: show it, ready to run. */
    opened() {
      if (/[#&]x\./.test(location.hash)) root.scrollIntoView({ block: 'start' });
    },
    /** For the test hook: what ran and what it found. */
    snapshot: () => ({
      running: Boolean(running),
      runs: results.runs,
      sentences: results.sentences ?? null,
      status: status.textContent,
    }),
  };
}
