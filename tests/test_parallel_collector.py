"""With ``-j``, the objects alive when pages are about to be read are frozen out of the collector
until the build finishes (so forked readers and writers do not walk them); afterwards the
collector is as it was."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.util.parallel import parallel_available

from .conftest import ROOTS, sphinx_path

MakeApp = Callable[..., Any]


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_parallel_build_freezes_the_collectors_objects_while_it_reads_and_writes(
    make_app: MakeApp, tmp_path: Path, parallel: int
) -> None:
    if parallel and not parallel_available:
        pytest.skip("this platform cannot build in parallel")
    srcdir = tmp_path / "parallel"
    shutil.copytree(ROOTS / "test-parallel", srcdir)
    app = make_app("html", srcdir=sphinx_path(srcdir), parallel=parallel, freshenv=True)
    frozen: list[int] = []
    app.connect("env-updated", lambda app, env: frozen.append(gc.get_freeze_count()))
    assert gc.get_freeze_count() == 0
    app.build()
    assert (frozen[0] > 0) == bool(parallel)
    assert gc.get_freeze_count() == 0
