"""A rebuild that reads no page does not load the data: it reports what the last build of the same
environment found, as long as the data, the as-of date, the settings and the extension are the
same. Any change to them loads and checks the data again."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOTS, sphinx_path, status, warnings

MakeApp = Callable[..., Any]


def build(make_app: MakeApp, srcdir: Path, **kwargs: Any) -> Any:
    app = make_app("html", srcdir=sphinx_path(srcdir), **kwargs)
    app.build()
    return app


def policy_warnings(app: Any) -> list[str]:
    """The build's policy findings (a second app in one process also warns about node classes)."""
    return [line for line in warnings(app) if "[neuron_policy." in line]


def loaded(app: Any) -> bool:
    """Whether this build loaded the data (the domain holds the check only then)."""
    return app.env.get_domain("neuron_policy").state is not None


def edit(path: Path, old: str, new: str) -> None:
    time.sleep(0.05)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


@pytest.fixture
def unpublished(tmp_path: Path) -> Path:
    """test-unpublished: two announcements no page shows (warnings), and a page with a phase."""
    srcdir = tmp_path / "unpublished"
    shutil.copytree(ROOTS / "test-unpublished", srcdir)
    return srcdir


def test_a_noop_rebuild_reports_what_the_last_build_found_without_loading_the_data(
    make_app: MakeApp, unpublished: Path
) -> None:
    first = build(make_app, unpublished)
    assert loaded(first)
    second = build(make_app, unpublished)
    assert not loaded(second)
    assert policy_warnings(second) == policy_warnings(first) != []
    assert second.statuscode == first.statuscode == 0
    assert "phases shown are valid until" in status(first)
    valid_until = [line for line in status(first).splitlines() if "phases shown are valid until" in line]
    assert valid_until == [line for line in status(second).splitlines() if "phases shown are valid until" in line]


def test_a_noop_rebuild_fails_again_on_the_errors_the_last_build_found(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = tmp_path / "min-support"
    shutil.copytree(ROOTS / "test-min-support", srcdir)
    errors = {"neuron_policy_severity": {"min-support": "error"}}  # a data finding, as an error
    first = build(make_app, srcdir, confoverrides=errors)
    second = build(make_app, srcdir, confoverrides=errors)
    assert not loaded(second)
    assert policy_warnings(second) == policy_warnings(first) != []
    assert "ERROR" in policy_warnings(second)[0]
    assert second.statuscode == first.statuscode == 1


@pytest.mark.parametrize(
    "change",
    ["data", "new-file", "as-of", "severity"],
)
def test_any_change_of_what_the_check_depends_on_checks_the_data_again(
    make_app: MakeApp, unpublished: Path, change: str
) -> None:
    build(make_app, unpublished)
    kwargs: dict[str, Any] = {}
    if change == "data":  # the SDK EOS announced later: a different message
        edit(unpublished / "policy_data" / "sdk.yaml", "announced: 2025-01-10", "announced: 2025-01-12")
    elif change == "new-file":  # a file the loader does not read, but nothing is assumed
        (unpublished / "policy_data" / "README.txt").write_text("notes\n", encoding="utf-8")
    elif change == "as-of":
        kwargs["confoverrides"] = {"neuron_policy_today": "2025-06-10"}
    else:
        kwargs["confoverrides"] = {"neuron_policy_severity": {"unpublished": "error"}}
    rebuilt = build(make_app, unpublished, **kwargs)
    assert loaded(rebuilt)
    fresh = build(make_app, unpublished, freshenv=True, **kwargs)
    assert policy_warnings(rebuilt) == policy_warnings(fresh)
    assert rebuilt.statuscode == fresh.statuscode


def test_a_page_that_stops_showing_an_announcement_is_seen_without_a_data_change(
    make_app: MakeApp, unpublished: Path
) -> None:
    overrides = {"exclude_patterns": []}  # notices.rst shows both announcements
    first = build(make_app, unpublished, confoverrides=overrides)
    assert policy_warnings(first) == []
    os.remove(unpublished / "notices.rst")
    rebuilt = build(make_app, unpublished, confoverrides=overrides)
    assert len(policy_warnings(rebuilt)) == 2  # both unpublished again
    fresh = build(make_app, unpublished, confoverrides=overrides, freshenv=True)
    assert policy_warnings(rebuilt) == policy_warnings(fresh)


def test_a_label_defined_or_removed_on_a_page_is_seen_without_a_data_change(make_app: MakeApp, tmp_path: Path) -> None:
    """The announcement labels are checked against the pages on every build, also when the data
    is not loaded: the labels the last check found are kept with its findings."""
    srcdir = tmp_path / "missing-label"
    shutil.copytree(ROOTS / "test-missing-label", srcdir)
    first = build(make_app, srcdir)
    assert [w for w in policy_warnings(first) if "undefined-label" in w] != []
    (srcdir / "target.rst").write_text(":orphan:\n\n.. _no-such-page:\n\nTarget\n======\n", encoding="utf-8")
    defined = build(make_app, srcdir)
    assert [w for w in policy_warnings(defined) if "undefined-label" in w] == []
    assert policy_warnings(defined) == policy_warnings(build(make_app, srcdir, freshenv=True))
    os.remove(srcdir / "target.rst")
    removed = build(make_app, srcdir)  # no page is read, and the data did not change
    assert policy_warnings(removed) == policy_warnings(first)


def test_pages_and_exports_written_again_from_an_unchanged_environment_are_the_same(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """With the output removed and the environment kept, no page is read but every page is written
    again: the data is loaded for them, so export links and export files are those of a full build."""
    srcdir = tmp_path / "parallel"
    shutil.copytree(ROOTS / "test-parallel", srcdir)
    first = build(make_app, srcdir)
    outdir = Path(str(first.outdir))
    before = {
        p.relative_to(outdir): p.read_bytes() for p in outdir.rglob("*") if p.is_file() and ".doctrees" not in p.parts
    }
    assert {p.suffix for p in before if p.parts[0] == "_policy"} == {".json", ".ics", ".atom"}
    for path in before:
        (outdir / path).unlink()
    again = build(make_app, srcdir)
    assert loaded(again)
    after = {
        p.relative_to(outdir): p.read_bytes() for p in outdir.rglob("*") if p.is_file() and ".doctrees" not in p.parts
    }
    assert after.keys() == before.keys()
    assert [p for p in before if after[p] != before[p] and p.suffix != ".js"] == []


def test_a_data_directory_that_cannot_be_walked_keeps_nothing_for_the_next_build(
    make_app: MakeApp, unpublished: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a stamp of the data (a folder the build cannot list, which the loader never needs),
    a change to the data would go unseen, so every build loads and checks it, pages included."""
    from neuron_policy.sphinx import events

    monkeypatch.setattr(events, "input_stamp", lambda data_dir, manifests: None)
    first = build(make_app, unpublished)
    edit(unpublished / "policy_data" / "sdk.yaml", "announced: 2025-01-10", "announced: 2025-01-12")
    rebuilt = build(make_app, unpublished)
    assert loaded(rebuilt)
    assert policy_warnings(rebuilt) != policy_warnings(first)
    assert policy_warnings(rebuilt) == policy_warnings(build(make_app, unpublished, freshenv=True))


def test_a_noop_rebuild_of_a_site_with_exports_writes_nothing_and_loads_nothing(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """The export folder as the last build left it needs no check of the data; an export file
    removed or edited since is written again, from the loaded data, by the next build that
    finishes its output (Sphinx 5.3 stops before that when no page is out of date: then the
    first build that writes a page repairs the folder)."""
    srcdir = tmp_path / "parallel"
    shutil.copytree(ROOTS / "test-parallel", srcdir)
    first = build(make_app, srcdir)
    folder = Path(str(first.outdir)) / "_policy"
    written = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    again = build(make_app, srcdir)
    assert not loaded(again)
    assert "exports in" not in status(again)
    (folder / "announcements.atom").write_text("edited", encoding="utf-8")
    (folder / "lifecycle.json").unlink()
    app = make_app("html", srcdir=sphinx_path(srcdir))
    collected: list[str] = []

    def note(app: Any) -> list[tuple[str, dict[str, object], str]]:
        collected.append(app.builder.name)
        return []

    app.connect("html-collect-pages", note)
    app.build()
    if not collected:  # the build stopped before finishing the site: nothing was written
        assert not loaded(app)
        assert not (folder / "lifecycle.json").exists()
        edit(srcdir / "index.rst", "\n", "\n\n")  # a page to write
        app = build(make_app, srcdir)
    assert loaded(app)
    assert "exports in _policy: 2 file(s) written or removed" in status(app)
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == written
