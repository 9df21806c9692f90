"""``neuron-lifecycle-changes``: the changes since an earlier version of the data on a page, in
every builder, against a data directory or a git revision, read again when either side changes.

Root ``test-changes`` (as of 2025-06-01): the earlier data in ``earlier/policy_data`` (the base
data of tests/test_diff.py); since then SDK 2.23.0 was added, 2.22.0's date moved within April,
and Python 3.10's end of support was announced.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOTS, html_soup, sphinx_path, text_of, warnings

MakeApp = Callable[..., Any]

SECTIONS = ["Releases", "Dates", "Phases", "Announcements", "Waivers"]


def builder(name: str) -> Any:
    return pytest.mark.sphinx(name, testroot="changes", freshenv=True)


@builder("html")
def test_html(app: Any) -> None:
    app.build()
    assert warnings(app) == []
    lists = html_soup(app).find_all("div", class_="neuron-lifecycle-changes")
    assert len(lists) == 3
    full, short, nothing = lists
    assert [text_of(dt) for dt in full.find_all("dt")] == SECTIONS
    items = [text_of(li) for li in full.find_all("li")]
    assert items[0] == "New SDK release 2.23.0, released on 2025-05-20."
    assert "SDK 2.22.0: release date moved from 2025-04-03 to 2025-04-17." in items
    # phases are badges, dates are date nodes, the announcement links to its page
    badges = [(sorted(b["class"]), text_of(b)) for b in full.find_all("span", class_="neuron-phase")]
    assert (["neuron-phase", "neuron-phase-end-of-support"], "End of support") in badges
    assert "2025-04-17" in [text_of(d) for d in full.find_all("span", class_="neuron-date")]
    link = full.find("a", string="Read the announcement.")
    assert link is not None and link["href"] == "#eos-python-310"
    # the as-of line follows unless :no-as-of:
    assert text_of(full.find_next_sibling("p")) == "Status as of 2025-06-01."
    assert "short" in short["class"]
    assert [text_of(dt) for dt in short.find_all("dt")] == ["Releases", "Dates"]
    assert text_of(nothing) == "No changes."


@pytest.mark.parametrize(
    "output",
    [
        pytest.param("index.txt", marks=builder("text"), id="text"),
        pytest.param("tiny.tex", marks=builder("latex"), id="latex"),
        pytest.param("tiny.1", marks=builder("man"), id="man"),
        pytest.param("tiny.texi", marks=builder("texinfo"), id="texinfo"),
        pytest.param("index.xhtml", marks=builder("epub"), id="epub"),
    ],
)
def test_every_builder(app: Any, output: str) -> None:
    app.build()
    assert warnings(app) == []
    text = (Path(str(app.outdir)) / output).read_text(encoding="utf-8")
    text = re.sub(r"\\sphinxhyphen\{\}|\\-|\\&", "-", text)
    assert "New SDK release 2.23.0, released on" in " ".join(text.split())
    assert "Python 3.10: end of support announced on" in " ".join(text.split())


@pytest.mark.sphinx("text", testroot="changes", freshenv=True)
def test_text(app: Any) -> None:
    app.build()
    text = (Path(str(app.outdir)) / "index.txt").read_text(encoding="utf-8")
    assert "* SDK 2.20.0 entered [End of support] on 2025-05-01 (before: [End-\nof-support announced])." in text or (
        "SDK 2.20.0 entered [End of support] on 2025-05-01" in text
    )
    assert "Releases\n   * New SDK release 2.23.0, released on 2025-05-20." in text


def write_page(srcdir: Path, name: str, body: str) -> None:
    (srcdir / f"{name}.rst").write_text(f":orphan:\n\nChanges\n=======\n\n{body}\n", encoding="utf-8")


def copy_root(tmp_path: Path) -> Path:
    srcdir = tmp_path / "changes"
    shutil.copytree(ROOTS / "test-changes", srcdir)
    return srcdir


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        (
            ".. neuron-lifecycle-changes::",
            "takes the earlier data: a git revision REV:path, a data directory or a JSON export, got nothing",
        ),
        (
            ".. neuron-lifecycle-changes:: nowhere",
            "cannot read the earlier data 'nowhere': no such directory or file, and not a git revision (REV:path)",
        ),
        (".. neuron-lifecycle-changes:: HEAD:policy_data", "cannot read the earlier data 'HEAD:policy_data':"),
        (".. neuron-lifecycle-changes:: /conf.py", "cannot read the earlier data '/conf.py': is not JSON"),
        (
            ".. neuron-lifecycle-changes:: earlier/policy_data\n   :sections: dates, nonsense",
            ":sections: unknown 'nonsense'",
        ),
    ],
)
def test_problems_are_located_errors(make_app: MakeApp, tmp_path: Path, directive: str, message: str) -> None:
    srcdir = copy_root(tmp_path)
    write_page(srcdir, "page", directive)
    app = make_app("html", srcdir=sphinx_path(srcdir), freshenv=True)
    app.build()
    assert app.statuscode == 1
    found = [w for w in warnings(app) if "neuron_policy.directive-" in w]
    assert len(found) == 1 and found[0].startswith("page.rst:6: ERROR: neuron-lifecycle-changes: ")
    assert message in found[0]


# -- a git revision, and rebuilds ------------------------------------------------------------------


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env.update(GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    env.update(GIT_AUTHOR_DATE="2025-02-01T12:00:00+00:00", GIT_COMMITTER_DATE="2025-02-01T12:00:00+00:00")
    subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True)


class Site:
    """A project built repeatedly, recording which pages each build reads."""

    def __init__(self, make_app: MakeApp, srcdir: Path) -> None:
        self.make_app, self.srcdir = make_app, srcdir

    def build(self) -> list[str]:
        app = self.make_app("html", srcdir=sphinx_path(self.srcdir))
        read: list[str] = []
        app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
        app.build()
        # (a second application in one process warns that Sphinx's own nodes are registered again)
        assert [w for w in warnings(app) if "already registered" not in w] == []
        self.app = app
        return sorted(read)

    def items(self) -> list[str]:
        return [text_of(li) for li in html_soup(self.app, "notes").select("div.neuron-lifecycle-changes li")]


@pytest.fixture
def repo_site(make_app: MakeApp, tmp_path: Path) -> Site:
    """The root in a git repository whose first commit holds the earlier data as policy_data,
    with a page comparing with that commit (``v1``) and one comparing with the branch ``stable``."""
    srcdir = copy_root(tmp_path)
    current = srcdir / "policy_data"
    shutil.move(current, tmp_path / "current")
    shutil.copytree(srcdir / "earlier" / "policy_data", current)
    git(srcdir, "init", "-q", "-b", "main")
    git(srcdir, "add", ".")
    git(srcdir, "commit", "-q", "-m", "earlier")
    git(srcdir, "tag", "v1")
    git(srcdir, "branch", "stable")
    shutil.rmtree(current)
    shutil.copytree(tmp_path / "current", current)
    write_page(srcdir, "notes", ".. neuron-lifecycle-changes:: stable:./policy_data\n   :no-as-of:")
    write_page(srcdir, "tagged", ".. neuron-lifecycle-changes:: v1:policy_data")
    write_page(srcdir, "plain", "No policy here.")
    return Site(make_app, srcdir)


def test_a_git_revision_and_its_commit_date(repo_site: Site) -> None:
    assert repo_site.build() == ["index", "notes", "plain", "tagged"]
    items = [text_of(li) for li in html_soup(repo_site.app, "tagged").select("div.neuron-lifecycle-changes li")]
    assert "New SDK release 2.23.0, released on 2025-05-20." in items
    # as of the commit (2025-02-01), SDK 2.20.0 had its end of support announced
    assert "SDK 2.20.0 entered End of support on 2025-05-01 (before: End-of-support announced)." in items
    assert repo_site.items()[0] == "New SDK release 2.23.0, released on 2025-05-20."


def test_a_moved_branch_rereads_the_page_that_compares_with_it(repo_site: Site) -> None:
    repo_site.build()
    assert repo_site.build() == []
    other = repo_site.srcdir.parent / "stable"  # a commit on the branch, leaving the pages' tree alone
    git(repo_site.srcdir, "worktree", "add", "-q", str(other), "stable")
    sdk = other / "policy_data" / "sdk.yaml"
    sdk.write_text(
        sdk.read_text().replace("end_of_support:", "  - version: 2.23.0\n    released: 2025-05-20\nend_of_support:")
    )
    git(other, "commit", "-q", "-am", "2.23 on stable")
    assert repo_site.build() == ["notes"]
    assert "New SDK release 2.23.0, released on 2025-05-20." not in repo_site.items()


def test_an_edited_earlier_directory_rereads_the_page(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    write_page(
        srcdir, "notes", ".. neuron-lifecycle-changes:: earlier/policy_data\n   :no-as-of:\n   :sections: releases"
    )
    site = Site(make_app, srcdir)
    site.build()
    assert site.items() == ["New SDK release 2.23.0, released on 2025-05-20."]
    assert site.build() == []
    time.sleep(0.05)
    sdk = srcdir / "earlier" / "policy_data" / "sdk.yaml"
    sdk.write_text(
        sdk.read_text().replace("end_of_support:", "  - version: 2.23.0\n    released: 2025-05-20\nend_of_support:")
    )
    assert site.build() == ["index", "notes"]  # the root's index compares with it too
    assert site.items() == []


def test_the_changes_since_an_export(make_app: MakeApp, tmp_path: Path) -> None:
    """An export of the earlier data (made by ``neuron-policy export json`` when that release's
    docs were built) gives the same list, bar the waivers, which an export does not state."""
    from neuron_policy.core import check, lifecycle_json, parse_day

    srcdir = copy_root(tmp_path)
    report = check(srcdir / "earlier" / "policy_data", parse_day("2025-02-01"))
    (srcdir / "earlier" / "lifecycle-2.22.json").write_bytes(lifecycle_json(report))
    write_page(srcdir, "notes", ".. neuron-lifecycle-changes:: earlier/lifecycle-2.22.json\n   :no-as-of:")
    write_page(
        srcdir, "data", ".. neuron-lifecycle-changes:: earlier/policy_data\n   :as-of: 2025-02-01\n   :no-as-of:"
    )
    site = Site(make_app, srcdir)
    site.build()
    from_data = [text_of(li) for li in html_soup(site.app, "data").select("div.neuron-lifecycle-changes li")]
    waiver = "Waiver of upstream-eol for python 3.9 expired on 2025-05-15."
    assert waiver in from_data
    assert site.items() == [item for item in from_data if item != waiver]
