"""SPEC section 8: deterministic, parallel-safe and incremental builds."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sphinx
from sphinx.util.parallel import parallel_available

from .conftest import ROOTS, html_soup, sphinx_path, text_of, warnings

EPOCH_2024_10_01 = "1727740800"  # 2024-10-01T00:00:00Z
EPOCH_2025_10_01 = "1759276800"  # 2025-10-01T00:00:00Z: a different as-of date
EXTENSION_PAGES = ["alldeps", "python", "pytorch", "sdk"]

MakeApp = Callable[..., Any]


def copy_root(name: str, tmp_path: Path) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


class Site:
    """A source tree built repeatedly into the same output, recording which pages each build reads."""

    def __init__(self, make_app: MakeApp, srcdir: Path, **kwargs: Any) -> None:
        self.make_app, self.srcdir, self.kwargs = make_app, srcdir, kwargs

    def build(self) -> list[str]:
        app = self.make_app("html", srcdir=sphinx_path(self.srcdir), **self.kwargs)
        read: list[str] = []
        app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
        app.build()
        assert app.statuscode == 0, warnings(app)
        self.app = app
        return sorted(read)

    def touch(self, name: str) -> None:
        """Mark a file modified now, after the last build read anything."""
        time.sleep(0.05)
        now = time.time()
        os.utime(self.srcdir / name, (now, now))


@pytest.fixture
def site(make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_10_01)
    built = Site(make_app, copy_root("incremental", tmp_path))
    assert built.build() == sorted(["index", "plain", *EXTENSION_PAGES])
    yield built


def test_noop_rebuild_reads_nothing(site: Site) -> None:
    assert site.build() == []
    assert site.build() == []


@pytest.mark.parametrize(
    ("edited", "reread"),
    [
        ("policy_data/dependencies/pytorch.yaml", ["alldeps", "pytorch"]),
        ("policy_data/dependencies/python.yaml", ["alldeps", "python"]),
        ("policy_data/sdk.yaml", EXTENSION_PAGES),
        ("policy_data/policy.yaml", EXTENSION_PAGES),
        ("plain.rst", ["plain"]),
    ],
)
def test_editing_a_file_rereads_exactly_the_pages_that_used_it(site: Site, edited: str, reread: list[str]) -> None:
    site.touch(edited)
    assert site.build() == reread
    assert site.build() == []


def test_new_as_of_date_rereads_the_pages_that_use_the_extension(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_10_01)
    assert site.build() == EXTENSION_PAGES
    assert site.build() == []
    as_of = html_soup(site.app, "sdk").find("p", class_="neuron-policy-as-of")
    assert text_of(as_of) == "Status as of 2025-10-01."


def test_editing_a_page_keeps_what_other_pages_recorded(site: Site) -> None:
    site.touch("python.rst")
    assert site.build() == ["python"]
    # each page is still re-read when, and only when, data it uses changes
    site.touch("policy_data/dependencies/pytorch.yaml")
    assert site.build() == ["alldeps", "pytorch"]
    site.touch("policy_data/dependencies/python.yaml")
    assert site.build() == ["alldeps", "python"]


def test_a_new_process_reads_what_the_pages_recorded_from_the_pickled_environment(tmp_path: Path) -> None:
    """A build in a new process that re-reads nothing still knows, from the environment on disk,
    what every page shows: it names the next phase change among them."""
    srcdir = copy_root("basic", tmp_path)
    expected = (
        "neuron_policy: phases shown are valid until 2025-12-01: Python 3.12 becomes supported; "
        "Python 3.9 becomes end of support; SDK 2.23.0 becomes supported"
    )
    first = _sphinx_build_log(srcdir, tmp_path / "out")
    assert expected in first.splitlines()
    second = _sphinx_build_log(srcdir, tmp_path / "out")
    assert "updating environment: 0 added, 0 changed, 0 removed" in second, second
    assert expected in second.splitlines()


def _sphinx_build_log(srcdir: Path, out: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(out / "doctrees"), str(srcdir), str(out / "html")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_build_writes_nothing_in_the_source_tree(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("parallel", tmp_path)
    before = {p: p.stat().st_mtime_ns for p in srcdir.rglob("*")}
    app = make_app("html", srcdir=sphinx_path(srcdir), builddir=sphinx_path(tmp_path / "out"))
    app.build()
    assert {p: p.stat().st_mtime_ns for p in srcdir.rglob("*")} == before


def build_tree(make_app: MakeApp, srcdir: Path, out: Path, builder: str = "html", parallel: int = 0) -> list[str]:
    app = make_app(builder, srcdir=sphinx_path(srcdir), builddir=sphinx_path(out), parallel=parallel, freshenv=True)
    merged: list[str] = []
    app.connect("env-merge-info", lambda app, env, docnames, other: merged.extend(docnames))
    app.build()
    if parallel:  # Sphinx reads in parallel only when it is worth it: make sure it did
        assert merged, "the parallel build read serially"
    # A second app in one process re-registers Sphinx's own nodes; that warning is not ours.
    return [w for w in warnings(app) if "while setting up extension" not in w]


def same_tree(a: Path, b: Path, ignore: tuple[str, ...] = ()) -> list[str]:
    """Files that differ or exist on one side only (doctrees and build info excluded)."""
    diffs: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        diffs.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        diffs.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b, ignore=[".doctrees", ".buildinfo", *ignore]), "")
    return diffs


@pytest.mark.parametrize("builder", ["html", "text", "latex"])
def test_two_builds_are_byte_identical(make_app: MakeApp, tmp_path: Path, builder: str) -> None:
    srcdir = copy_root("parallel", tmp_path)
    first = build_tree(make_app, srcdir, tmp_path / "out-one", builder)
    second = build_tree(make_app, srcdir, tmp_path / "out-two", builder)
    assert first == second
    assert same_tree(tmp_path / "out-one" / builder, tmp_path / "out-two" / builder) == []


@pytest.mark.skipif(not parallel_available, reason="this platform cannot build in parallel")
def test_parallel_build_matches_serial_build(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("parallel", tmp_path)
    serial = build_tree(make_app, srcdir, tmp_path / "out-serial")
    parallel = build_tree(make_app, srcdir, tmp_path / "out-parallel", parallel=2)
    assert serial == parallel
    # The cross-page findings are the same, once each, located at the page line.
    problems = [w for w in serial if "neuron_policy" in w]
    assert len(problems) == 1, serial
    assert problems[0].startswith("roles.rst:6: ERROR: :neuron-phase: python has no version '3.7'")
    # Sphinx 5.3 and 6 write the search index's "alltitles" in reading order, which -j changes;
    # the pages themselves (and so everything this extension renders) must still match.
    ignore = ("searchindex.js",) if sphinx.version_info < (7,) else ()
    assert same_tree(tmp_path / "out-serial" / "html", tmp_path / "out-parallel" / "html", ignore) == []


def _sphinx_build(srcdir: Path, out: Path, seed: str, *options: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-E", *options, str(srcdir), str(out)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    # test-parallel has one unknown subject on purpose; test-platforms none
    errors = result.stderr.count("neuron_policy.unknown-subject")
    assert (result.returncode, errors) in ((1, 1), (0, 0)), result.stderr
    return result.stdout


@pytest.mark.parametrize("root", ["parallel", "platforms"])
@pytest.mark.parametrize("builder", ["html", "text"])
def test_builds_in_processes_with_different_hash_seeds_are_byte_identical(
    tmp_path: Path, builder: str, root: str
) -> None:
    """Set and dict ordering differ between processes with different ``PYTHONHASHSEED`` values; the
    output must not (one build serial, one with ``-j 2``)."""
    srcdir = copy_root(root, tmp_path)
    _sphinx_build(srcdir, tmp_path / "one", "1", "-b", builder, "-d", str(tmp_path / "d1"))
    log = _sphinx_build(srcdir, tmp_path / "two", "2", "-b", builder, "-d", str(tmp_path / "d2"), "-j", "2")
    if root == "parallel":  # enough pages to read in chunks (test-platforms has one page)
        assert any(" .. " in line for line in log.splitlines() if "reading sources" in line), log
    ignore = ("searchindex.js",) if sphinx.version_info < (7,) else ()  # see the parallel test above
    assert same_tree(tmp_path / "one", tmp_path / "two", ignore) == []


def _site_with(make_app: MakeApp, tmp_path: Path, pages: dict[str, str]) -> Site:
    srcdir = copy_root("incremental", tmp_path)
    for name, body in pages.items():
        (srcdir / f"{name}.rst").write_text(f"{name}\n{'=' * len(name)}\n\n{body}\n", encoding="utf-8")
    with open(srcdir / "index.rst", "a", encoding="utf-8") as index:
        index.write("".join(f"   {name}\n" for name in pages))
    return Site(make_app, srcdir)


JAX = 'title: JAX\ncategory: framework\nversions:\n  - {version: "0.4", sdk: ">=2.18"}\n'


def test_fixing_the_data_rereads_a_page_whose_subject_was_unknown(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_10_01)
    site = _site_with(make_app, tmp_path, {"typos": ":neuron-phase:`jax 0.4` and :neuron-phase:`python 3.11`"})
    app = site.make_app("html", srcdir=sphinx_path(site.srcdir))
    app.build()
    assert app.statuscode == 1  # two unknown subjects
    # a new dependency file: the page is re-read, one problem is left
    (site.srcdir / "policy_data" / "dependencies" / "jax.yaml").write_text(JAX, encoding="utf-8")
    app = site.make_app("html", srcdir=sphinx_path(site.srcdir))
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    assert sorted(read) == ["alldeps", "typos"]  # the page listing every dependency too
    assert [w for w in warnings(app) if "unknown-subject" in w] == [
        "typos.rst:4: ERROR: :neuron-phase: python has no version '3.11' (did you mean '3.10'?); known: 3.10 "
        "[neuron_policy.unknown-subject]"
    ]
    # the version added to an existing file: the page is re-read and the build passes
    python = site.srcdir / "policy_data" / "dependencies" / "python.yaml"
    python.write_text(python.read_text(encoding="utf-8") + '  - {version: "3.11", sdk: ">=2.19"}\n', encoding="utf-8")
    assert site.build() == ["alldeps", "python", "typos"]


def test_a_new_dependency_appears_on_pages_that_list_every_dependency(site: Site, make_app: MakeApp) -> None:
    (site.srcdir / "policy_data" / "dependencies" / "jax.yaml").write_text(JAX, encoding="utf-8")
    assert site.build() == ["alldeps"]
    matrix = html_soup(site.app, "alldeps").find("table", class_="neuron-dependency-matrix")
    assert [text_of(row.find("td")) for row in matrix.find("tbody").find_all("tr")] == [
        "JAX",
        "Python",
        "PyTorch",
    ]  # by id
    assert site.build() == []


def test_pages_read_while_a_data_file_was_unreadable_are_reread_once_it_is_fixed(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_10_01)
    srcdir = copy_root("incremental", tmp_path)
    sdk = srcdir / "policy_data" / "sdk.yaml"
    text = sdk.read_text(encoding="utf-8")
    sdk.unlink()
    sdk.mkdir()  # unreadable: a directory where the file should be
    app = make_app("html", srcdir=sphinx_path(srcdir))
    app.build()
    # one error, for the cause; the pages that need the SDK releases wait quietly
    assert [w for w in warnings(app) if "neuron_policy" in w] == [
        "policy_data/sdk.yaml:1:1: ERROR: sdk.yaml is a directory, not a regular file [neuron_policy.schema]"
    ]
    assert app.statuscode == 1
    sdk.rmdir()
    sdk.write_text(text, encoding="utf-8")
    site = Site(make_app, srcdir)
    assert site.build() == EXTENSION_PAGES
    as_of = html_soup(site.app, "sdk").find("p", class_="neuron-policy-as-of")
    assert text_of(as_of) == "Status as of 2024-10-01."
    assert site.build() == []


RULES_PAGE = "Rules\n=====\n\n.. neuron-policy-rules::\n"


def test_a_data_file_that_appears_rereads_the_pages_that_would_read_it(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page depends on the data files it would read, whether or not they exist yet."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_10_01)
    site = _site_with(make_app, tmp_path, {"rules": ".. neuron-policy-rules::"})
    policy = site.srcdir / "policy_data" / "policy.yaml"
    policy.unlink()
    assert site.build() == sorted(["index", "plain", "rules", *EXTENSION_PAGES])

    def min_support() -> str:
        rows = html_soup(site.app, "rules").find("table").find("tbody").find_all("tr")
        return next(text_of(row.find_all("td")[2]) for row in rows if text_of(row.find("td")) == "min-support")

    assert min_support() == "min_support_months = 12"
    policy.write_text("min_support_months: 6\n", encoding="utf-8")
    assert site.build() == sorted(["rules", *EXTENSION_PAGES])
    assert min_support() == "min_support_months = 6"
    assert site.build() == []
    # A new waivers.yaml changes no page, only the verdict, which every build computes afresh.
    (site.srcdir / "policy_data" / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    assert site.build() == []


def test_removing_and_restoring_sdk_yaml_gives_what_a_clean_build_gives(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_10_01)
    srcdir = copy_root("incremental", tmp_path)
    sdk = srcdir / "policy_data" / "sdk.yaml"
    text = sdk.read_text(encoding="utf-8")
    out = tmp_path / "incremental-out"
    kwargs = {"srcdir": sphinx_path(srcdir), "builddir": sphinx_path(out)}
    make_app("html", **kwargs).build()
    sdk.unlink()
    missing = make_app("html", **kwargs)
    missing.build()
    assert missing.statuscode == 1
    sdk.write_text(text, encoding="utf-8")
    restored = make_app("html", **kwargs)
    restored.build()
    assert restored.statuscode == 0
    clean = tmp_path / "clean-out"
    make_app("html", srcdir=sphinx_path(srcdir), builddir=sphinx_path(clean), freshenv=True).build()
    # (Sphinx's own incremental search index keeps words that no page has any more, with no pages.)
    assert same_tree(out / "html", clean / "html", ("searchindex.js",)) == []


SOFTWARE = "title: NxD Inference\nkind: component\nsupported: {effective: 2.19.0}\n"
KINDS = "kinds:\n  component: {title: Neuron component, phases: [upcoming, supported, end-of-support]}\n"


def test_a_new_software_file_appears_on_pages_that_list_all_software(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_10_01)
    site = _site_with(make_app, tmp_path, {"software": ".. neuron-software-lifecycle::"})
    policy = site.srcdir / "policy_data" / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8") + KINDS, encoding="utf-8")
    site.build()
    assert html_soup(site.app, "software").find("table").tbody.find_all("tr") == []
    (site.srcdir / "policy_data" / "software").mkdir()
    (site.srcdir / "policy_data" / "software" / "nxd-inference.yaml").write_text(SOFTWARE, encoding="utf-8")
    # the page that lists all software, not alldeps, which lists every dependency
    assert site.build() == ["software"]
    rows = html_soup(site.app, "software").find("table").tbody.find_all("tr")
    assert [text_of(row.find("td")) for row in rows] == ["NxD Inference"]
