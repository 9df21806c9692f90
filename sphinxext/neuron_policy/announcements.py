"""Maintenance and end-of-support announcements, gathered from the model in one place.

The ``neuron-eos-notice`` and ``neuron-eos-announcements`` directives show them, and the
``unpublished`` rule checks that every announcement made by the as-of date is shown somewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from packaging.version import Version

from .model import Loc, Located, PolicyDate, Spec
from .phases import Lifecycle, Timeline
from .subjects import Subject

Change = Literal["maintenance", "end-of-support"]


@dataclass(frozen=True)
class Announcement:
    """One announced change of one subject."""

    key: str  # "sdk <spec>" for an SDK entry, "<dependency> <version>" for a dependency version
    change: Change
    subject: str  # display name, e.g. "Python 3.8" or "SDK 2.19.x"
    category: str | None  # the dependency's category; None for the SDK
    announced: Located[PolicyDate]
    effective: PolicyDate | None
    effective_version: Version | None
    range: Spec  # the SDK releases that support the subject
    label: Located[str] | None
    timeline: Timeline
    finding_subject: Subject

    def made_by(self, day: dt.date) -> bool:
        return self.announced.value.earliest <= day

    @property
    def loc(self) -> Loc:
        return self.announced.loc


def collect(life: Lifecycle) -> list[Announcement]:
    """Every announcement in the data, newest first (then by subject, for a stable order)."""
    found: list[Announcement] = []
    for entry in life.data.end_of_support:
        releases = life.index.matching(entry.versions.value)
        timeline = life.sdk_timeline(releases[-1]) if releases else Timeline(("upcoming",), (None,))
        found.append(
            Announcement(
                f"sdk {entry.versions.value.text}",
                "end-of-support",
                life.entry_name(entry),
                None,
                entry.announced,
                entry.effective.value,
                None,
                entry.versions.value,
                entry.announcement,
                timeline,
                Subject("sdk", "sdk", tuple(str(r.version.value) for r in releases), entry.versions.value.text),
            )
        )
    for dep in life.data.dependencies:
        for version in dep.versions:
            dates = life.dates(version)
            subject = Subject("dependency", dep.id, (version.version.value,))
            name = f"{dep.title.value} {version.version.value}"
            if version.maintenance and version.maintenance.announced:
                effective = version.maintenance.effective
                found.append(
                    Announcement(
                        version.subject,
                        "maintenance",
                        name,
                        dep.category.value,
                        version.maintenance.announced,
                        dates.maintenance,
                        effective.value if effective and isinstance(effective.value, Version) else None,
                        version.sdk.value,
                        version.maintenance.announcement,
                        dates.timeline(),
                        subject,
                    )
                )
            if version.end_of_support and version.end_of_support.announced:
                found.append(
                    Announcement(
                        version.subject,
                        "end-of-support",
                        name,
                        dep.category.value,
                        version.end_of_support.announced,
                        dates.eos,
                        dates.eos_version,
                        version.sdk.value,
                        version.end_of_support.announcement,
                        dates.timeline(),
                        subject,
                    )
                )
    found.sort(key=lambda a: (-a.announced.value.earliest.toordinal(), a.key, a.change))
    return found
