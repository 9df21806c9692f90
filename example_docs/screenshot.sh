#!/usr/bin/env bash
# Build these docs and take a PNG of the rendered AWS Neuron SDK policy page with headless
# Chromium, for the README. Needs: the docs extra (pip install -e ".[docs]") and Chromium
# (Debian/Ubuntu: apt-get install chromium).
#
#   example_docs/screenshot.sh            # writes example_docs/_static/policy-page.png
#   SOURCE_DATE_EPOCH=... example_docs/screenshot.sh   # pin the as-of date
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
out="${1:-$here/_static/policy-page.png}"
build="$(mktemp -d)"
profile="$(mktemp -d)"
trap 'rm -rf "$build" "$profile"' EXIT

"$python" -m sphinx -q -W -n --keep-going -b html "$here" "$build/html"
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --window-size=1280,1600 \
  --screenshot="$out" "file://$build/html/neuron-policy.html"
echo "wrote $out"
