"""Shared fixtures: Sphinx's testing fixtures, and a writer for tiny data directories."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

SHARED = Path(__file__).resolve().parents[2] / "shared"

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
            (root / name).write_bytes(data)
        return root

    return write


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
