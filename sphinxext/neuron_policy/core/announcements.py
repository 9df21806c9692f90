"""Maintenance and end-of-support announcements, gathered from the lifecycle in one place.

One :class:`Announcement` per announced change of a subject (an SDK end-of-support entry, a
dependency version's or a software item's maintenance or end of support), with every dated post
that announced it, oldest first. The ``neuron-eos-notice`` and ``neuron-eos-announcements``
directives show them, and the ``unpublished`` rule checks that each one made by the as-of date
is shown somewhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from packaging.version import Version

from .lifecycle import Lifecycle, resolve_effective
from .model import Dependency, DependencyVersion, Loc, Located, Milestone, PolicyDate, Post, Software, Spec
from .naming import sdk_range_key
from .phases import Timeline
from .subjects import Subject

Change = Literal["maintenance", "end-of-support"]


@dataclass(frozen=True, kw_only=True)
class Announcement:
    """One announced change of one subject."""

    #: The subject key: ``sdk <spec>``, ``<dependency> <version>`` or a software id.
    key: str
    change: Change
    #: How generated text names the subject: ``Python 3.8``, ``SDK 2.19.x`` or ``NxD Inference``.
    subject: str
    #: The dependency's category or the software's kind; None for the SDK.
    category: str | None
    #: Every post that announced it, oldest first (at least one).
    posts: tuple[Post, ...]
    effective: PolicyDate | None
    effective_version: Version | None
    #: The SDK releases of an SDK end-of-support entry (None for other subjects).
    range: Spec | None
    #: The dependency version or software item it is about (None for the SDK).
    source: DependencyVersion | Software | None
    #: The platforms (ids) the change applies to; empty: every platform.
    platforms: tuple[str, ...]
    #: The stated use it applies to ("inference"), or None.
    use: str | None
    timeline: Timeline
    finding_subject: Subject

    @property
    def announced(self) -> Located[PolicyDate]:
        """When it was first announced."""
        return self.posts[0].date

    @property
    def label(self) -> Located[str] | None:
        """The label of the first post that has one."""
        return next((post.label for post in self.posts if post.label is not None), None)

    def made_by(self, day: dt.date) -> bool:
        return self.announced.value.earliest <= day

    def posts_by(self, day: dt.date) -> tuple[Post, ...]:
        """The posts published by ``day``."""
        return tuple(post for post in self.posts if post.date.value.earliest <= day)

    @property
    def loc(self) -> Loc:
        return self.announced.loc


def _of_milestone(
    *,
    key: str,
    subject: str,
    category: str,
    change: Change,
    milestone: Milestone,
    effective: PolicyDate | None,
    effective_version: Version | None,
    source: DependencyVersion | Software,
    timeline: Timeline,
    finding_subject: Subject,
) -> Announcement | None:
    if not milestone.posts:
        return None
    return Announcement(
        key=key,
        change=change,
        subject=subject,
        category=category,
        posts=milestone.posts,
        effective=effective,
        effective_version=effective_version,
        range=None,
        source=source,
        platforms=tuple(p.value for p in milestone.platforms),
        use=milestone.use.value if milestone.use else None,
        timeline=timeline,
        finding_subject=finding_subject,
    )


def _of_version(
    life: Lifecycle, dep: Dependency, version: DependencyVersion, change: Change, milestone: Milestone
) -> Announcement | None:
    """The announcement a dependency version's milestone records, if it records one."""
    platform = milestone.platforms[0].value if milestone.platforms else None  # dates where it applies
    dates = life.dates(version, platform)
    if change == "maintenance":
        named = milestone.effective.value if milestone.effective else None
        effective, effective_version = dates.maintenance, named if isinstance(named, Version) else None
    else:
        effective, effective_version = dates.eos, dates.eos_version
    return _of_milestone(
        key=version.subject,
        subject=life.version_name(version),
        category=dep.category.value,
        change=change,
        milestone=milestone,
        effective=effective,
        effective_version=effective_version,
        source=version,
        timeline=life.dependency_timeline(version, platform),
        finding_subject=Subject("dependency", dep.id, (version.version.value,)),
    )


def _of_software(life: Lifecycle, item: Software, change: Change, milestone: Milestone) -> Announcement | None:
    day = resolve_effective(milestone.effective, life.index)
    named = milestone.effective.value if milestone.effective else None
    return _of_milestone(
        key=item.id,
        subject=item.title.value,
        category=item.kind.value,
        change=change,
        milestone=milestone,
        effective=day,
        effective_version=named if isinstance(named, Version) else None,
        source=item,
        timeline=life.software_timeline(item, milestone.platforms[0].value if milestone.platforms else None),
        finding_subject=Subject("dependency", item.id),
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
                posts=(Post(date=entry.announced, kind=None, label=entry.announcement, title=None, loc=entry.loc),),
                effective=entry.effective.value,
                effective_version=None,
                range=entry.versions.value,
                source=None,
                platforms=(),
                use=None,
                timeline=timeline,
                finding_subject=Subject(
                    "sdk", "sdk", tuple(str(r.version.value) for r in releases), entry.versions.value.text
                ),
            )
        )
    changes: tuple[tuple[Change, Callable[[DependencyVersion], Milestone | None]], ...] = (
        ("maintenance", lambda v: v.maintenance),
        ("end-of-support", lambda v: v.end_of_support),
    )
    for dep in life.data.dependencies:
        for version in dep.versions:
            for change, milestone_of in changes:
                milestone = milestone_of(version)
                made = _of_version(life, dep, version, change, milestone) if milestone else None
                if made is not None:
                    found.append(made)
    for item in life.data.software:
        for phase, milestone in item.milestones:
            if phase in ("maintenance", "end-of-support"):
                made = _of_software(
                    life, item, "maintenance" if phase == "maintenance" else "end-of-support", milestone
                )
                if made is not None:
                    found.append(made)
    found.sort(key=lambda a: (-a.announced.value.earliest.toordinal(), a.key, a.change))
    return tuple(found)
