// Every parameter of a scenario, with its label, a short explanation and a
// sensible range for the page. The core checks the values; its error names
// the field (`path` here), and the message is shown beside this control.

export const MAX_FIRMS_ON_PAGE = 2000;

/** Parameters every pane has (the network's knobs are in NETWORK_KNOBS). */
export const PARAMS = [
  { group: 'Firms', path: 'firms', label: 'Firms', type: 'range', min: 10, max: MAX_FIRMS_ON_PAGE, step: 10,
    help: 'How many firms (nodes). Up to 2,000 on this page.' },

  { group: 'Coupling', path: 'eps', label: 'Pulse ε (eps)', type: 'range', min: 0, max: 0.3, step: 0.005,
    help: "How far one partner's release pushes a firm toward its own release (in state units, over an intense tie)." },
  { group: 'Coupling', path: 'dissipation', label: 'Dissipation b', type: 'range', min: -2, max: 8, step: 0.1,
    help: 'How concave the state function f is. b > 0 makes firms late in their cycle jump further, which brings synchrony; b < 0 pushes firms apart.' },
  { group: 'Coupling', path: 'intenseShare', label: 'Share of intense ties', type: 'range', min: 0, max: 1, step: 0.05,
    help: 'Share of ties that are intense alliances (strength 1); the rest are arm’s-length.' },
  { group: 'Coupling', path: 'armsLength', label: 'Arm’s-length strength', type: 'range', min: 0.05, max: 1, step: 0.05,
    help: 'Strength w of an arm’s-length tie: its pulses are w × ε.' },
  { group: 'Coupling', path: 'onePulsePerEvent', label: 'One pulse per instant (Mirollo–Strogatz)', type: 'check',
    help: 'The all-to-all variant of Mirollo and Strogatz: a firm gets one pulse per instant however many partners release in it.' },

  { group: 'Coordinators', path: 'mode', label: 'Mode', type: 'select',
    options: [['reactive', 'Reactive: no plan, firms react to partners'], ['planned', 'Planned: coordinators share a roadmap'],
      ['hybrid', 'Hybrid: planned, and they signal beyond their ties']],
    help: 'Reactive: nobody plans. Planned: k coordinators release together on one roadmap. Hybrid: planned, and each joint release signals every firm in reach.' },
  { group: 'Coordinators', path: 'coordinators', label: 'Coordinators k', type: 'range', min: 0, max: 20, step: 1,
    help: 'How many firms coordinate (in reactive mode they are only tracked, as would-be coordinators).' },
  { group: 'Coordinators', path: 'choice', label: 'Chosen by', type: 'select',
    options: [['highestDegree', 'Most ties (highest degree)'], ['random', 'At random (from the seed)'], ['chosen', 'By hand (click firms)']],
    help: 'How the coordinators are picked. Click a firm on the network to choose by hand.' },
  { group: 'Coordinators', path: 'responsiveness', label: 'Responsiveness ρ (rho)', type: 'range', min: 0, max: 1, step: 0.05,
    help: 'Share of an outside pulse that moves the coordinators. 0: they keep to their roadmap and expect others to conform.' },
  { group: 'Coordinators', path: 'epsSignal', label: 'Signal strength ε_signal', type: 'range', min: 0, max: 1, step: 0.05,
    help: 'Pulse size of the coordinators’ signal (hybrid), much stronger than one partner’s release.' },
  { group: 'Coordinators', path: 'reach', label: 'Signal reach', type: 'select',
    options: [['partners', 'Partners (1 tie)'], ['twoHops', 'Two ties away'], ['all', 'Every firm']],
    help: 'How far a hybrid signal travels, in ties from any coordinator.' },

  { group: 'Realism', path: 'slips', label: 'Schedule slips σ', type: 'range', min: 0, max: 0.3, step: 0.01,
    help: 'Each cycle’s length varies by this relative spread (0: cycles run exactly on time).' },
  { group: 'Realism', path: 'cycleSpread', label: 'Cycle spread h', type: 'range', min: 0, max: 0.5, step: 0.01,
    help: 'Firms’ cycle lengths differ, spread uniformly over 1 ± h.' },
  { group: 'Realism', path: 'delta', label: 'Burst window δ (cycles)', type: 'range', min: 0.005, max: 0.2, step: 0.005,
    help: 'Releases within this window count as one burst; bursts per cycle = rhythms alive.' },
];

/** Network kinds in the order offered. */
export const NETWORK_KINDS = ['plantedPartition', 'gnm', 'erdosRenyi', 'ringLattice', 'wattsStrogatz',
  'barabasiAlbert', 'geometric', 'complete'];

export const KIND_HELP = {
  plantedPartition: 'Subgroups, dense inside, joined by few ties (a clustered supplier network).',
  gnm: 'Exactly this many ties, placed at random: little clustering (a dense ecosystem).',
  erdosRenyi: 'Each pair tied with the same chance.',
  ringLattice: 'Firms on a ring, tied to their nearest neighbours: clustered by locality.',
  wattsStrogatz: 'A ring lattice with some ties rewired at random: a small world.',
  barabasiAlbert: 'New firms tie to well-connected ones: a few hubs.',
  geometric: 'Firms placed at random, tied when close (colocated firms).',
  complete: 'Every firm tied to every other (Mirollo–Strogatz).',
  edgeList: 'An alliance network read from a CSV edge list (Import, above). Hover a firm for its name.',
};

/** The knobs of each network kind (paths under `network`). */
export const NETWORK_KNOBS = {
  plantedPartition: [
    { key: 'groups', label: 'Subgroups', min: 1, max: 12, step: 1, help: 'How many subgroups.' },
    { key: 'meanDegree', label: 'Ties per firm', min: 1, max: 30, step: 0.5, help: 'Mean degree: partners per firm on average.' },
    { key: 'betweenShare', label: 'Share of ties between subgroups', min: 0, max: 0.5, step: 0.01,
      help: 'The clustering knob: the lower, the more the subgroups keep to themselves.' },
  ],
  gnm: [{ key: 'ties', label: 'Ties', min: 10, max: 8000, step: 10, help: 'Total number of ties.' }],
  erdosRenyi: [{ key: 'meanDegree', label: 'Ties per firm', min: 1, max: 30, step: 0.5, help: 'Mean degree.' }],
  ringLattice: [{ key: 'degree', label: 'Neighbours', min: 2, max: 30, step: 2, help: 'Ties per firm, half on each side.' }],
  wattsStrogatz: [
    { key: 'degree', label: 'Neighbours', min: 2, max: 30, step: 2, help: 'Ties per firm before rewiring.' },
    { key: 'rewire', label: 'Rewired share', min: 0, max: 1, step: 0.05, help: 'Chance that each tie is moved to a random firm.' },
  ],
  barabasiAlbert: [{ key: 'attach', label: 'Ties per new firm', min: 1, max: 15, step: 1, help: 'Ties each arriving firm makes.' }],
  geometric: [{ key: 'meanDegree', label: 'Ties per firm', min: 1, max: 30, step: 0.5, help: 'Mean degree, set by the tie distance.' }],
  complete: [],
  edgeList: [],
};

/** Display a value with as many decimals as its step. */
export function formatValue(value, step) {
  if (typeof value !== 'number') return String(value);
  const decimals = step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
  return value.toFixed(decimals);
}
