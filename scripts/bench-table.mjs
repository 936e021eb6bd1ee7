// The one table `npm run bench` prints: CSV with the header below, one row
// per figure. The benchmark scripts import `row`; scripts/bench.sh prints
// the header once and pipes the engine benchmarks' own CSV through
//   node scripts/bench-table.mjs engine
// which turns each of their rows (build, firms, cycles, pulses, seconds,
// ...) into rows of this table: ns per pulse and pulses per second.
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export const HEADER = 'bench,case,value,unit,note';

/** A CSV field: quoted when it holds a comma, quote or line break. */
const field = (x) => {
  const s = String(x ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Prints one row of the table. `value` is '' for a case that could not run (the note says why). */
export function row(bench, what, value, unit, note = '') {
  console.log([bench, what, value, unit, note].map(field).join(','));
}

const thousands = (n) => Number(n).toLocaleString('en-US');

/** Rows of the engine benchmarks (src/bin/bench.rs, scripts/bench-wasm.mjs) from their CSV on stdin. */
async function engineRows() {
  let columns = null;
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const cells = line.split(',');
    if (cells[0] === 'build') { columns = cells; continue; }
    if (!columns) throw new Error(`bench-table: a row before the header: ${line}`);
    const r = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
    const pulses = Number(r.pulses), seconds = Number(r.seconds);
    const what = `${r.build}: ${thousands(r.firms)} firms`;
    const note = `mean degree ${r.mean_degree}, ${r.cycles} cycles, ${thousands(pulses)} pulses in ${seconds} s`;
    row('engine', what, (seconds * 1e9 / pulses).toFixed(1), 'ns/pulse', note);
    row('engine', what, (pulses / seconds).toExponential(2), 'pulses/s', note);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'engine') await engineRows();
  else if (process.argv[2] === 'header') console.log(HEADER);
  else {
    console.error('usage: node scripts/bench-table.mjs header | engine < engine-bench.csv');
    process.exit(2);
  }
}
