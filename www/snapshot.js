// The page's read-only state for tests and the curious (window.lockstep):
// what each pane runs and shows, the display mode and the flash limiter's
// figures, and the releases the recorder kept; and what is still on its way
// (scenario changes being built, a frame or a link not yet written, host
// commands not yet applied), so a test can wait for the state it needs.
// Reading it changes nothing.

import { memoryBytes } from './core.js';

/**
 * A copy of `scenario`; an imported network is described by its counts
 * (firms, ties), not copied: its lists can be megabytes, too much to pass
 * to a test a few times a second.
 */
function described(scenario) {
  const { network, ...rest } = scenario;
  if (network.kind !== 'edgeList') return structuredClone(scenario);
  return {
    ...structuredClone(rest),
    network: { kind: 'edgeList', firms: network.labels.length, ties: network.ties.length },
  };
}

/** `app` holds the page's parts: store, panes, rt, guard, inspector, tour, layouts, recorder, notice. */
export function snapshot(app) {
  const { store, panes, rt, guard, inspector, tour, layouts, notice } = app;
  const state = store?.get();
  const list = panes?.filter((p) => p.run) ?? [];
  const ms = list.map((p) => p.run.measures());
  const pending = layouts?.pending() ?? [];
  const shown = state?.view.layout === 'single' ? list.filter((p) => p === panes[state.view.single]) : list;
  return {
    ready: list.length === 2,
    error: rt.error,
    frames: rt.frames,
    builds: rt.builds,
    building: Boolean(rt.building),
    // Scenario changes asked of the store: { asked, committed, refused, pending }.
    changes: store?.changes() ?? null,
    // A change the panes on screen have not drawn yet (a restart, a step, a resize, a layout placed).
    drawPending: Boolean(rt.dirty || rt.pendingStep || shown.some((p) => p.renderer.dirty)),
    // When the readouts (text, verdicts, calm note, the embed's story) were last refreshed (performance.now()).
    textAt: rt.lastText,
    // The link: { opened (the address's link was opened or refused), pending (a write waits), fragment (last written) }.
    link: app.sharing?.linkState() ?? null,
    // The host page's set and preset commands not yet applied or refused (embed).
    hostCommands: app.sharing?.hostCommands() ?? 0,
    playing: state?.view.playing,
    // A seek under way: the moment it goes to (null: none); the moment the panes were sent to and stay at.
    seeking: app.clock?.busy() ?? null,
    at: state?.view.at ?? null,
    speed: state?.view.speed,
    layout: state?.view.layout,
    layoutWorker: typeof Worker !== 'undefined' && layouts?.worker instanceof Worker,
    preset: state?.view.preset,
    focus: state?.view.focus,
    tourStep: tour?.step(),
    seed: state?.panes[0].scenario.seed,
    time: ms[0]?.time,
    panes: list.map((p, i) => ({
      label: p.label,
      kind: p.run.scenario.network.kind,
      firms: p.run.n,
      ties: p.run.statistics.ties,
      renderer: p.renderer.kind,
      generatedTies: p.run.sim.generatedTieCount(),
      stats: p.run.statistics,
      r: ms[i].r,
      bursts: ms[i].bursts,
      releases: ms[i].releases,
      syncTime: ms[i].syncTime,
      syncOffset: ms[i].syncOffset,
      coordinators: [...p.run.coordinators],
      scenario: described(state.panes[i].scenario),
      matchTies: state.panes[i].matchTies,
      pulses: p.effects.pulses.length,
      waves: p.effects.waves.length,
      layoutPending: pending.includes(i) || p.run.sim.layoutPending(),
    })),
    selected: inspector?.firm ?? -1,
    display: guard.calm ? 'calm' : 'flash',
    calmReason: guard.reason,
    flashingFirms: rt.flashing,
    predictedFlashesPerSecond: guard.predicted,
    largeFlashesLastSecond: guard.recent(performance.now()),
    maxLargeFlashesPerSecond: guard.maxPerSecond,
    notice: notice?.text() ?? '',
    wasmBytes: memoryBytes(),
    experiments: app.experiments?.snapshot() ?? null,
    chartRange: app.rChart ? { min: app.rChart.plot.scales.x.min, max: app.rChart.plot.scales.x.max } : null,
    tourWaiting: tour?.waiting() ?? false,
    embed: app.story?.snapshot() ?? null,
    narrator: app.narrator?.snapshot() ?? null,
    sound: app.sound?.snapshot() ?? null,
  };
}
