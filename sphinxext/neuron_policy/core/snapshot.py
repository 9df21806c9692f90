"""What one version of the lifecycle states, in meaning rather than in text: the facts that
``neuron-policy diff`` and the ``neuron-lifecycle-changes`` directive compare.

A :class:`Snapshot` holds, for one side of a comparison, every SDK release with its date, every
subject (SDK release, dependency version, software item) with its phase on the as-of date, its
dates and the SDK releases that support it, per platform; every announcement with its posts;
every waiver; and the policy parameters. Everything is normalised (versions parsed, specifiers as
sets, subjects without extra spaces), so that two files that differ only in how they are written
give equal snapshots.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from .announcements import Announcement, collect
from .lifecycle import Lifecycle, PlatformStates, resolve_effective
from .model import DependencyVersion, Milestone, PolicyDate, Software, SupportRange
from .naming import sdk_key, sdk_name
from .phases import Timeline
from .scope import supported_specs, union_matching

Group = Literal["sdk", "dependency", "software"]


@dataclass(frozen=True)
class When:
    """When a milestone takes effect: a date, an SDK version, or both."""

    date: PolicyDate | None
    version: str | None = None

    def __str__(self) -> str:
        sdk = f"SDK {self.version}" if self.version is not None else None
        day = str(self.date) if self.date is not None else None
        return f"{day} ({sdk})" if day and sdk else (day or sdk or "")


@dataclass(frozen=True)
class PhaseFact:
    """A subject's phase on the as-of date, the use it is limited to, and the day it began."""

    phase: str
    use: str | None = None
    since: dt.date | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Support:
    """The SDK releases that support a subject on a platform: the ranges when they are known (so a
    range can be applied to releases the other side lists), and the releases they match."""

    specs: tuple[SpecifierSet, ...] | None
    versions: frozenset[Version]

    def over(self, universe: Iterable[Version]) -> frozenset[Version]:
        """The releases of ``universe`` it covers (by its ranges; without them, those it lists)."""
        if self.specs is None:
            return frozenset(v for v in universe if v in self.versions)
        return frozenset(v for v in universe if any(s.contains(v, prereleases=True) for s in self.specs))


NO_SUPPORT = Support((), frozenset())


@dataclass(frozen=True)
class OnPlatform:
    """A subject on one platform (or on every platform, where none is declared)."""

    #: Its phase there; None when the subject is not on that platform.
    phase: PhaseFact | None
    #: Milestones by what they are (``released``, ``maintenance``, ``end-of-support``, ...).
    dates: Mapping[str, When]
    support: Support


@dataclass(frozen=True)
class SubjectFacts:
    """One subject: an SDK release (``sdk 2.19.0``), a dependency version (``python 3.8``) or a
    software item (``nxd-inference``)."""

    key: str
    name: str
    group: Group
    #: Per platform id; the one key ``None`` when the data declares no platforms (and for SDK releases).
    on: Mapping[str | None, OnPlatform]


@dataclass(frozen=True)
class PostFacts:
    """One dated post of an announcement."""

    date: PolicyDate
    kind: str | None = None
    label: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class AnnouncementFacts:
    """An announced maintenance or end of support of one subject."""

    key: str
    name: str
    change: str
    platforms: tuple[str, ...]
    use: str | None
    posts: tuple[PostFacts, ...]
    effective: When
    #: The subject keys whose dates it sets (an SDK entry: each release it ends).
    covers: tuple[str, ...]

    @property
    def identity(self) -> tuple[str, str, tuple[str, ...], str | None]:
        return (self.key, self.change, self.platforms, self.use)


@dataclass(frozen=True)
class WaiverFacts:
    """An accepted exception to a rule."""

    rule: str
    subject: str
    platforms: tuple[str, ...]
    until: PolicyDate | None

    @property
    def identity(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.rule, self.subject, self.platforms)

    def active_on(self, day: dt.date) -> bool:
        return self.until is None or self.until.latest >= day


@dataclass(frozen=True)
class PolicyValue:
    """A parameter of the policy: ``min_support_months``, or a kind's ``notice_months``."""

    parameter: str
    #: The kind it belongs to (its title), or None for the whole policy.
    kind: str | None
    value: int | None


@dataclass(frozen=True)
class Snapshot:
    """What one side of a comparison states."""

    #: How the user named it: a directory, ``REV:path`` or an export file.
    source: str
    as_of: dt.date
    #: Declared platforms, id -> title, in display order.
    platforms: Mapping[str, str]
    releases: Mapping[Version, PolicyDate]
    subjects: Mapping[str, SubjectFacts]
    announcements: tuple[AnnouncementFacts, ...]
    #: None when the side does not state its waivers (an export).
    waivers: tuple[WaiverFacts, ...] | None
    policy: Mapping[str, PolicyValue]
    #: False when month-precision dates were stated as their first day (an export), so dates are
    #: compared by day.
    month_precision: bool = True
    #: True when the side states only some policy parameters (an export): the others are not
    #: compared.
    partial: bool = False


def version_key(text: str) -> tuple[int, Version | str]:
    """Sort dependency versions by version where they read as one."""
    try:
        return (0, Version(text))
    except InvalidVersion:
        return (1, text)


def normal_subject(text: str) -> str:
    """A subject string as it means: words separated by one space (``sdk <2.20`` with its
    specifier normalised)."""
    words = text.split()
    if len(words) > 1 and words[0] == "sdk":
        rest = " ".join(words[1:])
        try:
            return f"sdk {Version(rest)}"
        except InvalidVersion:
            pass
        try:
            return f"sdk {SpecifierSet(rest)}"
        except ValueError:
            pass
    return " ".join(words)


def _support(life: Lifecycle, support: SupportRange | None, platform: str | None) -> Support:
    specs = supported_specs(support, platform)
    matched = union_matching(life.index, specs) if specs else ()
    return Support(tuple(s.specifier for s in specs), frozenset(r.version.value for r in matched))


def _phase(states: PlatformStates, timeline: Timeline) -> PhaseFact | None:
    """The one phase state of a subject on one platform (None: it is not there), and its start."""
    if not states:
        return None
    state = states[0][0]
    return PhaseFact(state.phase, state.use, timeline.start(state.phase))


def _only(platform: str | None) -> tuple[list[str] | None, list[str] | None]:
    """The ``platforms`` and ``everywhere`` arguments that ask for one platform's state alone."""
    return ([platform], [platform]) if platform is not None else (None, None)


def _when(milestone: Milestone | None, life: Lifecycle, platform: str | None) -> When | None:
    if milestone is None or not milestone.applies_to(platform) or milestone.effective is None:
        return None
    named = milestone.effective.value
    return When(
        resolve_effective(milestone.effective, life.index), None if isinstance(named, PolicyDate) else str(named)
    )


def _releases(life: Lifecycle, as_of: dt.date) -> Iterable[SubjectFacts]:
    for release in life.index.releases:
        timeline = life.sdk_timeline(release)
        phase = timeline.phase_on(as_of)
        entry = life.eos_entry(release)
        dates = {"released": When(release.released.value)}
        if entry is not None:
            dates["end-of-support"] = When(entry.effective.value)
        on = OnPlatform(PhaseFact(phase, None, timeline.start(phase)), MappingProxyType(dates), NO_SUPPORT)
        key = sdk_key(release.version.value)
        yield SubjectFacts(key, sdk_name(release.version.value), "sdk", MappingProxyType({None: on}))


def _version(life: Lifecycle, version: DependencyVersion, as_of: dt.date) -> SubjectFacts:
    on: dict[str | None, OnPlatform] = {}
    present = life.version_platforms(version)
    for platform in life.platforms or (None,):
        support = _support(life, version.support, platform)
        if platform is not None and platform not in present:
            on[platform] = OnPlatform(None, MappingProxyType({}), support)
            continue
        dates = life.dates(version, platform)
        found: dict[str, When] = {}
        maintenance = _when(version.maintenance, life, platform)
        if dates.maintenance is not None or maintenance is not None:
            found["maintenance"] = When(dates.maintenance, maintenance.version if maintenance else None)
        if dates.eos is not None or dates.eos_version is not None:
            found["end-of-support"] = When(dates.eos, str(dates.eos_version) if dates.eos_version is not None else None)
        if version.upstream_eol is not None:
            found["upstream-eol"] = When(version.upstream_eol.value)
        phase = _phase(
            life.version_states(version, as_of, *_only(platform)), life.dependency_timeline(version, platform)
        )
        on[platform] = OnPlatform(phase, MappingProxyType(found), support)
    return SubjectFacts(version.subject, life.version_name(version), "dependency", MappingProxyType(on))


def _software(life: Lifecycle, item: Software, as_of: dt.date) -> SubjectFacts:
    on: dict[str | None, OnPlatform] = {}
    present = life.software_platforms(item)
    for platform in life.platforms or (None,):
        support = _support(life, item.support, platform)
        if platform is not None and platform not in present:
            on[platform] = OnPlatform(None, MappingProxyType({}), support)
            continue
        found = {phase: when for phase, m in item.milestones if (when := _when(m, life, platform)) is not None}
        states = life.software_states(item, as_of, *_only(platform))
        phase = _phase(states, life.software_timeline(item, platform))
        on[platform] = OnPlatform(phase, MappingProxyType(found), support)
    return SubjectFacts(item.id, item.title.value, "software", MappingProxyType(on))


def _announcement(a: Announcement) -> AnnouncementFacts:
    if a.finding_subject.kind == "sdk":
        key = normal_subject(a.key)
        covers = tuple(sdk_key(v) for v in a.finding_subject.versions)
    else:
        key, covers = a.key, (a.key,)
    return AnnouncementFacts(
        key=key,
        name=a.subject,
        change=a.change,
        platforms=tuple(sorted(a.platforms)),
        use=a.use,
        posts=tuple(
            PostFacts(
                date=p.date.value,
                kind=p.kind.value if p.kind else None,
                label=p.label.value if p.label else None,
                title=p.title.value if p.title else None,
            )
            for p in a.posts
        ),
        effective=When(a.effective, str(a.effective_version) if a.effective_version is not None else None),
        covers=covers,
    )


def _policy(life: Lifecycle) -> dict[str, PolicyValue]:
    policy = life.data.policy
    found = {
        "min_support_months": PolicyValue("min_support_months", None, policy.min_support_months.value),
        "eos_notice_months": PolicyValue("eos_notice_months", None, policy.eos_notice_months.value),
    }
    for kind in policy.kinds:
        for name in ("notice_months", "overlap_months"):
            value = getattr(kind, name)
            found[f"{name}/{kind.id}"] = PolicyValue(name, kind.title.value, value.value if value else None)
    return found


def snapshot(
    life: Lifecycle, as_of: dt.date, source: str, announcements: tuple[Announcement, ...] | None = None
) -> Snapshot:
    """What loaded data states on ``as_of`` (``announcements``: those already collected, if any)."""
    subjects: dict[str, SubjectFacts] = {s.key: s for s in _releases(life, as_of)}
    for version in life.all_versions():
        subjects[version.subject] = _version(life, version, as_of)
    for item in life.data.software:
        subjects[item.id] = _software(life, item, as_of)
    waivers = tuple(
        WaiverFacts(
            rule=w.rule.value.value,
            subject=normal_subject(w.subject.value),
            platforms=tuple(sorted(p.value for p in w.platforms)),
            until=w.until.value if w.until else None,
        )
        for w in life.data.waivers
    )
    return Snapshot(
        source=source,
        as_of=as_of,
        platforms=MappingProxyType({p: life.platform_title(p) for p in life.platforms}),
        releases=MappingProxyType({r.version.value: r.released.value for r in life.index.releases}),
        subjects=MappingProxyType(subjects),
        announcements=tuple(_announcement(a) for a in (announcements if announcements is not None else collect(life))),
        waivers=waivers,
        policy=MappingProxyType(_policy(life)),
    )


__all__ = [
    "AnnouncementFacts",
    "OnPlatform",
    "PhaseFact",
    "PolicyValue",
    "PostFacts",
    "Snapshot",
    "SubjectFacts",
    "Support",
    "WaiverFacts",
    "When",
    "normal_subject",
    "snapshot",
    "version_key",
]
