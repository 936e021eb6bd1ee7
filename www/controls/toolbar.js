// The transport and the shared settings: play/pause, step, restart, speed
// and seed (with "new seed"); Space plays or pauses (keys.js). The calm
// display's checkbox is calm.js's. Limits are the core's.
import { limits } from '../core.js';
import { bindSpace } from './keys.js';

export function parseSeed(text) {
  const t = text.trim();
  const max = limits().seed;
  if (!/^\d+$/.test(t) || Number(t) > max) {
    return { error: `Seed must be a whole number from 0 to ${max}.` };
  }
  return { value: Number(t) };
}

/** handlers: toggle(), step(), restart(), seed(value), speed(value) */
export function bindToolbar(handlers) {
  const el = (id) => document.getElementById(id);
  const play = el('play'),
    seed = el('seed'),
    seedMsg = el('seed-msg');
  const speed = el('speed'),
    speedOut = el('speed-value');
  [speed.min, speed.max] = limits().speed.map(String);

  play.addEventListener('click', () => handlers.toggle());
  el('step').addEventListener('click', () => handlers.step());
  el('reset').addEventListener('click', () => handlers.restart());

  function applySeed() {
    const r = parseSeed(seed.value);
    seedMsg.textContent = r.error || '';
    seed.setAttribute('aria-invalid', r.error ? 'true' : 'false');
    if (!r.error) handlers.seed(r.value);
  }
  seed.addEventListener('change', applySeed);
  seed.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      applySeed();
    }
  });
  el('new-seed').addEventListener('click', () => {
    const next = 1 + Math.floor(Math.random() * 99999);
    seed.value = String(next);
    applySeed();
  });

  const showSpeed = () => {
    speedOut.textContent = `${Number(speed.value).toFixed(1)} cycles/s`;
  };
  speed.addEventListener('input', () => {
    showSpeed();
    handlers.speed(Number(speed.value));
  });
  bindSpace(() => handlers.toggle());

  return {
    sync(view, seedValue) {
      play.textContent = view.playing ? 'Pause' : 'Play';
      const embedPlay = el('embed-play');
      if (embedPlay) embedPlay.textContent = play.textContent;
      if (document.activeElement !== seed && seed.getAttribute('aria-invalid') !== 'true')
        seed.value = String(seedValue);
      if (document.activeElement !== speed) speed.value = String(view.speed);
      showSpeed();
    },
    disable() {
      for (const c of document.querySelectorAll('button, input, select')) c.disabled = true;
    },
  };
}
