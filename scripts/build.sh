#!/usr/bin/env bash
# Builds the core to WebAssembly (release) and writes the JS bindings to
# www/pkg/ (lockstep.js + lockstep_bg.wasm), which www/main.js imports; the
# wasm is shrunk by wasm-opt (binaryen, an npm devDependency) without its
# names section. Installs what it needs first (scripts/setup.sh), unless
# LOCKSTEP_SKIP_SETUP=1 says the caller already did.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

[ "${LOCKSTEP_SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh

echo "lockstep: building the wasm core (release)"
cargo build --lib --release --target wasm32-unknown-unknown

target_dir="${CARGO_TARGET_DIR:-target}"
wasm="$target_dir/wasm32-unknown-unknown/release/lockstep.wasm"
[ -f "$wasm" ] || { echo "lockstep: error: $wasm was not produced" >&2; exit 1; }

# Write to a fresh folder and swap it in, so a page being served never sees a
# half-written pkg/ with a .js and a .wasm from two different builds.
# (The fresh folder lives under target/, which git ignores, in case a build is
# interrupted halfway.)
tmp="$target_dir/pkg.tmp"
rm -rf "$tmp"
wasm-bindgen --target web --out-dir "$tmp" --out-name lockstep "$wasm"

# wasm-opt -O1 and no names, producers or feature sections: measured, it
# leaves the engine as fast and the file smallest gzipped (-O2, -O3 and -Oz
# are a little bigger gzipped after LLVM's own -O3, and three times slower
# to run). Panic messages keep their text; stack traces lose function names.
# The engine computes the same releases (wasm-opt makes no unsafe float
# changes); the digest tests check it.
wasm_opt=node_modules/.bin/wasm-opt
if [ -x "$wasm_opt" ]; then
  "$wasm_opt" "$tmp/lockstep_bg.wasm" -O1 --strip-debug --strip-producers --strip-target-features \
    -o "$tmp/lockstep_bg.opt.wasm"
  mv "$tmp/lockstep_bg.opt.wasm" "$tmp/lockstep_bg.wasm"
else
  echo "lockstep: warning: $wasm_opt is missing (npm ci installs it): the wasm is not shrunk" >&2
fi
rm -rf www/pkg
mv "$tmp" www/pkg

size=$(wc -c < www/pkg/lockstep_bg.wasm)
gz=$(gzip -9c www/pkg/lockstep_bg.wasm | wc -c)
echo "lockstep: built www/pkg/lockstep.js and lockstep_bg.wasm ($((size / 1024)) KiB, $((gz / 1024)) KiB gzipped)"
