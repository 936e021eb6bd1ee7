#!/usr/bin/env bash
# `npm run bench`: the benchmarks that exist: the native one (a `bench`
# binary of the crate) and the wasm one in Node (scripts/bench-wasm.mjs, on
# the build in www/pkg/). Extra arguments go to the native benchmark.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

ran=0
if cargo metadata --no-deps --format-version 1 2>/dev/null \
   | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);process.exit(m.packages.some(p=>p.targets.some(t=>t.name==="bench"&&t.kind.includes("bin")))?0:1)})'; then
  echo "lockstep: native benchmark"
  cargo run --release --bin bench -- "$@"
  ran=1
fi

if [ -f scripts/bench-wasm.mjs ]; then
  bash scripts/build.sh
  echo "lockstep: wasm benchmark (Node)"
  node scripts/bench-wasm.mjs
  ran=1
fi

if [ "$ran" -eq 0 ]; then
  echo "lockstep: no benchmark found (neither a 'bench' binary nor scripts/bench-wasm.mjs)" >&2
  exit 1
fi
