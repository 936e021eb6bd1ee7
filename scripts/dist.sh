#!/usr/bin/env bash
# `npm run dist`: builds, then gathers the static site into dist/: the HTML
# pages at the root, www/ (the front-end modules and the wasm package) and
# demo/ (the demo article that drives the embed), and lockstep-offline.html,
# the page as one file that runs opened from a file (scripts/offline.mjs).
# Any static host can serve dist/ as it is; `node scripts/serve.mjs dist`
# previews it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/build.sh

rm -rf dist
mkdir -p dist
shopt -s nullglob
pages=(*.html)
[ ${#pages[@]} -gt 0 ] || { echo "lockstep: error: no .html page at the repository root" >&2; exit 1; }
cp "${pages[@]}" dist/
cp -R www dist/www
cp -R demo dist/demo
# Type declarations are for editors, not for browsers.
find dist -name '*.d.ts' -delete
for extra in favicon.ico favicon.svg robots.txt; do
  if [ -f "$extra" ]; then mkdir -p "dist/$(dirname "$extra")"; cp "$extra" "dist/$extra"; fi
done

# One self-contained file for a USB stick or a messaging app: browsers do
# not run the folder's modules opened from a file.
node scripts/offline.mjs dist/lockstep-offline.html

files=$(find dist -type f | wc -l)
size=$(du -sk dist | cut -f1)
echo "lockstep: dist/ ready: $files files, $size KiB; upload the folder to any static host"
