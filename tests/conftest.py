"""Shared fixtures: Sphinx's testing fixtures, and a writer for tiny data directories."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sphinx

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Any:
    """Test roots for ``@pytest.mark.sphinx(testroot=...)``; Sphinx < 7.2 wants its own path type."""
    if sphinx.version_info < (7, 2):
        from sphinx.testing.path import path

        return path(str(ROOTS))
    return ROOTS


def sphinx_path(path: Path) -> Any:
    """A path as ``make_app`` wants it (Sphinx < 7.2 has its own path type)."""
    if sphinx.version_info < (7, 2):
        from sphinx.testing.path import path as spath

        return spath(str(path))
    return path


def status(app: Any) -> str:
    """The build's status log (``SphinxTestApp.status`` is public from Sphinx 7.3)."""
    stream = getattr(app, "status", None) or app._status
    return str(stream.getvalue())


def warnings(app: Any) -> list[str]:
    """The build's warning lines, without colours, paths made relative to the source directory."""
    stream = getattr(app, "warning", None) or app._warning
    text = re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue())
    return [line.replace(f"{app.srcdir}/", "") for line in text.splitlines() if line.strip()]


#: A small valid SDK history used by most rule tests (line numbers matter to the tests).
SDK = """\
releases:
  - version: 2.10.0
    released: 2023-01-10
  - version: 2.11.0
    released: 2023-04-10
  - version: 2.11.1
    released: 2023-05-10
  - version: 2.12.0
    released: 2023-07-10
end_of_support: []
"""

WriteData = Callable[..., Path]


@pytest.fixture
def write_data(tmp_path: Path) -> WriteData:
    """Write a data directory from YAML strings: ``write_data(sdk=..., deps={"python": ...})``."""

    def write(
        sdk: str | None = SDK,
        policy: str | None = None,
        deps: dict[str, str] | None = None,
        waivers: str | None = None,
        raw: dict[str, bytes] | None = None,
    ) -> Path:
        root = tmp_path / "policy_data"
        (root / "dependencies").mkdir(parents=True, exist_ok=True)
        files = {"sdk.yaml": sdk, "policy.yaml": policy, "waivers.yaml": waivers}
        files.update({f"dependencies/{k}.yaml": v for k, v in (deps or {}).items()})
        for name, text in files.items():
            if text is not None:
                (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
        for name, data in (raw or {}).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        return root

    return write


# -- helpers for the Sphinx-level tests (tests/test_sphinx_*.py) ---------------------------------


def html_soup(app: Any, page: str = "index") -> Any:
    """The built HTML page, parsed with BeautifulSoup."""
    from bs4 import BeautifulSoup

    path = Path(str(app.outdir)) / f"{page}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text_of(element: Any) -> str:
    """An element's text with whitespace runs collapsed."""
    return " ".join(element.get_text().split())


def table_data(table: Any) -> tuple[list[str], list[list[str]]]:
    """A table's header cells and body rows, as text."""
    head = [text_of(cell) for cell in table.thead.find_all("th")]
    body = [[text_of(cell) for cell in row.find_all(["td", "th"])] for row in table.tbody.find_all("tr")]
    return head, body
