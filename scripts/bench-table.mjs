// The one table `npm run bench` prints: CSV with the header below, one row
// per figure, a note saying how it was measured. The benchmark scripts
// import `row`; scripts/bench.sh runs
//   node scripts/bench-table.mjs header      the header, once
//   node scripts/bench-table.mjs machine     the machine: cores, CPU, load
//   ... | node scripts/bench-table.mjs engine
//                                            the engine benchmarks' own CSV
//                                            (build, firms, cycles, pulses,
//                                            seconds, ...) as rows: ns per
//                                            pulse and pulses per second
//   node scripts/bench-table.mjs failed BENCH WHAT
//                                            a row for a benchmark that failed
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { cpus, loadavg } from 'node:os';

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

/** The columns of the engine benchmarks' rows when they print no header. */
const ENGINE_COLUMNS = ['build', 'firms', 'mean_degree', 'cycles', 'releases', 'pulses', 'seconds'];

/** Rows of the engine benchmarks (src/bin/bench.rs, scripts/bench-wasm.mjs) from their CSV on stdin. */
async function engineRows() {
  let columns = ENGINE_COLUMNS;
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const cells = line.split(',');
    if (cells[0] === 'build') {
      columns = cells;
      continue;
    }
    const r = Object.fromEntries(columns.map((c, i) => [c, cells[i]]));
    const pulses = Number(r.pulses),
      seconds = Number(r.seconds);
    const what = `${r.build}: ${thousands(r.firms)} firms`;
    const note = `mean degree ${r.mean_degree}, ${r.cycles} cycles, ${thousands(pulses)} pulses in ${seconds} s`;
    row('engine', what, ((seconds * 1e9) / pulses).toFixed(1), 'ns/pulse', note);
    row('engine', what, (pulses / seconds).toExponential(2), 'pulses/s', note);
  }
}

/** The machine the figures come from: busy machines give slower figures. */
function machineRows() {
  const cores = cpus();
  row('machine', 'cores', cores.length, 'cores', cores[0]?.model.trim() ?? '');
  row(
    'machine',
    'load average',
    loadavg()[0].toFixed(1),
    'processes',
    'runnable, over the last minute, when the benchmarks started',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'header') console.log(HEADER);
  else if (command === 'machine') machineRows();
  else if (command === 'engine') await engineRows();
  else if (command === 'failed' && args.length === 2) row(args[0], args[1], '', '', 'failed: its error is on stderr');
  else {
    console.error('usage: node scripts/bench-table.mjs header | machine | engine < engine.csv | failed BENCH WHAT');
    process.exit(2);
  }
}
