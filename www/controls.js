// The form: reads and checks the visitor's values, shows a message beside a
// bad one (the run keeps its last good values), and turns clicks and keys into
// calls on the handlers that main.js passes in.

export const SPEED_MIN = 0.1;
export const SPEED_MAX = 10;
export const TIES_MIN = 1;
export const TIES_MAX = 30;
const SEED_MAX = 4294967295;

export function parseSeed(text) {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) > SEED_MAX) {
    return { error: `Seed must be a whole number from 0 to ${SEED_MAX}.` };
  }
  return { value: Number(t) };
}

export function parseSpeed(text) {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v) || v < SPEED_MIN || v > SPEED_MAX) {
    return { error: `Speed must be a number from ${SPEED_MIN} to ${SPEED_MAX} cycles per second.` };
  }
  return { value: v };
}

export function parseTiesPerFirm(text) {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(v) || v < TIES_MIN || v > TIES_MAX) {
    return { error: `Ties per firm must be a whole number from ${TIES_MIN} to ${TIES_MAX}.` };
  }
  return { value: v };
}

const PARSERS = { seed: parseSeed, speed: parseSpeed, 'ties-per-firm': parseTiesPerFirm };

/**
 * Wires the form. handlers: play(), pause(), toggle(), step(), reset(settings),
 * speed(value), calm(on). Returns setters for state the form shows.
 */
export function bindControls(form, handlers) {
  const el = (id) => document.getElementById(id);
  const playButton = el('play');
  const calmBox = el('calm');

  function check(id) {
    const input = el(id);
    const msg = el(`${id}-msg`);
    const result = PARSERS[id](input.value);
    msg.textContent = result.error || '';
    input.setAttribute('aria-invalid', result.error ? 'true' : 'false');
    return result;
  }

  /** The network settings, or null (with messages shown) when one is bad. */
  function settings() {
    const seed = check('seed');
    const ties = check('ties-per-firm');
    if (seed.error || ties.error) return null;
    return { seed: seed.value, network: el('network-kind').value, tiesPerFirm: ties.value };
  }

  function restart() {
    const s = settings();
    if (s) handlers.reset(s);
    else form.querySelector('[aria-invalid="true"]')?.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    restart();
  });
  for (const id of ['seed', 'ties-per-firm', 'network-kind']) {
    el(id).addEventListener('change', restart);
  }

  // Speed applies while typing when valid; the message waits for 'change'.
  const speedInput = el('speed');
  speedInput.addEventListener('input', () => {
    const result = parseSpeed(speedInput.value);
    if (!result.error) {
      check('speed');
      handlers.speed(result.value);
    }
  });
  speedInput.addEventListener('change', () => {
    const result = check('speed');
    if (!result.error) handlers.speed(result.value);
  });

  playButton.addEventListener('click', () => handlers.toggle());
  el('step').addEventListener('click', () => handlers.step());
  calmBox.addEventListener('change', () => handlers.calm(calmBox.checked));

  // Space plays or pauses, unless a control has focus and uses space itself.
  document.addEventListener('keydown', (event) => {
    if (event.key !== ' ' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest?.('input, select, textarea, button, a, summary, [contenteditable]')) return;
    event.preventDefault();
    handlers.toggle();
  });

  return {
    setPlaying(playing) {
      playButton.textContent = playing ? 'Pause' : 'Play';
    },
    setCalm(on) {
      calmBox.checked = on;
    },
    setSettings({ seed, network, tiesPerFirm, speed }) {
      el('seed').value = String(seed);
      el('network-kind').value = network;
      el('ties-per-firm').value = String(tiesPerFirm);
      el('speed').value = String(speed);
    },
    setFormMessage(text) {
      el('form-msg').textContent = text;
    },
    disable() {
      for (const c of form.elements) c.disabled = true; // includes the buttons tied by form=
    },
    settings,
    speed: () => parseSpeed(speedInput.value).value,
  };
}
