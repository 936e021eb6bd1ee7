// The live readout: time in cycles, the order parameter r and the number of
// release bursts in the last cycle. Text changes a few times a second, slow
// enough to read.
const EVERY_MS = 120;

export class Readout {
  constructor(root) {
    this.time = root.querySelector('#time');
    this.r = root.querySelector('#r');
    this.bursts = root.querySelector('#bursts');
    this.sync = root.querySelector('#sync');
    this.network = root.querySelector('#network-stats');
    this.last = -Infinity;
  }

  /** Shows the network's statistics; called once per run. */
  showNetwork(s) {
    const path = Number.isFinite(s.meanPath) ? `${s.meanPathSampled ? '~' : ''}${s.meanPath.toFixed(2)}` : 'n/a';
    const parts = [
      `${s.firms} firms`,
      `${s.ties} ties`,
      `density ${s.density.toFixed(3)}`,
      `clustering ${s.clustering.toFixed(2)}`,
      `mean path ${path}`,
      `${s.components} ${s.components === 1 ? 'component' : 'components'}`,
    ];
    this.network.textContent = parts.join(' · ');
  }

  update(m, now, force = false) {
    if (!force && now - this.last < EVERY_MS) return;
    this.last = now;
    this.time.textContent = m.time.toFixed(1);
    this.r.textContent = m.r.toFixed(2);
    this.bursts.textContent = String(m.bursts);
    this.sync.textContent = m.syncTime === undefined || m.syncTime === null
      ? 'not yet'
      : `at ${m.syncTime.toFixed(1)} cycles`;
  }
}
