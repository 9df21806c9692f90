"""Localised output: the message catalog is current and complete in every language shipped, it is
compiled into the wheel, and pages built with ``language = "ja"`` or ``"de"`` show translated
badges, headers and sentences (dates in that language's form), while the build log and the CLI
stay English."""

from __future__ import annotations

import gettext
import importlib.metadata
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from neuron_policy.core import PHASE_LABELS, RULES

from . import i18n
from .conftest import html_soup, sphinx_path, status, table_data, text_of, warnings

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\((\w+)\)s|%[sdB Ym]")


def messages(path: Path, language: str | None = None) -> dict[str, str]:
    return {m.id: m.string for m in i18n.read(path, language) if m.id}


def catalog(language: str) -> dict[str, str]:
    return messages(i18n.po_path(language), language)


# -- the catalog --------------------------------------------------------------------------------


def test_the_template_is_current() -> None:
    """Run ``python3 -m tests.i18n`` after adding or changing a message."""
    extracted = {m.id for m in i18n.extract() if m.id}
    shipped = set(messages(i18n.LOCALE / "neuron_policy.pot"))
    assert sorted(extracted - shipped) == [], "not in the template: run python3 -m tests.i18n"
    assert sorted(shipped - extracted) == [], "no longer used: run python3 -m tests.i18n"


def test_the_extraction_finds_every_kind_of_message() -> None:
    extracted = {m.id for m in i18n.extract() if m.id}
    assert {
        "Status as of %s.",  # _() in the build
        "End of support",  # N_() in a table of headers, and a phase label
        "%B %Y",  # tr() in the build
        "%(subject)s: %(fact)s moved from %(old)s to %(new)s.",  # _() in the core's sentences
        RULES[next(iter(RULES))].description,  # the rules' descriptions
    } <= extracted
    assert set(PHASE_LABELS.values()) <= extracted


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    template = messages(i18n.LOCALE / "neuron_policy.pot")
    translated = catalog(language)
    assert set(translated) == set(template)
    assert [m for m, s in translated.items() if not s.strip()] == []
    assert not [m.id for m in i18n.read(i18n.po_path(language), language) if m.id and m.fuzzy]
    for message, string in translated.items():  # the same placeholders, so formatting cannot fail
        assert sorted(PLACEHOLDER.findall(message)) == sorted(PLACEHOLDER.findall(string)), (message, string)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_compiled_catalog_is_current(language: str) -> None:
    with open(i18n.mo_path(language), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message, string in catalog(language).items():
        assert compiled.gettext(message) == string, message


def _installed_files() -> list[str] | None:
    """The files of the installed distribution as its wheel listed them; None for an editable
    install (whose record lists no package files)."""
    dist = importlib.metadata.distribution("sphinx-neuron-policy")
    direct = dist.read_text("direct_url.json")
    if direct and json.loads(direct).get("dir_info", {}).get("editable"):
        return None
    return [str(f) for f in dist.files or ()]


def test_the_wheel_ships_the_compiled_catalogs(tmp_path: Path) -> None:
    """Under tox the package is installed from the wheel, whose record lists what it contained;
    in a development (editable) install, build the wheel and look inside."""
    files = _installed_files()
    if files is None:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        (wheel,) = tmp_path.glob("*.whl")
        files = zipfile.ZipFile(wheel).namelist()
    for language in i18n.LANGUAGES:
        assert f"neuron_policy/locale/{language}/LC_MESSAGES/neuron_policy.mo" in files


# -- pages -------------------------------------------------------------------------------------------


def built(language: str) -> Any:
    return pytest.mark.sphinx("html", testroot="basic", freshenv=True, confoverrides={"language": language})


@pytest.mark.parametrize(
    ("language", "phases", "as_of", "notice"),
    [
        pytest.param(
            "ja",
            ["リリース予定", "サポート中", "サポート中", "サポート終了発表済み", "サポート終了", "サポート終了"],
            "2025-10-01 時点の状況。",
            "サポート終了のお知らせ",
            marks=built("ja"),
            id="ja",
        ),
        pytest.param(
            "de",
            ["Geplant", "Unterstützt", "Unterstützt", "Supportende angekündigt", "Supportende", "Supportende"],
            "Stand: 2025-10-01.",
            "Hinweis zum Supportende",
            marks=built("de"),
            id="de",
        ),
    ],
)
def test_a_page_in_another_language(app: Any, language: str, phases: list[str], as_of: str, notice: str) -> None:
    app.build()
    assert warnings(app) == []
    words = catalog(language)
    page = html_soup(app, "support")
    table = page.find(id="sm-default").find("table")
    head, _rows = table_data(table)
    assert head == [words[h] for h in ("Version", "Released", "Phase", "EOS announced", "End of support")]
    assert [text_of(b) for b in table.find_all("span", class_="neuron-phase")] == phases
    assert as_of in [text_of(p) for p in page.find_all("p", class_="neuron-policy-as-of")]
    # every badge of every page reads in the language, none in English
    labels = {words[label] for label in PHASE_LABELS.values()}
    for name in ("support", "deps", "lifecycle", "notices", "roles", "announcements"):
        for badge in html_soup(app, name).find_all("span", class_="neuron-phase"):
            assert any(text_of(badge).startswith(label) for label in labels), (name, text_of(badge))
    notices = html_soup(app, "notices")
    titles = [text_of(t) for t in notices.find_all("p", class_="admonition-title")]
    assert notice in titles
    sentence = text_of(notices.find("div", class_="neuron-eos-notice-body").p)
    assert words["Announced on %s."].split("%s")[0].strip() in sentence
    roles = text_of(html_soup(app, "roles"))
    assert f"eos-sdk-none: {words['not announced']}" in roles
    rules = html_soup(app, "rules").find(id="rules-default").find("table")
    head, rows = table_data(rules)
    assert head == [words[h] for h in ("Rule", "Severity", "Parameter", "Violation")]
    assert [row[3] for row in rows] == [" ".join(words[r.description].split()) for r in RULES.values()]
    assert {row[1] for row in rows} <= {words[s] for s in ("error", "warning", "info", "off")}
    # the build log stays English
    assert "neuron_policy: phases as of 2025-10-01" in status(app)


@pytest.mark.sphinx(
    "html",
    testroot="platforms",
    freshenv=True,
    confoverrides={"language": "ja", "neuron_policy_today": "2025-08-15"},
)
def test_platform_and_use_qualifiers_are_translated(app: Any) -> None:
    app.build()
    badges = {text_of(b) for b in html_soup(app).find_all("span", class_="neuron-phase")}
    assert "メンテナンス（inference 向け）（Inf2, Trn1）" in badges  # noqa: RUF001 - Japanese parentheses
    assert "サポート中（Inf1）" in badges  # noqa: RUF001


@pytest.mark.parametrize("language", ["ja", "de"])
def test_the_list_of_changes_is_translated(make_app: Any, language: str, tmp_path: Path) -> None:
    from .conftest import ROOTS

    app = make_app(
        "html",
        srcdir=sphinx_path(ROOTS / "test-changes"),
        builddir=sphinx_path(tmp_path),
        freshenv=True,
        confoverrides={"language": language},
    )
    app.build()
    words = catalog(language)
    full = html_soup(app).find("div", class_="neuron-lifecycle-changes")
    assert [text_of(dt) for dt in full.find_all("dt")] == [
        words[s] for s in ("Releases", "Dates", "Phases", "Announcements", "Waivers")
    ]
    first = text_of(full.find("li"))
    assert first == words["New SDK release %(release)s, released on %(date)s."] % {
        "release": "2.23.0",
        "date": "2025-05-20",
    }
    moved = words["%(subject)s: %(fact)s moved from %(old)s to %(new)s."] % {
        "subject": "SDK 2.22.0",
        "fact": words["release date"],
        "old": "2025-04-03",
        "new": "2025-04-17",
    }
    assert moved in [text_of(li) for li in full.find_all("li")]


# -- dates ---------------------------------------------------------------------------------------------

MONTH_SDK = """\
releases:
  - {version: 2.10.0, released: 2023-01-10}
  - {version: 2.11.0, released: 2023-07-10}
end_of_support:
  - {versions: "<2.11", announced: 2023-09-01, effective: 2024-02}
"""


@pytest.mark.parametrize(
    ("language", "month", "day"),
    [
        ("en", "February 2024", "10 January 2023"),
        ("ja", "2024年2月", "10 1月 2023"),
        ("de", "Februar 2024", "10 Januar 2023"),
    ],
)
def test_dates_follow_the_language(make_app: Any, tmp_path: Path, language: str, month: str, day: str) -> None:
    """A month-precision date is written as the language writes a month (the order too); a day in
    ``neuron_policy_date_format``, with the language's month names."""
    (tmp_path / "policy_data").mkdir()
    (tmp_path / "policy_data" / "sdk.yaml").write_text(MONTH_SDK)
    (tmp_path / "conf.py").write_text(
        'extensions = ["neuron_policy"]\nneuron_policy_today = "2024-06-01"\nneuron_policy_date_format = "%d %B %Y"\n'
    )
    (tmp_path / "index.rst").write_text(
        "Dates\n=====\n\n* eos: :neuron-eos:`2.10.0`\n* released: :neuron-released:`2.10.0`\n"
    )
    app = make_app("html", srcdir=sphinx_path(tmp_path), freshenv=True, confoverrides={"language": language})
    app.build()
    assert [w for w in warnings(app) if "neuron_policy" in w] == []
    text = text_of(html_soup(app))
    assert f"eos: {month}" in text
    assert f"released: {day}" in text


def test_the_cli_stays_english(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from neuron_policy.cli import main

    monkeypatch.setenv("LANGUAGE", "ja")
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert (
        main(["status", "sdk 2.20.0", str(ROOT / "tests/roots/test-basic/policy_data"), "--today", "2025-10-01"]) == 0
    )
    out = capsys.readouterr().out
    assert "End-of-support announced" in out
