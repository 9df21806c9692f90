"""Failing builds: data rule errors, severities, unknown subjects, unpublished announcements,
missing announcement labels and bad configuration."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sphinx.cmd.build import build_main
from sphinx.util.docutils import docutils_namespace

from .conftest import ROOTS, html_soup, status, text_of, warnings

TAG = "[neuron_policy.{}]"

# test-eos-notice (as of 2025-06-01): "<1.1" (1.0.0) EOS announced 2025-02-01, effective 2025-04-01:
# 28 (February) + 31 (March) = 59 days, less than 3 months (2025-05-01). 1.1.0 (released 2024-06-10,
# no EOS) is declared "upcoming" but is supported. Columns: "    announced: " is 15 characters -> 16;
# "    phase: " is 11 -> 12.
EOS_NOTICE_ERRORS = [
    "policy_data/sdk.yaml:6:12: ERROR: SDK 1.1.0 is declared 'upcoming', but on 2025-06-01 its computed phase is "
    "'supported' [neuron_policy.phase-mismatch]",
    "policy_data/sdk.yaml:9:16: ERROR: SDK 1.0.x end of support announced 2025-02-01, 59 days before it takes effect "
    "on 2025-04-01; the policy requires at least 3 months [neuron_policy.eos-notice]",
]


@pytest.mark.sphinx("html", testroot="eos-notice", freshenv=True)
def test_data_errors_fail_the_build(app: Any) -> None:
    app.build()
    assert warnings(app) == EOS_NOTICE_ERRORS  # every problem, each once, located in the YAML
    assert app.statuscode == 1
    # the pages are still written
    assert text_of(html_soup(app).find("span", class_="neuron-phase")) == "Supported"


def run_sphinx_build(root: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    src = tmp_path / "src"
    if not src.exists():  # a second call builds again, on the same directories
        shutil.copytree(ROOTS / f"test-{root}", src)
    with docutils_namespace():  # in-process: leave docutils' directive and role registries as they were
        status = build_main(["-b", "html", "-q", *options, str(src), str(tmp_path / "out")])
    captured = capsys.readouterr()
    return status, re.sub(r"\x1b\[[0-9;]*m", "", captured.out + captured.err).replace(f"{src}/", "")


def test_sphinx_build_exits_non_zero_without_w(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, output = run_sphinx_build("eos-notice", tmp_path, capsys)
    assert status != 0
    assert [line for line in output.splitlines() if "neuron_policy." in line] == EOS_NOTICE_ERRORS
    assert "Traceback" not in output and "Exception occurred" not in output


@pytest.mark.parametrize(("options", "expected"), [((), 0), (("-W",), 1)])
def test_a_warning_fails_only_under_w(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: tuple[str, ...], expected: int
) -> None:
    status, output = run_sphinx_build("min-support", tmp_path, capsys, *options)
    assert (status != 0) == bool(expected)
    # (Sphinx < 7 stops at the first warning under -W and words it differently)
    assert "policy_data/sdk.yaml:3:15:" in output and "SDK 1.0.0 released 2024-01-10 is supported for" in output
    assert "Traceback" not in output


@pytest.mark.sphinx("html", testroot="schema", freshenv=True)
def test_schema_errors_are_located_with_did_you_mean(app: Any) -> None:
    app.build()
    assert warnings(app) == [
        "policy_data/dependencies/python.yaml:1:1: ERROR: missing required key 'category' in dependencies/python.yaml "
        "(one of the categories of policy.yaml) [neuron_policy.schema]",
        "policy_data/dependencies/python.yaml:2:1: ERROR: unknown key 'categry' in dependencies/python.yaml "
        "(did you mean 'category'?); allowed: title, category, kind, versions [neuron_policy.schema]",
        # "    released: " is 14 characters -> column 15
        "policy_data/sdk.yaml:5:15: ERROR: released: '2024-13-10' is not a valid date (month must be in 1..12) "
        "[neuron_policy.schema]",
        # python.yaml could not be read: the page that names python waits quietly for the fix
    ]
    assert app.statuscode == 1


# test-min-support (as of 2025-06-01): 1.0.0 released 2024-01-10, EOS 2024-12-31:
# 2024-01-10 + 11 months = 2024-12-10, + 21 days = 2024-12-31 < 2025-01-10 (12 months).
MIN_SUPPORT = (
    "policy_data/sdk.yaml:3:15: {}: SDK 1.0.0 released 2024-01-10 is supported for 11 months and 21 days "
    "(end of support 2024-12-31); the policy expects at least 12 months"
)
# In the build log the hint is part of the one line (Sphinx appends the rule tag to the end of a
# record, so separate hint lines would push it off the first line); the CLI prints it on its own line.
MIN_SUPPORT_HINT = " (end of support set at sdk.yaml:9:16 (<1.1))"


@pytest.mark.sphinx("html", testroot="min-support", freshenv=True)
def test_min_support_is_a_warning(app: Any) -> None:
    app.build()
    lines = warnings(app)
    assert lines == [MIN_SUPPORT.format("WARNING") + MIN_SUPPORT_HINT + " " + TAG.format("min-support")]
    assert app.statuscode == 0


@pytest.mark.sphinx("html", testroot="min-support", freshenv=True)
def test_message_form_puts_the_rule_on_the_first_line(app: Any) -> None:
    """SPEC 3: one line ``file:line:col: severity: message [neuron_policy.rule]`` (hints folded in)."""
    app.build()
    [line] = warnings(app)
    assert line == f"{MIN_SUPPORT.format('WARNING')}{MIN_SUPPORT_HINT} [neuron_policy.min-support]"


@pytest.mark.sphinx(
    "html", testroot="min-support", freshenv=True, confoverrides={"suppress_warnings": ["neuron_policy.min-support"]}
)
def test_suppress_warnings_suppresses_a_rule(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    assert app.statuscode == 0


@pytest.mark.parametrize(
    ("level", "prefix", "statuscode"),
    [("error", "ERROR", 1), ("warning", "WARNING", 0), ("info", None, 0), ("off", None, 0)],
)
def test_severity_override(make_app: Any, app_params: Any, level: str, prefix: str | None, statuscode: int) -> None:
    args, kwargs = app_params
    kwargs["confoverrides"] = {"neuron_policy_severity": {"min-support": level}}
    app = make_app(*args, **kwargs)
    app.build()
    lines = warnings(app)
    if prefix is None:
        assert lines == []
    else:
        assert lines[0].startswith(MIN_SUPPORT.format(prefix))
    assert app.statuscode == statuscode
    log = status(app)
    assert ("info: SDK 1.0.0 released 2024-01-10" in log) == (level == "info")


test_severity_override = pytest.mark.sphinx("html", testroot="min-support", freshenv=True)(test_severity_override)

# test-unknown-subject: SDK 1.0.0 and 1.1.0; python 3.10 and 3.11; categories are the defaults.
UNKNOWN = [
    "index.rst:8: {}: neuron-dependency-lifecycle: no dependency 'pyton' (did you mean 'python'?)",
    "index.rst:10: {}: :neuron-phase: python has no version '3.12' (did you mean '3.11' or '3.10'?); known: 3.10, 3.11",
    "index.rst:12: {}: neuron-eos-notice: SDK version 1.2.0 is not in sdk.yaml (did you mean '1.1.0' or '1.0.0'?)",
    "second.rst:4: {}: :neuron-released: SDK version 1.0.1 is not in sdk.yaml (did you mean '1.0.0' or '1.1.0'?)",
    "second.rst:6: {}: neuron-dependency-matrix: unknown category 'runtime' (did you mean 'language-runtime'?); "
    "known: operating-system, language-runtime, library, framework",
]


@pytest.mark.sphinx("html", testroot="unknown-subject", freshenv=True)
def test_unknown_subjects_fail_the_build(app: Any) -> None:
    app.build()
    expected = [f"{line.format('ERROR')} [neuron_policy.unknown-subject]" for line in UNKNOWN]
    assert sorted(warnings(app)) == sorted(expected)
    assert app.statuscode == 1
    # the role shows its text as is; the directives render nothing
    assert html_soup(app).find("table") is None
    assert "python 3.12" in text_of(html_soup(app).find("code"))


def neuron_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "[neuron_policy." in line]


def test_a_rebuild_without_changes_still_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """SPEC 7: any error-severity problem fails the build, also when no page had to be re-read."""
    expected = sorted(f"{line.format('ERROR')} [neuron_policy.unknown-subject]" for line in UNKNOWN)
    status, output = run_sphinx_build("unknown-subject", tmp_path, capsys)
    assert status != 0 and sorted(neuron_lines(output)) == expected
    status, output = run_sphinx_build("unknown-subject", tmp_path, capsys)  # nothing changed
    assert sorted(neuron_lines(output)) == expected
    assert status != 0


def test_a_rebuild_without_changes_still_reports_data_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        status, output = run_sphinx_build("eos-notice", tmp_path, capsys)
        assert status != 0 and neuron_lines(output) == EOS_NOTICE_ERRORS


@pytest.mark.sphinx(
    "html",
    testroot="unknown-subject",
    freshenv=True,
    confoverrides={"neuron_policy_severity": {"unknown-subject": "warning"}},
)
def test_unknown_subject_severity(app: Any) -> None:
    app.build()
    expected = [f"{line.format('WARNING')} [neuron_policy.unknown-subject]" for line in UNKNOWN]
    assert sorted(warnings(app)) == sorted(expected)
    assert app.statuscode == 0


# test-unpublished (as of 2025-03-01): "<1.1" EOS announced 2025-01-10, effective 2025-06-10; python
# 3.10 EOS announced 2025-02-01 (no date: ">=1.0" has no release above it). No page shows either.
UNPUBLISHED_PY = (
    "policy_data/dependencies/python.yaml:7:18: WARNING: Python 3.10: the end of support announced 2025-02-01 is "
    "not shown on any page (add a neuron-eos-notice or a neuron-eos-announcements table) [neuron_policy.unpublished]"
)
UNPUBLISHED_SDK = (
    "policy_data/sdk.yaml:8:16: WARNING: SDK 1.0.x: the end of support announced 2025-01-10 is not shown on any "
    "page (add a neuron-eos-notice or a neuron-eos-announcements table) [neuron_policy.unpublished]"
)


@pytest.mark.sphinx("html", testroot="unpublished", freshenv=True)
def test_unpublished(app: Any) -> None:
    app.build()
    assert sorted(warnings(app)) == [UNPUBLISHED_PY, UNPUBLISHED_SDK]
    assert app.statuscode == 0


@pytest.mark.sphinx("html", testroot="unpublished", freshenv=True, confoverrides={"neuron_policy_today": "2025-06-10"})
def test_unpublished_ignores_ended_announcements(app: Any) -> None:
    app.build()  # the SDK 1.0.x EOS took effect on 2025-06-10
    assert warnings(app) == [UNPUBLISHED_PY]


@pytest.mark.sphinx("html", testroot="unpublished", freshenv=True, confoverrides={"exclude_patterns": []})
def test_a_notice_publishes_the_announcement(app: Any) -> None:
    app.build()  # notices.rst (orphan) shows both announcements
    assert warnings(app) == []
    notices = html_soup(app, "notices").find_all("div", class_="neuron-eos-notice")
    assert len(notices) == 2


@pytest.mark.sphinx("html", testroot="missing-label", freshenv=True)
def test_missing_announcement_label_is_an_undefined_label_in_the_yaml(app: Any) -> None:
    app.build()
    (line,) = warnings(app)
    # "      announcement: no-such-page" is line 8 of python.yaml
    assert line == (
        "policy_data/dependencies/python.yaml:8:21: WARNING: undefined label: 'no-such-page' "
        "(the announcement links to it) [neuron_policy.undefined-label]"
    )
    assert app.statuscode == 0
    notice = html_soup(app).find("div", class_="neuron-eos-notice")
    assert notice.find("a") is None and "Read the announcement." in text_of(notice)


@pytest.mark.sphinx("html", testroot="missing-label", freshenv=True, confoverrides={"nitpicky": True})
def test_a_missing_label_is_reported_once_in_nitpicky_mode_too(app: Any) -> None:
    app.build()
    assert [w.split(": WARNING: ")[1] for w in warnings(app)] == [
        "undefined label: 'no-such-page' (the announcement links to it) [neuron_policy.undefined-label]"
    ]


def test_a_rebuild_reports_no_configuration_change(tmp_path: Path) -> None:
    """Serving the stylesheet does not touch html_static_path, so a rebuild finds the same config."""
    srcdir = tmp_path / "basic"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    command = [sys.executable, "-m", "sphinx", "-b", "html", str(srcdir), str(tmp_path / "out")]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    again = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "neuron_policy" in first.stdout
    assert "changed" not in again.stdout.replace("0 changed", ""), again.stdout
    assert (tmp_path / "out" / "_static" / "neuron_policy.css").is_file()


EPOCH_2024_10_01 = "1727740800"


@pytest.mark.parametrize(
    ("overrides", "message", "shown"),
    [
        ({"neuron_policy_today": "24/11/2026"},
         "neuron_policy_today: expected a date YYYY-MM-DD, got '24/11/2026' (or None for today)",
         "Status as of 2024-10-01."),  # the default: the date of SOURCE_DATE_EPOCH
        ({"neuron_policy_today": "20251001"},  # date.fromisoformat would take it; the SPEC says YYYY-MM-DD
         "neuron_policy_today: expected a date YYYY-MM-DD, got '20251001' (or None for today)",
         "Status as of 2024-10-01."),
        ({"neuron_policy_severity": {"min-suport": "error", "min-support": "off"}},
         "neuron_policy_severity: unknown rule 'min-suport' (did you mean 'min-support'?)",
         "min-support warning"),  # no override applies, not even the good one
        ({"neuron_policy_severity": {"min-support": "fatal"}},
         "neuron_policy_severity: min-support: unknown severity 'fatal'; expected error, warning, info or off",
         "min-support warning"),
        ({"neuron_policy_date_format": "%"},
         "neuron_policy_date_format: '%' shows every date the same; use strftime codes, e.g. '%Y-%m-%d' or "
         "'%d %B %Y'",
         "Status as of 2025-10-01."),
        ({"neuron_policy_date_format": " "}, "neuron_policy_date_format: expected a non-empty strftime format",
         "Status as of 2025-10-01."),
    ],
)  # fmt: skip
def test_bad_config_values_fail_the_build_and_use_the_default(
    make_app: Any, app_params: Any, monkeypatch: pytest.MonkeyPatch, overrides: dict[str, Any], message: str, shown: str
) -> None:
    """A bad value is one located error (no crash report), its default is used, and the build fails.
    The config itself is left as written (nothing is written back into it)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_10_01)
    args, kwargs = app_params
    kwargs["confoverrides"] = overrides
    app = make_app(*args, **kwargs)
    name, value = next(iter(overrides.items()))
    app.build()
    assert getattr(app.config, name) == value
    errors = [w for w in warnings(app) if "ERROR" in w]
    assert len(errors) == 1, warnings(app)
    assert errors[0].startswith("conf.py:")
    assert errors[0].endswith(f"ERROR: {message} [neuron_policy.config]")
    assert app.statuscode == 1
    assert shown in text_of(html_soup(app, "rules"))


test_bad_config_values_fail_the_build_and_use_the_default = pytest.mark.sphinx("html", testroot="basic")(
    test_bad_config_values_fail_the_build_and_use_the_default
)


@pytest.mark.sphinx("html", testroot="basic", confoverrides={"neuron_policy_data": "no-such-dir"})
def test_missing_data_directory_fails_the_build(app: Any) -> None:
    app.build()
    errors = [w for w in warnings(app) if "ERROR" in w]
    assert len(errors) == 1, errors  # one problem, one message
    assert errors[0].startswith("conf.py:")
    assert "neuron_policy_data:" in errors[0] and "no-such-dir is not a directory" in errors[0]
    assert app.statuscode == 1
