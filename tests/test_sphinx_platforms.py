"""Where platforms differ, every output says which phase applies where: badges, the matrix (and
its pick of platforms), the lifecycle table, notices with every announcement in order, the
announcements table, the software table and the roles (``tests/roots/test-platforms``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOTS, html_soup, sphinx_path, table_data, text_of, warnings

NONE = "\u2014"
PLATFORMS = pytest.mark.sphinx("html", testroot="platforms", freshenv=True)


def section_table(soup: Any, name: str) -> Any:
    return soup.find(id=name) if soup.find(id=name).name == "table" else soup.find(id=name).find("table")


@PLATFORMS
def test_the_page_builds_clean(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    assert app.statuscode == 0


@PLATFORMS
def test_the_matrix_says_which_phase_applies_on_which_platform(app: Any) -> None:
    app.build()
    head, body = table_data(section_table(html_soup(app), "matrix-all"))
    assert head == ["Dependency", "Version", "2.26", "2.25", "2.24", "2.23", "2.22", "2.21", "2.20"]
    python_39, python_310, pytorch, tensorflow = body
    # Inf1 packages keep 3.9 after 2.23; the Trn and Inf2 packages ended it with 2.24.0
    assert python_39[2:5] == ["Supported (Inf1)"] * 3
    assert python_39[5:] == ["Supported (Inf1) End of support (Inf2, Trn1)"] * 4
    assert python_310[2:] == ["Supported"] * 7  # supported everywhere: as without platforms
    assert pytorch[2] == "Supported (Inf1) Maintenance for inference (Inf2, Trn1)"
    # the return in 2.25 is waived: no support there
    assert tensorflow[2:] == [NONE] * 5 + ["End of support"] * 2


@PLATFORMS
def test_the_matrix_can_pick_platforms(app: Any) -> None:
    app.build()
    _, body = table_data(section_table(html_soup(app), "matrix-inf1"))
    assert [row[:3] for row in body] == [["Python", "3.9", "Supported"], ["", "3.10", "Supported"]]


@PLATFORMS
def test_a_badge_names_its_phase_in_its_class(app: Any) -> None:
    app.build()
    cell = section_table(html_soup(app), "matrix-all").tbody.find_all("tr")[2].find_all("td")[2]
    assert [(sorted(b["class"]), text_of(b)) for b in cell.find_all("span", class_="neuron-phase")] == [
        (["neuron-phase", "neuron-phase-supported"], "Supported (Inf1)"),
        (["neuron-phase", "neuron-phase-long", "neuron-phase-maintenance"], "Maintenance for inference (Inf2, Trn1)"),
    ]


@PLATFORMS
def test_the_lifecycle_table_gives_each_platforms_range_and_dates(app: Any) -> None:
    app.build()
    head, body = table_data(section_table(html_soup(app), "lifecycle-python"))
    assert head == [
        "Version",
        "Supported in",
        "Phase",
        "Announced",
        "Maintenance from",
        "End of support",
        "Announcement",
    ]
    assert body[0] == [
        "3.9",
        "2.20.0 \u2013 2.25.0 (Inf1); 2.20.0 \u2013 2.23.0 (Inf2, Trn1)",
        "Supported (Inf1) End of support (Inf2, Trn1)",
        f"{NONE} (Inf1); 2025-04-01 (Inf2, Trn1)",
        NONE,
        f"{NONE} (Inf1); 2025-06-24 (SDK 2.24.0) (Inf2, Trn1)",
        NONE,
    ]
    assert body[1] == ["3.10", "2.20.0 \u2013 2.25.0", "Supported", NONE, NONE, NONE, NONE]
    # a date in a value per platform is still a date, which no builder breaks
    row = section_table(html_soup(app), "lifecycle-python").tbody.tr
    dates = [span.get_text() for span in row.find_all("span", class_="neuron-date")]
    assert dates == ["2025-04-01", "2025-06-24"]


@PLATFORMS
def test_a_notice_names_the_platforms_the_use_and_every_announcement_in_order(app: Any) -> None:
    app.build()
    pytorch, nxdt = html_soup(app).find_all("div", class_="neuron-eos-notice-body")
    assert text_of(pytorch.p) == (
        "Maintenance for inference (Inf2, Trn1) PyTorch 2.5 entered maintenance for inference on Inf2 and Trn1 "
        "in the Test SDK on 2025-07-31 (SDK 2.25.0). Announced on 2025-06-01 (intent); 2025-07-31 (maintenance). "
        "The latest SDK release, 2.25.0, still supports it."
    )
    assert [a["href"] for a in pytorch.find_all("a")] == ["#intent-pt25", "#maintenance-pt25"]
    # a date that links to its post is still a date, which no builder breaks
    assert [a.find_parent("span", class_="neuron-date").get_text() for a in pytorch.find_all("a")] == [
        "2025-06-01",
        "2025-07-31",
    ]
    assert text_of(nxdt.p) == (
        "Supported NxD Training enters maintenance in the Test SDK on 2025-09-18 (SDK 2.26.0). "
        "Announced on 2025-07-01 (intent); 2025-08-01 (correction: The maintenance starts with 2.26.0). "
        "The latest SDK release, 2.25.0, still supports it."
    )


@PLATFORMS
def test_the_announcements_table_lists_every_announcement_newest_first(app: Any) -> None:
    app.build()
    _, body = table_data(section_table(html_soup(app), "announcements"))
    assert [row[:3] for row in body] == [
        ["2025-08-01", "NxD Training", "Maintenance (correction)"],
        ["2025-07-31", "PyTorch 2.5", "Maintenance for inference on Inf2 and Trn1"],  # not '(maintenance)' again
        ["2025-07-01", "NxD Training", "Maintenance (intent)"],
        ["2025-06-01", "PyTorch 2.5", "Maintenance for inference on Inf2 and Trn1 (intent)"],
    ]


@PLATFORMS
def test_the_software_table_gives_each_milestone_of_its_kind(app: Any) -> None:
    app.build()
    head, body = table_data(section_table(html_soup(app), "software"))
    assert head == [
        "Software", "Kind", "Phase", "Beta", "Release candidate", "General availability", "Maintenance from",
        "End of support", "Announcements",
    ]  # fmt: skip
    assert body == [
        [
            "NxD Training", "Neuron component", "Supported (Trn1)", "2024-09-16 (SDK 2.20.0)", NONE,
            "2024-12-20 (SDK 2.21.0)", "2025-09-18 (SDK 2.26.0)", NONE, "Intent: NxD Training",
        ]
    ]  # fmt: skip


@PLATFORMS
def test_the_software_table_shows_the_columns_picked(app: Any) -> None:
    app.build()
    head, body = table_data(section_table(html_soup(app), "software-columns"))
    assert head == ["Software", "Phase", "Maintenance from", "Announcements"]
    assert body == [["NxD Training", "Supported (Trn1)", "2025-09-18 (SDK 2.26.0)", "Intent: NxD Training"]]


def test_a_post_of_two_milestones_is_linked_once(make_app: Any, tmp_path: Path) -> None:
    srcdir = tmp_path / "platforms"
    shutil.copytree(ROOTS / "test-platforms", srcdir)
    item = srcdir / "policy_data" / "software" / "nxd-training.yaml"
    # the intent post also announces an end of support, a year after the maintenance
    eos = "end_of_support:\n  effective: 2026-09-01\n  announcements:\n    - {date: 2025-07-01, kind: intent, label: intent-nxdt}\n"
    item.write_text(item.read_text(encoding="utf-8") + eos, encoding="utf-8")
    app = make_app("html", srcdir=sphinx_path(srcdir), freshenv=True)
    app.build()
    head, body = table_data(section_table(html_soup(app), "software-columns"))
    assert body[0][head.index("Announcements")] == "Intent: NxD Training"


@PLATFORMS
def test_roles_say_which_value_holds_where(app: Any) -> None:
    app.build()
    soup = html_soup(app)
    roles = {p.get_text().split(":", 1)[0]: text_of(p).split(": ", 1)[1] for p in soup.find(id="roles").find_all("p")}
    assert roles == {
        "phase-python": "Supported (Inf1) End of support (Inf2, Trn1)",
        "phase-nxdt": "Supported (Trn1)",
        "last-python": "2.25.0 (Inf1); 2.23.0 (Inf2, Trn1)",
        "eos-python": "not announced (Inf1); 2025-06-24 (Inf2, Trn1)",
        "released-nxdt": "2024-12-20",
    }


@pytest.mark.sphinx("text", testroot="platforms", freshenv=True)
def test_the_text_builder_says_the_same(app: Any) -> None:
    app.build()
    text = (Path(str(app.outdir)) / "index.txt").read_text(encoding="utf-8")
    assert "phase-python: [Supported (Inf1)] [End of support (Inf2, Trn1)]" in text
    assert "PyTorch 2.5 entered\nmaintenance for inference on Inf2 and Trn1" in text


@pytest.mark.sphinx("html", testroot="platforms", freshenv=True, confoverrides={"neuron_policy_today": "2025-08-15"})
def test_an_unknown_platform_option_is_a_located_error(app: Any) -> None:
    index = Path(str(app.srcdir)) / "index.rst"
    index.write_text(index.read_text().replace(":platforms: inf1", ":platforms: inf3"), encoding="utf-8")
    app.build()
    assert [w for w in warnings(app) if "platforms" in w] == [
        "index.rst:26: ERROR: neuron-dependency-matrix: :platforms: unknown platform 'inf3' (did you mean 'inf2' or "
        "'inf1'?); known: inf1, inf2, trn1 [neuron_policy.directive-option]"
    ]
    assert app.statuscode == 1


@PLATFORMS
def test_the_matrix_can_split_platforms_into_rows(app: Any) -> None:
    app.build()
    _, body = table_data(section_table(html_soup(app), "matrix-split"))
    assert body == [
        ["Python", "3.9 (Inf1)", "Supported", "Supported", "Supported"],
        ["", "3.10", "Supported", "Supported", "Supported"],
        ["PyTorch", "2.5 (Inf1)", "Supported", "Supported", "Supported"],
        ["", "2.5 (Inf2, Trn1)", "Maintenance for inference", "Maintenance for inference", "Maintenance for inference"],
    ]


@PLATFORMS
def test_the_lifecycle_table_shows_a_gap_in_the_support(app: Any) -> None:
    app.build()
    _, body = table_data(section_table(html_soup(app), "lifecycle-tensorflow"))
    assert body[0][:2] == ["2.8", "2.20.0 \u2013 2.21.0"]  # the waived return in 2.25 is no support


def _copy_root(tmp_path: Path) -> Path:
    srcdir = tmp_path / "platforms"
    shutil.copytree(ROOTS / "test-platforms", srcdir)
    return srcdir


def test_general_availability_comes_from_the_first_release_when_not_written(make_app: Any, tmp_path: Path) -> None:
    srcdir = _copy_root(tmp_path)
    item = srcdir / "policy_data" / "software" / "nxd-training.yaml"
    item.write_text(item.read_text().replace("supported: {effective: 2.21.0}\n", ""), encoding="utf-8")
    app = make_app("html", srcdir=sphinx_path(srcdir), freshenv=True)
    app.build()
    _, body = table_data(section_table(html_soup(app), "software"))
    assert body[0][5] == "2024-09-16"  # the first release of its range, ">=2.20"


def test_a_page_naming_an_unreadable_software_file_waits_quietly_and_is_reread_when_fixed(
    make_app: Any, tmp_path: Path
) -> None:
    srcdir = _copy_root(tmp_path)
    item = srcdir / "policy_data" / "software" / "nxd-training.yaml"
    text = item.read_text()
    item.write_text(text.replace("kind: component", "kind: [component"), encoding="utf-8")
    app = make_app("html", srcdir=sphinx_path(srcdir))
    app.build()
    assert [w.split(": ERROR: ")[0] for w in warnings(app) if "ERROR" in w] == [
        "policy_data/software/nxd-training.yaml:3:10"  # the parse error only: no unknown-subject from the role
    ]
    item.write_text(text, encoding="utf-8")
    again = make_app("html", srcdir=sphinx_path(srcdir))
    read: list[str] = []
    again.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    again.build()
    assert read == ["index"]
    _, body = table_data(section_table(html_soup(again), "software"))
    assert [row[0] for row in body] == ["NxD Training"]


@pytest.mark.sphinx("latex", testroot="platforms", freshenv=True)
def test_in_latex_a_badge_breaks_only_before_and_between_its_platforms(app: Any) -> None:
    """A phase label never breaks (a long one only between words); each platform it names is a
    box of its own, so that a matrix row of such badges still fits the page."""
    app.build()
    tex = (Path(str(app.outdir)) / "platforms.tex").read_text(encoding="utf-8")
    assert r"\sphinxstylestrong{\mbox{Supported} \mbox{(Inf1)}}" in tex
    assert r"\sphinxstylestrong{\mbox{Maintenance} \mbox{for} \mbox{inference} \mbox{(Inf2,} \mbox{Trn1)}}" in tex
    assert r"\sphinxstylestrong{\mbox{Supported}}" in tex  # no platforms: one box, as before
