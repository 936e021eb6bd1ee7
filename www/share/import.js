// Import an alliance network: a CSV edge list (source,target[,weight]; names
// or ids; header optional) by file picker, drag and drop, or paste, and an
// optional CSV of firm attributes (firm,subgroup,coordinator). The core reads
// it whole or refuses it with the line and the reason: nothing is
// half-imported. The page's size limits keep the tab from freezing. A file
// too long to show (a 50,000-firm network is megabytes) is kept aside, not
// put in its box, which says so: a box holding megabytes of text slows every
// layout of the page.
import { importEdgeList, csvText, limits, crashed } from '../core.js';

/** Longest text a box shows (in characters); a longer file is kept aside. */
const SHOWN = 200000;

/**
 * Wires the import box. `importInto(pane, scenario, label)` replaces a
 * pane's scenario; `baseScenario(pane)` is the scenario the import keeps its
 * other settings from.
 */
export function bindImport(root, { importInto, baseScenario }) {
  const q = (s) => root.querySelector(s);
  const ties = q('.imp-ties'),
    attrs = q('.imp-attrs'),
    msg = q('.imp-msg');
  const say = (text, bad = false) => {
    msg.textContent = text;
    msg.classList.toggle('bad', bad);
  };
  const fileName = (area) => (area === attrs ? 'Firm attributes' : 'Edge list');
  // The text of a file kept aside, per box; typing in the box drops it.
  const held = new Map();
  const hint = new Map([ties, attrs].map((area) => [area, area.placeholder]));
  const hold = (area, file, text) => {
    if (text === null) {
      held.delete(area);
      area.placeholder = hint.get(area);
      return;
    }
    held.set(area, text);
    area.value = '';
    const lines = text.split('\n', 10000000).length;
    area.placeholder =
      `${file.name}: ${text.length.toLocaleString('en')} characters, ${lines.toLocaleString('en')} lines, ` +
      'ready to import (too long to show here; typing here replaces it).';
  };
  const textOf = (area) => held.get(area) ?? area.value;
  for (const area of [ties, attrs])
    area.addEventListener('input', () => {
      if (area.value) hold(area, null, null);
    });
  /**
   * A refused file clears the box: Import never imports an earlier choice
   * the person has just replaced.
   */
  const refuse = (area, text) => {
    hold(area, null, null);
    area.value = '';
    say(`${text} Nothing was read; the box is empty.`, true);
  };
  /** A file's text into `area`, or why it cannot be read (another encoding than UTF-8). */
  const readInto = async (area, file) => {
    if (file.size > limits().csvBytes) {
      refuse(
        area,
        `${fileName(area)} (${file.name}): ${file.size.toLocaleString('en')} bytes is more than a CSV file may be here (${limits().csvBytes.toLocaleString('en')}).`,
      );
      return;
    }
    try {
      const text = csvText(new Uint8Array(await file.arrayBuffer()), area === attrs ? 'attributes' : 'ties');
      if (text.length > SHOWN) {
        hold(area, file, text);
      } else {
        hold(area, file, null);
        area.value = text;
      }
      say('');
    } catch (err) {
      if (crashed(err)) throw err;
      refuse(
        area,
        `${fileName(area)} (${file.name}): ${err.line ? `line ${err.line}: ` : ''}${err.reason ?? err.message}.`,
      );
    }
  };
  const { pageFirms, pageTies, csvBytes } = limits();
  q('.imp-limits').textContent =
    `Up to ${pageFirms.toLocaleString('en')} firms and ${pageTies.toLocaleString('en')} ties per pane on this page` +
    `; files up to ${Math.round(csvBytes / 1048576)} MB.`;

  q('.imp-ties-file').addEventListener('change', (e) => {
    if (e.target.files[0]) readInto(ties, e.target.files[0]);
  });
  q('.imp-attrs-file').addEventListener('change', (e) => {
    if (e.target.files[0]) readInto(attrs, e.target.files[0]);
  });
  for (const [area, box] of [
    [ties, ties],
    [attrs, attrs],
  ]) {
    box.addEventListener('dragover', (e) => {
      e.preventDefault();
      box.classList.add('drop');
    });
    box.addEventListener('dragleave', () => box.classList.remove('drop'));
    box.addEventListener('drop', async (e) => {
      e.preventDefault();
      box.classList.remove('drop');
      const file = e.dataTransfer.files[0];
      if (file) readInto(area, file);
    });
  }

  q('.imp-go').addEventListener('click', async () => {
    const pane = Number(q('.imp-pane').value);
    const edges = textOf(ties),
      attributes = textOf(attrs);
    if (!edges.trim()) {
      say('Paste or choose an edge list first.', true);
      return;
    }
    let scenario;
    try {
      scenario = importEdgeList(baseScenario(pane), edges, attributes.trim() ? attributes : undefined);
    } catch (err) {
      if (crashed(err)) throw err;
      const file = err.field === 'attributes' ? 'Firm attributes' : 'Edge list';
      const where = err.line ? `line ${err.line}: ` : '';
      say(`${file}: ${where}${err.reason ?? err.message}. Nothing was imported.`, true);
      return;
    }
    const firms = scenario.firms,
      tieCount = scenario.network.ties.length;
    say(`Building ${firms.toLocaleString('en')} firms and ${tieCount.toLocaleString('en')} ties…`);
    // Reading a large file took a while: the page gets a turn before the build.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const error = await importInto(pane, scenario, 'Imported');
    if (error) say(`The imported network cannot run: ${error}. Nothing was imported.`, true);
    else say(`Imported ${firms} firms and ${tieCount} ties into the ${pane === 0 ? 'left' : 'right'} pane.`);
  });
}
