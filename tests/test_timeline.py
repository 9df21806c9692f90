"""The ``neuron-timeline`` picture: well-formed, accessible SVG in HTML (both drawings), TikZ in
LaTeX, a table in text; every string escaped; located errors for bad options."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from neuron_policy.core import (
    ABBREVIATIONS,
    PHASE_LABELS,
    Words,
    chart,
    check,
    layout,
    sdk_rows,
    timeline_svg,
    version_rows,
)

from .conftest import ROOTS, html_soup, sphinx_path, warnings

SVG = "{http://www.w3.org/2000/svg}"
TITLE = "<img src=x onerror=alert(1)> & \"T\" 't' *emph* :ref:`x` {}\\%$#_^~"

MakeApp = Any


def site(make_app: MakeApp, tmp_path: Path, root: str, body: str, builder: str = "html", **conf: Any) -> Any:
    """Build a copy of a test root with a page ``timeline`` holding ``body``."""
    srcdir = tmp_path / root
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    (srcdir / "timeline.rst").write_text(f"Timeline\n========\n\n{body}\n", encoding="utf-8")
    with open(srcdir / "index.rst", "a", encoding="utf-8") as index:
        index.write("\n.. toctree::\n\n   timeline\n")
    app = make_app(builder, srcdir=sphinx_path(srcdir), freshenv=True, confoverrides=conf)
    app.build()
    return app


def svgs(app: Any, page: str = "timeline") -> list[ElementTree.Element]:
    """Every SVG of a page, parsed as XML (it must be well-formed)."""
    soup = html_soup(app, page)
    return [ElementTree.fromstring(str(svg)) for svg in soup.find_all("svg")]


def test_the_svg_is_well_formed_accessible_and_says_each_phase_in_words(make_app: MakeApp, tmp_path: Path) -> None:
    app = site(make_app, tmp_path, "basic", ".. neuron-timeline:: sdk, python, pytorch\n   :caption: Lifecycle")
    assert warnings(app) == []
    wide, narrow = svgs(app)
    for svg in (wide, narrow):
        assert svg.get("role") == "img"
        labelled = svg.get("aria-labelledby", "").split()
        found = {el.get("id"): "".join(el.itertext()) for el in svg.iter() if el.get("id") in labelled}
        assert [svg.find(f"{SVG}title").text, len(labelled)] == ["Lifecycle", 2]
        assert set(found) == set(labelled)
        desc = found[labelled[1]]
        for name in ("SDK 2.22", "SDK 2.19", "Python 3.8", "Python 3.9", "PyTorch 2.1"):
            assert f"{name}:" in desc, name
        assert "Maintenance 2025-04-03" in desc and "no end date" in desc
        # each bar shows its phase in words, its abbreviation, or (too short for either) in its tooltip
        bars = [g for g in svg.iter(f"{SVG}g") if "nt-seg" in (g.get("class") or "")]
        assert len(bars) > 20
        for bar in bars:
            text = bar.find(f"{SVG}text")
            tip = bar.find(f"{SVG}title")
            phase = next(c[len("nt-phase-") :] for c in bar.get("class").split() if c.startswith("nt-phase-"))
            said = {PHASE_LABELS[phase], ABBREVIATIONS[phase]}
            assert (text is not None and text.text in said) or (tip is not None and PHASE_LABELS[phase] in tip.text)
        legend = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "nt-legend")
        words = ["".join(t.itertext()) for t in legend.iter(f"{SVG}text")]
        for phase in ("supported", "maintenance", "end-of-support"):
            assert PHASE_LABELS[phase] in words and ABBREVIATIONS[phase] in words
        today = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "nt-today")
        assert "".join(today.itertext()).strip() == "As of 2025-10-01"
        years = [t.text for t in svg.iter(f"{SVG}text") if t.text and t.text.isdigit()]
        assert years == sorted(years) and "2025" in years
    assert "neuron-timeline-wide" in wide.get("class") and "neuron-timeline-narrow" in narrow.get("class")
    assert float(narrow.get("width")) < float(wide.get("width"))


def test_the_table_below_says_the_same_as_the_picture(make_app: MakeApp, tmp_path: Path) -> None:
    app = site(make_app, tmp_path, "basic", ".. neuron-timeline:: python")
    soup = html_soup(app, "timeline")
    details = soup.find("details", class_="neuron-timeline-facts")
    rows = [[" ".join(td.get_text().split()) for td in tr.find_all("td")] for tr in details.find("tbody").find_all("tr")]
    heads = [" ".join(th.get_text().split()) for th in details.find("thead").find_all("th")]
    python38 = dict(zip(heads, next(r for r in rows if r[0] == "Python 3.8"), strict=True))
    assert python38["Phase"] == "End of support" and python38["End of support"]
    python310 = dict(zip(heads, next(r for r in rows if r[0] == "Python 3.10"), strict=True))
    assert python310["End of support"] == "not announced"


@pytest.mark.parametrize(("builder", "output"), [("text", "timeline.txt"), ("man", "tiny.1"), ("texinfo", "tiny.texi")])
def test_text_builders_show_the_table(make_app: MakeApp, tmp_path: Path, builder: str, output: str) -> None:
    app = site(make_app, tmp_path, "basic", ".. neuron-timeline:: sdk, python", builder=builder)
    assert warnings(app) == []
    text = (Path(str(app.outdir)) / output).read_text(encoding="utf-8").replace("\\-", "-")
    assert "SDK 2.22" in text and "Python 3.9" in text and "[Maintenance]" in text and "not announced" in text
    assert "<svg" not in text and "tikz" not in text


def test_an_epub_shows_the_table(make_app: MakeApp, tmp_path: Path) -> None:
    import zipfile

    app = site(make_app, tmp_path, "basic", ".. neuron-timeline:: python", builder="epub")
    assert warnings(app) == []
    with zipfile.ZipFile(next(Path(str(app.outdir)).glob("*.epub"))) as archive:
        page = archive.read(next(n for n in archive.namelist() if n.endswith("timeline.xhtml"))).decode("utf-8")
    assert "<svg" not in page and "neuron-timeline-table" in page and "Python 3.8" in page


def test_latex_draws_it_with_tikz(make_app: MakeApp, tmp_path: Path) -> None:
    app = site(make_app, tmp_path, "basic", ".. neuron-timeline:: sdk, python", builder="latex")
    assert warnings(app) == []
    tex = (Path(str(app.outdir)) / "tiny.tex").read_text(encoding="utf-8")
    assert r"\usepackage{tikz}" in tex
    picture = tex[tex.index(r"\begin{tikzpicture}") : tex.index(r"\end{tikzpicture}")]
    assert r"\resizebox{\linewidth}{!}" in tex and r"\includegraphics" not in picture
    assert "SDK 2.22" in picture and "Python 3.9" in picture and "Maintenance" in picture


def test_every_string_is_escaped(make_app: MakeApp, tmp_path: Path) -> None:
    app = site(make_app, tmp_path, "escaping", ".. neuron-timeline:: evil\n   :caption: <b>caption</b>")
    svg = svgs(app)[0]
    texts = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert any(text.startswith(TITLE[:20]) for text in texts), texts
    assert svg.find(f"{SVG}title").text == "<b>caption</b>"
    page = (Path(str(app.outdir)) / "timeline.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<b>caption" not in page
    latex = site(make_app, tmp_path / "l", "escaping", ".. neuron-timeline:: evil", builder="latex")
    tex = next(Path(str(latex.outdir)).glob("*.tex")).read_text(encoding="utf-8")
    picture = tex[tex.index(r"\begin{tikzpicture}") : tex.index(r"\end{tikzpicture}")]
    assert r"\{\}\textbackslash{}\%\$\#\_\textasciicircum{}\textasciitilde{}" in picture


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (":start: 2025-13", ":start: expected a date YYYY-MM-DD or a month YYYY-MM, got '2025-13'"),
        (":start: 2025-06\n   :end: 2025-01", ":end: 2025-01-01 is not after :start: 2025-06-01"),
        (":platforms: inf9", ":platforms: unknown platform 'inf9'"),
    ],
)
def test_bad_options_are_located_errors(make_app: MakeApp, tmp_path: Path, options: str, message: str) -> None:
    app = site(make_app, tmp_path, "basic", f".. neuron-timeline:: sdk\n   {options}")
    found = [w for w in warnings(app) if "neuron_policy" in w]
    assert len(found) == 1 and found[0].startswith("timeline.rst:4: ERROR: neuron-timeline: ") and message in found[0]
    assert app.statuscode == 1


def test_an_unknown_subject_is_a_located_error(make_app: MakeApp, tmp_path: Path) -> None:
    app = site(make_app, tmp_path, "basic", ".. neuron-timeline:: sdk, pyton")
    found = [w for w in warnings(app) if "neuron_policy" in w]
    assert len(found) == 1 and "no dependency 'pyton' (did you mean 'python' or 'pytorch'?)" in found[0]


def test_rows_split_by_platform_where_phases_differ(make_app: MakeApp, tmp_path: Path) -> None:
    app = site(make_app, tmp_path, "platforms", ".. neuron-timeline:: python, pytorch, nxd-training")
    assert warnings(app) == []
    labels = [t.text for t in svgs(app)[0].iter(f"{SVG}text") if "nt-label" in (t.get("class") or "")]
    assert [label for label in labels if label.startswith("Python 3.9")] == ["Python 3.9 (Inf1)", "Python 3.9 (Inf2, Trn1)"]
    assert "Python 3.10" in labels  # the same on every platform: one row, no platform named
    assert "NxD Training (Trn1)" in labels  # only on one platform


def test_the_window_options_clip_the_rows() -> None:
    r = check(ROOTS / "test-basic" / "policy_data", dt.date(2025, 10, 1))
    rows = sdk_rows(r.lifecycle, r.as_of) + [
        row for v in r.lifecycle.all_versions() for row in version_rows(r.lifecycle, v, r.as_of)
    ]
    wide = chart(rows, r.as_of)
    narrow = chart(rows, r.as_of, dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    assert (narrow.start, narrow.end) == (dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    assert wide.start <= narrow.start and len(narrow.rows) < len(wide.rows)  # rows ended before 2025 drop out


def test_the_svg_is_deterministic_and_fast() -> None:
    """Fifty rows in well under a second (benchmarks/ measures it properly)."""
    import time

    r = check(ROOTS.parent.parent / "policy_data", dt.date(2026, 11, 24))
    rows = sdk_rows(r.lifecycle, r.as_of) + [
        row for v in r.lifecycle.all_versions() for row in version_rows(r.lifecycle, v, r.as_of)
    ]
    shown = chart(rows[:50], r.as_of, dt.date(2021, 1, 1))
    words = Words(dict(PHASE_LABELS), "As of 2026-11-24", "no end date")
    start = time.perf_counter()
    first = timeline_svg(layout(shown, words, lambda row: row.label), title="t", desc="d", ident="x")
    assert time.perf_counter() - start < 1.0
    assert len(shown.rows) == 50
    assert timeline_svg(layout(shown, words, lambda row: row.label), title="t", desc="d", ident="x") == first
    ElementTree.fromstring(first)
