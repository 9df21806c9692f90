"""Strings from the YAML only ever become text: never reST, never raw HTML or LaTeX.

``tests/roots/test-escaping`` puts markup, ``&``, quotes and the LaTeX specials ``{}\\%$#_^~`` in every
string field that reaches output: the policy ``sdk`` name, a dependency ``title`` and ``version``,
both ``announcement`` labels (undefined labels, so they show as plain text) and a waiver ``reason``
(which only the log shows). As of 2025-03-01: SDK 1.0.0 (2024-01-10) ended 2024-12-31 (announced
2024-03-01); the ``evil`` dependency version (``>=1.0``) has its end of support announced 2025-02-01.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.util.texescape import escape as tex_escape

from .conftest import html_soup, table_data, text_of, warnings

SPECIALS = "{}\\%$#_^~"
SDK_NAME = f"<script>alert(\"sdk\")</script> & 'q' {SPECIALS} SDK"
TITLE = f"<img src=x onerror=alert(1)> & \"T\" 't' *emph* :ref:`x` {SPECIALS}"
VERSION = f"<b>2</b>&\"v'{SPECIALS}"
SDK_LABEL = f'<script>alert("sdk-label")</script>&{SPECIALS}'
DEP_LABEL = f"<img src=y onerror=alert(2)>\"'{SPECIALS}"
REASON = f'<script>alert("reason")</script> & "r" \'r\' {SPECIALS}'
NONE = "\u2014"
DEP_ANN = "Maintenance or end of support announced"

ESCAPING = pytest.mark.sphinx("html", testroot="escaping", freshenv=True)


def test_root_data_holds_the_strings() -> None:
    """Guard: the root's YAML really contains these strings (so the tests below test something)."""
    root = Path(__file__).parent / "roots" / "test-escaping" / "policy_data"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.yaml"))).replace("''", "'")
    for value in (SDK_NAME, TITLE, VERSION, SDK_LABEL, DEP_LABEL, REASON):
        assert f"'{value}'" in text, value


def undefined_label_warnings(app: Any) -> list[str]:
    """The undefined-label warnings, by YAML file and line."""
    found = []
    for line in warnings(app):
        match = re.match(
            r"^(policy_data/[\w/.]+\.yaml:\d+):\d+: WARNING: undefined label: .*\[neuron_policy\.undefined-label\]$",
            line,
        )
        assert match, line
        found.append(match.group(1))
    return sorted(found)


@ESCAPING
def test_html_shows_every_string_as_text(app: Any, status: StringIO) -> None:
    app.build()
    # the labels are not defined anywhere: the lifecycle table, the notice and the announcements
    # table each link the dependency label (line 8); the notice and the table link the SDK one
    # (line 10); each is reported once
    assert undefined_label_warnings(app) == ["policy_data/dependencies/evil.yaml:8", "policy_data/sdk.yaml:10"]
    assert app.statuscode == 0
    soup = html_soup(app)
    main = soup.find("section", id="escaping") or soup.find(id="escaping")

    # nothing from the data became an element or an attribute
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    assert soup.find_all(attrs={"onerror": True}) == []
    assert main.find_all(["img", "b", "em", "script"]) == []
    assert [a for a in main.find_all("a") if text_of(a) == "x"] == []  # :ref:`x` was not parsed

    tables = main.find_all("table")
    kinds = [next(c for c in t["class"] if c.startswith("neuron-") and c != "neuron-policy") for t in tables]
    assert kinds == ["neuron-support-matrix", "neuron-dependency-matrix", "neuron-dependency-lifecycle",
                     "neuron-eos-announcements"]  # fmt: skip
    _support, matrix, lifecycle, announcements = tables

    # columns: minors first released after 2024-03-01 -> only 1.1 (1.0 was released 2024-01-10)
    assert table_data(matrix) == (["Dependency", "Version", "1.1"], [[TITLE, VERSION, DEP_ANN]])
    row = table_data(lifecycle)[1][0]
    assert row[0] == VERSION and row[-1] == DEP_LABEL
    assert table_data(announcements)[1] == [
        ["2025-02-01", f"{TITLE} {VERSION}", "End of support", DEP_ANN, NONE, DEP_LABEL],
        ["2024-03-01", "SDK 1.0.x", "End of support", "End of support", "2024-12-31", SDK_LABEL],
    ]
    dep_notice, sdk_notice = main.find_all("div", class_="neuron-eos-notice")
    dep_sentence = text_of(dep_notice.find_all("p")[1])
    assert SDK_NAME in dep_sentence and f"{TITLE} {VERSION}" in dep_sentence
    assert SDK_NAME in text_of(sdk_notice.find_all("p")[1])

    # the waiver's reason is only logged (the waived min-support finding is reported as info)
    assert REASON not in soup.get_text()
    assert REASON in status.getvalue()


@ESCAPING
def test_html_markup_is_escaped_in_the_source(app: Any) -> None:
    app.build()
    html = (Path(str(app.outdir)) / "index.html").read_text(encoding="utf-8")
    # the page source never contains the data's markup unescaped
    for raw in ("<script>alert", "<img src=x", "<img src=y", "<b>2</b>"):
        assert raw not in html, raw


@pytest.mark.sphinx("latex", testroot="escaping", freshenv=True)
def test_latex_escapes_every_string(app: Any) -> None:
    app.build()
    assert undefined_label_warnings(app) == ["policy_data/dependencies/evil.yaml:8", "policy_data/sdk.yaml:10"]
    tex = (Path(str(app.outdir)) / "escaping.tex").read_text(encoding="utf-8")
    body = tex[tex.index(r"\begin{document}") :]
    for value in (SDK_NAME, TITLE, VERSION, SDK_LABEL, DEP_LABEL):
        assert tex_escape(value) in body, value
    # e.g. "{}\%$#_^~" becomes "\{\}\textbackslash{}\%\$\#\_\textasciicircum{}\textasciitilde{}"
    assert tex_escape(SPECIALS) == r"\{\}\textbackslash{}\%\$\#\_\textasciicircum{}\textasciitilde{}"
    assert SPECIALS not in body
    assert "<script>" not in body and "<img" not in body
    assert tex_escape(REASON) not in body and '"reason"' not in body


@pytest.mark.sphinx("html", testroot="escaping", freshenv=True, confoverrides={"smartquotes": True})
def test_versions_are_shown_as_written_with_smartquotes(app: Any) -> None:
    """A dependency version is an identifier: Sphinx's default smart quotes must not rewrite it."""
    app.build()
    matrix = html_soup(app).find("table", class_="neuron-dependency-matrix")
    assert table_data(matrix)[1][0][1] == VERSION
