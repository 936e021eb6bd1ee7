// The words the panes show, without a browser: readouts.js (r, rhythms and
// synchrony read together) and labels.js (pane titles after an edit), with
// the wasm core loaded in Node.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { loadCore, defaultScenario } from '../../www/core.js';
import { formatR, readout } from '../../www/readouts.js';
import { paneLabels } from '../../www/labels.js';
import { presetPanes } from '../../www/controls/presets.js';
import { verdict } from '../../www/share/embed-story.js';

const WASM = new URL('../../www/pkg/lockstep_bg.wasm', import.meta.url);
before(async () => {
  if (!existsSync(WASM)) throw new Error('www/pkg is missing: build the wasm core first (bash scripts/build.sh)');
  await loadCore({ module_or_path: readFileSync(WASM) });
});

const m = (x) => ({ time: 10, r: 0.5, bursts: 3, completeBursts: 0, ...x });

test('the embed says its verdicts in a reader’s words, not the page’s defined terms', () => {
  const confirming = verdict(m({ r: 1, bursts: 1, completeBursts: 2, completeSince: 7.25 }), true);
  assert.deepEqual(confirming, {
    inStep: false,
    head: 'All released together',
    detail: 'r 1.00 · holding for 1 of 3 cycles',
  });
  const planned = verdict(
    m({ r: 1, bursts: 1, completeBursts: 6, syncTime: 2.66, syncOffset: 0, converged: true }),
    true,
  );
  assert.equal(planned.detail, 'r 1.00 · on the coordinators’ plan');
  for (const v of [confirming, planned]) assert.doesNotMatch(`${v.head} ${v.detail}`, /confirming|roadmap|burst|ρ|rho/);
});

test('r never reads 1.00 beside several rhythms', () => {
  assert.equal(formatR(0.99996, 2), '0.999');
  assert.equal(formatR(0.9987, 2), '0.998');
  assert.equal(formatR(0.987, 3), '0.98', 'rounded down, two digits below 0.99');
  assert.equal(formatR(0.996, 1), '1.00', 'one rhythm: rounded as usual');
  for (let r = 0.98; r <= 1; r += 0.00007) assert.notEqual(formatR(r, 2), '1.00');
});

test('each synchrony state says what it is, and a reactive pane has no roadmap', () => {
  const apart = readout(m({ r: 0.995, bursts: 2 }), true);
  assert.equal(apart.state, 'apart');
  assert.equal(apart.r, '0.995');
  assert.match(apart.line, /near 1, but 2 rhythms remain/);
  const confirming = readout(m({ r: 1, bursts: 1, completeBursts: 2, completeSince: 7.25 }), true);
  assert.equal(confirming.sync, 'confirming (1 of 3)');
  assert.match(confirming.line, /one burst at t = 7\.3; in step once 3 more bursts hold every firm \(1 of 3 so far\)/);
  const planned = readout(
    m({ r: 1, bursts: 1, completeBursts: 6, syncTime: 2.66, syncOffset: 0, converged: true }),
    true,
  );
  assert.equal(planned.sync, 'since 2.7');
  assert.match(planned.verdict, /on the coordinators’ roadmap \(offset 0\.00 cycle\)/);
  const reactive = readout(
    m({ r: 1, bursts: 1, completeBursts: 6, syncTime: 5.34, syncOffset: 0.01, converged: true }),
    false,
  );
  assert.match(reactive.verdict, /a rhythm of its own/);
  assert.doesNotMatch(`${reactive.line} ${reactive.verdict}`, /roadmap/);
  const lost = readout(
    m({ r: 0.8, bursts: 2, completeBursts: 0, syncTime: 3, syncOffset: 0.2, converged: false }),
    true,
  );
  assert.equal(lost.state, 'lost');
  assert.match(lost.line, /now 2 rhythms/);
});

test('labels follow the networks and tell equal networks apart by what differs', () => {
  const base = defaultScenario();
  const compare = presetPanes('compare', base);
  assert.deepEqual(paneLabels(compare), ['Clustered', 'Dense']);
  const bothGnm = compare.map((p) => ({
    ...p,
    matchTies: true,
    scenario: { ...p.scenario, network: { kind: 'gnm' } },
  }));
  assert.deepEqual(paneLabels(bothGnm), ['Dense (left)', 'Dense (right)']);
  const young = presetPanes('young', base);
  assert.deepEqual(paneLabels(young), ['Dense, reactive', 'Dense, hybrid']);
  const stubborn = presetPanes('stubborn', base);
  assert.deepEqual(paneLabels(stubborn), ['Dense, ρ 0.00', 'Dense, ρ 0.10']);
  const mixed = [
    compare[1],
    { ...compare[1], scenario: { ...compare[1].scenario, network: { kind: 'erdosRenyi', meanDegree: 8 } } },
  ];
  const labels = paneLabels(mixed);
  assert.notEqual(labels[0], labels[1], `${labels}`);
  const imported = [
    { ...compare[0], label: 'Chips', scenario: { ...compare[0].scenario, network: { kind: 'edgeList' } } },
    compare[1],
  ];
  assert.equal(paneLabels(imported)[0], 'Chips', 'an import keeps its name');
});
