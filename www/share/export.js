// Export: a PNG of the network canvases (side by side, as shown) and of the
// r(t) chart; CSV of the run (releases: pane, time, firm; and r(t)); the
// page's scenario as a JSON file (the core's file form, which opens again
// through the file picker); a pane's network as CSV (ties, attributes); and
// the releases as sound, both panes from the start (sound/render.js), as WAV.
import { stateJson, networkCsv } from '../core.js';
import { MAX_RELEASES } from './recorder.js';
import { toShared } from './link.js';

/** Offers `blob` as a download named `name`. */
export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const text = (body, type) => new Blob([body], { type });

/** The visible canvases (and any made for the export) drawn side by side on one white image. */
export function composeCanvases(canvases) {
  const shown = canvases.filter((c) => (c.offsetParent || !c.isConnected) && c.width > 0);
  const gap = 8;
  const out = document.createElement('canvas');
  out.width = shown.reduce((w, c) => w + c.width, 0) + gap * Math.max(0, shown.length - 1);
  out.height = Math.max(1, ...shown.map((c) => c.height));
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  let x = 0;
  for (const c of shown) {
    ctx.drawImage(c, x, 0);
    x += c.width + gap;
  }
  return out;
}

const png = (canvas, name) =>
  new Promise((done) =>
    canvas.toBlob((blob) => {
      if (blob) download(name, blob);
      done();
    }, 'image/png'),
  );

/**
 * Wires the export buttons. `app` gives store, panes, recorder, notice and
 * focus() (the pane whose network is exported).
 */
export function bindExport(root, app) {
  const q = (s) => root.querySelector(s);
  const labels = () => app.panes.map((p) => p.label);
  const stamp = () => `lockstep-seed${app.store.get().panes[0].scenario.seed}`;
  const note = q('.export-note');
  const refreshNote = () => {
    const s = app.recorder.summary();
    note.textContent =
      `Run CSV keeps the last ${MAX_RELEASES.toLocaleString('en')} releases` +
      ` (${s.releases.toLocaleString('en')} so far${s.droppedReleases ? `, ${s.droppedReleases.toLocaleString('en')} older dropped` : ''}).`;
  };
  root.addEventListener('toggle', refreshNote);
  root.addEventListener('pointerenter', refreshNote);

  // The networks as shown (a WebGL pane draws its picture again for it).
  const networks = () => app.panes.filter((p) => p.el.canvas.offsetParent).map((p) => p.renderer.image());
  q('.x-png').addEventListener('click', () => png(composeCanvases(networks()), `${stamp()}-networks.png`));
  q('.x-chart').addEventListener('click', () => {
    const chart = document.querySelector('#r-chart canvas');
    if (chart) png(composeCanvases([chart]), `${stamp()}-order.png`);
  });
  q('.x-releases').addEventListener('click', () => {
    const names = app.panes.map((p) => p.names);
    download(`${stamp()}-releases.csv`, text(app.recorder.releasesCsv(labels(), names), 'text/csv'));
  });
  q('.x-order').addEventListener('click', () =>
    download(`${stamp()}-order.csv`, text(app.recorder.orderCsv(labels()), 'text/csv')),
  );
  q('.x-json').addEventListener('click', () => {
    try {
      download(`${stamp()}.json`, text(stateJson(toShared(app.store.get())), 'application/json'));
    } catch (err) {
      app.notice.show(`The scenario could not be saved: ${err.message}`, [], 'error');
    }
  });
  q('.x-network').addEventListener('click', () => {
    const i = app.focus();
    try {
      const { ties, attributes } = networkCsv(app.panes[i].run.scenario);
      download(`${stamp()}-pane${i + 1}-ties.csv`, text(ties, 'text/csv'));
      if (attributes)
        setTimeout(() => download(`${stamp()}-pane${i + 1}-firms.csv`, text(attributes, 'text/csv')), 300);
    } catch (err) {
      app.notice.show(`The network could not be exported: ${err.message}`, [], 'error');
    }
  });
  bindSoundExport(q('.x-sound'), app, stamp, note);
  refreshNote();
}

/** Seconds of sound the WAV export renders: this many cycles at one cycle a second. */
export const SOUND_CYCLES = 20;

/** The releases of both panes' scenarios from time 0 as a WAV file, rendered without playing them. */
function bindSoundExport(button, app, stamp, note) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    note.textContent = 'Rendering the sound…';
    try {
      const [{ renderRun }, { wavBytes }] = await Promise.all([
        import('../sound/render.js'),
        import('../sound/wav.js'),
      ]);
      const scenarios = app.panes.map((p) => p.run.scenario);
      const { buffer } = await renderRun(scenarios, { cycles: SOUND_CYCLES, speed: 1 });
      download(`${stamp()}-releases.wav`, new Blob([wavBytes(buffer)], { type: 'audio/wav' }));
      note.textContent = `The first ${SOUND_CYCLES} cycles at one cycle a second: left pane on the left, right pane on the right.`;
    } catch (err) {
      app.notice.show(`The sound could not be made: ${err.message}`, [], 'error');
    } finally {
      button.disabled = false;
    }
  });
}
