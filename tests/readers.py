"""What the reader tests (test_browser.py, test_pdf.py) share: where the tools are, and the rule
that a missing tool skips a test on a developer's machine but fails it in CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOTS = Path(__file__).resolve().parent / "roots"
#: The test site with every directive and role (as of 2025-10-01).
READERS = ROOTS / "test-readers"
#: Chromium as Debian installs it (``apt-get install chromium``); CHROMIUM names another one.
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
#: Flags for a headless Chromium on a machine without a network or a display.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(available: object, what: str) -> None:
    """Skip when ``what`` is missing, except in CI (CI=true), where that is a failure."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{what} is missing; .ci/run installs it, and CI must not skip these tests")
    pytest.skip(f"{what} is not installed (.ci/run installs it; run `bash .ci/run` or install it by hand)")


def sphinx_build(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m sphinx`` with warnings as errors; the caller checks the result."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
