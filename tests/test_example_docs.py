"""The example docs build clean, and every command output they show is what the code prints.

The docs show real output as literal blocks read from files next to the pages (the tutorial's
failing build and check, the GitHub annotations, a status report, waived findings); these tests
regenerate each one and compare, so the docs cannot drift from the code.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from neuron_policy.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "example_docs"
TUTORIAL = DOCS / "tutorial"
DATA = ROOT / "policy_data"
#: The as-of date of the committed outputs (and of the pinned docs builds below).
TODAY = "2026-11-24"

needs_myst = pytest.mark.skipif(importlib.util.find_spec("myst_parser") is None, reason="needs myst-parser")


def sphinx(*args: str, cwd: Path, epoch: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run(
        [sys.executable, "-m", "sphinx", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def theme_options() -> list[str]:
    """The docs use sphinx-book-theme; where it is not installed (the tox test envs), use alabaster."""
    if importlib.util.find_spec("sphinx_book_theme") is None:
        return ["-D", "html_theme=alabaster"]
    return []


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


@needs_myst
@pytest.mark.parametrize("builder", ["html", "latex", "epub"])
def test_example_docs_build_clean(tmp_path: Path, builder: str) -> None:
    options = theme_options() if builder == "html" else []
    result = sphinx(
        "-W", "-n", "--keep-going", "-q", "-b", builder, "-d", str(tmp_path / "doctrees"),
        "-D", f"neuron_policy_today={TODAY}", *options, str(DOCS), str(tmp_path / builder),
        cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@needs_myst
def test_example_docs_build_clean_as_configured(tmp_path: Path) -> None:
    """As configured (conf.py sets no date, so the date of SOURCE_DATE_EPOCH applies), the pages
    build clean; the date is pinned so that the test does not change with the calendar."""
    epoch = str(int(dt.datetime.fromisoformat(f"{TODAY}T12:00:00+00:00").timestamp()))
    out = tmp_path / "html"
    result = sphinx("-W", "-n", "-q", "-b", "html", *theme_options(), str(DOCS), str(out), cwd=ROOT, epoch=epoch)
    assert result.returncode == 0, result.stderr
    as_of = re.sub(r"<[^>]+>", "", (out / "neuron-policy.html").read_text(encoding="utf-8"))  # text, no tags
    assert f"Status as of {TODAY}." in as_of


def test_real_data_passes(capsys: pytest.CaptureFixture[str]) -> None:
    status, output = cli(capsys, "check", str(DATA), "--today", TODAY)
    assert status == 0, output
    assert ": 0 errors, 0 warnings" in output


def test_tutorial_data_passes(capsys: pytest.CaptureFixture[str]) -> None:
    status, output = cli(capsys, "check", str(TUTORIAL / "project" / "policy_data"), "--today", "2026-01-15")
    assert status == 0
    assert output.endswith(": 0 errors, 0 warnings, 0 info (as of 2026-01-15)\n")


def test_tutorial_broken_check_is_shown(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TUTORIAL)
    status, output = cli(capsys, "check", "broken_data", "--today", "2026-01-15")
    assert status == 1
    assert output == (TUTORIAL / "broken-check.txt").read_text(encoding="utf-8")


def test_github_annotations_are_shown(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TUTORIAL)
    status, output = cli(capsys, "check", "broken_data", "--today", "2026-01-15", "--format", "github")
    assert status == 1
    assert output == (DOCS / "howto" / "broken-github.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("subject", "options", "shown"),
    [
        ("mxnet 1.8", [], "status-mxnet.txt"),
        ("python 3.10", [], "status-python.txt"),  # a phase that differs by platform
        ("python 3.10", ["--format", "json"], "status-python.json"),
    ],
)
def test_status_is_shown(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, subject: str, options: list[str], shown: str
) -> None:
    monkeypatch.chdir(ROOT)
    status, output = cli(capsys, "status", subject, "policy_data", "--today", TODAY, *options)
    assert status == 0
    assert output == (DOCS / "reference" / shown).read_text(encoding="utf-8")


def test_the_earlier_data_of_the_release_notes_is_made_from_the_data(tmp_path: Path) -> None:
    """The how-to's copy of the data as of 2.31.1 is what its script makes from policy_data/ now
    (after a change to the data, run example_docs/howto/release-notes/make_earlier.py)."""
    script = DOCS / "howto" / "release-notes" / "make_earlier.py"
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "made")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    committed = DOCS / "howto" / "release-notes" / "policy_data-2.31"
    made = {p.relative_to(tmp_path / "made"): p.read_bytes() for p in (tmp_path / "made").rglob("*") if p.is_file()}
    assert made == {p.relative_to(committed): p.read_bytes() for p in committed.rglob("*") if p.is_file()}


def test_release_notes_diff_is_shown(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    earlier = "example_docs/howto/release-notes/policy_data-2.31"
    argv = ["diff", earlier, "policy_data", "--old-today", "2026-08-12", "--today", TODAY, "--format", "markdown"]
    status, output = cli(capsys, *argv)
    assert status == 0
    assert output == (DOCS / "howto" / "release-notes" / "diff-markdown.txt").read_text(encoding="utf-8")


def test_waived_findings_are_shown(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    status, output = cli(capsys, "check", "policy_data", "--today", TODAY)
    assert status == 0
    lines = output.splitlines()
    for line in (DOCS / "howto" / "waived-check.txt").read_text(encoding="utf-8").splitlines():
        assert line in lines


def test_tutorial_first_table_is_shown(tmp_path: Path) -> None:
    project = TUTORIAL / "project"
    result = sphinx("-W", "-n", "-q", "-b", "text", "-d", str(tmp_path / "d"), ".", str(tmp_path / "text"), cwd=project)
    assert result.returncode == 0, result.stderr
    shown = (TUTORIAL / "project-output.txt").read_text(encoding="utf-8")
    assert (tmp_path / "text" / "index.txt").read_text(encoding="utf-8") == shown


def test_tutorial_failing_build_is_shown(tmp_path: Path) -> None:
    project = TUTORIAL / "project"
    result = sphinx(
        "-W", "-n", "--keep-going", "-q", "-b", "html", "-d", str(tmp_path / "d"), "-D", "neuron_policy_data=../broken_data",
        ".", str(tmp_path / "html"),
        cwd=project,
    )  # fmt: skip
    assert result.returncode == 1
    printed = [line.replace(f"{TUTORIAL}/", "\u2026/") for line in result.stderr.splitlines() if line.strip()]
    assert printed == (TUTORIAL / "broken-build.txt").read_text(encoding="utf-8").splitlines()


MANIFESTS = ["--manifest", "manifests/n2-manifest.json", "--manifest", "manifests/neuron-releases-manifest.json"]


def test_the_real_data_agrees_with_the_real_manifests(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every finding of the comparison is fixed in the data or waived with its reason."""
    monkeypatch.chdir(ROOT)
    status, output = cli(capsys, "check", "policy_data", "--today", TODAY, *MANIFESTS)
    assert status == 0, output
    assert ": 0 errors, 0 warnings" in output.splitlines()[-1]
    lines = output.splitlines()
    for line in (DOCS / "howto" / "manifest-check.txt").read_text(encoding="utf-8").splitlines():
        assert line in lines
