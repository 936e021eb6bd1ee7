#!/usr/bin/env bash
# `npm test`: every test. Installs what is missing (Rust target, wasm-bindgen
# CLI, Chromium + ChromeDriver, npm packages), builds the wasm package, then runs
#   0. the house rules:     biome ci (JS format and lint); cargo fmt --check;
#                           cargo clippy -D warnings (every
#                           native target, and the wasm library as the page
#                           and the embed build it); cargo doc without
#                           warnings (native and wasm)
#   1. native tests:        cargo test --profile tests (doc examples included;
#                           optimized, without the release build's fat LTO)
#   2. wasm browser tests:  cargo test --target wasm32-unknown-unknown
#                           --no-default-features --features page --test wasm
#                           (the page's bindings; no CLI there)
#                           (headless Chromium through ChromeDriver)
#   3. end-to-end tests:    node --test tests/e2e/*.test.mjs (the real page)
# Every step runs even when an earlier one failed, so one run shows all
# failures; the script exits non-zero when any step failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

bash scripts/setup.sh --browser
LOCKSTEP_SKIP_SETUP=1 bash scripts/build.sh

# wasm-bindgen-test-runner (the wasm32 runner in .cargo/config.toml) drives
# Chromium through this driver, with the options in ./webdriver.json.
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# Seconds one wasm test may take in the browser before it counts as failed.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}"

failed=()
step() {
  local name=$1; shift
  echo
  echo "lockstep: == $name: $* =="
  if "$@"; then
    echo "lockstep: $name passed"
  else
    echo "lockstep: $name FAILED (exit $?)"
    failed+=("$name")
  fi
}

lint() {
  # Biome formats and lints the JavaScript (npm run format fixes the format).
  npx --no-install biome ci . &&
    cargo fmt --check &&
    cargo clippy --release --all-targets -- -D warnings &&
    cargo clippy --release --target wasm32-unknown-unknown --lib -- -D warnings &&
    cargo clippy --profile embed --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings &&
    RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet &&
    RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet --target wasm32-unknown-unknown --lib
}
step "house rules (fmt, clippy, doc)" lint

step "native tests" cargo test --profile tests

if [ -f tests/wasm.rs ]; then
  step "wasm browser tests" cargo test --target wasm32-unknown-unknown --no-default-features --features page --test wasm
else
  echo "lockstep: skipping the wasm browser tests: tests/wasm.rs does not exist yet"
fi

mapfile -t e2e < <(find tests/e2e -type f \( -name '*.test.mjs' -o -name '*.test.js' \) 2>/dev/null | sort)
if [ ${#e2e[@]} -gt 0 ]; then
  # One file at a time: the flash-timing tests measure wall-clock frames, and
  # two Chromiums on a small machine would disturb each other.
  # The spec report goes to the log; a TAP copy lets the summary at the end
  # name the failed tests, since CI may keep only the tail of a long log.
  mkdir -p target
  e2e_report=target/e2e-report.tap
  step "end-to-end tests" node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$e2e_report" "${e2e[@]}"
else
  echo "lockstep: skipping the end-to-end tests: tests/e2e/ has no *.test.mjs files yet"
fi

# Fuzzing (link, CSV and file readers) is opt-in: building the instrumented
# fuzz crate takes minutes on a small machine. LOCKSTEP_FUZZ_SECONDS=30 npm test
# fuzzes each target that long; scripts/fuzz.sh runs longer sessions.
if [ -n "${LOCKSTEP_FUZZ_SECONDS:-}" ]; then
  step "fuzzing" bash scripts/fuzz.sh "$LOCKSTEP_FUZZ_SECONDS"
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
  if [ -s "${e2e_report:-}" ] && grep -q '^ *not ok' "$e2e_report"; then
    echo "lockstep: failed end-to-end tests (the full report is $e2e_report):"
    grep '^ *not ok' "$e2e_report" | sed 's/^/  /'
  fi
  echo "lockstep: FAILED: $(IFS=,; echo "${failed[*]}" | sed 's/,/, /g')"
  exit 1
fi
echo "lockstep: all test steps passed"
