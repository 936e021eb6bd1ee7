#!/usr/bin/env bash
# Checks the dependencies against published security advisories, as far as
# this machine can reach them (docs/dependencies.md has the last results):
#   - the crates locked in Cargo.lock and fuzz/Cargo.lock, with cargo-audit
#     (installed from crates.io when missing) against a local copy of the
#     RustSec advisory database (the rustsec/advisory-db repository):
#       bash scripts/audit.sh /path/to/advisory-db
#   - the npm packages, with `npm audit` (needs the npm registry's advisory
#     endpoint; where it does not answer, the script says so).
# Opt-in, not part of `npm test`: advisories are published every day from
# outside the project, so a run is not deterministic, and the database is
# not shipped here. Exits non-zero when an advisory matches a locked crate
# or package, or when a check could not run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

db="${1:-${ADVISORY_DB:-}}"
status=0

if [ -z "$db" ] || [ ! -d "$db/crates" ]; then
  echo "lockstep: audit: no advisory database given (a copy of rustsec/advisory-db, with its crates/ folder): crates not checked"
  status=1
else
  if ! command -v cargo-audit >/dev/null; then
    echo "lockstep: audit: installing cargo-audit (a few minutes)"
    cargo install cargo-audit --locked || exit 1
  fi
  echo "lockstep: audit: advisory database at $(git -C "$db" log -1 --format='%h, %cs' 2>/dev/null || echo "$db")"
  for lock in Cargo.lock fuzz/Cargo.lock; do
    [ -f "$lock" ] || continue
    echo "lockstep: audit: $lock"
    # --no-fetch: the database as given; --stale: an old copy is still read (its date is printed above).
    cargo audit --db "$db" --no-fetch --stale --file "$lock" || status=1
  done
fi

echo "lockstep: audit: npm packages (package-lock.json)"
if ! npm audit --omit=optional; then
  echo "lockstep: audit: npm audit found advisories or could not reach the registry's advisory endpoint (see above)"
  status=1
fi
exit $status
