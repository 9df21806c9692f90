"""The status of a subject on the as-of date: its phase (per platform), its dates and the next
change, as ``neuron-policy status`` prints it in text and JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from packaging.version import Version

from .check import Report
from .lifecycle import PlatformStates, resolve_effective
from .model import DependencyVersion, SdkRelease, Software
from .naming import sdk_key, sdk_name
from .phases import PHASE_LABELS, Timeline

MIXED = "mixed"


@dataclass(frozen=True, kw_only=True)
class PlatformStatus:
    """A subject on one platform: its phase, the use that phase is limited to, and the newest
    release published by the as-of date that supports it there."""

    phase: str
    use: str | None
    last_sdk: str | None


@dataclass(frozen=True, kw_only=True)
class SubjectStatus:
    """What ``status`` says of one subject."""

    subject: str
    name: str
    #: ``sdk``, or the kind of the dependency or software (``dependency``, ``component``, ...).
    kind: str
    #: Its phase id where every platform agrees, else ``mixed``.
    phase: str
    next_change: tuple[dt.date, str] | None
    #: (what, value) in the order the text output shows them.
    facts: tuple[tuple[str, str], ...]
    #: Per declared platform it is on; empty when the data declares no platforms.
    platforms: Mapping[str, PlatformStatus]

    def as_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "name": self.name,
            "kind": self.kind,
            "phase": self.phase,
            "next_change": {"date": str(self.next_change[0]), "phase": self.next_change[1]}
            if self.next_change
            else None,
            "facts": dict(self.facts),
            "platforms": {
                platform: {"phase": s.phase, "use": s.use, "last_sdk": s.last_sdk}
                for platform, s in self.platforms.items()
            },
        }


def _phase(platforms: Mapping[str, PlatformStatus], general: str) -> str:
    phases = {s.phase for s in platforms.values()}
    if not platforms:
        return general
    return phases.pop() if len(phases) == 1 else MIXED


def _platforms(states: PlatformStates, last: Mapping[str, str | None]) -> Mapping[str, PlatformStatus]:
    """Per platform of ``last`` (those it is on), its state; one group without platforms holds on all."""
    found = {
        platform: PlatformStatus(phase=state.phase, use=state.use, last_sdk=last.get(platform))
        for state, platforms in states
        for platform in (platforms or tuple(last))
    }
    return MappingProxyType({p: found[p] for p in last if p in found})


def _release(report: Report, release: SdkRelease) -> SubjectStatus:
    life, as_of = report.lifecycle, report.as_of
    timeline = life.sdk_timeline(release)
    entry = life.eos_entry(release)
    released = str(release.version.value) if release.released.value.earliest <= as_of else None
    phase = timeline.phase_on(as_of)
    return SubjectStatus(
        subject=sdk_key(release.version.value),
        name=sdk_name(release.version.value),
        kind="sdk",
        phase=phase,
        next_change=timeline.next_change(as_of),
        facts=(
            ("released", str(release.released.value)),
            ("end of support announced", str(entry.announced.value) if entry else "not announced"),
            ("end of support", str(entry.effective.value) if entry else "not announced"),
        ),
        platforms=MappingProxyType(
            {p: PlatformStatus(phase=phase, use=None, last_sdk=released) for p in life.platforms}
        ),
    )


def _version(report: Report, version: DependencyVersion) -> SubjectStatus:
    life, as_of = report.lifecycle, report.as_of
    dates = life.dates(version)
    timeline = life.dependency_timeline(version)
    eos = "not known" if dates.eos is None else str(dates.eos)
    if dates.eos_version is not None:
        eos += f" (SDK {dates.eos_version})"
    runs = [
        f"{first.version.value} to {last.version.value}" if last else f"from {first.version.value}, upcoming"
        for first, last in life.support_runs(version, as_of)
    ]
    span = f" ({'; '.join(runs)})" if runs else " (no release)"
    ranges = "; ".join(
        part.spec.value.text
        + (f" ({', '.join(life.platform_title(p.value) for p in part.platforms)})" if part.platforms else "")
        + (f" (return: {part.returns.value})" if part.returns else "")
        for part in version.support.parts
    )
    newest = {p: life.last_sdk(version, as_of, p) for p in life.version_platforms(version)}
    platforms = _platforms(
        life.version_states(version, as_of, life.version_platforms(version)),
        {p: str(r.version.value) if r else None for p, r in newest.items()},
    )
    dep = life.data.dependency(version.dependency)
    return SubjectStatus(
        subject=version.subject,
        name=life.version_name(version),
        kind=dep.kind.value if dep else "dependency",
        phase=_phase(platforms, timeline.phase_on(as_of)),
        next_change=timeline.next_change(as_of),
        facts=(
            ("supported in", f"SDK {ranges}{span}"),
            ("first supporting release", str(dates.first_release.released.value) if dates.first_release else "none"),
            ("announced", str(dates.announced or "not announced")),
            ("maintenance from", str(dates.maintenance or "-")),
            ("end of support", eos),
        ),
        platforms=platforms,
    )


def _software(report: Report, item: Software) -> SubjectStatus:
    life, as_of = report.lifecycle, report.as_of
    timeline: Timeline = life.software_timeline(item)
    facts: list[tuple[str, str]] = [("kind", item.kind.value)]
    for phase, milestone in item.milestones:
        day = resolve_effective(milestone.effective, life.index)
        named = milestone.effective.value if milestone.effective else None
        text = str(day) if day else "not known"
        if isinstance(named, Version):
            text += f" (SDK {named})"
        facts.append((PHASE_LABELS[phase].lower(), text))
    newest = {p: life.last_sdk(item, as_of, p) for p in life.software_platforms(item)}
    platforms = _platforms(
        life.software_states(item, as_of, life.software_platforms(item)),
        {p: str(r.version.value) if r else None for p, r in newest.items()},
    )
    return SubjectStatus(
        subject=item.id,
        name=item.title.value,
        kind=item.kind.value,
        phase=_phase(platforms, timeline.phase_on(as_of)),
        next_change=timeline.next_change(as_of),
        facts=tuple(facts),
        platforms=platforms,
    )


def status(report: Report, subject: str) -> list[SubjectStatus]:
    """The status of everything a subject string names (raises ``SubjectError`` if nothing)."""
    resolved = report.lifecycle.resolve(subject)
    found = [_release(report, release) for release in resolved.releases]
    found += [_version(report, version) for version in resolved.versions]
    if resolved.software is not None:
        found.append(_software(report, resolved.software))
    return found
