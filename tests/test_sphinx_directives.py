"""Every directive with each option, on the ``test-basic`` root (as of 2025-10-01).

The data (``tests/roots/test-basic/policy_data``), by hand:

SDK releases: 2.19.0 (2024-07-03), 2.19.1 (2024-07-19), 2.20.0 (2024-09-16), 2.21.0 (2024-12-20),
2.22.0 (2025-04-03), 2.23.0 (2025-12-01, after the as-of date).
End of support: ``<2.20`` announced 2025-03-01, effective 2025-08-01;
``==2.20.*`` announced 2025-09-01, effective 2025-12-15 (label ``eos-sdk-2-20``).

Python 3.8 ``>=2.19, <2.21``: EOS announced 2024-10-01, effective 2.21.0 (2024-12-20).
Python 3.9 ``>=2.19, <2.23``: maintenance announced 2025-03-01 from 2.22.0 (2025-04-03);
EOS announced 2025-09-10, effective 2.23.0 (2025-12-01).
Python 3.10 ``>=2.21``; Python 3.12 ``>=2.23``.
PyTorch 2.1 ``>=2.19, <2.22``: EOS announced 2025-01-10, effective by default the first release
above the range, 2.22.0 (2025-04-03). PyTorch 2.5 ``>=2.21``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOTS, html_soup, sphinx_path, table_data, text_of, warnings

BASIC = pytest.mark.sphinx("html", testroot="basic", freshenv=True)
NONE = "\u2014"  # the empty mark
SUP, UPC, EOS, ANN, MAINT = "Supported", "Upcoming", "End of support", "End-of-support announced", "Maintenance"
SUPPORT_HEAD = ["Version", "Released", "Phase", "EOS announced", "End of support"]
# As of 2025-10-01: 2.23.0 is not released yet; 2.20.x EOS was announced 2025-09-01 (<= as-of) and
# takes effect 2025-12-15 (> as-of); 2.19.x EOS took effect 2025-08-01 (<= as-of).
ROWS = {
    "2.23.0": ["2.23.0", "2025-12-01", UPC, NONE, NONE],
    "2.22.0": ["2.22.0", "2025-04-03", SUP, NONE, NONE],
    "2.21.0": ["2.21.0", "2024-12-20", SUP, NONE, NONE],
    "2.20.0": ["2.20.0", "2024-09-16", ANN, "2025-09-01", "2025-12-15"],
    "2.19.1": ["2.19.1", "2024-07-19", EOS, "2025-03-01", "2025-08-01"],
    "2.19.0": ["2.19.0", "2024-07-03", EOS, "2025-03-01", "2025-08-01"],
}


def section_table(app: Any, page: str, section: str) -> Any:
    found = html_soup(app, page).find(id=section)
    assert found is not None, section
    tables = found.find_all("table")
    assert len(tables) == 1, section
    return tables[0]


def as_of_after(table: Any) -> str | None:
    """The "Status as of" paragraph right after a table (and its frame), if there is one."""
    frame = table.parent
    assert "neuron-policy-frame" in frame["class"]
    sibling = frame.find_next_sibling()
    if sibling is not None and "neuron-policy-as-of" in (sibling.get("class") or []):
        return text_of(sibling)
    return None


@BASIC
def test_clean_root_builds_without_warnings(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    assert app.statuscode == 0


@BASIC
def test_support_matrix_default(app: Any) -> None:
    app.build()
    table = section_table(app, "support", "sm-default")
    assert table["class"][:2] == ["neuron-policy", "neuron-support-matrix"]
    head, body = table_data(table)
    assert head == SUPPORT_HEAD
    assert body == list(ROWS.values())  # newest first
    badge = table.tbody.find("span", class_="neuron-phase-eos-announced")
    assert badge is not None and "neuron-phase" in badge["class"] and text_of(badge) == ANN
    assert as_of_after(table) == "Status as of 2025-10-01."


@pytest.mark.parametrize(
    ("section", "head", "rows"),
    [
        # :versions: >=2.20, <2.23
        ("sm-versions", SUPPORT_HEAD, [ROWS["2.22.0"], ROWS["2.21.0"], ROWS["2.20.0"]]),
        # :phases: supported, upcoming
        ("sm-phases", SUPPORT_HEAD, [ROWS["2.23.0"], ROWS["2.22.0"], ROWS["2.21.0"]]),
        # :columns: phase version
        ("sm-columns", ["Phase", "Version"], [[r[2], r[0]] for r in ROWS.values()]),
        # :group: minor keeps each minor's latest patch: 2.19.1, not 2.19.0
        ("sm-group", SUPPORT_HEAD, [ROWS[v] for v in ("2.23.0", "2.22.0", "2.21.0", "2.20.0", "2.19.1")]),
        # :limit: 2
        ("sm-limit", SUPPORT_HEAD, [ROWS["2.23.0"], ROWS["2.22.0"]]),
    ],
)
@BASIC
def test_support_matrix_options(app: Any, section: str, head: list[str], rows: list[list[str]]) -> None:
    app.build()
    table = section_table(app, "support", section)
    assert table_data(table) == (head, rows)
    assert as_of_after(table) == "Status as of 2025-10-01."


@BASIC
def test_table_caption_name_class_and_no_as_of(app: Any) -> None:
    app.build()
    table = section_table(app, "support", "sm-caption")
    assert table["id"] == "supported-sdks"
    assert {"neuron-policy", "neuron-support-matrix", "extra-one", "extra-two"} <= set(table["class"])
    assert text_of(table.caption.find(class_="caption-text")) == "Supported SDKs"
    assert as_of_after(table) == "Status as of 2025-10-01."
    # the :name: is a target: :ref:`supported-sdks` on another page links to it, with the caption
    link = next(li for li in html_soup(app, "roles").find_all("li") if text_of(li).startswith("ref-table"))
    assert link.a["href"] == "support.html#supported-sdks" and text_of(link.a) == "Supported SDKs"
    bare = section_table(app, "support", "sm-no-as-of")
    assert table_data(bare) == (SUPPORT_HEAD, [ROWS["2.23.0"]])
    assert as_of_after(bare) is None
    assert html_soup(app, "support").find(id="sm-no-as-of").find(class_="neuron-policy-as-of") is None


# Default columns as of 2025-10-01: minors first released after 2024-10-01, or upcoming:
# 2.21 (2024-12-20), 2.22 (2025-04-03), 2.23 (2025-12-01, upcoming); not 2.19, 2.20.
DM_HEAD = ["Dependency", "Version", "2.23", "2.22", "2.21"]
PY_ROWS = [
    # Python 3.8 (2.19-2.20) is in none of the shown minors: no row
    ["Python", "3.9", NONE, MAINT, MAINT],  # maintenance from 2.22.0 (2025-04-03)
    ["", "3.10", SUP, SUP, SUP],
    ["", "3.12", UPC, NONE, NONE],
]
TORCH_ROWS = [["PyTorch", "2.1", NONE, NONE, EOS], ["", "2.5", SUP, SUP, SUP]]


@pytest.mark.parametrize(
    ("section", "head", "rows"),
    [
        ("dm-default", DM_HEAD, PY_ROWS + TORCH_ROWS),
        ("dm-ids", DM_HEAD, TORCH_ROWS),  # argument: pytorch
        ("dm-category", DM_HEAD, PY_ROWS),  # :category: language-runtime
        # :sdk: >=2.19, <2.21 -> minors 2.20, 2.19; rows supported there
        (
            "dm-sdk",
            ["Dependency", "Version", "2.20", "2.19"],
            [["Python", "3.8", EOS, EOS], ["", "3.9", MAINT, MAINT], ["PyTorch", "2.1", EOS, EOS]],
        ),
    ],
)
@BASIC
def test_dependency_matrix(app: Any, section: str, head: list[str], rows: list[list[str]]) -> None:
    app.build()
    table = section_table(app, "deps", section)
    assert table["class"][:2] == ["neuron-policy", "neuron-dependency-matrix"]
    assert table_data(table) == (head, rows)
    # where not supported: an empty mark, not a badge
    for cell in table.tbody.find_all("td"):
        if text_of(cell) == NONE:
            assert cell.find("span", class_="neuron-phase") is None
    assert as_of_after(table) == "Status as of 2025-10-01."


@BASIC
def test_dependency_matrix_table_options(app: Any) -> None:
    app.build()
    table = section_table(app, "deps", "dm-caption")  # python pytorch, :sdk: ==2.23.*
    assert table_data(table) == (
        ["Dependency", "Version", "2.23"],
        [["Python", "3.10", SUP], ["", "3.12", UPC], ["PyTorch", "2.5", SUP]],
    )
    assert table["id"] == "deps-223" and "extra" in table["class"]
    assert text_of(table.caption.find(class_="caption-text")) == "Dependencies of 2.23"
    assert as_of_after(table) is None


def as_of(day: str) -> Any:
    """The ``test-basic`` build with another as-of date (read once, at ``builder-inited``)."""
    return pytest.mark.sphinx("html", testroot="basic", freshenv=True, confoverrides={"neuron_policy_today": day})


@pytest.mark.parametrize(
    "head",
    [
        # 12 months before 2025-09-20 is 2024-09-20: 2.20 (first released 2024-09-16) is older
        pytest.param(DM_HEAD, marks=as_of("2025-09-20"), id="2025-09-20"),
        # 12 months before 2025-12-21 is 2024-12-21: 2.21 (2024-12-20) is one day older;
        # 2.23 (2025-12-01) is released, 2.22 (2025-04-03) is within
        pytest.param(["Dependency", "Version", "2.23", "2.22"], marks=as_of("2025-12-21"), id="2025-12-21"),
        # 12 months before 2025-04-02 is 2024-04-02: 2.19, 2.20, 2.21 are within, 2.22 and 2.23 upcoming
        pytest.param(
            ["Dependency", "Version", "2.23", "2.22", "2.21", "2.20", "2.19"],
            marks=as_of("2025-04-02"),
            id="2025-04-02",
        ),
    ],
)
def test_dependency_matrix_default_columns_are_the_last_12_months(app: Any, head: list[str]) -> None:
    app.build()
    assert table_data(section_table(app, "deps", "dm-default"))[0] == head


LC_HEAD = ["Version", "Supported in", "Phase", "Announced", "Maintenance from", "End of support", "Announcement"]


@BASIC
def test_dependency_lifecycle(app: Any) -> None:
    app.build()
    table = section_table(app, "lifecycle", "lc-python")
    assert table["class"][:2] == ["neuron-policy", "neuron-dependency-lifecycle"]
    assert table_data(table) == (
        LC_HEAD,
        [
            # 3.8: last release in >=2.19,<2.21 is 2.20.0; EOS 2.21.0 = 2024-12-20
            ["3.8", "2.19.0 \u2013 2.20.0", EOS, "2024-10-01", NONE, "2024-12-20 (SDK 2.21.0)",
             "End of support for Python 3.8"],
            # 3.9: announced = earlier of 2025-03-01 and 2025-09-10
            ["3.9", "2.19.0 \u2013 2.22.0", MAINT, "2025-03-01", "2025-04-03", "2025-12-01 (SDK 2.23.0)",
             "End of support for Python 3.9"],
            # "Supported in" ends at the last supporting release published by the as-of date:
            # 2.23.0 (2025-12-01) is still upcoming on 2025-10-01.
            ["3.10", "2.21.0 \u2013 2.22.0", SUP, NONE, NONE, NONE, NONE],
            ["3.12", "from 2.23.0 (upcoming)", UPC, NONE, NONE, NONE, NONE],
        ],
    )  # fmt: skip
    links = [a["href"] for a in table.tbody.find_all("a")]
    assert links == ["announce.html#eos-python-38", "announce.html#eos-python-39"]
    assert as_of_after(table) == "Status as of 2025-10-01."


@BASIC
def test_dependency_lifecycle_options(app: Any) -> None:
    app.build()
    table = section_table(app, "lifecycle", "lc-pytorch")
    assert table_data(table) == (
        LC_HEAD,
        [
            ["2.1", "2.19.0 \u2013 2.21.0", EOS, "2025-01-10", NONE, "2025-04-03 (SDK 2.22.0)",
             "End of support for PyTorch 2.1"],
            ["2.5", "2.21.0 \u2013 2.22.0", SUP, NONE, NONE, NONE, NONE],
        ],
    )  # fmt: skip
    assert table["id"] == "pytorch-lifecycle" and "extra" in table["class"]
    assert text_of(table.caption.find(class_="caption-text")) == "PyTorch lifecycle"
    assert as_of_after(table) is None


def notice(app: Any, section: str) -> Any:
    found = html_soup(app, "notices").find(id=section)
    assert found is not None
    return found.find_all("div", class_="neuron-eos-notice")


@BASIC
def test_eos_notice(app: Any) -> None:
    app.build()
    (sdk,) = notice(app, "notice-sdk")
    paragraphs = [text_of(p) for p in sdk.find_all("p") if "admonition-title" not in (p.get("class") or [])]
    # generated sentence first (badge, what ends, when, announced, last SDK), then the content
    assert len(paragraphs) == 2 and paragraphs[1] == "Upgrade to 2.21 or later."
    sentence = paragraphs[0]
    assert sentence.startswith(ANN + " ")  # the 2.20.x phase on 2025-10-01
    for part in ("Tiny SDK", "SDK 2.20.x", "2025-12-15", "Announced on 2025-09-01", "2.20.0"):
        assert part in sentence
    assert sdk.find("a")["href"] == "announce.html#eos-sdk-2-20"
    assert sdk.find("span", class_="neuron-phase-eos-announced") is not None

    (python,) = notice(app, "notice-python")  # two announcements for 3.9, newest first
    texts = [text_of(p) for p in python.find_all("p") if "admonition-title" not in (p.get("class") or [])]
    assert len(texts) == 2
    assert "2025-12-01" in texts[0] and "Announced on 2025-09-10" in texts[0] and "2.22.0" in texts[0]
    assert "maintenance" in texts[1] and "2025-04-03" in texts[1] and "Announced on 2025-03-01" in texts[1]
    badges = python.find_all("span", class_="neuron-phase")
    assert len(badges) == 2 and all("neuron-phase-maintenance" in b["class"] for b in badges)


@BASIC
def test_eos_notice_without_announcement_renders_nothing_unless_always(app: Any) -> None:
    app.build()
    assert notice(app, "notice-quiet") == []  # python 3.10 has no announcement
    page = html_soup(app, "notices")
    assert "This text is not shown." not in text_of(page)
    (always,) = notice(app, "notice-always")
    assert "extra" in always["class"]
    assert text_of(always).endswith("Shown anyway.")


@BASIC
def test_eos_notice_subjects(app: Any) -> None:
    app.build()
    (spec,) = notice(app, "notice-spec")  # sdk <2.20: 2.19.x, ended 2025-08-01
    text = text_of(spec)
    assert text.startswith("End-of-support notice " + EOS + " ")
    assert "SDK 2.19.x" in text and "2025-08-01" in text and "Announced on 2025-03-01" in text and "2.19.1" in text
    (torch,) = notice(app, "notice-dependency")  # every pytorch version: only 2.1 was announced
    text = text_of(torch)
    assert "PyTorch 2.1" in text and "2025-04-03" in text and "Announced on 2025-01-10" in text
    assert "2.5" not in text.replace("2025", "")
    assert torch.find("a")["href"] == "announce.html#eos-pytorch-21"


@as_of("2025-08-31")  # the 2.20.x EOS is announced on 2025-09-01
def test_eos_notice_before_its_announcement(app: Any) -> None:
    app.build()
    assert notice(app, "notice-sdk") == []
    assert "Upgrade to 2.21 or later." not in text_of(html_soup(app, "notices"))


ANN_HEAD = ["Announced", "Subject", "Change", "Phase", "Takes effect", "Announcement"]
A_PY39_EOS = ["2025-09-10", "Python 3.9", EOS, MAINT, "2025-12-01 (SDK 2.23.0)", "End of support for Python 3.9"]
A_SDK220 = ["2025-09-01", "SDK 2.20.x", EOS, ANN, "2025-12-15", "End of support for SDK 2.20"]
A_PY39_MAINT = ["2025-03-01", "Python 3.9", MAINT, MAINT, "2025-04-03 (SDK 2.22.0)", NONE]
# ended by 2025-10-01 (hidden unless :include-ended:)
A_SDK219 = ["2025-03-01", "SDK 2.19.x", EOS, EOS, "2025-08-01", NONE]
A_TORCH21 = ["2025-01-10", "PyTorch 2.1", EOS, EOS, "2025-04-03 (SDK 2.22.0)", "End of support for PyTorch 2.1"]
A_PY38 = ["2024-10-01", "Python 3.8", EOS, EOS, "2024-12-20 (SDK 2.21.0)", "End of support for Python 3.8"]


@pytest.mark.parametrize(
    ("page", "section", "rows"),
    [
        ("index", "ann-default", [A_PY39_EOS, A_SDK220, A_PY39_MAINT]),
        ("announcements", "ann-include-ended", [A_PY39_EOS, A_SDK220, A_PY39_MAINT, A_SDK219, A_TORCH21, A_PY38]),
        ("announcements", "ann-since", [A_PY39_EOS, A_SDK220]),  # :since: 2025-09-01
        ("announcements", "ann-category", [A_TORCH21]),  # :category: framework, :include-ended:
    ],
)
@BASIC
def test_eos_announcements(app: Any, page: str, section: str, rows: list[list[str]]) -> None:
    app.build()
    table = section_table(app, page, section)
    assert table["class"][:2] == ["neuron-policy", "neuron-eos-announcements"]
    assert table_data(table) == (ANN_HEAD, rows)
    assert as_of_after(table) == "Status as of 2025-10-01."


@BASIC
def test_eos_announcements_table_options(app: Any) -> None:
    app.build()
    table = section_table(app, "announcements", "ann-category-sdk")  # :category: sdk
    assert table_data(table) == (ANN_HEAD, [A_SDK220, A_SDK219])
    assert table["id"] == "sdk-announcements" and "extra" in table["class"]
    assert text_of(table.caption.find(class_="caption-text")) == "SDK announcements"
    assert as_of_after(table) is None


# SPEC section 3, by hand: rule id -> default severity
SPEC_RULES = {
    "schema": "error", "date-order": "error", "eos-notice": "error", "min-support": "warning",
    "conda-channel": "error", "eos-overlap": "error", "range-mismatch": "error", "minor-only": "error",
    "empty-range": "error", "unannounced-eos": "error", "upstream-eol": "warning", "phase-mismatch": "error",
    "unknown-subject": "error", "unpublished": "warning", "waiver-expired": "warning", "waiver-unused": "warning",
}  # fmt: skip


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    confoverrides={"neuron_policy_severity": {"min-support": "error", "upstream-eol": "off"}},
)
def test_policy_rules(app: Any) -> None:
    app.build()
    table = section_table(app, "rules", "rules-default")
    assert table["class"][:2] == ["neuron-policy", "neuron-policy-rules"]
    head, body = table_data(table)
    assert head == ["Rule", "Severity", "Parameter", "Violation"]
    extra = {  # rules beyond the SPEC's table
        "range-gap": "error",
        "notice": "error",
        "phase-not-applicable": "error",
        "overlap": "error",
        "config": "error",
        "directive-option": "error",
        "directive-argument": "error",
        "undefined-label": "warning",
        "manifest-format": "error",
        "manifest-entry": "warning",
        "manifest-release": "error",
        "shipped-outside-range": "error",
        "range-not-shipped": "error",
        "shipped-after-eos": "error",
    }
    expected = {**SPEC_RULES, "min-support": "error", "upstream-eol": "off", **extra}
    assert {row[0]: row[1] for row in body} == expected
    assert [row[0] for row in body] == [*SPEC_RULES, *extra]
    parameters = {row[0]: row[2] for row in body if row[2] != NONE}
    assert parameters == {  # from test-basic's policy.yaml
        "eos-notice": "eos_notice_months = 3",
        "min-support": "min_support_months = 12",
        "conda-channel": "conda_last_version = null",
    }
    assert as_of_after(table) == "Status as of 2025-10-01."
    options = section_table(app, "rules", "rules-options")
    assert options["id"] == "policy-rules" and "extra" in options["class"]
    assert text_of(options.caption.find(class_="caption-text")) == "Policy rules"
    assert as_of_after(options) is None


def test_caption_is_inline_markup_like_list_table(make_app: Any, tmp_path: Path) -> None:
    srcdir = tmp_path / "caption"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    (srcdir / "index.rst").write_text(
        "Caption\n=======\n\n.. neuron-support-matrix::\n   :caption: Newest *SDK* releases\n   :limit: 1\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=sphinx_path(srcdir), freshenv=True)
    app.build()
    caption = html_soup(app).find("caption")
    assert caption.find("em").get_text() == "SDK"
    assert text_of(caption).startswith("Newest SDK releases")


def _page(make_app: Any, tmp_path: Path, body: str, **kwargs: Any) -> Any:
    srcdir = tmp_path / "page"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    (srcdir / "index.rst").write_text(f"Page\n====\n\n{body}", encoding="utf-8")
    return make_app("html", srcdir=sphinx_path(srcdir), freshenv=True, **kwargs)


BAD_OPTIONS = """\
.. neuron-support-matrix::
   :limit: 0
   :phases: supported, retired

.. neuron-eos-announcements::
   :since: 2025-13-01
"""


def test_bad_option_values_are_located_policy_errors(make_app: Any, tmp_path: Path) -> None:
    app = _page(make_app, tmp_path, BAD_OPTIONS)
    app.build()
    assert [w for w in warnings(app) if "neuron_policy" in w] == [
        "index.rst:4: ERROR: neuron-support-matrix: :limit: expected a whole number of rows, 1 or more; got '0' "
        "[neuron_policy.directive-option]",
        "index.rst:4: ERROR: neuron-support-matrix: :phases: unknown 'retired'; expected some of upcoming, "
        "supported, eos-announced, end-of-support [neuron_policy.directive-option]",
        "index.rst:8: ERROR: neuron-eos-announcements: :since: expected a date YYYY-MM-DD, got '2025-13-01' "
        "[neuron_policy.directive-option]",
    ]
    assert app.statuscode == 1
    # the bad options are ignored: the full table is still there
    assert len(html_soup(app).find("table", class_="neuron-support-matrix").find("tbody").find_all("tr")) == 6


MISUSED = """\
.. neuron-support-matrix::
   :limt: 3

.. neuron-support-matrix:: 2.19

.. neuron-dependency-lifecycle::

.. neuron-dependency-lifecycle:: python 3.9

.. neuron-eos-notice::

.. neuron-support-matrix::
   :group: major
   :limit: five

   Some content.

.. neuron-dependency-matrix::
   :category: os
"""


def test_every_misuse_of_a_directive_is_a_located_error_that_fails_the_build(make_app: Any, tmp_path: Path) -> None:
    """What docutils would report as its own errors (type docutils, not failing the build, not
    suppressible by rule) is a located finding of the extension's rules."""
    app = _page(make_app, tmp_path, MISUSED)
    app.build()
    assert [w for w in warnings(app) if "docutils" in w] == []
    assert [w for w in warnings(app) if "neuron_policy" in w] == [
        "index.rst:4: ERROR: neuron-support-matrix: :limt: unknown option (did you mean 'limit'?); it takes "
        ":caption:, :class:, :columns:, :group:, :limit:, :name:, :no-as-of:, :phases:, :versions: "
        "[neuron_policy.directive-option]",
        "index.rst:7: ERROR: neuron-support-matrix: takes no argument, got '2.19' [neuron_policy.directive-argument]",
        "index.rst:9: ERROR: neuron-dependency-lifecycle: takes one dependency id, e.g. 'python', got nothing "
        "[neuron_policy.directive-argument]",
        "index.rst:11: ERROR: neuron-dependency-lifecycle: takes one dependency id, e.g. 'python', got "
        "'python 3.9' (it lists every version of one dependency: write 'python') [neuron_policy.directive-argument]",
        "index.rst:13: ERROR: neuron-eos-notice: takes a subject, e.g. 'python 3.8' or 'sdk 2.19.0', got nothing "
        "[neuron_policy.directive-argument]",
        "index.rst:15: ERROR: neuron-support-matrix: takes no content; the content is ignored "
        "[neuron_policy.directive-argument]",
        "index.rst:15: ERROR: neuron-support-matrix: :group: unknown value 'major' (did you mean 'minor'?); expected one of minor "
        "[neuron_policy.directive-option]",
        "index.rst:15: ERROR: neuron-support-matrix: :limit: expected a whole number of rows, 1 or more; got "
        "'five' [neuron_policy.directive-option]",
        "index.rst:21: ERROR: neuron-dependency-matrix: unknown category 'os'; known: language-runtime, framework "
        "[neuron_policy.unknown-subject]",
    ]
    assert app.statuscode == 1
    suppressed = _page(
        make_app,
        tmp_path / "again",
        MISUSED,
        confoverrides={
            "suppress_warnings": [
                f"neuron_policy.{r}" for r in ("directive-option", "directive-argument", "unknown-subject")
            ]
        },
    )
    suppressed.build()
    assert [w for w in warnings(suppressed) if "ERROR" in w] == []
    assert suppressed.statuscode == 0


def test_bad_option_values_can_be_suppressed(make_app: Any, tmp_path: Path) -> None:
    app = _page(
        make_app, tmp_path, BAD_OPTIONS, confoverrides={"suppress_warnings": ["neuron_policy.directive-option"]}
    )
    app.build()
    assert [w for w in warnings(app) if "neuron_policy" in w] == []
    assert app.statuscode == 0


LEGACY = """\
title: Legacy
category: framework
versions:
  - version: "1.0"
    sdk: ">=2.19"
    end_of_support: {announced: 2024-10-01, effective: 2025-01-01}
"""


def test_a_notice_of_an_ended_support_names_the_last_release_before_the_end(make_app: Any, tmp_path: Path) -> None:
    """Support ended on 2025-01-01 though the range is open: the sentence does not go on to say
    that the latest release (2.22.0) still supports it."""
    srcdir = tmp_path / "ended"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    (srcdir / "policy_data" / "dependencies" / "legacy.yaml").write_text(LEGACY, encoding="utf-8")
    (srcdir / "index.rst").write_text("Ended\n=====\n\n.. neuron-eos-notice:: legacy 1.0\n", encoding="utf-8")
    app = make_app("html", srcdir=sphinx_path(srcdir), freshenv=True)
    app.build()
    sentence = text_of(html_soup(app).find("div", class_="neuron-eos-notice-body").find("p"))
    assert sentence == (
        "End of support Tiny SDK support for Legacy 1.0 ended on 2025-01-01. Announced on 2024-10-01. "
        "The last SDK release that supported it is 2.21.0."
    )
