"""The exports in the build: the files an HTML build publishes (the same bytes as
``neuron-policy export``, complete after an incremental build, none in an EPUB), and the
``neuron-export`` role that links them. (Serial against ``-j`` and different hash seeds: the
test-parallel root publishes every format, so test_build_guarantees.py compares them too.)"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

import feedparser
import pytest

from neuron_policy.cli import main

from .conftest import ROOTS, html_soup, sphinx_path, warnings
from .test_build_guarantees import EPOCH_2024_10_01, Site

EVERYTHING = ["json", "ics", "atom", "badges"]
MakeApp = Any


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_build_and_the_command_write_the_same_files(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = tmp_path / "basic"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + f"neuron_policy_exports = {EVERYTHING!r}\nhtml_baseurl = 'https://docs.example.org/tiny/'\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=sphinx_path(srcdir), builddir=sphinx_path(tmp_path / "out"), freshenv=True)
    app.build()
    assert warnings(app) == [] and app.statuscode == 0
    built = Path(str(app.outdir)) / "_policy"
    assert {"lifecycle.json", "lifecycle-1.schema.json", "calendar.ics", "announcements.atom"} <= set(tree(built))
    out = tmp_path / "cli"
    argv = ["export", "all", "--conf", str(conf), "--inventory", str(Path(str(app.outdir)) / "objects.inv"), "-o", str(out)]
    assert main(argv) == 0
    assert tree(out) == tree(built)
    # the feed links each post to the page that defines its label, on the published site
    feed = feedparser.parse((built / "announcements.atom").read_bytes())
    python = next(e for e in feed.entries if e.title == "End of support: Python 3.8")
    assert python.link == "https://docs.example.org/tiny/announce.html#eos-python-38"


def test_an_incremental_build_publishes_what_a_clean_one_does(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2024_10_01)
    srcdir = tmp_path / "incremental"
    shutil.copytree(ROOTS / "test-incremental", srcdir)
    conf = {"neuron_policy_exports": EVERYTHING}
    jax = srcdir / "policy_data" / "dependencies" / "jax.yaml"
    jax.write_text('title: JAX\ncategory: framework\nversions:\n  - {version: "0.4", sdk: ">=2.18"}\n', encoding="utf-8")
    site = Site(make_app, srcdir, builddir=sphinx_path(tmp_path / "inc"), confoverrides=conf)
    site.build()
    assert (tmp_path / "inc" / "html" / "_policy" / "calendars" / "dependencies" / "jax.ics").is_file()
    python = srcdir / "policy_data" / "dependencies" / "python.yaml"
    python.write_text(python.read_text(encoding="utf-8") + '  - {version: "3.11", sdk: ">=2.19"}\n', encoding="utf-8")
    jax.unlink()
    assert site.build() == ["alldeps", "python"]
    clean = make_app(
        "html", srcdir=sphinx_path(srcdir), builddir=sphinx_path(tmp_path / "clean"), freshenv=True, confoverrides=conf
    )
    clean.build()
    incremental = tree(tmp_path / "inc" / "html" / "_policy")
    assert incremental == tree(tmp_path / "clean" / "html" / "_policy")
    assert "badges/dependencies/python/3.11.json" in incremental
    assert not [name for name in incremental if "jax" in name]


def test_an_epub_holds_no_exports(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(
        "epub", srcdir=sphinx_path(ROOTS / "test-basic"), builddir=sphinx_path(tmp_path),
        freshenv=True, confoverrides={"neuron_policy_exports": EVERYTHING},
    )  # fmt: skip
    app.build()
    assert warnings(app) == []
    epub = next(Path(str(app.outdir)).glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        assert not [n for n in archive.namelist() if "_policy/" in n]
    assert not (Path(str(app.outdir)) / "_policy").exists()


LINKS = """\
Links
=====

:neuron-export:`ics` :neuron-export:`Subscribe <ics python>` :neuron-export:`atom`
:neuron-export:`json` :neuron-export:`schema` :neuron-export:`badge python 3.9`
"""


def _links_site(make_app: MakeApp, tmp_path: Path, builder: str, text: str = LINKS, **conf: Any) -> Any:
    srcdir = tmp_path / "links"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    (srcdir / "sub").mkdir()
    (srcdir / "sub" / "links.rst").write_text(text, encoding="utf-8")
    with open(srcdir / "index.rst", "a", encoding="utf-8") as index:
        index.write("\n.. toctree::\n\n   sub/links\n")
    overrides = {"neuron_policy_exports": EVERYTHING, **conf}
    app = make_app(builder, srcdir=sphinx_path(srcdir), freshenv=True, confoverrides=overrides)
    app.build()
    return app


@pytest.mark.parametrize(("builder", "prefix"), [("html", "../"), ("dirhtml", "../../")])
def test_the_role_links_each_file_relative_to_the_page(make_app: MakeApp, tmp_path: Path, builder: str, prefix: str) -> None:
    app = _links_site(make_app, tmp_path, builder)
    assert warnings(app) == []
    page = "sub/links" if builder == "html" else "sub/links/index"
    links = [(a.get_text(), a["href"]) for a in html_soup(app, page).select("a.neuron-export")]
    assert links == [
        ("the calendar (ICS)", f"{prefix}_policy/calendar.ics"),
        ("Subscribe", f"{prefix}_policy/calendars/dependencies/python.ics"),
        ("the announcements feed (Atom)", f"{prefix}_policy/announcements.atom"),
        ("the lifecycle as JSON", f"{prefix}_policy/lifecycle.json"),
        ("the JSON Schema of the lifecycle export", f"{prefix}_policy/lifecycle-1.schema.json"),
        ("the badge endpoint", f"{prefix}_policy/badges/dependencies/python/3.9.json"),
    ]
    out = Path(str(app.outdir))
    for _text, href in links:
        assert (out / Path(page).parent / href).resolve().is_file() if builder == "html" else True, href


def test_outside_a_site_the_role_links_the_published_files(make_app: MakeApp, tmp_path: Path) -> None:
    app = _links_site(make_app, tmp_path, "latex", html_baseurl="https://docs.example.org/tiny/")
    assert warnings(app) == []
    tex = next(Path(str(app.outdir)).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{https://docs.example.org/tiny/\_policy/calendar.ics}" in tex or (
        "https://docs.example.org/tiny/_policy/calendar.ics" in tex
    )
    text = _links_site(make_app, tmp_path / "t", "text")  # no base URL: the words alone
    assert "the calendar (ICS)" in (Path(str(text.outdir)) / "sub" / "links.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("role", "exports", "message"),
    [
        (":neuron-export:`rss`", EVERYTHING, "unknown export 'rss'"),
        (":neuron-export:`atom`", ["json"], "the build does not publish atom: add 'atom' to neuron_policy_exports"),
        (":neuron-export:`badge python 3.7`", EVERYTHING, "python has no version '3.7'"),
        (":neuron-export:`json python`", EVERYTHING, "json takes no subject"),
    ],
)
def test_a_link_to_nothing_is_a_located_error(
    make_app: MakeApp, tmp_path: Path, role: str, exports: list[str], message: str
) -> None:
    app = _links_site(make_app, tmp_path, "html", f"Links\n=====\n\n{role}\n", neuron_policy_exports=exports)
    found = [w for w in warnings(app) if "neuron_policy" in w]
    assert len(found) == 1 and found[0].startswith("sub/links.rst:4: ERROR: :neuron-export: ") and message in found[0]
    assert app.statuscode == 1


def test_bad_export_settings_are_config_errors(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app(
        "html", srcdir=sphinx_path(ROOTS / "test-basic"), builddir=sphinx_path(tmp_path), freshenv=True,
        confoverrides={"neuron_policy_exports": ["json", "rss"], "neuron_policy_alarm_days": [-1], "neuron_policy_export_dir": "_static"},
    )  # fmt: skip
    app.build()
    found = [w for w in warnings(app) if "neuron_policy.config" in w]
    assert len(found) == 3, found
    assert any("neuron_policy_exports: unknown format 'rss'" in w for w in found)
    assert not (Path(str(app.outdir)) / "_policy").exists()  # a bad list publishes nothing
