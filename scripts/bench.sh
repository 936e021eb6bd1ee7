#!/usr/bin/env bash
# `npm run bench`: every benchmark, as one CSV table (bench,case,value,unit,
# note; scripts/bench-table.mjs): the machine; the engine natively and as
# wasm in Node (the page's build and the embed's); layout natively; a
# scenario's check, build and clamp natively; the page in headless Chromium (layout in
# its Worker, frames per second at 500 to 50,000 firms, with the renderer
# the page chose and with each renderer forced); going back to a moment
# at 2,000 and 50,000 firms (scripts/bench-seek.mjs); loading (an
# embed's first frame, what the embed and the page fetch, gzipped);
# experiments in the page; and lockstep summarize at 1,000 to 1,000,000
# rows. Figures, not pass/fail: machines differ, and a busy one gives
# slower figures (the load average row says how busy). A benchmark that
# fails prints its error on stderr and a row saying so; the others still
# run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

bash scripts/build.sh >&2 || exit 1
cargo build --quiet --release --bin bench --bin bench-layout --bin bench-scenario >&2 || exit 1

table() { node scripts/bench-table.mjs "$@"; }
# run BENCH WHAT COMMAND...: the command's rows, or a row saying it failed.
run() {
  local bench=$1 what=$2; shift 2
  "$@" || table failed "$bench" "$what"
}
engine_rows() { "$@" | table engine; }

table header
table machine
run engine native engine_rows target/release/bench
run engine wasm engine_rows node scripts/bench-wasm.mjs
run engine "wasm (embed)" engine_rows node scripts/bench-wasm.mjs --embed
run layout native target/release/bench-layout
run scenario native target/release/bench-scenario
run page "layout and frames" node scripts/bench-page.mjs
run draw "each renderer" node scripts/bench-draw.mjs
run seek "going back to a moment" node scripts/bench-seek.mjs
run load "first frame and sizes" node scripts/bench-load.mjs
run experiments "runs per second" node scripts/bench-experiments.mjs
run summarize "time and memory" node scripts/bench-summarize.mjs
