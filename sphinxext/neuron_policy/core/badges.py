"""Badge endpoints: one small JSON file per subject in the shields.io "endpoint" format, so a
README can show a subject's live phase (``https://img.shields.io/endpoint?url=<file's URL>``).

The message is the phase's label (per group of platforms where they differ), and the colour
that of the phase's badge on the pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import partial

from .check import Report
from .lifecycle import Lifecycle, PlatformStates
from .minors import minor_name, minor_timeline, minors
from .model import DependencyVersion, SdkRelease, Software
from .naming import sdk_key
from .phases import PHASE_LABELS
from .subjects import SubjectError

#: The text colour of each phase's badge in the stylesheet (light scheme), for shields.io.
COLOURS = {
    "upcoming": "4527a0",
    "beta": "4527a0",
    "rc": "4527a0",
    "supported": "1e6b34",
    "eos-announced": "8a4b00",
    "announced": "8a4b00",
    "maintenance": "0b4f8a",
    "end-of-support": "5a5a5a",
}
MIXED_COLOUR = "8a4b00"
_UNSAFE = re.compile(r"[^A-Za-z0-9._+-]")
_MINOR = re.compile(r"[0-9]+\.[0-9]+")


def file_part(text: str) -> str:
    """A name as a safe part of a path: letters, digits, ``._+-``; anything else becomes ``_``."""
    safe = _UNSAFE.sub("_", text)
    return "_" + safe if safe in ("", ".", "..") or safe.startswith(".") else safe


def badge(label: str, phase: str) -> bytes:
    return _dump({"schemaVersion": 1, "label": label, "message": PHASE_LABELS[phase], "color": COLOURS[phase]})


def _states_badge(life: Lifecycle, label: str, states: PlatformStates, general: str) -> bytes:
    if len(states) <= 1:
        phase = states[0][0].phase if states else general
        use = states[0][0].use if states else None
        message = PHASE_LABELS[phase] + (f" for {use}" if use else "")
        return _dump({"schemaVersion": 1, "label": label, "message": message, "color": COLOURS[phase]})
    parts = []
    for state, platforms in states:
        use = f" for {state.use}" if state.use else ""
        parts.append(f"{PHASE_LABELS[state.phase]}{use} ({', '.join(life.platform_title(p) for p in platforms)})")
    return _dump({"schemaVersion": 1, "label": label, "message": "; ".join(parts), "color": MIXED_COLOUR})


def _dump(value: dict[str, object]) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=True) + "\n").encode("ascii")


def _version_badge(report: Report, version: DependencyVersion) -> bytes:
    life, as_of = report.lifecycle, report.as_of
    states = life.version_states(version, as_of, life.version_platforms(version))
    general = life.dependency_timeline(version).phase_on(as_of)
    return _states_badge(life, life.version_name(version), states, general)


def _software_badge(report: Report, item: Software) -> bytes:
    life, as_of = report.lifecycle, report.as_of
    states = life.software_states(item, as_of, life.software_platforms(item))
    general = life.software_timeline(item).phase_on(as_of)
    return _states_badge(life, item.title.value, states, general)


def _release_badge(report: Report, release: SdkRelease) -> bytes:
    life = report.lifecycle
    sdk = life.data.policy.sdk_name.value
    return badge(f"{sdk} {release.version.value}", life.sdk_timeline(release).phase_on(report.as_of))


def _badges(report: Report) -> list[tuple[str, str, Callable[[], bytes]]]:
    """(subject key, path, maker) of every badge: ``sdk/<version>.json`` (key ``sdk 2.19.0``),
    ``sdk/<minor>.json`` (``sdk 2.19``), ``dependencies/<id>/<version>.json`` (``python 3.8``) and
    ``software/<id>.json`` (its id). Two versions whose names are the same once made safe get
    ``-2``, ``-3`` ... in data order."""
    life = report.lifecycle
    sdk = life.data.policy.sdk_name.value
    seen: set[str] = set()
    found: list[tuple[str, str, Callable[[], bytes]]] = []

    def add(key: str, path: str, make: Callable[[], bytes]) -> None:
        stem, n = path[: -len(".json")], 1
        while path in seen:
            n += 1
            path = f"{stem}-{n}.json"
        seen.add(path)
        found.append((key, path, make))

    for release in life.index.releases:
        key, path = sdk_key(release.version.value), f"sdk/{release.version.value}.json"
        add(key, path, partial(_release_badge, report, release))
    for minor, releases in minors(life).items():
        name = minor_name(minor)
        phase = minor_timeline(life, releases).phase_on(report.as_of)
        add(f"sdk {name}", f"sdk/{name}.json", partial(badge, f"{sdk} {name}", phase))
    for dep in life.data.dependencies:
        for version in dep.versions:
            path = f"dependencies/{dep.id}/{file_part(version.version.value)}.json"
            add(version.subject, path, partial(_version_badge, report, version))
    for item in life.data.software:
        add(item.id, f"software/{item.id}.json", partial(_software_badge, report, item))
    return found


def badge_files(report: Report) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of every badge (see :func:`_badges` for the paths)."""
    for _key, path, make in _badges(report):
        yield path, make()


def _key(report: Report, subject: str) -> str:
    """The key of the badge a subject string names (raises ``SubjectError``)."""
    words = subject.split()
    if len(words) == 2 and words[0] == "sdk" and _MINOR.fullmatch(words[1]):
        return f"sdk {words[1]}"
    resolved = report.lifecycle.resolve(subject, allow_spec=False, need_version=True)
    if resolved.software is not None:
        return resolved.software.id
    if resolved.versions:
        return resolved.versions[0].subject
    if resolved.releases:
        return sdk_key(resolved.releases[0].version.value)
    raise SubjectError(f"{subject!r} names nothing to make a badge of")


def badge_path(report: Report, subject: str) -> str:
    """Where the badge of a subject is, in the badges folder: ``sdk 2.19.0``, ``sdk 2.19`` (a
    minor), ``python 3.8`` or a software id (raises ``SubjectError`` for anything else)."""
    key = _key(report, subject)
    path = next((path for k, path, _make in _badges(report) if k == key), None)
    if path is None:
        raise SubjectError(f"SDK minor {subject.split()[-1]} has no release in sdk.yaml")
    return path


def badge_for(report: Report, subject: str) -> bytes:
    """The badge of one subject, as :func:`badge_path` names subjects."""
    key = _key(report, subject)
    make = next((make for k, _path, make in _badges(report) if k == key), None)
    if make is None:
        raise SubjectError(f"SDK minor {subject.split()[-1]} has no release in sdk.yaml")
    return make()
