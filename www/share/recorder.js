// Records the run as it goes, for the CSV export and the test hook: every
// release the core reports (pane, time, firm) and r of each pane once a
// frame. Bounded: the last MAX_RELEASES releases and MAX_SAMPLES samples
// are kept (the page says so); older ones are dropped. After the runs go to
// another moment (a seek) the releases are those of the runs up to it,
// asked of the core (which runs the way again) once they are next needed;
// the samples later than the moment are dropped.

export const MAX_RELEASES = 100000;
export const MAX_SAMPLES = 100000;

class Ring {
  constructor(size, columns) {
    this.size = size;
    this.cols = columns.map((Type) => new Type(size));
    this.start = 0;
    this.length = 0;
    this.dropped = 0;
  }

  push(...values) {
    const at = (this.start + this.length) % this.size;
    if (this.length < this.size) this.length++;
    else {
      this.start = (this.start + 1) % this.size;
      this.dropped++;
    }
    values.forEach((v, c) => {
      this.cols[c][at] = v;
    });
  }

  /** Row k (0 = oldest kept) as an array of column values. */
  row(k) {
    const at = (this.start + k) % this.size;
    return this.cols.map((col) => col[at]);
  }
}

export class Recorder {
  constructor() {
    this.reset(0);
  }

  /** A new run of `panes` panes starts at time 0. */
  reset(panes) {
    this.releases = new Ring(MAX_RELEASES, [Uint8Array, Float64Array, Uint32Array]);
    this.samples = new Ring(MAX_SAMPLES, [Float64Array, Float64Array, Float64Array]);
    this.panes = panes;
    this.stale = null;
  }

  /** The `runs` went to another moment: what is recorded is that of the moment, from the core, when next needed. */
  seeked(runs) {
    this.stale = runs;
  }

  /** The releases of the runs up to their moment (the last MAX_RELEASES), and the samples up to it. */
  refill() {
    const runs = this.stale;
    if (!runs) return;
    this.stale = null;
    const now = runs[0].reading('time');
    const samples = this.samples;
    this.samples = new Ring(MAX_SAMPLES, [Float64Array, Float64Array, Float64Array]);
    for (let k = 0; k < samples.length; k++) {
      const row = samples.row(k);
      if (row[0] <= now) this.samples.push(...row);
    }
    // The embed's core has no replay (nor an export to need it).
    if (!runs.every((r) => typeof r.sim.releases === 'function')) return;
    const each = runs.map((run) => {
      const total = run.reading('releases');
      const keep = Math.min(total, Math.floor(MAX_RELEASES / runs.length));
      return { ...run.sim.releases(total - keep, keep), dropped: total - keep };
    });
    this.releases = new Ring(MAX_RELEASES, [Uint8Array, Float64Array, Uint32Array]);
    this.releases.dropped = each.reduce((a, e) => a + e.dropped, 0);
    // Both panes' releases in time order, as they were recorded.
    const at = each.map(() => 0);
    while (true) {
      let p = -1;
      each.forEach((e, i) => {
        if (at[i] < e.times.length && (p < 0 || e.times[at[i]] < each[p].times[at[p]])) p = i;
      });
      if (p < 0) break;
      this.releases.push(p, each[p].times[at[p]], each[p].firms[at[p]]);
      at[p]++;
    }
  }

  /** The releases of the last advance of pane `index` (read when run.advanced). */
  collect(index, run) {
    this.refill();
    const { recentReleases, recentTimes } = run;
    for (let k = 0; k < recentReleases.length; k++) this.releases.push(index, recentTimes[k], recentReleases[k]);
  }

  /** r of each pane at simulated time `time` (once a frame that advanced). */
  sample(time, rs) {
    this.refill();
    this.samples.push(time, rs[0] ?? NaN, rs[1] ?? NaN);
  }

  /** The first `count` releases kept of pane `index`: [{ time, firm }]. */
  first(index, count) {
    this.refill();
    const out = [];
    for (let k = 0; k < this.releases.length && out.length < count; k++) {
      const [p, time, firm] = this.releases.row(k);
      if (p === index) out.push({ time, firm });
    }
    return out;
  }

  /** The releases as CSV: pane,time,firm (names when given). */
  releasesCsv(labels, names = []) {
    this.refill();
    const lines = ['pane,time,firm'];
    for (let k = 0; k < this.releases.length; k++) {
      const [p, time, firm] = this.releases.row(k);
      lines.push(`${csvText(labels[p])},${time},${csvText(names[p]?.[firm] ?? String(firm))}`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** r(t) as CSV: time and one column per pane. */
  orderCsv(labels) {
    this.refill();
    const lines = [['time', ...labels.map((l) => csvText(`r ${l}`))].join(',')];
    for (let k = 0; k < this.samples.length; k++) {
      const [t, a, b] = this.samples.row(k);
      lines.push([t, a, b].slice(0, 1 + labels.length).join(','));
    }
    return `${lines.join('\n')}\n`;
  }

  /** What was dropped, to say so beside the export. */
  summary() {
    this.refill();
    return {
      releases: this.releases.length,
      droppedReleases: this.releases.dropped,
      samples: this.samples.length,
      droppedSamples: this.samples.dropped,
    };
  }
}

/** A CSV field: quoted when it holds a comma, quote or line break. */
export function csvText(text) {
  const s = String(text ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
