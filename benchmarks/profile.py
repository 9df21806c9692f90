"""Where a check's time goes, per shape of data: ``python -m benchmarks.profile`` (repository root).

Profiles one check (load + rules + grading) of each shape the benchmarks time with cProfile and
prints, per shape, the share of the profiled time spent in each stage of the pipeline (by the
module whose own code ran) and the functions with the most own time. The stages are what
``benchmarks/README.md`` summarises; the profiler slows pure-Python code more than C code, so the
shares are relative, and the wall times are in ``python -m benchmarks.run``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
from collections.abc import Callable
from pathlib import Path

from neuron_policy.core import evaluate, load

from . import generate

#: Stages of the pipeline by the module (file name) whose own code runs.
STAGES = {
    "PyYAML (compose, C)": ("yaml/", "_yaml"),
    "located tree": ("yaml_tree.py",),
    "loader and model": ("loader.py", "schema.py", "values.py", "model.py", "files.py", "dates.py"),
    "lifecycle and index": ("lifecycle.py", "release_index.py", "scope.py", "phases.py", "announcements.py"),
    "rules": ("rules.py",),
    "waivers and grading": ("check.py", "subjects.py", "findings.py"),
    "packaging (versions, specifiers)": ("packaging/",),
}

#: The shapes: name, and how to write the data under a folder (with its as-of date's scale k).
SHAPES: dict[str, tuple[int, Callable[[Path], Path]]] = {
    "k=1": (1, lambda root: generate.write(root, 1)),
    "k=20": (20, lambda root: generate.write(root, 20)),
    "k=100": (100, lambda root: generate.write(root, 100)),
    "k=20, ~= spelling": (20, lambda root: generate.write(root, 20, spelling="tilde")),
    "k=1, 1,000 waivers": (1, lambda root: generate.write(root, 1, waivers=1000)),
}


def stage_of(filename: str) -> str:
    for stage, parts in STAGES.items():
        if any(part in filename for part in parts):
            return stage
    return "other (standard library, builtins)"


def profile(root: Path, k: int, top: int) -> tuple[float, dict[str, float], list[tuple[str, float]]]:
    """One profiled check: total seconds, seconds per stage, and the ``top`` functions by own time."""
    evaluate(load(root), generate.as_of(k))  # warm up imports and caches
    profiler = cProfile.Profile()
    profiler.enable()
    evaluate(load(root), generate.as_of(k))
    profiler.disable()
    stats = pstats.Stats(profiler)
    own: dict[str, float] = {}
    functions: list[tuple[str, float]] = []
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = stats.stats  # type: ignore[attr-defined]
    for (filename, line, name), (_calls, _primitive, tottime, _cumtime, _callers) in raw.items():
        stage = stage_of(f"{filename} {name}")  # a C function's file is '~'; its name says whose
        own[stage] = own.get(stage, 0.0) + tottime
        short = filename.rsplit("/", 1)[-1]
        functions.append((f"{short}:{line} {name}" if line else name, tottime))
    total = sum(own.values())
    functions.sort(key=lambda item: -item[1])
    return total, own, functions[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=list(SHAPES), action="append", help="profile only these shapes")
    parser.add_argument("--top", type=int, default=8, help="functions listed per shape")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="neuron-policy-profile-") as tmp:
        for name in args.only or SHAPES:
            k, write = SHAPES[name]
            root = write(Path(tmp) / name.replace(" ", "_").replace(",", "").replace("~=", "tilde"))
            total, own, functions = profile(root, k, args.top)
            print(f"## {name}: {total * 1000:.0f} ms profiled")
            for stage, seconds in sorted(own.items(), key=lambda item: -item[1]):
                print(f"- {stage}: {100 * seconds / total:.0f} %")
            print("- most own time: " + "; ".join(f"`{f}` {100 * s / total:.0f} %" for f, s in functions))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
