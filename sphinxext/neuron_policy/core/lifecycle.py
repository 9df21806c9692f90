"""The computed lifecycle: each SDK release's and dependency version's dates and phases.

:class:`Lifecycle` is built once per load, computes everything that does not depend on the as-of
date up front, and is only read afterwards: by the rules, the CLI and the renderers (and, under
``sphinx-build -j``, by every forked reader at once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from packaging.version import Version

from .model import (
    Dependency,
    DependencyVersion,
    Effective,
    Kind,
    Located,
    Milestone,
    PolicyData,
    PolicyDate,
    SdkEndOfSupport,
    SdkRelease,
    Software,
    Spec,
)
from .naming import dependency_version_name, sdk_key, sdk_name, sdk_range_key, sdk_range_name
from .phases import DEPENDENCY_PHASES, PHASES, SDK_PHASES, Timeline
from .release_index import ReleaseIndex
from .scope import groups, supported_specs, union_matching, union_span
from .subjects import Query, SubjectError, UnreadableSubject, id_files, parse_subject, unknown_reason

_SDK_PHASE_IDS = tuple(SDK_PHASES)


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

    def timeline(self, phases: Collection[str] | None = None) -> Timeline:
        """Its phases (those of ``phases``, its kind's, when given; ``upcoming`` always starts it)."""
        starts = {
            "upcoming": None,
            "supported": self.first_release.released.value.earliest if self.first_release else None,
            "announced": self.announced.earliest if self.announced else None,
            "maintenance": self.maintenance.earliest if self.maintenance else None,
            "end-of-support": self.eos.earliest if self.eos else None,
        }
        kept = tuple(p for p in DEPENDENCY_PHASES if phases is None or p == "upcoming" or p in phases)
        return Timeline(kept, tuple(starts[p] for p in kept))


def resolve_effective(effective: Located[Effective] | None, index: ReleaseIndex) -> PolicyDate | None:
    """A milestone's date: itself, or the release date of the SDK version it names."""
    if effective is None:
        return None
    value = effective.value
    if isinstance(value, PolicyDate):
        return value
    release = index.get(value)
    return release.released.value if release else None


def dependency_dates(version: DependencyVersion, index: ReleaseIndex, platform: str | None = None) -> DependencyDates:
    """A dependency version's dates on a platform (``None``: where no platform is named)."""
    span = union_span(index, supported_specs(version.support, platform))
    maintenance = version.maintenance if version.maintenance and version.maintenance.applies_to(platform) else None
    eos_milestone = version.end_of_support
    if eos_milestone is not None and not eos_milestone.applies_to(platform):
        eos_milestone = None
    announcements = [m.announced.value for m in (maintenance, eos_milestone) if m and m.announced]
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
        maintenance=resolve_effective(maintenance.effective, index) if maintenance else None,
        eos=eos,
        eos_version=eos_version,
        eos_default=eos_default,
    )


def software_timeline(item: Software, kind: Kind | None, index: ReleaseIndex, platform: str | None = None) -> Timeline:
    """A software item's phases on a platform: those of its kind (and any its data names), each
    starting at its milestone; general availability defaults to the first release that ships it."""
    starts: dict[str, dt.date | None] = {}
    for phase, milestone in item.milestones:
        if milestone.applies_to(platform):
            day = resolve_effective(milestone.effective, index)
            starts[phase] = day.earliest if day else None
    if "supported" not in starts:
        span = union_span(index, supported_specs(item.support, platform))
        starts["supported"] = span.earliest.released.value.earliest if span else None
    announced = [
        post.date.value.earliest
        for phase, milestone in item.milestones
        if phase in ("maintenance", "end-of-support") and milestone.applies_to(platform)
        for post in milestone.posts
    ]
    if announced:
        starts["announced"] = min(announced)
    wanted = {p.value for p in kind.phases} if kind else set(PHASES)
    wanted |= {phase for phase, _ in item.milestones}
    phases = tuple(p for p in PHASES if p in wanted or p == "upcoming")
    return Timeline(phases, tuple(starts.get(p) if p != "upcoming" else None for p in phases))


@dataclass(frozen=True)
class Resolved:
    """A subject resolved against the data: SDK releases, or one dependency's versions."""

    query: Query
    releases: tuple[SdkRelease, ...] = ()
    dependency: Dependency | None = None
    versions: tuple[DependencyVersion, ...] = ()
    software: Software | None = None

    @property
    def files(self) -> tuple[str, ...]:
        """The data files this subject's facts come from."""
        if self.software is not None:
            return ("sdk.yaml", self.software.path)
        return ("sdk.yaml",) if self.dependency is None else ("sdk.yaml", self.dependency.path)


@dataclass(frozen=True)
class PhaseState:
    """A subject's phase on a platform, and the stated use it is limited to ("inference")."""

    phase: str
    use: str | None = None


#: Phase states and the platforms (ids) each holds on, in platform order; one group with no
#: platforms when every platform agrees (or none is declared).
PlatformStates = tuple[tuple[PhaseState, tuple[str, ...]], ...]


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
        #: The platforms the data declares, in display order (empty: support is the same everywhere).
        self.platforms: tuple[str, ...] = data.policy.platform_ids()
        self._titles = {p.id: p.title.value for p in data.policy.platforms}
        self._dates: Mapping[tuple[str, str, str | None], DependencyDates] = MappingProxyType(
            {
                (v.dependency, v.version.value, platform): dependency_dates(v, self.index, platform)
                for v in self.all_versions()
                for platform in (None, *self.platforms)
            }
        )
        self._software: Mapping[tuple[str, str | None], Timeline] = MappingProxyType(
            {
                (item.id, platform): software_timeline(item, data.policy.kind(item.kind.value), self.index, platform)
                for item in data.software
                for platform in (None, *self.platforms)
            }
        )
        # Timelines are asked for again and again (rules, announcements, pages): made once here.
        phases = {dep.id: self._kind_phases(dep) for dep in data.dependencies}
        self._timelines = {key: dates.timeline(phases[key[0]]) for key, dates in self._dates.items()}
        self._sdk_timelines = {r.version.value: (r, sdk_timeline(r, self.eos_entry(r))) for r in self.index.releases}
        # ordered, and looked up by text in constant time
        texts = [str(r.version.value) for r in self.index.releases]  # made once: a Version is not a str
        self._sdk_versions = dict.fromkeys(texts)
        self._dep_versions = {d.id: [v.version.value for v in d.versions] for d in data.dependencies}
        self._software_ids = [item.id for item in data.software]
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
        for item in data.software:
            named[item.id] = (item.title.value, self.software_timeline(item))
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

    def dates(self, version: DependencyVersion, platform: str | None = None) -> DependencyDates:
        """Its dates on a platform (``None``: where no platform is named, as when none is declared)."""
        return self._dates[(version.dependency, version.version.value, platform)]

    def dependency_timeline(self, version: DependencyVersion, platform: str | None = None) -> Timeline:
        """Its phases on a platform: those of its dependency's kind (all, if that is not known)."""
        return self._timelines[(version.dependency, version.version.value, platform)]

    def _kind_phases(self, dep: Dependency) -> frozenset[str] | None:
        """The phases of a dependency's kind (None: all, when the kind is not known)."""
        kind = self.kind_of(dep)
        return frozenset(p.value for p in kind.phases) if kind and kind.complete else None

    def software_timeline(self, item: Software, platform: str | None = None) -> Timeline:
        return self._software[(item.id, platform)]

    def kind_of(self, subject: Dependency | Software) -> Kind | None:
        return self.data.policy.kind(subject.kind.value)

    def platform_title(self, platform: str) -> str:
        return self._titles.get(platform, platform)

    def version_platforms(self, version: DependencyVersion) -> tuple[str, ...]:
        """The declared platforms a dependency version is on: where a range supports it or a
        milestone names it."""
        named = {p.value for m in (version.maintenance, version.end_of_support) if m for p in m.platforms}
        return tuple(p for p in self.platforms if supported_specs(version.support, p) or p in named)

    def software_platforms(self, item: Software) -> tuple[str, ...]:
        """The declared platforms a software item exists on."""
        if not item.platforms:
            return self.platforms
        named = {p.value for p in item.platforms}
        return tuple(p for p in self.platforms if p in named)

    def version_states(
        self,
        version: DependencyVersion,
        as_of: dt.date,
        platforms: Sequence[str] | None = None,
        everywhere: Sequence[str] | None = None,
    ) -> PlatformStates:
        """A dependency version's phase per platform (of ``platforms``, default: all it is on),
        grouped; one group without platforms when it holds on all of ``everywhere`` (default:
        ``platforms``, else every declared platform)."""
        milestones = {"maintenance": version.maintenance, "end-of-support": version.end_of_support}
        on = self.version_platforms(version)
        return self._states(
            lambda p: self.dependency_timeline(version, p),
            lambda p, phase: milestones.get(phase),
            tuple(p for p in on if platforms is None or p in platforms),
            as_of,
            tuple(everywhere if everywhere is not None else platforms if platforms is not None else self.platforms),
        )

    def software_states(
        self,
        item: Software,
        as_of: dt.date,
        platforms: Sequence[str] | None = None,
        everywhere: Sequence[str] | None = None,
    ) -> PlatformStates:
        """A software item's phase per platform, grouped as :meth:`version_states` does."""
        on = self.software_platforms(item)
        return self._states(
            lambda p: self.software_timeline(item, p),
            lambda p, phase: item.milestone(phase),
            tuple(p for p in on if platforms is None or p in platforms),
            as_of,
            tuple(everywhere if everywhere is not None else platforms if platforms is not None else self.platforms),
        )

    def _states(
        self,
        timeline: Callable[[str | None], Timeline],
        milestone: Callable[[str | None, str], Milestone | None],
        platforms: tuple[str, ...],
        as_of: dt.date,
        everywhere: tuple[str, ...],
    ) -> PlatformStates:
        def state(platform: str | None) -> PhaseState:
            phase = timeline(platform).phase_on(as_of)
            source = milestone(platform, "end-of-support" if phase == "announced" else phase)
            use = source.use.value if source and source.use and source.applies_to(platform) else None
            return PhaseState(phase, use)

        if not self.platforms:
            return ((state(None), ()),)
        if not platforms:
            return ()
        found = groups({p: state(p) for p in platforms}, platforms)
        if len(found) == 1 and set(found[0][1]) == set(everywhere):
            return ((found[0][0], ()),)
        return tuple(found)

    def last_sdk(
        self,
        subject: DependencyVersion | Software | Spec,
        as_of: dt.date,
        platform: str | None = None,
        *,
        ends: PolicyDate | None = None,
        ends_in: Version | None = None,
    ) -> SdkRelease | None:
        """The last SDK release that supports a subject on a platform: the newest release of its
        supported range published by ``as_of`` and before its end of support (a date, an SDK
        version or both). The one meaning of it in every output: planned releases do not count
        until their release date, nor releases the range still names after the end."""
        if isinstance(subject, Spec):
            specs: tuple[Spec, ...] = (subject,)
        elif isinstance(subject, Software):
            specs = supported_specs(subject.support, platform)
            eos = subject.milestone("end-of-support")
            if eos is not None and eos.applies_to(platform):
                ends = resolve_effective(eos.effective, self.index)
                named = eos.effective.value if eos.effective else None
                ends_in = named if isinstance(named, Version) else None
        else:
            specs = supported_specs(subject.support, platform)
            dates = self.dates(subject, platform)
            ends, ends_in = dates.eos, dates.eos_version
        for release in reversed(union_matching(self.index, specs)):
            day = release.released.value.earliest
            if day > as_of or (ends is not None and day >= ends.earliest):
                continue
            if ends_in is not None and release.version.value >= ends_in:
                continue
            return release
        return None

    def support_runs(
        self, version: DependencyVersion, as_of: dt.date, platform: str | None = None
    ) -> tuple[tuple[SdkRelease, SdkRelease | None], ...]:
        """The runs of consecutive releases that support a version on a platform, each as its first
        release and its last one published by ``as_of`` (None: only planned so far); a gap in the
        support separates runs."""
        wanted = {r.version.value for r in union_matching(self.index, supported_specs(version.support, platform))}
        runs: list[list[SdkRelease]] = []
        previous = False
        for release in self.index.releases:
            inside = release.version.value in wanted
            if inside and not previous:
                runs.append([])
            if inside:
                runs[-1].append(release)
            previous = inside
        found = []
        for run in runs:
            published = [r for r in run if r.released.value.earliest <= as_of]
            found.append((min(run, key=lambda r: r.released.value.earliest), published[-1] if published else None))
        return tuple(found)

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

    def unreadable(self, query: Query) -> bool:
        """Whether the file a subject's facts would come from could not be read (its error says so)."""
        if query.kind == "sdk":
            return "sdk.yaml" in self.data.broken
        return any(path in self.data.broken for path in id_files(query.name))

    def unknown(self, query: Query) -> str | None:
        """Why a parsed subject names nothing in the data (with the closest names), or None."""
        if query.kind == "dependency" and query.name in self._software_ids:
            if query.version is not None:
                return f"{query.name} is Neuron software without versions: name it alone, as {query.name!r}"
            return None
        return unknown_reason(query, self._sdk_versions, self._dep_versions, self._software_ids)

    def resolve(self, text: str, *, allow_spec: bool = True, need_version: bool = False) -> Resolved:
        """What a subject string names; raises ``SubjectError`` (with the closest names) if nothing."""
        try:
            query = parse_subject(text, allow_spec=allow_spec)
        except SubjectError as exc:
            lower = text.strip().lower()
            if lower != text.strip():
                try:
                    self.resolve(lower, allow_spec=allow_spec, need_version=need_version)
                except SubjectError:
                    raise exc from None
                raise SubjectError(f"{exc} (did you mean {lower!r}?)") from None
            raise
        if self.unreadable(query):
            raise UnreadableSubject(f"the data file of {text.strip()!r} could not be read")
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
        item = self.data.software_item(query.name)
        if item is not None:
            return Resolved(query, software=item)
        known = self._dep_versions[query.name]
        if need_version and query.version is None:
            raise SubjectError(f"name a version too, e.g. '{query.name} {known[0] if known else 'X'}'")
        dep = self.data.dependency(query.name)
        assert dep is not None
        chosen = tuple(v for v in dep.versions if query.version is None or v.version.value == query.version)
        return Resolved(query, (), dep, chosen)

    def next_phase_change(self, keys: Iterable[str], as_of: dt.date) -> PhaseChange | None:
        """The first day after ``as_of`` on which the phase of a subject key (``python 3.8``,
        ``sdk 2.19.0``, ``sdk <2.20``) changes; keys the data does not know are skipped. A change
        is named once: an SDK release whose end-of-support entry changes with it is named by the
        entry (``SDK 2.19.x``) only."""
        found: dict[str, tuple[dt.date, str]] = {}
        for key in set(keys):
            named = self._named.get(key)
            change = named[1].next_change(as_of) if named else None
            if change:
                found[key] = change
        if not found:
            return None
        day = min(change[0] for change in found.values())
        covered = set()
        for entry in self.data.end_of_support:
            key = sdk_range_key(entry.versions.value.text)
            if key in found and found[key][0] == day:
                for release in self.index.matching(entry.versions.value):
                    if found.get(sdk_key(release.version.value)) == found[key]:
                        covered.add(sdk_key(release.version.value))
        changes = {(self._named[key][0], phase) for key, (d, phase) in found.items() if d == day and key not in covered}
        return PhaseChange(day, tuple(sorted(changes)))
