#!/usr/bin/env bash
# `npm run bench`: engine throughput natively and as wasm in Node, as CSV rows
# with one header. Figures, not pass/fail: machines differ.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
bash scripts/build.sh >&2
cargo run --quiet --release --bin bench
node scripts/bench-wasm.mjs
node scripts/bench-experiments.mjs
