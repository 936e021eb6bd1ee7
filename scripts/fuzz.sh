#!/usr/bin/env bash
# Fuzzes the readers of untrusted input: the link (URL fragment), the CSV
# edge list and the scenario file, and clamp-then-build (any numbers, once
# clamped, build or are refused), SECONDS seconds each (default 300).
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]      targets: link csv file clamp_build
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain build them. Crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../fuzz"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(link csv file clamp_build)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# fuzz/Cargo.lock is committed and cargo fuzz has no --locked: check it here,
# so a stale one fails with what to do instead of being rewritten in the tree.
if ! cargo metadata --locked --format-version 1 >/dev/null; then
  echo "lockstep: fuzz/Cargo.lock is out of date with Cargo.toml: run (cd fuzz && cargo update --workspace) and commit it" >&2
  exit 1
fi
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "lockstep: fuzzing $target for ${seconds}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1
done
