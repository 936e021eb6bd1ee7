#!/usr/bin/env bash
# `npm run dist`: builds, then gathers the static site into dist/: the HTML
# pages at the root, www/ (the front-end modules and the wasm package) and
# demo/ (the demo article that drives the embed), and lockstep-offline.html,
# the page as one file that runs opened from a file (scripts/offline.mjs).
# Any static host can serve dist/ as it is; `node scripts/serve.mjs dist`
# previews it.
#
# Each release also goes to dist/v/<version>/ (package.json's version),
# which later runs keep: snippets point there, so a published figure never
# changes when the latest does (scripts/release.mjs; docs/embed.md).
# LOCKSTEP_DIST=DIR writes to DIR instead of dist/; LOCKSTEP_SKIP_BUILD=1
# uses the cores in www/pkg as they are (the tests do both).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

[ "${LOCKSTEP_SKIP_BUILD:-0}" = 1 ] || bash scripts/build.sh
[ -f www/pkg/release.json ] || { echo "lockstep: error: www/pkg/release.json is missing: build first (bash scripts/build.sh)" >&2; exit 1; }

dist="${LOCKSTEP_DIST:-dist}"
mkdir -p "$dist"
# A published version never gets another engine: refused before anything is written.
node scripts/release.mjs check "$dist"
# The latest is written anew; the versions published before stay.
find "$dist" -mindepth 1 -maxdepth 1 ! -name v -exec rm -rf {} +
shopt -s nullglob
pages=(*.html)
[ ${#pages[@]} -gt 0 ] || { echo "lockstep: error: no .html page at the repository root" >&2; exit 1; }
cp "${pages[@]}" "$dist/"
cp -R www "$dist/www"
cp -R demo "$dist/demo"
# Type declarations are for editors, not for browsers.
find "$dist" -path "$dist/v" -prune -o -name '*.d.ts' -exec rm -f {} +
# docs/screenshot.png is the link card's image (index.html's og:image).
for extra in favicon.ico favicon.svg robots.txt docs/screenshot.png; do
  if [ -f "$extra" ]; then mkdir -p "$dist/$(dirname "$extra")"; cp "$extra" "$dist/$extra"; fi
done

# One self-contained file for a USB stick or a messaging app: browsers do
# not run the folder's modules opened from a file.
node scripts/offline.mjs "$dist/lockstep-offline.html"

# The versioned copy, and the stamp both serve.
node scripts/release.mjs pin "$dist"

files=$(find "$dist" -type f | wc -l)
size=$(du -sk "$dist" | cut -f1)
echo "lockstep: $dist/ ready: $files files, $size KiB; upload the folder to any static host"
