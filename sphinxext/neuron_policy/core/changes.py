"""What changed in meaning between two snapshots of the lifecycle: releases added, dates moved,
support widened or narrowed, phases entered, announcements added or corrected, waivers added or
expired, policy parameters changed.

Only meaning is compared, never text: two data directories that differ in comments, key order,
quoting, spacing in a specifier or the short and long form of an announcement give no change.
The changes come out in a fixed order (by section, then subject), so every output is stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeAlias

from packaging.version import Version

from .model import PolicyDate
from .snapshot import (
    AnnouncementFacts,
    OnPlatform,
    PhaseFact,
    PolicyValue,
    PostFacts,
    Snapshot,
    SubjectFacts,
    WaiverFacts,
    When,
    version_key,
)

#: Every kind of change, by the section it is listed in, in the order of the sections.
SECTIONS: Mapping[str, tuple[str, ...]] = {
    "releases": ("release-added", "release-removed"),
    "support": ("subject-added", "subject-removed", "support-widened", "support-narrowed", "support-changed"),
    "dates": ("date-moved",),
    "phases": ("phase-entered",),
    "announcements": ("announcement-added", "announcement-corrected", "announcement-withdrawn"),
    "waivers": ("waiver-added", "waiver-changed", "waiver-expired", "waiver-removed"),
    "policy": ("policy-changed",),
}
CHANGE_KINDS: tuple[str, ...] = tuple(kind for kinds in SECTIONS.values() for kind in kinds)
SECTION_OF: Mapping[str, str] = {kind: section for section, kinds in SECTIONS.items() for kind in kinds}

Releases: TypeAlias = tuple[Version, ...]
#: What a change's ``old`` and ``new`` hold, by kind: a milestone (``date-moved``), a phase
#: (``phase-entered``), SDK releases (``support-*``, ``subject-added``), a number (``policy-changed``),
#: a date (``announcement-corrected``, ``waiver-changed``).
Value: TypeAlias = When | PhaseFact | Releases | PolicyDate | int | None
Group = Literal["sdk", "dependency", "software", "waiver", "policy"]
_GROUP_ORDER = {"sdk": 0, "dependency": 1, "software": 2, "waiver": 3, "policy": 4}
#: The order facts are listed in for one subject.
FACT_ORDER = ("released", "beta", "rc", "supported", "maintenance", "end-of-support", "upstream-eol")


@dataclass(frozen=True, kw_only=True)
class Change:
    """One change in meaning."""

    kind: str
    #: The subject key (``sdk 2.19.0``, ``python 3.8``, a software id), the waiver's subject, or
    #: the policy parameter.
    subject: str
    #: How the subject reads (``Python 3.8``; SDK releases changed alike: ``SDK 2.19.0 - 2.19.1``).
    name: str
    group: Group
    #: The platforms (ids) it happened on; empty: everywhere.
    platforms: tuple[str, ...] = ()
    #: Their titles, in the same order.
    platform_titles: tuple[str, ...] = ()
    #: The use an announcement is limited to ("inference").
    use: str | None = None
    #: What changed: a milestone (``released``, ``end-of-support``, ...), an announced change
    #: (``maintenance``, ``end-of-support``), a rule (waivers) or a policy parameter.
    fact: str | None = None
    old: Value = None
    new: Value = None
    #: When it happened: the day a phase was entered, an announcement posted, a waiver expires.
    date: PolicyDate | dt.date | None = None
    #: An announcement's label (a reST label of the page that explains it), and its kind of post.
    label: str | None = None
    post_kind: str | None = None
    #: The SDK releases the change applies to (several SDK releases changed alike), or a release's version.
    versions: Releases = ()
    #: For ``release-added``: the release is planned (dated after the as-of date).
    planned: bool = False
    #: The SDK releases both sides know or state, in version order: what release runs are counted in.
    universe: Releases = ()

    @property
    def section(self) -> str:
        return SECTION_OF[self.kind]


def runs(versions: Iterable[Version], universe: Sequence[Version]) -> tuple[tuple[Version, Version], ...]:
    """Consecutive stretches of ``universe`` that ``versions`` covers: ``((2.21.0, 2.29.1), ...)``."""
    chosen = set(versions)
    found: list[tuple[Version, Version]] = []
    start: Version | None = None
    last: Version | None = None
    for version in universe:
        if version in chosen:
            start = version if start is None else start
            last = version
        elif start is not None and last is not None:
            found.append((start, last))
            start = last = None
    if start is not None and last is not None:
        found.append((start, last))
    return tuple(found)


def _dates_equal(old: When | None, new: When | None, by_day: bool) -> bool:
    if old is None or new is None or not by_day:
        return old == new
    same_day = (old.date.earliest if old.date else None) == (new.date.earliest if new.date else None)
    return same_day and old.version == new.version


class _Comparison:
    """Compares two snapshots; :meth:`changes` lists what differs, in order."""

    def __init__(self, old: Snapshot, new: Snapshot) -> None:
        self.old, self.new = old, new
        self.universe: Releases = tuple(sorted({*old.releases, *new.releases}))
        self.common: Releases = tuple(v for v in self.universe if v in old.releases and v in new.releases)
        self.titles = {**old.platforms, **new.platforms}
        self.by_day = not (old.month_precision and new.month_precision)

    def titles_of(self, platforms: Sequence[str]) -> tuple[str, ...]:
        return tuple(self.titles.get(p, p) for p in platforms)

    # -- releases -------------------------------------------------------------------------------

    def releases(self) -> Iterator[Change]:
        for version in self.universe:
            if version in self.new.releases and version not in self.old.releases:
                day = self.new.releases[version]
                yield Change(
                    kind="release-added",
                    subject=f"sdk {version}",
                    name=f"SDK {version}",
                    group="sdk",
                    date=day,
                    versions=(version,),
                    planned=day.earliest > self.new.as_of,
                )
            elif version in self.old.releases and version not in self.new.releases:
                yield Change(
                    kind="release-removed",
                    subject=f"sdk {version}",
                    name=f"SDK {version}",
                    group="sdk",
                    date=self.old.releases[version],
                    versions=(version,),
                )

    # -- subjects -------------------------------------------------------------------------------

    def platforms(self) -> tuple[str | None, ...]:
        """The platforms compared: those either side declares (none: ``None`` alone)."""
        order = [*self.new.platforms, *(p for p in self.old.platforms if p not in self.new.platforms)]
        return tuple(order) or (None,)

    @staticmethod
    def on(snapshot: Snapshot, subject: SubjectFacts, platform: str | None) -> OnPlatform | None:
        """A subject on a platform; where the side declares no platforms, what holds everywhere."""
        if platform in subject.on:
            return subject.on[platform]
        if None in subject.on and (platform is None or not snapshot.platforms or subject.group == "sdk"):
            return subject.on[None]
        return None

    def supported(self, snapshot: Snapshot, on: OnPlatform | None, universe: Sequence[Version]) -> frozenset[Version]:
        return on.support.over(universe) if on is not None else frozenset()

    def subjects(self) -> Iterator[Change]:
        keys = [*self.new.subjects, *(k for k in self.old.subjects if k not in self.new.subjects)]
        for key in keys:
            old, new = self.old.subjects.get(key), self.new.subjects.get(key)
            if old is None and new is not None:
                yield from self.added(new)
            elif new is None and old is not None:
                if old.group != "sdk":  # a release removed is listed as such
                    yield Change(kind="subject-removed", subject=key, name=old.name, group=old.group)
            elif old is not None and new is not None:
                yield from self.compared(old, new)

    def _grouped(
        self, values: Mapping[str | None, tuple[object, ...]], everywhere: Iterable[str | None]
    ) -> Iterator[tuple[tuple[object, ...], tuple[str, ...]]]:
        """Platforms grouped by equal value, each group with its platforms (none: all of ``everywhere``)."""
        groups: dict[tuple[object, ...], list[str | None]] = {}
        for platform, value in values.items():
            groups.setdefault(value, []).append(platform)
        every = set(everywhere)
        for value, platforms in groups.items():
            named = tuple(p for p in platforms if p is not None)
            yield value, (() if set(platforms) >= every else named)

    def added(self, subject: SubjectFacts) -> Iterator[Change]:
        if subject.group == "sdk":
            return
        universe = tuple(v for v in self.universe if v in self.new.releases)
        values: dict[str | None, tuple[object, ...]] = {}
        for platform in self.platforms():
            on = self.on(self.new, subject, platform)
            if on is not None and (on.phase is not None or on.support.versions):
                values[platform] = (tuple(sorted(self.supported(self.new, on, universe))),)
        if not values:
            yield Change(kind="subject-added", subject=subject.key, name=subject.name, group=subject.group)
            return
        for (releases,), platforms in self._grouped(values, self.platforms()):
            assert isinstance(releases, tuple)
            yield Change(
                kind="subject-added",
                subject=subject.key,
                name=subject.name,
                group=subject.group,
                platforms=platforms,
                platform_titles=self.titles_of(platforms),
                new=releases,
                universe=universe,
            )

    def compared(self, old: SubjectFacts, new: SubjectFacts) -> Iterator[Change]:
        platforms = self.platforms() if new.group != "sdk" else (None,)
        pairs = {p: (self.on(self.old, old, p), self.on(self.new, new, p)) for p in platforms}

        versions = (Version(new.key.removeprefix("sdk ")),) if new.group == "sdk" else ()

        def change(kind: str, platforms: tuple[str, ...], **fields: object) -> Change:
            return Change(
                kind=kind,
                subject=new.key,
                name=new.name,
                group=new.group,
                platforms=platforms,
                platform_titles=self.titles_of(platforms),
                versions=versions,
                **fields,  # type: ignore[arg-type]
            )

        # Support: both ranges applied to every release either side lists (so a new release that
        # an open range covers changes nothing); where a side gives no ranges, only to the
        # releases both list.
        if new.group != "sdk":
            explicit = all(on.support.specs is not None for pair in pairs.values() for on in pair if on is not None)
            universe = self.universe if explicit else self.common
            support = {
                p: (
                    tuple(sorted(self.supported(self.old, o, universe))),
                    tuple(sorted(self.supported(self.new, n, universe))),
                )
                for p, (o, n) in pairs.items()
            }
            changed = {p: v for p, v in support.items() if v[0] != v[1]}
            supporting = [p for p, (before, after) in support.items() if before or after]  # where it is at all
            for (before, after), where in self._grouped(changed, supporting):
                assert isinstance(before, tuple) and isinstance(after, tuple)
                gained, lost = set(after) - set(before), set(before) - set(after)
                kind = "support-changed" if gained and lost else "support-widened" if gained else "support-narrowed"
                yield change(kind, where, old=before, new=after, universe=universe)

        present = [p for p, (o, n) in pairs.items() if o and n and o.phase and n.phase]
        facts = sorted(
            {f for p in present for side in pairs[p] if side for f in side.dates},
            key=lambda f: (FACT_ORDER.index(f) if f in FACT_ORDER else len(FACT_ORDER), f),
        )
        for fact in facts:
            moved: dict[str | None, tuple[object, ...]] = {}
            for p in present:
                o, n = pairs[p]
                assert o is not None and n is not None
                before, after = o.dates.get(fact), n.dates.get(fact)
                if not _dates_equal(before, after, self.by_day):
                    moved[p] = (before, after)
            for (before, after), where in self._grouped(moved, present):
                yield change("date-moved", where, fact=fact, old=before, new=after)

        entered: dict[str | None, tuple[object, ...]] = {}
        for p in present:
            o, n = pairs[p]
            assert o is not None and n is not None and o.phase is not None and n.phase is not None
            if o.phase != n.phase:
                entered[p] = (o.phase, n.phase, n.phase.since)
        for (before, after, since), where in self._grouped(entered, present):
            assert isinstance(after, PhaseFact) and (since is None or isinstance(since, dt.date))
            yield change("phase-entered", where, old=before, new=after, date=since, use=after.use)

    # -- announcements --------------------------------------------------------------------------

    def announcements(self) -> Iterator[Change]:
        old = {a.identity: a for a in self.old.announcements}
        new = {a.identity: a for a in self.new.announcements}
        keys = [*new, *(k for k in old if k not in new)]
        for key in keys:
            before, after = old.get(key), new.get(key)
            if before is None and after is not None:
                post = after.posts[0]
                yield self._announced(
                    "announcement-added", after, date=post.date, label=post.label, new=after.effective
                )
            elif after is None and before is not None and any(k in self.new.subjects for k in before.covers):
                # (an announcement of a subject that is gone is not listed apart from it)
                for post in before.posts:
                    yield self._announced("announcement-withdrawn", before, date=post.date, label=post.label)
            elif before is not None and after is not None:
                yield from self._posts(before, after)

    def _announced(self, kind: str, a: AnnouncementFacts, **fields: object) -> Change:
        return Change(
            kind=kind,
            subject=a.key,
            name=a.name,
            group=_announcement_group(a),
            platforms=a.platforms,
            platform_titles=self.titles_of(a.platforms),
            use=a.use,
            fact=a.change,
            **fields,  # type: ignore[arg-type]
        )

    def _same_day(self, a: PolicyDate, b: PolicyDate) -> bool:
        return a.earliest == b.earliest if self.by_day else a == b

    def _posts(self, before: AnnouncementFacts, after: AnnouncementFacts) -> Iterator[Change]:
        """Posts added, corrected (a correction post, or a post whose date, kind, label or title
        changed) and withdrawn."""
        old, new = list(before.posts), list(after.posts)
        for post in list(new):  # unchanged
            match = next((p for p in old if self._same_post(p, post)), None)
            if match is not None:
                old.remove(match)
                new.remove(post)
        edited: list[tuple[PostFacts, PostFacts]] = []
        for post in list(new):  # the same post, edited: by its label, else by its date
            match = next((p for p in old if post.label is not None and p.label == post.label), None)
            match = match or next((p for p in old if self._same_day(p.date, post.date)), None)
            if match is not None:
                old.remove(match)
                new.remove(post)
                edited.append((match, post))
        for was, now in edited:
            yield self._announced(
                "announcement-corrected", after, old=was.date, new=now.date, date=now.date, label=now.label
            )
        for post in new:
            kind = "announcement-corrected" if post.kind == "correction" else "announcement-added"
            yield self._announced(kind, after, date=post.date, label=post.label, post_kind=post.kind)
        for post in old:
            yield self._announced("announcement-withdrawn", after, date=post.date, label=post.label)

    def _same_post(self, a: PostFacts, b: PostFacts) -> bool:
        return self._same_day(a.date, b.date) and (a.kind, a.label, a.title) == (b.kind, b.label, b.title)

    # -- waivers and policy ---------------------------------------------------------------------

    def waivers(self) -> Iterator[Change]:
        if self.old.waivers is None or self.new.waivers is None:  # a side that does not state them
            return
        old = {w.identity: w for w in self.old.waivers}
        new = {w.identity: w for w in self.new.waivers}
        for key in [*new, *(k for k in old if k not in new)]:
            before, after = old.get(key), new.get(key)
            if after is not None and before is None:
                yield self._waiver("waiver-added", after, date=after.until)
            elif after is None and before is not None:
                yield self._waiver("waiver-removed", before, date=before.until)
            elif before is not None and after is not None:
                if before.active_on(self.old.as_of) and not after.active_on(self.new.as_of):
                    yield self._waiver("waiver-expired", after, date=after.until)
                elif before.until != after.until:
                    yield self._waiver("waiver-changed", after, old=before.until, new=after.until, date=after.until)

    def _waiver(self, kind: str, w: WaiverFacts, **fields: object) -> Change:
        return Change(
            kind=kind,
            subject=w.subject,
            name=w.subject,
            group="waiver",
            platforms=w.platforms,
            platform_titles=self.titles_of(w.platforms),
            fact=w.rule,
            **fields,  # type: ignore[arg-type]
        )

    def policy(self) -> Iterator[Change]:
        keys = [*self.new.policy, *(k for k in self.old.policy if k not in self.new.policy)]
        if self.old.partial or self.new.partial:  # only what both sides state
            keys = [k for k in keys if k in self.old.policy and k in self.new.policy]
        for key in keys:
            before, after = self.old.policy.get(key), self.new.policy.get(key)
            value: PolicyValue | None = after or before
            assert value is not None
            if (before.value if before else None) != (after.value if after else None):
                yield Change(
                    kind="policy-changed",
                    subject=key,
                    name=value.kind or "",
                    group="policy",
                    fact=value.parameter,
                    old=before.value if before else None,
                    new=after.value if after else None,
                )

    def _without_echoes(self, changes: list[Change]) -> list[Change]:
        """Drop a milestone that became known because an announcement of it was added: the
        announcement says the same, and says it better."""
        known = {a.identity for a in self.old.announcements}
        announced = {
            (subject, a.change, a.effective.date)
            for a in self.new.announcements
            if a.identity not in known
            for subject in a.covers
        }

        def echo(c: Change) -> bool:
            if c.kind != "date-moved" or c.old is not None or not isinstance(c.new, When):
                return False
            return (c.subject, c.fact, c.new.date) in announced

        return [c for c in changes if not echo(c)]

    # -- all ------------------------------------------------------------------------------------

    def changes(self) -> tuple[Change, ...]:
        found = [*self.releases(), *self.subjects(), *self.announcements(), *self.waivers(), *self.policy()]
        found = _merge_releases(self._without_echoes(found), self.universe)
        return tuple(sorted(found, key=_sort_key))


def _announcement_group(a: AnnouncementFacts) -> Group:
    if a.key.startswith("sdk "):
        return "sdk"
    return "dependency" if " " in a.key else "software"


#: The changes of SDK releases that are listed once for all the releases that changed alike.
_MERGED = ("date-moved", "phase-entered")


def _merge_releases(changes: list[Change], universe: Releases) -> list[Change]:
    """One change for SDK releases that changed alike (an end of support moved for a minor)."""
    out: list[Change] = []
    index: dict[tuple[object, ...], int] = {}
    for c in changes:
        if c.group != "sdk" or c.kind not in _MERGED:
            out.append(c)
            continue
        key = (c.kind, c.fact, c.old, c.new, c.date, c.use)
        if key in index:
            out[index[key]] = replace(out[index[key]], versions=(*out[index[key]].versions, *c.versions))
        else:
            index[key] = len(out)
            out.append(c)
    for i in index.values():
        stretches = runs(out[i].versions, universe)
        name = ", ".join(f"{a}" if a == b else f"{a} \u2013 {b}" for a, b in stretches)
        out[i] = replace(out[i], name=f"SDK {name}", universe=universe)
    return out


def _sort_key(change: Change) -> tuple[object, ...]:
    section = list(SECTIONS).index(change.section)
    kind = CHANGE_KINDS.index(change.kind)
    if change.group == "sdk" and change.versions:
        subject: tuple[object, ...] = (0, change.versions[0])
    elif change.group in ("dependency", "waiver"):
        name, _, version = change.subject.partition(" ")
        subject = (1, name, version_key(version))
    else:
        subject = (2, change.subject)
    fact = FACT_ORDER.index(change.fact) if change.fact in FACT_ORDER else len(FACT_ORDER)
    day = change.date.earliest if isinstance(change.date, PolicyDate) else change.date
    return (
        section,
        _GROUP_ORDER[change.group],
        subject,
        fact,
        change.fact or "",
        kind,
        day or dt.date.min,
        change.platforms,
    )


def compare(old: Snapshot, new: Snapshot) -> tuple[Change, ...]:
    """Every change in meaning from ``old`` to ``new``, in order."""
    return _Comparison(old, new).changes()


__all__ = ["CHANGE_KINDS", "SECTIONS", "Change", "compare", "runs"]
