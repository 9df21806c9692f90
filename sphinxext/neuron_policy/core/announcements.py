"""Maintenance and end-of-support announcements, gathered from the lifecycle in one place.

The ``neuron-eos-notice`` and ``neuron-eos-announcements`` directives show them, and the
``unpublished`` rule checks that every announcement made by the as-of date is shown somewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from packaging.version import Version

from .lifecycle import Lifecycle
from .model import Dependency, DependencyVersion, Loc, Located, Milestone, PolicyDate, Spec
from .naming import sdk_range_key
from .phases import Timeline
from .subjects import Subject

Change = Literal["maintenance", "end-of-support"]


@dataclass(frozen=True, kw_only=True)
class Announcement:
    """One announced change of one subject."""

    #: The subject key: ``sdk <spec>`` for an SDK entry, ``<dependency> <version>`` for a version.
    key: str
    change: Change
    #: How generated text names the subject: ``Python 3.8`` or ``SDK 2.19.x``.
    subject: str
    #: The dependency's category; None for the SDK.
    category: str | None
    announced: Located[PolicyDate]
    effective: PolicyDate | None
    effective_version: Version | None
    #: The SDK releases that support the subject.
    range: Spec
    label: Located[str] | None
    timeline: Timeline
    finding_subject: Subject

    def made_by(self, day: dt.date) -> bool:
        return self.announced.value.earliest <= day

    @property
    def loc(self) -> Loc:
        return self.announced.loc


def _of_version(
    life: Lifecycle,
    dep: Dependency,
    version: DependencyVersion,
    change: Change,
    milestone: Milestone,
) -> Announcement | None:
    """The announcement a dependency version's milestone records, if it records one."""
    if milestone.announced is None:
        return None
    dates = life.dates(version)
    if change == "maintenance":
        named = milestone.effective.value if milestone.effective else None
        effective, effective_version = dates.maintenance, named if isinstance(named, Version) else None
    else:
        effective, effective_version = dates.eos, dates.eos_version
    return Announcement(
        key=version.subject,
        change=change,
        subject=life.version_name(version),
        category=dep.category.value,
        announced=milestone.announced,
        effective=effective,
        effective_version=effective_version,
        range=version.sdk.value,
        label=milestone.announcement,
        timeline=life.dependency_timeline(version),
        finding_subject=Subject("dependency", dep.id, (version.version.value,)),
    )


def collect(life: Lifecycle) -> tuple[Announcement, ...]:
    """Every announcement in the data, newest first (then by subject, for a stable order)."""
    found: list[Announcement] = []
    for entry in life.data.end_of_support:
        releases = life.index.matching(entry.versions.value)
        timeline = life.sdk_timeline(releases[-1]) if releases else Timeline(("upcoming",), (None,))
        found.append(
            Announcement(
                key=sdk_range_key(entry.versions.value.text),
                change="end-of-support",
                subject=life.entry_name(entry),
                category=None,
                announced=entry.announced,
                effective=entry.effective.value,
                effective_version=None,
                range=entry.versions.value,
                label=entry.announcement,
                timeline=timeline,
                finding_subject=Subject(
                    "sdk", "sdk", tuple(str(r.version.value) for r in releases), entry.versions.value.text
                ),
            )
        )
    for dep in life.data.dependencies:
        for version in dep.versions:
            milestones: tuple[tuple[Change, Milestone | None], ...] = (
                ("maintenance", version.maintenance),
                ("end-of-support", version.end_of_support),
            )
            for change, milestone in milestones:
                made = _of_version(life, dep, version, change, milestone) if milestone else None
                if made is not None:
                    found.append(made)
    found.sort(key=lambda a: (-a.announced.value.earliest.toordinal(), a.key, a.change))
    return tuple(found)
