// Hearing the releases, on the page and in the embed: one button (Sound,
// pressed or not: off by default) and its own volume. Nothing of the sound
// loads or exists until the person presses it (then manager.js, voices.js
// and sonifier.js load). It follows the run: notes only while it plays, in
// time with the speed; paused, hidden or restarted, notes not yet sounding
// are dropped. main.js calls frame() each frame and install() on new runs.

const PLACE_MS = 1000; // where the panes are drawn is checked this often

/** Where the panes are drawn: 'single', 'stacked' (one above the other) or 'side'. */
function placement(app) {
  const { view } = app.store.get();
  if (view.layout === 'single') return 'single';
  const [a, b] = app.panes.map((p) => p.root.getBoundingClientRect());
  return b.top >= a.bottom - 1 ? 'stacked' : 'side';
}

/**
 * `app`: store, panes; `controls`: [{ toggle, volume }] (the toolbar's and
 * the embed bar's; any may be missing). Returns { frame(dt, m), install(),
 * manager(), snapshot() }.
 */
export function bindSound(app, controls) {
  const sound = { engine: null, loading: null, sounding: false, since: null, placedAt: -Infinity, notes: 0 };

  const show = () => {
    const on = Boolean(sound.engine?.manager.on);
    for (const { toggle, volume } of controls) {
      if (toggle) toggle.setAttribute('aria-pressed', String(on));
      if (volume) {
        volume.hidden = !on && volume.dataset.hideOff === 'true';
        volume.value = String(sound.engine?.manager.volume ?? volume.value);
      }
    }
  };

  /** The sound's modules and its audio context, made on first use (from a gesture). */
  const load = () => {
    sound.loading ??= Promise.all([import('./manager.js'), import('./sonifier.js')]).then(([m, s]) => {
      const manager = new m.SoundManager();
      const volume = controls.find((c) => c.volume)?.volume;
      if (volume) manager.volume = Number(volume.value);
      sound.engine = { manager, Sonifier: s.Sonifier, sonifier: null };
      return sound.engine;
    });
    return sound.loading;
  };

  const start = async () => {
    const engine = await load();
    await engine.manager.start();
    engine.sonifier ??= new engine.Sonifier(engine.manager.ctx, engine.manager.bus);
    engine.sonifier.reset(app.panes.map((p) => p.run));
    sound.placedAt = -Infinity;
    show();
  };

  const stop = async () => {
    const engine = sound.engine;
    if (!engine) return;
    engine.sonifier?.silence();
    await engine.manager.stop();
    show();
  };

  for (const { toggle, volume } of controls) {
    toggle?.addEventListener('click', () => {
      if (sound.engine?.manager.on) stop();
      else start();
    });
    volume?.addEventListener('input', () => {
      for (const c of controls) if (c.volume && c.volume !== volume) c.volume.value = volume.value;
      sound.engine?.manager.setVolume(Number(volume.value));
    });
  }
  document.addEventListener('visibilitychange', () => {
    const hidden = document.visibilityState === 'hidden';
    if (hidden) sound.engine?.sonifier?.silence();
    sound.engine?.manager.setHidden(hidden);
  });

  return {
    /** Each frame: `dt` cycles advanced (0 when paused), `m` the panes' measures. */
    frame(dt, m) {
      const engine = sound.engine;
      const sonifier = engine?.sonifier;
      if (!sonifier) return;
      const { view } = app.store.get();
      if (!view.playing || !engine.manager.audible) {
        if (sound.sounding) sonifier.silence();
        sound.sounding = false;
        return;
      }
      if (dt <= 0) return; // a frame that advanced nothing (two frames at one instant)
      if (!sound.sounding) sound.since = m[0].time - dt; // releases after this are heard
      sound.sounding = true;
      const now = performance.now();
      if (now - sound.placedAt > PLACE_MS) {
        sound.placedAt = now;
        sonifier.place(placement(app));
      }
      sonifier.begin(m[0].time - dt, view.speed);
      app.panes.forEach((p, i) => {
        if (p.run.advanced) sonifier.releases(i, p.run, view.speed);
      });
    },
    /** New runs took over the panes. */
    install() {
      sound.engine?.sonifier?.reset(app.panes.map((p) => p.run));
    },
    /** The sound's manager (loaded on demand): for playing a chart as sound (its `chartBus`). */
    async manager() {
      const engine = await load();
      if (!engine.manager.ctx) engine.manager.build();
      return engine.manager;
    },
    snapshot: () => ({
      loaded: Boolean(sound.engine),
      on: Boolean(sound.engine?.manager.on),
      audible: Boolean(sound.engine?.manager.audible),
      volume: sound.engine?.manager.volume ?? null,
      placement: sound.engine?.sonifier?.placement ?? null,
      since: sound.sounding ? sound.since : null, // the simulated time it has sounded from
    }),
  };
}
