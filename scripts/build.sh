#!/usr/bin/env bash
# Builds the core to WebAssembly twice and writes each build's JS bindings:
# - www/pkg/ (lockstep.js + lockstep_bg.wasm): the teaching page's core,
#   every binding, built for speed (profile release);
# - www/pkg/embed/: the embed's core, without the page's bindings
#   (experiments, CSV, scenario files), built for size (profile embed).
# www/core.js loads one of them. Each wasm is shrunk by wasm-opt (binaryen,
# an npm devDependency) without its names section. Installs what it needs
# first (scripts/setup.sh), unless LOCKSTEP_SKIP_SETUP=1 says the caller
# already did.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

[ "${LOCKSTEP_SKIP_SETUP:-0}" = 1 ] || bash scripts/setup.sh

target_dir="${CARGO_TARGET_DIR:-target}"
wasm_opt=node_modules/.bin/wasm-opt
[ -x "$wasm_opt" ] || echo "lockstep: warning: $wasm_opt is missing (npm ci installs it): the wasm is not shrunk" >&2

# Write to a fresh folder and swap it in, so a page being served never sees a
# half-written pkg/ with a .js and a .wasm from two different builds.
# (The fresh folder lives under target/, which git ignores, in case a build is
# interrupted halfway.)
tmp="$target_dir/pkg.tmp"
rm -rf "$tmp"

# build PROFILE OUT [cargo options...]
build() {
  local profile=$1 out=$2
  shift 2
  echo "lockstep: building the wasm core (profile $profile)"
  cargo build --lib --profile "$profile" --target wasm32-unknown-unknown "$@"
  local wasm="$target_dir/wasm32-unknown-unknown/$profile/lockstep.wasm"
  [ -f "$wasm" ] || { echo "lockstep: error: $wasm was not produced" >&2; exit 1; }
  wasm-bindgen --target web --out-dir "$out" --out-name lockstep "$wasm"
  # wasm-opt -O1 and no names, producers or feature sections: measured, it
  # leaves the engine as fast and the file smallest gzipped (-O2, -O3 and
  # -Oz are a little bigger gzipped after LLVM's own optimizations, and
  # three times slower to run). Panic messages keep their text; stack
  # traces lose function names. The engine computes the same releases
  # (wasm-opt makes no unsafe float changes); the digest tests check it.
  if [ -x "$wasm_opt" ]; then
    "$wasm_opt" "$out/lockstep_bg.wasm" -O1 --strip-debug --strip-producers --strip-target-features \
      -o "$out/lockstep_bg.opt.wasm"
    mv "$out/lockstep_bg.opt.wasm" "$out/lockstep_bg.wasm"
  fi
  local size gz
  size=$(wc -c < "$out/lockstep_bg.wasm")
  gz=$(gzip -9c "$out/lockstep_bg.wasm" | wc -c)
  echo "lockstep: built $out/lockstep_bg.wasm ($((size / 1024)) KiB, $((gz / 1024)) KiB gzipped)"
}

build release "$tmp"
build embed "$tmp/embed" --no-default-features

# The release stamp (version and digest of the cores) the embed dialog reads.
node scripts/release.mjs stamp "$tmp"

rm -rf www/pkg
mv "$tmp" www/pkg
echo "lockstep: built www/pkg/ (the page's core) and www/pkg/embed/ (the embed's)"
