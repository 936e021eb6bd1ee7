// Import an alliance network: a CSV edge list (source,target[,weight]; names
// or ids; header optional) by file picker, drag and drop, or paste, and an
// optional CSV of firm attributes (firm,subgroup,coordinator). The core reads
// it whole or refuses it with the line and the reason: nothing is
// half-imported. The page's size limits keep the tab from freezing. A file
// too long to show (a 50,000-firm network is megabytes) is kept aside, not
// put in its box, which says so: a box holding megabytes of text slows every
// layout of the page.
import { importEdgeList, csvText, limits, crashed } from '../core.js';
import { paneLabel } from '../state.js';

/** Longest text a box shows (in characters); a longer file is kept aside. */
const SHOWN = 200000;

/** The box's message: `bad` ones show as errors. */
function say(box, text, bad = false) {
  box.msg.textContent = text;
  box.msg.classList.toggle('bad', bad);
}

const fileName = (box, area) => (area === box.attrs ? 'Firm attributes' : 'Edge list');

/**
 * Keeps `text` (a file too long to show) aside for `area`, saying so in its
 * placeholder; `text` null drops what was kept.
 */
function hold(box, area, file, text) {
  if (text === null) {
    box.held.delete(area);
    area.placeholder = box.hint.get(area);
    return;
  }
  box.held.set(area, text);
  area.value = '';
  const lines = text.split('\n', 10000000).length;
  area.placeholder =
    `${file.name}: ${text.length.toLocaleString('en')} characters, ${lines.toLocaleString('en')} lines, ` +
    'ready to import (too long to show here; typing here replaces it).';
}

/** What `area` holds: the file kept aside, or its own text. */
const textOf = (box, area) => box.held.get(area) ?? area.value;

/**
 * A refused file drops the file chosen before it: Import never imports a
 * choice the person has just replaced. Text typed or pasted in the box
 * stays (it is in view, and nothing typed is lost).
 */
function refuse(box, area, text) {
  const chosen = box.held.has(area) || box.filed.has(area);
  hold(box, area, null, null);
  if (chosen) {
    area.value = '';
    box.filed.delete(area);
  }
  say(box, `${text} Nothing was read${chosen ? ', and the file chosen before was dropped' : ''}.`, true);
}

/** A file's text into `area`, or why it cannot be read (too large, or another encoding than UTF-8). */
async function readInto(box, area, file) {
  const name = fileName(box, area);
  if (file.size > limits().csvBytes) {
    refuse(
      box,
      area,
      `${name} (${file.name}): ${file.size.toLocaleString('en')} bytes is more than a CSV file may be here (${limits().csvBytes.toLocaleString('en')}).`,
    );
    return;
  }
  try {
    const text = csvText(new Uint8Array(await file.arrayBuffer()), area === box.attrs ? 'attributes' : 'ties');
    if (text.length > SHOWN) {
      hold(box, area, file, text);
    } else {
      hold(box, area, file, null);
      area.value = text;
      box.filed.add(area);
    }
    say(box, '');
  } catch (err) {
    if (crashed(err)) throw err;
    refuse(box, area, `${name} (${file.name}): ${err.line ? `line ${err.line}: ` : ''}${err.reason ?? err.message}.`);
  }
}

/** The page's limits for an import, from the core. */
function showLimits(box) {
  const { pageFirms, pageTies, csvBytes } = limits();
  box.q('.imp-limits').textContent =
    `Up to ${pageFirms.toLocaleString('en')} firms and ${pageTies.toLocaleString('en')} ties per pane on this page` +
    `; files up to ${Math.round(csvBytes / 1048576)} MB.`;
}

/** Files come into each box by its picker or by drag and drop; typing in a box drops a file kept aside. */
function bindFileInputs(box) {
  const { q, ties, attrs } = box;
  for (const area of [ties, attrs])
    area.addEventListener('input', () => {
      box.filed.delete(area);
      if (area.value) hold(box, area, null, null);
    });
  q('.imp-ties-file').addEventListener('change', (e) => {
    if (e.target.files[0]) readInto(box, ties, e.target.files[0]);
  });
  q('.imp-attrs-file').addEventListener('change', (e) => {
    if (e.target.files[0]) readInto(box, attrs, e.target.files[0]);
  });
  for (const area of [ties, attrs]) {
    area.addEventListener('dragover', (e) => {
      e.preventDefault();
      area.classList.add('drop');
    });
    area.addEventListener('dragleave', () => area.classList.remove('drop'));
    area.addEventListener('drop', async (e) => {
      e.preventDefault();
      area.classList.remove('drop');
      const file = e.dataTransfer.files[0];
      if (file) readInto(box, area, file);
    });
  }
}

/** The core's scenario of the boxes' network for `pane`, or null when refused (and why, said). */
function importedScenario(box, pane, baseScenario) {
  const edges = textOf(box, box.ties),
    attributes = textOf(box, box.attrs);
  if (!edges.trim()) {
    say(box, 'Paste or choose an edge list first.', true);
    return null;
  }
  try {
    return importEdgeList(baseScenario(pane), edges, attributes.trim() ? attributes : undefined);
  } catch (err) {
    if (crashed(err)) throw err;
    const file = err.field === 'attributes' ? 'Firm attributes' : 'Edge list';
    const where = err.line ? `line ${err.line}: ` : '';
    say(box, `${file}: ${where}${err.reason ?? err.message}. Nothing was imported.`, true);
    return null;
  }
}

/** Import: the boxes' network replaces the chosen pane's, or the reason it cannot is said. */
async function importNetwork(box, { importInto, baseScenario }) {
  const pane = Number(box.q('.imp-pane').value);
  const scenario = importedScenario(box, pane, baseScenario);
  if (!scenario) return;
  const firms = scenario.firms,
    tieCount = scenario.network.ties.length;
  say(box, `Building ${firms.toLocaleString('en')} firms and ${tieCount.toLocaleString('en')} ties…`);
  // Reading a large file took a while: the page gets a turn before the build.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const error = await importInto(pane, scenario, paneLabel('edgeList'));
  if (error) say(box, `The imported network cannot run: ${error}. Nothing was imported.`, true);
  else say(box, `Imported ${firms} firms and ${tieCount} ties into the ${pane === 0 ? 'left' : 'right'} pane.`);
}

/**
 * Wires the import box. `importInto(pane, scenario, label)` replaces a
 * pane's scenario; `baseScenario(pane)` is the scenario the import keeps its
 * other settings from.
 */
export function bindImport(root, { importInto, baseScenario }) {
  const q = (s) => root.querySelector(s);
  const box = { q, ties: q('.imp-ties'), attrs: q('.imp-attrs'), msg: q('.imp-msg') };
  // The text of a file kept aside, per box; typing in the box drops it.
  box.held = new Map();
  // The boxes whose text came from a file, until typed in.
  box.filed = new Set();
  box.hint = new Map([box.ties, box.attrs].map((area) => [area, area.placeholder]));
  bindFileInputs(box);
  showLimits(box);
  q('.imp-go').addEventListener('click', () => importNetwork(box, { importInto, baseScenario }));
}
