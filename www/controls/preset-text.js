// The sentences under the scenario menu follow the preset: its context
// (with its terms explained), or "your own scenario" once anything but the
// seed changed; and its claim in one sentence (present mode's, on a
// projector). A new seed keeps the preset's sentence, says that it was
// written for another seed, and points at the check over 100 seeds.
import { presetById } from './presets.js';
import { annotate } from './terms.js';

const OWN_CLAIM = 'Your own scenario: the settings you chose, both panes on one clock.';
const OWN =
  'Your own scenario: the panes run the settings you chose, so no preset’s sentence applies. ' +
  'Pick a scenario above to start from one of the stories again.';

/**
 * `el`: { context, claim, seedNote, check, experiment }; shows the text for
 * `preset` (an id or null) at `seed`; `title(id)` names a ready experiment.
 */
export function showPresetText(el, presetId, seed, title) {
  const preset = presetById(presetId);
  const text = preset ? preset.context : OWN;
  if (el.context.dataset.text !== text) {
    el.context.dataset.text = text;
    annotate(el.context, text, ['roadmap', 'hybrid', 'offset']);
  }
  el.claim.textContent = preset ? preset.claim : OWN_CLAIM;
  const otherSeed = preset && seed !== preset.seed;
  el.seedNote.textContent = otherSeed
    ? `This is seed ${seed}; the sentence above was written for seed ${preset.seed}, so what you see may differ.`
    : 'One run is one seed.';
  el.seedNote.classList.toggle('other-seed', Boolean(otherSeed));
  el.check.textContent = otherSeed ? 'Was this seed typical? Run 100 seeds' : 'Was it typical? Run 100 seeds';
  el.experiment.textContent = preset?.experiment ? `The experiment behind it: ${title(preset.experiment)}` : '';
  el.experiment.parentElement.hidden = !preset?.experiment;
}
