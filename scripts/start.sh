#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, and serves the page at
# http://localhost:8080/ (PORT=... to change it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/build.sh
exec node scripts/serve.mjs
