#!/usr/bin/env bash
# Build these docs as a PDF with pdflatex (as `make latexpdf` does) and turn two of its pages
# into PNGs for howto/pdf-and-themes.rst: the page with the dependency matrix and the page with
# the lifecycle tables of the frameworks. Needs: the docs extra, TeX Live and latexmk, and
# poppler-utils (Debian: apt-get install texlive-latex-recommended texlive-latex-extra
# texlive-fonts-recommended tex-gyre latexmk poppler-utils).
#
#   example_docs/pdf-pages.sh                          # writes example_docs/_static/pdf-*.png
#   SOURCE_DATE_EPOCH=... example_docs/pdf-pages.sh    # pin the as-of date
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
out="${1:-$here/_static}"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT

"$python" -m sphinx -M latexpdf "$here" "$build" -q -W -n --keep-going >/dev/null
pdf="$build/latex/sphinx-neuron-policy.pdf"
pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
page_with() {  # the first page whose text has $1
  for ((page = 1; page <= pages; page++)); do
    if pdftotext -f "$page" -l "$page" -layout "$pdf" - | grep -- "$1" >/dev/null; then  # not -q: pipefail
      echo "$page"
      return
    fi
  done
  echo "no page has: $1" >&2
  exit 1
}
render() {  # render PAGE NAME
  pdftoppm -f "$1" -l "$1" -r 90 -png -singlefile "$pdf" "$out/$2"
  echo "wrote $out/$2.png (page $1)"
}
matrix="$(page_with "Dependency support in recent AWS Neuron SDK releases")"
lifecycle="$(page_with "^Frameworks")"
render "$matrix" pdf-dependency-matrix
render "$lifecycle" pdf-lifecycle
