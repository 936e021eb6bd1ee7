// Watches the page while its experiment runs, from inside the page: when
// the progress bar passed each mark, the longest main-thread task (a
// PerformanceObserver of long tasks, which reports those over 50 ms), how
// late a 50 ms timer fired at worst, and how long Cancel took to settle.
// Used by the benchmark (scripts/bench-experiments.mjs) and the end-to-end
// test of a 200,000-run experiment (tests/e2e/experiments-scale.test.mjs).

/** Starts the recorder in `page` (before Run is clicked): marks are run counts. */
export function installProbe(page, marks) {
  return page.evaluate((marks) => {
    const probe = { marks: {}, tasks: [], late: 0, started: performance.now() };
    window.__probe = probe;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.tasks.push(e.duration);
    }).observe({ type: 'longtask' });
    let due = performance.now() + 50;
    const beat = () => {
      const now = performance.now();
      probe.late = Math.max(probe.late, now - due);
      due = now + 50;
      setTimeout(beat, 50);
    };
    setTimeout(beat, 50);
    const bar = document.querySelector('#x-progress');
    const watch = () => {
      const done = Number(bar.value);
      for (const m of marks) if (done >= m && !(m in probe.marks)) probe.marks[m] = performance.now();
      setTimeout(watch, 20);
    };
    watch();
  }, marks);
}

/** Clicks Run in the page (its time is the start). */
export function run(page) {
  return page.evaluate(() => {
    Object.assign(window.__probe, { started: performance.now(), marks: {}, tasks: [], late: 0 });
    document.querySelector('#x-go').click();
  });
}

/**
 * What the probe saw: ms from Run to each mark, the runs done and ms since
 * Run now, the longest task and the worst lateness.
 */
export function probed(page) {
  return page.evaluate(() => {
    const p = window.__probe;
    return {
      marks: Object.fromEntries(Object.entries(p.marks).map(([m, t]) => [m, t - p.started])),
      done: Number(document.querySelector('#x-progress').value),
      ms: performance.now() - p.started,
      longest: Math.max(0, ...p.tasks),
      longTasks: p.tasks.length,
      late: p.late,
    };
  });
}

/**
 * Clicks Cancel and resolves with the milliseconds until the page said so
 * (`said`: its status reads Cancelled, the workers are stopped) and until
 * it is no longer running (`settled`: the results are of every run kept).
 */
export function cancel(page) {
  return page.evaluate(
    () =>
      new Promise((done) => {
        const started = performance.now();
        const status = document.querySelector('.x-status');
        document.querySelector('#x-cancel').click();
        let said = status.textContent.startsWith('Cancelled') ? performance.now() - started : null;
        const check = () => {
          said ??= status.textContent.startsWith('Cancelled') ? performance.now() - started : null;
          if (!window.lockstep.state().experiments.running) done({ said, settled: performance.now() - started });
          else setTimeout(check, 2);
        };
        check();
      }),
  );
}

/** Runs per second between consecutive marks (from the start to the first). */
export function rates(marks, ms) {
  let from = 0,
    since = 0;
  return marks
    .filter((m) => ms[m] !== undefined)
    .map((m) => {
      const rate = ((m - from) * 1000) / (ms[m] - since);
      const row = { from, to: m, rate };
      from = m;
      since = ms[m];
      return row;
    });
}
