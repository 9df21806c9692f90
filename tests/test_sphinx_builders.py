"""Each builder renders the directives and the phase badges of the clean ``test-basic`` root
(as of 2025-10-01) without a warning."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

import neuron_policy

from .conftest import html_soup, table_data, text_of, warnings

# The phases on 2025-10-01 of the support matrix rows, newest first (see test_sphinx_directives.py):
# 2.23.0 Upcoming, 2.22.0 and 2.21.0 Supported, 2.20.0 End-of-support announced, 2.19.x End of support;
# and Python 3.9 is in Maintenance.
LABELS = ["Upcoming", "Supported", "End-of-support announced", "End of support", "Maintenance"]
SUPPORT_PHASES = ["Upcoming", "Supported", "Supported", "End-of-support announced", "End of support", "End of support"]


def built(app: Any, name: str) -> str:
    return (Path(str(app.outdir)) / name).read_text(encoding="utf-8")


def builder(name: str) -> Any:
    return pytest.mark.sphinx(name, testroot="basic", freshenv=True)


@builder("html")
def test_html(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    assert app.statuscode == 0
    table = html_soup(app, "support").find(id="sm-default").find("table")
    assert {"neuron-policy", "neuron-support-matrix"} <= set(table["class"])
    assert table.thead is not None  # a header row
    badges = table.tbody.find_all("span", class_="neuron-phase")
    ids = ["upcoming", "supported", "supported", "eos-announced", "end-of-support", "end-of-support"]
    assert [(sorted(b["class"]), text_of(b)) for b in badges] == [
        (["neuron-phase", f"neuron-phase-{phase}"], label) for phase, label in zip(ids, SUPPORT_PHASES, strict=True)
    ]
    # the stylesheet is written and linked
    assert (Path(str(app.outdir)) / "_static" / "neuron_policy.css").is_file()
    links = [link["href"] for link in html_soup(app, "support").find_all("link", rel="stylesheet")]
    assert any(href.split("?")[0] == "_static/neuron_policy.css" for href in links)


@builder("text")
def test_text(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    support = built(app, "support.txt")
    rows = [re.sub(r"\s*\|\s*", "|", line).strip("|") for line in support.splitlines() if line.startswith("| 2.")]
    assert rows[:6] == [
        "2.23.0|2025-12-01|[Upcoming]|\u2014|\u2014",
        "2.22.0|2025-04-03|[Supported]|\u2014|\u2014",
        "2.21.0|2024-12-20|[Supported]|\u2014|\u2014",
        "2.20.0|2024-09-16|[End-of-support announced]|2025-09-01|2025-12-15",
        "2.19.1|2024-07-19|[End of support]|2025-03-01|2025-08-01",
        "2.19.0|2024-07-03|[End of support]|2025-03-01|2025-08-01",
    ]
    assert "Status as of 2025-10-01." in support
    roles = built(app, "roles.txt")
    assert "phase-dep: [Maintenance]" in roles
    assert "phase-sdk: [End-of-support announced]" in roles
    # the notice's sentence and the author's text stay separate paragraphs in plain text
    notices = [block.strip() for block in built(app, "notices.txt").split("\n\n")]
    sentence = next(i for i, block in enumerate(notices) if block.startswith("[End-of-support announced]"))
    assert notices[sentence + 1] == "Upgrade to 2.21 or later."


@builder("latex")
def test_latex(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    tex = built(app, "tiny.tex")
    for label in LABELS:  # bold, and never broken
        latex_label = label.replace("-", r"\sphinxhyphen{}")
        assert rf"\sphinxstylestrong{{\mbox{{{latex_label}}}}}" in tex, label
    # dates are never broken (in a table or from a role); the table text is set smaller
    assert r"\mbox{2024\sphinxhyphen{}09\sphinxhyphen{}16}" in tex
    assert r"released\sphinxhyphen{}sdk: \mbox{2025\sphinxhyphen{}04\sphinxhyphen{}03}" in tex
    assert tex.count(r"\begingroup\footnotesize") == 5  # each dependency matrix
    assert r"\begin{tabulary}" in tex or r"\begin{longtable}" in tex
    assert r"\sphinxstyletheadfamily" in tex  # a header row
    assert "Status as of \\mbox{2025\\sphinxhyphen{}10\\sphinxhyphen{}01}." in tex


@pytest.mark.parametrize(
    "output",
    [
        pytest.param("tiny.1", marks=builder("man"), id="man"),
        pytest.param("tiny.texi", marks=builder("texinfo"), id="texinfo"),
    ],
)
def test_man_and_texinfo(app: Any, output: str) -> None:
    app.build()
    assert warnings(app) == []
    out = built(app, output).replace("\\-", "-").replace("\\&", "")  # man escapes hyphens, guards a leading dot
    for label in LABELS:
        assert f"[{label}]" in out, label
    assert "2.20.0" in out and "2024-09-16" in out and "Status as of 2025-10-01." in out


def _badges(markup: str) -> list[str]:
    from bs4 import BeautifulSoup

    table = BeautifulSoup(markup, "html.parser").find(id="sm-default").find("table")
    return [text_of(b) for b in table.tbody.find_all("span", class_="neuron-phase")]


@builder("dirhtml")
def test_dirhtml(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    assert _badges(built(app, "support/index.html")) == SUPPORT_PHASES


@builder("epub")
def test_epub(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    epub = next(Path(str(app.outdir)).glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        page = archive.read(next(n for n in archive.namelist() if n.endswith("support.xhtml"))).decode("utf-8")
        assert any(name.endswith("_static/neuron_policy.css") for name in archive.namelist())
    assert _badges(page) == SUPPORT_PHASES


@builder("gettext")
def test_gettext_extracts_the_authors_text_not_the_data(app: Any) -> None:
    """Generated tables hold data, which is not translated; the page's own text is."""
    app.build()
    assert warnings(app) == []
    pot = built(app, "support.pot")
    assert 'msgid "sm-default"' in pot
    assert "2.19.1" not in pot and "End-of-support announced" not in pot


@builder("singlehtml")
def test_singlehtml_badges(app: Any) -> None:
    app.build()
    table = html_soup(app, "index").find(id="sm-default").find("table")
    assert [row[2] for row in table_data(table)[1]] == SUPPORT_PHASES


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_stylesheet_is_served_readable_by_everyone(app: Any) -> None:
    app.build()
    css = Path(str(app.outdir)) / "_static" / "neuron_policy.css"
    assert (
        css.read_bytes()
        == (Path(neuron_policy.__file__).parent / "sphinx" / "static" / "neuron_policy.css").read_bytes()
    )
    assert css.stat().st_mode & 0o044 == 0o044  # a web server running as another user can read it
