#!/usr/bin/env bash
# Build these docs and take PNGs of the rendered AWS Neuron SDK policy page with headless
# Chromium, for the README: one with the system in light mode, one in dark mode (the theme
# follows the system). Needs: the docs extra (pip install -e ".[docs]") and Chromium
# (Debian/Ubuntu: apt-get install chromium).
#
#   example_docs/screenshot.sh            # writes example_docs/_static/policy-page{,-dark}.png
#   SOURCE_DATE_EPOCH=... example_docs/screenshot.sh   # pin the as-of date
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
out="${1:-$here/_static}"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT

"$python" -m sphinx -q -W -n --keep-going -b html -d "$build/doctrees" "$here" "$build/html"
shoot() {  # shoot FILE [CHROMIUM FLAG...]
  local file="$1" profile
  shift
  profile="$(mktemp -d -p "$build")"
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size=1280,1600 "$@" \
    --screenshot="$file" "file://$build/html/neuron-policy.html"
  echo "wrote $file"
}
shoot "$out/policy-page.png"
shoot "$out/policy-page-dark.png" --force-dark-mode
