"""The computed lifecycle: each SDK release's and dependency version's dates and phases.

:class:`Lifecycle` is built once per load, computes everything that does not depend on the as-of
date up front, and is only read afterwards: by the rules, the CLI and the renderers (and, under
``sphinx-build -j``, by every forked reader at once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from packaging.version import Version

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
from .naming import dependency_version_name, sdk_key, sdk_name, sdk_range_key, sdk_range_name
from .phases import DEPENDENCY_PHASES, SDK_PHASES, Timeline
from .release_index import ReleaseIndex
from .subjects import Query, SubjectError, parse_subject, unknown_reason

_SDK_PHASE_IDS = tuple(SDK_PHASES)
_DEPENDENCY_PHASE_IDS = tuple(DEPENDENCY_PHASES)


def sdk_timeline(release: SdkRelease, eos: SdkEndOfSupport | None) -> Timeline:
    return Timeline(
        _SDK_PHASE_IDS,
        (
            None,
            release.released.value.earliest,
            eos.announced.value.earliest if eos else None,
            eos.effective.value.earliest if eos else None,
        ),
    )


@dataclass(frozen=True, kw_only=True)
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
            _DEPENDENCY_PHASE_IDS,
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
    announcements = [m.announced.value for m in (version.maintenance, version.end_of_support) if m and m.announced]
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
    return DependencyDates(
        first_release=span.earliest if span else None,
        last_release=span.last if span else None,
        announced=min(announcements, key=lambda d: d.earliest) if announcements else None,
        maintenance=resolve_effective(version.maintenance.effective, index) if version.maintenance else None,
        eos=eos,
        eos_version=eos_version,
        eos_default=eos_default,
    )


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


@dataclass(frozen=True)
class PhaseChange:
    """The next day on which a phase shown changes, and what each subject becomes then."""

    day: dt.date
    changes: tuple[tuple[str, str], ...]  # (display name, new phase id), by name


class Lifecycle:
    """The computed view over the data that does not depend on the as-of date (read-only)."""

    def __init__(self, data: PolicyData) -> None:
        self.data = data
        self.index = ReleaseIndex(data.releases)
        eos: dict[Version, list[SdkEndOfSupport]] = {}
        for entry in data.end_of_support:
            for release in self.index.matching(entry.versions.value):
                eos.setdefault(release.version.value, []).append(entry)
        self._eos: Mapping[Version, tuple[SdkEndOfSupport, ...]] = MappingProxyType(
            {version: tuple(entries) for version, entries in eos.items()}
        )
        self._dates: Mapping[tuple[str, str], DependencyDates] = MappingProxyType(
            {(v.dependency, v.version.value): dependency_dates(v, self.index) for v in self.all_versions()}
        )
        # Timelines are asked for again and again (rules, announcements, pages): made once here.
        self._timelines = {key: dates.timeline() for key, dates in self._dates.items()}
        self._sdk_timelines = {r.version.value: (r, sdk_timeline(r, self.eos_entry(r))) for r in self.index.releases}
        # ordered, and looked up by text in constant time
        texts = [str(r.version.value) for r in self.index.releases]  # made once: a Version is not a str
        self._sdk_versions = dict.fromkeys(texts)
        self._dep_versions = {d.id: [v.version.value for v in d.versions] for d in data.dependencies}
        named: dict[str, tuple[str, Timeline]] = {}
        for release, text in zip(self.index.releases, texts, strict=True):
            named[sdk_key(text)] = (sdk_name(text), self.sdk_timeline(release))
        for dep in data.dependencies:
            for version in dep.versions:
                name = dependency_version_name(dep.title.value, version.version.value)
                named[version.subject] = (name, self.dependency_timeline(version))
        for entry in data.end_of_support:
            matched = self.index.matching(entry.versions.value)
            timeline = self.sdk_timeline(matched[-1]) if matched else Timeline(("upcoming",), (None,))
            named.setdefault(sdk_range_key(entry.versions.value.text), (self.entry_name(entry), timeline))
        self._named: Mapping[str, tuple[str, Timeline]] = MappingProxyType(named)

    def eos_entries(self, release: SdkRelease) -> tuple[SdkEndOfSupport, ...]:
        return self._eos.get(release.version.value, ())

    def eos_entry(self, release: SdkRelease) -> SdkEndOfSupport | None:
        """The entry that decides a release's end of support (the first, if several overlap)."""
        entries = self._eos.get(release.version.value)
        return entries[0] if entries else None

    def sdk_timeline(self, release: SdkRelease) -> Timeline:
        made = self._sdk_timelines.get(release.version.value)
        if made is not None and made[0] is release:
            return made[1]
        return sdk_timeline(release, self.eos_entry(release))

    def dates(self, version: DependencyVersion) -> DependencyDates:
        return self._dates[(version.dependency, version.version.value)]

    def dependency_timeline(self, version: DependencyVersion) -> Timeline:
        return self._timelines[(version.dependency, version.version.value)]

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

    def version_name(self, version: DependencyVersion) -> str:
        """How generated text names a dependency version: ``Python 3.8``."""
        return self._named[version.subject][0]

    def entry_name(self, entry: SdkEndOfSupport) -> str:
        """How generated text names an SDK end-of-support entry: ``SDK 2.19.x`` or ``SDK versions <2.20``."""
        matched = self.index.matching(entry.versions.value)
        return sdk_range_name((r.version.value for r in matched), entry.versions.value.text)

    def unknown(self, query: Query) -> str | None:
        """Why a parsed subject names nothing in the data (with the closest names), or None."""
        return unknown_reason(query, self._sdk_versions, self._dep_versions)

    def resolve(self, text: str, *, allow_spec: bool = True, need_version: bool = False) -> Resolved:
        """What a subject string names; raises ``SubjectError`` (with the closest names) if nothing."""
        query = parse_subject(text, allow_spec=allow_spec)
        reason = self.unknown(query)
        if reason:
            raise SubjectError(reason)
        if query.kind == "sdk":
            if query.version is not None:
                release = self.index.get(Version(query.version))
                return Resolved(query, (release,) if release else ())
            if query.spec is None:
                return Resolved(query, self.index.releases)
            written = query.text.split(None, 1)[1].strip()  # the specifier after "sdk", as parsed
            return Resolved(query, self.index.matching(Spec(written, query.spec)))
        known = self._dep_versions[query.name]
        if need_version and query.version is None:
            raise SubjectError(f"name a version too, e.g. '{query.name} {known[0] if known else 'X'}'")
        dep = self.data.dependency(query.name)
        assert dep is not None
        chosen = tuple(v for v in dep.versions if query.version is None or v.version.value == query.version)
        return Resolved(query, (), dep, chosen)

    def next_phase_change(self, keys: Iterable[str], as_of: dt.date) -> PhaseChange | None:
        """The first day after ``as_of`` on which the phase of a subject key (``python 3.8``,
        ``sdk 2.19.0``, ``sdk <2.20``) changes; keys the data does not know are skipped."""
        found: list[tuple[dt.date, str, str]] = []
        for key in keys:
            named = self._named.get(key)
            if named is None:
                continue
            change = named[1].next_change(as_of)
            if change:
                found.append((change[0], named[0], change[1]))
        if not found:
            return None
        day = min(f[0] for f in found)
        return PhaseChange(day, tuple(sorted((name, phase) for d, name, phase in found if d == day)))
