#!/usr/bin/env bash
# Installs what Lockstep needs to build (and, with --browser, to test) when it
# is missing. Safe to run again: every step checks first and does nothing when
# the tool is already there at the right version.
#
#   bash scripts/setup.sh            # wasm32 target, wasm-bindgen CLI, npm packages (wasm-opt)
#   bash scripts/setup.sh --browser  # also rustfmt, clippy, Chromium, ChromeDriver
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { echo "lockstep: $*"; }
die() { echo "lockstep: error: $*" >&2; exit 1; }

browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) browser=1 ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$arg' (try --help)" ;;
  esac
done

# cargo install puts binaries here; a fresh shell may not have it on PATH yet.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Runs a command as root: directly, through sudo, or explains what to do.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "'$*' needs root and sudo is not available; run it as root, then run this again"
  fi
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 \
    || die "missing $*; install it with your system's package manager (this script knows apt-get only)"
  say "installing $* with apt-get (needs root)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# The version of the wasm-bindgen crate the build links against. The CLI must
# be exactly this version or it refuses the .wasm file.
wasm_bindgen_version() {
  local v=""
  if [ -f Cargo.lock ]; then
    v=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  fi
  if [ -z "$v" ]; then
    v=$(sed -n 's/^wasm-bindgen *= *"=\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
  fi
  [ -n "$v" ] || die "cannot find the wasm-bindgen version in Cargo.lock or Cargo.toml"
  echo "$v"
}

# The toolchain rust-toolchain.toml pins ("1.95.0").
toolchain_channel() {
  sed -n 's/^channel *= *"\(.*\)".*/\1/p' rust-toolchain.toml
}

setup_rust() {
  command -v cargo >/dev/null 2>&1 && command -v rustup >/dev/null 2>&1 \
    || die "cargo and rustup are required (a Rust toolchain installed with rustup)"

  # rust-toolchain.toml pins the toolchain (with rustfmt, clippy and the
  # wasm32 target); rustup installs what it names when it is missing.
  if [ -f rust-toolchain.toml ] && ! rustup toolchain list | grep -q "^$(toolchain_channel)-"; then
    say "installing the Rust toolchain $(toolchain_channel) (rust-toolchain.toml)"
    rustup toolchain install
  fi

  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi

  local want have
  want=$(wasm_bindgen_version)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    # Another install of the CLI (say, from a second terminal) would race
    # with ours on the same files: let it finish, then look again.
    local waited=0
    while pgrep -f "cargo install wasm-bindgen-cli" >/dev/null 2>&1 && [ $waited -lt 1200 ]; do
      [ $waited -eq 0 ] && say "waiting for a wasm-bindgen-cli install already running"
      sleep 5; waited=$((waited + 5))
    done
    have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  fi
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want${have:+ (found $have)}; compiling it takes a few minutes, once"
    # --locked first, for the dependency versions its authors tested. When the
    # registry no longer offers one of them (a yanked crate), fall back to
    # the newest compatible versions.
    if ! cargo install wasm-bindgen-cli --version "$want" --locked --force; then
      say "the locked install failed; retrying with the newest compatible dependencies"
      cargo install wasm-bindgen-cli --version "$want" --force
    fi
    have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
    [ "$have" = "$want" ] || die "wasm-bindgen $want was installed but '$(command -v wasm-bindgen || echo wasm-bindgen)' reports '$have'"
  fi
}

# The test command also checks formatting and lints.
setup_lint() {
  local missing=()
  cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
  cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
  if [ ${#missing[@]} -gt 0 ]; then
    say "adding the Rust components ${missing[*]}"
    rustup component add "${missing[@]}"
  fi
}

setup_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  # Firefox runs the offline single file's test (tests/e2e/offline.test.mjs).
  [ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] \
    || die "Chromium or ChromeDriver is still missing after the install"
}

setup_npm() {
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  # npm records what it installed in node_modules/.package-lock.json; a newer
  # package-lock.json or package.json means the packages are stale, and a
  # missing wasm-opt that they predate binaryen.
  local marker=node_modules/.package-lock.json
  if [ ! -f "$marker" ] || [ package.json -nt "$marker" ] || [ ! -x node_modules/.bin/wasm-opt ] \
     || { [ -f package-lock.json ] && [ package-lock.json -nt "$marker" ]; }; then
    if [ -f package-lock.json ]; then
      say "installing npm packages (npm ci)"
      npm ci --no-audit --no-fund
    else
      say "installing npm packages (npm install)"
      npm install --no-audit --no-fund
    fi
  fi
}

setup_rust
# The build runs binaryen's wasm-opt from node_modules; the tests, playwright-core.
setup_npm
if [ "$browser" -eq 1 ]; then
  setup_lint
  setup_browser
  say "tools ready: wasm-bindgen $(wasm_bindgen_version), $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
else
  say "tools ready: wasm-bindgen $(wasm_bindgen_version)"
fi
