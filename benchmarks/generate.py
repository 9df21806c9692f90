"""Generate valid synthetic policy data at scale k, shaped like the real Neuron data.

k = 1 is real Neuron scale: about 100 SDK releases (minors with 0-2 patch releases), 20
dependencies and 150 dependency versions, with end-of-support entries, closed and open support
ranges, maintenance phases and upstream end-of-life dates. Everything is derived arithmetically
from k, so the output is the same on every run and checks clean on its as-of date.

Two other shapes of the same data: ``spelling`` writes every range another valid way that
matches the same releases (``~=2.5, <2.9`` or ``==2.*, >=2.5, <2.9, !=3.*`` for
``>=2.5, <2.9``), and ``waivers=n`` declares a wrong phase on every SDK release and dependency
version and writes ``n`` waivers of that rule (see :func:`waivers_yaml`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

BASE = dt.date(1990, 1, 1)
CATEGORIES = ("operating-system", "language-runtime", "library", "framework")
MINOR_DAYS = 30  # a new SDK minor every month
GROUP = 4  # SDK end-of-support entries cover four minors each
#: How a range from minor a to minor b (b None: open) is written, by spelling.
SPELLINGS: dict[str, Callable[[int, int | None], str]] = {
    "range": lambda a, b: f">=2.{a}" + (f", <2.{b}" if b is not None else ""),
    "tilde": lambda a, b: f"~=2.{a}" + (f", <2.{b}" if b is not None else ""),
    "wildcard": lambda a, b: f"==2.*, >=2.{a}" + (f", <2.{b}" if b is not None else "") + ", !=3.*",
}


def minors(k: int) -> int:
    return 50 * k


def released(minor: int, patch: int = 0) -> dt.date:
    return BASE + dt.timedelta(days=minor * MINOR_DAYS + 7 * patch)


def patches(minor: int) -> int:
    return minor % 3  # 0, 1 or 2 patch releases: 2.5 releases per minor on average


def as_of(k: int) -> dt.date:
    """A date after every release, so each phase in the data has started."""
    return released(minors(k)) + dt.timedelta(days=30)


def sdk_yaml(k: int, spelling: str = "range", wrong_phase: bool = False) -> str:
    spell = SPELLINGS[spelling]
    lines = ["releases:"]
    for minor in range(minors(k)):
        for patch in range(patches(minor) + 1):
            lines.append(f"  - version: 2.{minor}.{patch}\n    released: {released(minor, patch)}")
            if wrong_phase:
                lines.append("    phase: upcoming")
    lines.append("end_of_support:")
    for start in range(0, minors(k) - 2 * GROUP, GROUP):
        last = start + GROUP - 1
        newest = released(last, patches(last))
        effective = newest + dt.timedelta(days=400)  # more than 12 months after the newest release
        announced = effective - dt.timedelta(days=120)  # more than 3 months of notice
        lines.append(
            f'  - versions: "{spell(start, start + GROUP)}"\n    announced: {announced}\n    effective: {effective}'
        )
    return "\n".join(lines) + "\n"


def dependency_yaml(k: int, dep: int, spelling: str = "range", wrong_phase: bool = False) -> str:
    spell = SPELLINGS[spelling]
    count = 7 if dep % 2 else 8  # 7.5 versions per dependency on average
    lines = [f"title: Dependency {dep}", f"category: {CATEGORIES[dep % len(CATEGORIES)]}", "versions:"]
    span = minors(k) - 12
    for index in range(count):
        start = (dep * 7 + index * 5) % span
        end = start + 6 + (dep + index) % 10
        lines.append(f'  - version: "{index}.{dep % 10}"')
        if wrong_phase:
            lines.append("    phase: upcoming")
        if index == count - 1:
            lines.append(f'    sdk: "{spell(start, None)}"')
            continue
        lines.append(f'    sdk: "{spell(start, end)}"')
        announced = released(end - 2)
        if index % 2:
            last = min(end, minors(k)) - 1  # a release sdk.yaml lists (a range may reach past the newest)
            before = min(announced, released(last - 1))
            lines.append(f"    maintenance:\n      announced: {before}\n      effective: 2.{last}.0")
        lines.append(f"    end_of_support:\n      announced: {announced}\n      announcement: dep-{dep}-{index}-eos")
        lines.append(f"    upstream_eol: {released(end) + dt.timedelta(days=1000)}")
    return "\n".join(lines) + "\n"


def waivers_yaml(k: int, count: int) -> str:
    """``count`` waivers of ``phase-mismatch``: first those that match nothing (``sdk ==9.<i>.*``,
    reported unused), then one for each SDK release (as ``sdk 2.m.p`` or ``sdk >=2.m.p, <=2.m.p``)
    and each dependency version, as far as ``count`` goes. Every finding is compared with the
    waivers before its own, so a plain scan does count x findings comparisons."""
    matching = [
        f"sdk 2.{minor}.{patch}" if patch % 2 else f"sdk >=2.{minor}.{patch}, <=2.{minor}.{patch}"
        for minor in range(minors(k))
        for patch in range(patches(minor) + 1)
    ]
    matching += [f"dep{dep} {index}.{dep % 10}" for dep in range(20 * k) for index in range(7 if dep % 2 else 8)]
    matching = matching[:count]
    subjects = [f"sdk ==9.{i}.*" for i in range(count - len(matching))] + matching
    lines = ["waivers:" if subjects else "waivers: []"]
    for subject in subjects:
        lines.append(f'  - rule: phase-mismatch\n    subject: "{subject}"\n    reason: benchmark')
    return "\n".join(lines) + "\n"


def write(root: Path, k: int, *, spelling: str = "range", waivers: int | None = None) -> Path:
    """Write a data directory for scale k under ``root``; returns it. With ``waivers`` (even 0),
    every release and dependency version declares a wrong phase, and waivers.yaml holds that many
    waivers of it."""
    wrong = waivers is not None
    (root / "dependencies").mkdir(parents=True, exist_ok=True)
    (root / "policy.yaml").write_text("sdk: Synthetic SDK\nconda_last_version: null\n", encoding="utf-8")
    (root / "sdk.yaml").write_text(sdk_yaml(k, spelling, wrong), encoding="utf-8")
    for dep in range(20 * k):
        text = dependency_yaml(k, dep, spelling, wrong)
        (root / "dependencies" / f"dep{dep}.yaml").write_text(text, encoding="utf-8")
    if waivers is not None:
        (root / "waivers.yaml").write_text(waivers_yaml(k, waivers), encoding="utf-8")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("-k", type=int, default=1)
    parser.add_argument("--spelling", choices=sorted(SPELLINGS), default="range")
    parser.add_argument("--waivers", type=int, help="declare wrong phases and write this many waivers")
    args = parser.parse_args()
    write(args.directory, args.k, spelling=args.spelling, waivers=args.waivers)
    print(f"wrote scale {args.k} to {args.directory}; check it with --today {as_of(args.k)}")


if __name__ == "__main__":
    main()
