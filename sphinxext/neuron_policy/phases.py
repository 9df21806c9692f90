"""Lifecycle phases, computed from dates on an as-of date (SPEC section 1).

A phase is never taken from the data: each phase has a start date, and the phase on a day is the
latest phase (in lifecycle order) whose start is on or before that day. Month-precision dates
start a phase on the first day of their month.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from packaging.version import Version

from .index import ReleaseIndex
from .model import (
    Dependency,
    DependencyVersion,
    Effective,
    Located,
    PolicyData,
    PolicyDate,
    SdkEndOfSupport,
    SdkRelease,
    Spec,
)
from .subjects import Query, SubjectError, parse_subject, unknown_reason

if TYPE_CHECKING:
    from .announcements import Announcement

SDK_PHASES: dict[str, str] = {
    "upcoming": "Upcoming",
    "supported": "Supported",
    "eos-announced": "End-of-support announced",
    "end-of-support": "End of support",
}
DEPENDENCY_PHASES: dict[str, str] = {
    "upcoming": "Upcoming",
    "supported": "Supported",
    "announced": "Maintenance or end of support announced",
    "maintenance": "Maintenance",
    "end-of-support": "End of support",
}
PHASE_LABELS: dict[str, str] = {**SDK_PHASES, **DEPENDENCY_PHASES}


@dataclass(frozen=True)
class Timeline:
    """Start dates of each phase of one subject (None: not known)."""

    phases: tuple[str, ...]
    starts: tuple[dt.date | None, ...]

    def phase_on(self, as_of: dt.date) -> str:
        current = self.phases[0]
        for phase, start in zip(self.phases, self.starts, strict=True):
            if start is not None and start <= as_of:
                current = phase
        return current

    def next_change(self, as_of: dt.date) -> tuple[dt.date, str] | None:
        """The first day after ``as_of`` on which the phase changes, and the new phase."""
        now = self.phase_on(as_of)
        for day in sorted({s for s in self.starts if s is not None and s > as_of}):
            phase = self.phase_on(day)
            if phase != now:
                return day, phase
        return None


def sdk_timeline(release: SdkRelease, eos: SdkEndOfSupport | None) -> Timeline:
    return Timeline(
        tuple(SDK_PHASES),
        (
            None,
            release.released.value.earliest,
            eos.announced.value.earliest if eos else None,
            eos.effective.value.earliest if eos else None,
        ),
    )


@dataclass(frozen=True)
class DependencyDates:
    """Derived dates of a dependency version; every field may be unknown."""

    first_release: SdkRelease | None
    last_release: SdkRelease | None
    announced: PolicyDate | None
    maintenance: PolicyDate | None
    eos: PolicyDate | None
    #: The SDK version in which support ends, when it is given or derived as one.
    eos_version: Version | None
    #: True when the EOS comes from the default rule (first SDK release above the range).
    eos_default: bool

    def timeline(self) -> Timeline:
        return Timeline(
            tuple(DEPENDENCY_PHASES),
            (
                None,
                self.first_release.released.value.earliest if self.first_release else None,
                self.announced.earliest if self.announced else None,
                self.maintenance.earliest if self.maintenance else None,
                self.eos.earliest if self.eos else None,
            ),
        )


def resolve_effective(effective: Located[Effective] | None, index: ReleaseIndex) -> PolicyDate | None:
    """A milestone's date: itself, or the release date of the SDK version it names."""
    if effective is None:
        return None
    value = effective.value
    if isinstance(value, PolicyDate):
        return value
    release = index.get(value)
    return release.released.value if release else None


def dependency_dates(version: DependencyVersion, index: ReleaseIndex) -> DependencyDates:
    span = index.span(version.sdk.value)
    first = span.earliest if span else None
    last = span.last if span else None
    announcements = [m.announced.value for m in (version.maintenance, version.end_of_support) if m and m.announced]
    announced = min(announcements, key=lambda d: d.earliest) if announcements else None
    maintenance = resolve_effective(version.maintenance.effective, index) if version.maintenance else None
    eos_milestone = version.end_of_support
    eos_default = eos_milestone is None or eos_milestone.effective is None
    eos_version: Version | None = None
    if eos_default:
        above = span.above if span else None
        eos = above.released.value if above else None
        eos_version = above.version.value if above else None
    else:
        effective = eos_milestone.effective if eos_milestone else None
        eos = resolve_effective(effective, index)
        eos_version = effective.value if effective and isinstance(effective.value, Version) else None
    return DependencyDates(first, last, announced, maintenance, eos, eos_version, eos_default)


class Lifecycle:
    """The computed view over the data that does not depend on the as-of date.

    Built once per load and shared by the rules, the CLI and the renderers: the release index,
    the end-of-support entries of each release, and each dependency version's dates.
    """

    def __init__(self, data: PolicyData) -> None:
        self.data = data
        self.index = ReleaseIndex(data.releases)
        self._eos: dict[Version, list[SdkEndOfSupport]] = {}
        for entry in data.end_of_support:
            for release in self.index.matching(entry.versions.value):
                self._eos.setdefault(release.version.value, []).append(entry)
        self._dates: dict[tuple[str, str], DependencyDates] = {}

    def eos_entries(self, release: SdkRelease) -> list[SdkEndOfSupport]:
        return self._eos.get(release.version.value, [])

    def eos_entry(self, release: SdkRelease) -> SdkEndOfSupport | None:
        """The entry that decides a release's end of support (the first, if several overlap)."""
        entries = self._eos.get(release.version.value)
        return entries[0] if entries else None

    def sdk_timeline(self, release: SdkRelease) -> Timeline:
        return sdk_timeline(release, self.eos_entry(release))

    def dates(self, version: DependencyVersion) -> DependencyDates:
        key = (version.dependency, version.version.value)
        cached = self._dates.get(key)
        if cached is None:
            cached = self._dates[key] = dependency_dates(version, self.index)
        return cached

    def dependency_timeline(self, version: DependencyVersion) -> Timeline:
        return self.dates(version).timeline()

    def last_supporting(self, spec: Spec, as_of: dt.date) -> SdkRelease | None:
        """The newest release matched by ``spec`` that was published by ``as_of``.

        The one meaning of "the last SDK release that supports it" in every output: planned
        releases in the data do not count until their release date.
        """
        for release in reversed(self.index.matching(spec)):
            if release.released.value.earliest <= as_of:
                return release
        return None

    def latest_released(self, as_of: dt.date) -> SdkRelease | None:
        """The newest release published by ``as_of``."""
        return max(
            (r for r in self.index.releases if r.released.value.earliest <= as_of),
            key=lambda r: r.version.value,
            default=None,
        )

    def all_versions(self) -> list[DependencyVersion]:
        return [v for dep in self.data.dependencies for v in dep.versions]

    def resolve(self, text: str, *, allow_spec: bool = True, need_version: bool = False) -> Resolved:
        """What a subject string names; raises ``SubjectError`` (with the closest names) if nothing."""
        query = parse_subject(text, allow_spec=allow_spec)
        versions = [str(r.version.value) for r in self.index.releases]
        deps = {d.id: [v.version.value for v in d.versions] for d in self.data.dependencies}
        reason = unknown_reason(query, versions, deps)
        if reason:
            raise SubjectError(reason)
        if query.kind == "sdk":
            if query.version is not None:
                release = self.index.get(Version(query.version))
                return Resolved(query, (release,) if release else ())
            spec = query.spec
            return Resolved(
                query,
                tuple(
                    r for r in self.index.releases if spec is None or spec.contains(r.version.value, prereleases=True)
                ),
            )
        if need_version and query.version is None:
            raise SubjectError(
                f"name a version too, e.g. '{query.name} {deps[query.name][0] if deps[query.name] else 'X'}'"
            )
        dep = self.data.dependency(query.name)
        assert dep is not None
        chosen = tuple(v for v in dep.versions if query.version is None or v.version.value == query.version)
        return Resolved(query, (), dep, chosen)

    @functools.cached_property
    def announcements(self) -> list[Announcement]:
        """Every maintenance and end-of-support announcement, newest first (built once)."""
        from .announcements import collect  # announcements build on this module

        return collect(self)

    def entry_name(self, entry: SdkEndOfSupport) -> str:
        """How generated text names an SDK end-of-support entry: ``SDK 2.19.x`` or ``SDK versions <2.20``."""
        releases = self.index.matching(entry.versions.value)
        minors = {r.version.value.release[:2] for r in releases}
        if len(minors) == 1:
            major, minor = next(iter(minors))
            return f"SDK {major}.{minor}.x"
        return f"SDK versions {entry.versions.value}"


@dataclass(frozen=True)
class Resolved:
    """A subject resolved against the data: SDK releases, or one dependency's versions."""

    query: Query
    releases: tuple[SdkRelease, ...] = ()
    dependency: Dependency | None = None
    versions: tuple[DependencyVersion, ...] = ()

    @property
    def files(self) -> tuple[str, ...]:
        """The data files this subject's facts come from."""
        return ("sdk.yaml",) if self.dependency is None else ("sdk.yaml", self.dependency.path)
