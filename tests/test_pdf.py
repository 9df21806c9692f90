"""The PDF, as readers see it: the test site with every directive and role, and the example docs,
built with Sphinx's LaTeX builder and pdflatex (through latexmk, as ``make latexpdf`` does).
Any LaTeX error fails the build; in the PDF no badge word and no date is hyphenated or broken,
no word of any page (the wide matrices included) sticks out of the text block, and no page's
text runs into its footer (a table taller than a page runs on over the next).

Needs TeX Live, latexmk and poppler-utils (pdftotext); .ci/run installs them from Debian.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from neuron_policy.core import PHASE_LABELS

from .readers import READERS, require, sphinx_build
from .test_example_docs import DOCS, ROOT, TODAY

#: The right edge of the text block of Sphinx's default page: US letter, one-inch margins (in
#: PostScript points). (Code-block line numbers hang into the left margin by design.)
RIGHT = 612.0 - 72.0


def build_pdf(source: Path, out: Path, *options: str) -> Path:
    for tool in ("pdflatex", "latexmk", "pdftotext"):
        require(shutil.which(tool), f"{tool} (apt-get install texlive-latex-extra latexmk poppler-utils)")
    result = sphinx_build("-b", "latex", "-d", str(out / "doctrees"), *options, str(source), str(out), cwd=ROOT)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    (tex,) = out.glob("*.tex")
    latex = subprocess.run(
        ["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    log = tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("!")]
    assert latex.returncode == 0 and not errors, "\n".join(errors) or latex.stdout[-3000:]
    return tex.with_suffix(".pdf")


@pytest.fixture(scope="module")
def readers_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pdf(READERS, tmp_path_factory.mktemp("readers-pdf"))


@pytest.fixture(scope="module")
def docs_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require(importlib.util.find_spec("myst_parser"), "myst-parser (the example docs have a Markdown page)")
    return build_pdf(DOCS, tmp_path_factory.mktemp("docs-pdf"), "-D", f"neuron_policy_today={TODAY}")


def text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def broken_words(page_text: str) -> list[str]:
    """Badges with a word hyphenated across lines (``End of sup-`` / ``port``), and dates broken
    at a hyphen. Lines are joined first, a hyphen at the end of a line kept as ``-|``: so a badge
    is found wherever its lines break, and the same word hyphenated in prose is not a badge."""
    joined = re.sub(r"\s+", " ", page_text.replace("-\n", "-|"))
    found = [
        f"{label[:i]}-|{label[i:]}"
        for label in PHASE_LABELS.values()
        for i in range(1, len(label))
        if label[i - 1].isalpha() and label[i].isalpha() and f"{label[:i]}-|{label[i:]}" in joined
    ]
    return found + re.findall(r"\b\d{4}-(?:\d{2}-)?\|\d", joined)


#: How far a page's text may run past the text block before it reaches the footer: a table that
#: cannot break across pages and is taller than one runs on over the footer and off the page.
FOOTER_GAP = 12.0


def too_tall(pdf: Path) -> list[float]:
    """How far (in points) the text of each page that is too tall runs past the footer gap:
    LaTeX's own report of a page whose content is higher than the text block."""
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    found = re.findall(r"Overfull \\vbox \(([\d.]+)pt too high\) has occurred while \\output is active", log)
    return [float(points) for points in found if float(points) > FOOTER_GAP]


def outside(pdf: Path) -> list[str]:
    """Words of any page that stick out of the text block on the right."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', boxes)
    return [word for x_max, word in words if float(x_max) > RIGHT + 1]


def test_the_broken_word_finder_finds_them() -> None:
    assert broken_words("End of sup-\nport") == ["End of sup-|port"]
    assert broken_words("Maintenance or end of\nsupport an-\nnounced") == ["Maintenance or end of support an-|nounced"]
    assert broken_words("2026-06-\n30 and 2026-\n06-30") == ["2026-06-|3", "2026-|0"]
    assert broken_words("End of support\n2026-06-30\nwas an-\nnounced; End of\nsupport") == []


def test_the_test_site_pdf(readers_pdf: Path) -> None:
    page_text = text(readers_pdf)
    assert "Maintenance or end of support announced" in page_text.replace("\n", " ")  # the long label is there
    assert "2025-12-15" in page_text
    assert broken_words(page_text) == []
    assert outside(readers_pdf) == []
    assert too_tall(readers_pdf) == []


def test_the_example_docs_pdf(docs_pdf: Path) -> None:
    page_text = text(docs_pdf)
    assert "Dependency support in recent AWS Neuron SDK releases" in page_text
    assert broken_words(page_text) == []
    assert outside(docs_pdf) == []
    assert too_tall(docs_pdf) == []  # a long table runs over pages instead (a longtable)
