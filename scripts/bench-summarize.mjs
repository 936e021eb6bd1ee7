// `lockstep summarize` at scale: the time and peak memory to summarize a
// sweep's rows, 1,000 to 1,000,000 of them (issue 23: it was quadratic,
// 32 s at 200,000). The rows are written here, as `lockstep sweep` writes
// them (the summary with its sentences, as the page shows it): two arms at one value (every run in one point per arm, the
// bootstrap's worst case), a tenth never in step. Prints rows of the one
// benchmark table (bench,case,value,unit,note): figures, not pass/fail.
//   node scripts/bench-summarize.mjs [--bin PATH] [--rows 1000,10000,...]
// --bin measures another build of lockstep the same way (say, an older one).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { row } from './bench-table.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: options } = parseArgs({ options: { bin: { type: 'string' }, rows: { type: 'string' } } });
const bin = options.bin ?? join(root, 'target/release/lockstep');
const sizes = (options.rows ?? '1000,10000,100000,1000000').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'bench-summarize-'));

/** A small deterministic generator (mulberry32), so every machine summarizes the same rows. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `n` rows of a sweep with cap 300 to `path`. */
async function write(path, n) {
  const out = createWriteStream(path);
  const next = random(n);
  const wait = () => new Promise((done) => out.once('drain', done));
  if (!out.write('arm,value,seed,synced,time,offset,converged,final_bursts\n')) await wait();
  let chunk = '';
  for (let k = 0; k < n; k++) {
    const arm = k % 2 ? 'Dense (right)' : 'Dense (left)';
    const seed = Math.floor(k / 2) + 1;
    const synced = next() >= 0.1;
    const line = synced
      ? `${arm},0.05,${seed},true,${(-40 * Math.log(1 - next())).toFixed(6)},${(next() / 2).toFixed(6)},${next() < 0.3},1`
      : `${arm},0.05,${seed},false,300.000000,,false,${2 + Math.floor(next() * 5)}`;
    chunk += `${line}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await wait();
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise((done) => out.on('finish', done));
}

for (const n of sizes) {
  const path = join(dir, `rows-${n}.csv`);
  await write(path, n);
  const mb = statSync(path).size / 1e6;
  // GNU time prints the wall seconds and the peak resident set (KiB) on stderr.
  const link = `http://localhost/#v=1&view=compare&x.arms=panes&x.p=eps&x.v=0.05&x.seeds=${n / 2}&x.cap=300`;
  const args = ['-f', '%e %M', bin, 'summarize', '--url', link, '--sentences', path];
  const run = spawnSync('/usr/bin/time', args, {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const last = run.stderr.trim().split('\n').at(-1);
  const [seconds, kib] = last.split(' ').map(Number);
  const what = `${n.toLocaleString('en')} rows (${mb.toFixed(1)} MB, 2 arms at one value)`;
  if (run.status !== 0 || !Number.isFinite(seconds)) {
    row('summarize', what, '', 's', `failed: ${run.stderr.trim().slice(0, 200)}`);
    continue;
  }
  const note = options.bin ? `lockstep at ${options.bin}` : 'this checkout';
  row('summarize', `${what}: time`, seconds.toFixed(2), 's', note);
  row('summarize', `${what}: peak memory`, (kib / 1024).toFixed(0), 'MiB', note);
  rmSync(path);
}
rmSync(dir, { recursive: true, force: true });
