// Named scenarios from the article's cases, each a pair of panes on one
// clock with a sentence of context (and its claim in one sentence, for a
// projector: present mode), and the ready experiment (core) that
// tests its claim over many seeds. Each sentence was checked on the page
// with its seed (see the report of issue 4); other seeds vary, which the
// page says too.

const clustered = { kind: 'plantedPartition', groups: 4, meanDegree: 8, betweenShare: 0.03 };

export const PRESETS = [
  {
    id: 'compare',
    claim: 'Hybrid signaling spreads fast through the dense network and slowly through the clustered one.',
    experiment: 'clustered-vs-dense',
    name: 'Hybrid signaling: dense ecosystem vs clustered suppliers',
    context:
      'Five coordinators share a roadmap and signal every firm within two ties. In the dense software ecosystem (right) the signal reaches most firms, which relay it: all fall into step within a few cycles. In the clustered supplier network (left) it stays in the coordinators’ subgroups and crosses the few ties between them slowly.',
    seed: 18,
    panes: [
      { label: 'Clustered', network: clustered },
      { label: 'Dense', network: { kind: 'gnm' }, matchTies: true },
    ],
  },
  {
    id: 'young',
    claim: 'Firms fall into step by reacting alone; coordinators who signal get them there sooner, on their roadmap.',
    experiment: 'coordination',
    name: 'Reactive synchrony in a young industry',
    context:
      'Nobody plans yet: firms only react to their partners’ releases (left), and still fall into step, at a rhythm nobody chose. With five coordinators signaling (right) the same network gets in step sooner, on the coordinators’ roadmap.',
    seed: 8,
    panes: [
      { label: 'Reactive', network: { kind: 'erdosRenyi', meanDegree: 8 }, overrides: { mode: 'reactive' } },
      { label: 'Hybrid', network: { kind: 'erdosRenyi', meanDegree: 8 } },
    ],
  },
  {
    id: 'wintel',
    claim:
      'A pair that plans and never budges brings the industry to its rhythm, though more slowly than no plan at all.',
    experiment: 'roadmap',
    name: 'Planned synchrony of two partners (a Wintel-like pair)',
    context:
      'Two partners plan their releases together and do not budge (ρ = 0). The industry around them comes to their rhythm (offset 0 from their roadmap), though it takes longer than when nobody plans (right), where firms settle on a rhythm of their own.',
    seed: 8,
    panes: [
      {
        label: 'Planned pair',
        network: { kind: 'erdosRenyi', meanDegree: 8 },
        overrides: { mode: 'planned', coordinators: 2 },
      },
      {
        label: 'No plan',
        network: { kind: 'erdosRenyi', meanDegree: 8 },
        overrides: { mode: 'reactive', coordinators: 2 },
      },
    ],
  },
  {
    id: 'stubborn',
    claim: 'Stubborn coordinators keep their roadmap but leave several rhythms; a little give gets everyone in step.',
    experiment: 'roadmap',
    name: 'Stubborn coordinators win the rhythm but slow it',
    context:
      'Coordinators who never adjust (ρ = 0) and only tell their partners keep to their roadmap, but here the network does not fall into step with them: several rhythms stay alive. Coordinators who give a little (ρ = 0.1) get everyone in step within a few cycles, on a rhythm that is no longer their plan.',
    seed: 9,
    panes: [
      {
        label: 'Stubborn (ρ 0)',
        network: { kind: 'erdosRenyi', meanDegree: 8 },
        overrides: { reach: 'partners', responsiveness: 0 },
      },
      {
        label: 'Responsive (ρ 0.1)',
        network: { kind: 'erdosRenyi', meanDegree: 8 },
        overrides: { reach: 'partners', responsiveness: 0.1 },
      },
    ],
  },
  {
    id: 'locality',
    claim:
      'A ring clustered by locality falls into step about as fast as its random rewiring: locality is not subgroups.',
    experiment: 'locality',
    name: 'Clustering by locality is not clustering by subgroups',
    context:
      'A ring lattice is as clustered as the supplier network, but by locality: each firm’s partners are its neighbours. With no coordinators it falls into step about as fast as the same ring with every tie rewired at random.',
    seed: 11,
    panes: [
      { label: 'Ring lattice', network: { kind: 'ringLattice', degree: 8 }, overrides: { mode: 'reactive' } },
      {
        label: 'Rewired ring',
        network: { kind: 'wattsStrogatz', degree: 8, rewire: 1 },
        overrides: { mode: 'reactive' },
      },
    ],
  },
];

/** The panes of preset `id` over the core's default scenario `base`. */
export function presetPanes(id, base) {
  const p = PRESETS.find((x) => x.id === id) ?? PRESETS[0];
  return p.panes.map((pane) => ({
    label: pane.label,
    matchTies: Boolean(pane.matchTies),
    scenario: { ...structuredClone(base), ...pane.overrides, seed: p.seed, network: { ...pane.network } },
  }));
}

export function presetById(id) {
  return PRESETS.find((x) => x.id === id);
}
