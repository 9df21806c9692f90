"""The policy rules (SPEC section 3) as pure functions over the computed lifecycle.

Each check yields findings at the default severity of its rule; waivers and severity overrides are
applied afterwards by :mod:`.check`. The data rules run on every load; :func:`unpublished` needs to
know what the pages show, so the build runs it once every page is read.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from typing import NamedTuple

from dateutil.relativedelta import relativedelta
from packaging.version import Version

from .announcements import Announcement
from .dates import add_months
from .findings import Finding
from .lifecycle import Lifecycle, resolve_effective
from .model import (
    DependencyVersion,
    Kind,
    Loc,
    Located,
    Milestone,
    PolicyDate,
    SdkEndOfSupport,
    SdkRelease,
    Software,
    SupportRange,
)
from .phases import PHASES
from .registry import RuleId
from .scope import supported_specs, union_of, union_span
from .subjects import Subject, parse_subject
from .suggest import did_you_mean


@dataclass(frozen=True)
class Context:
    """What every rule reads: the computed lifecycle and the as-of date."""

    lifecycle: Lifecycle
    as_of: dt.date


Check = Callable[[Context], Iterator[Finding]]
#: Every data rule, with the files it needs: when one of them cannot be read, the rule stays quiet
#: (its findings would only be follow-ons of the missing facts).
_CHECKS: list[tuple[Check, frozenset[str]]] = []


def _check(*needs: str) -> Callable[[Check], Check]:
    def register(func: Check) -> Check:
        _CHECKS.append((func, frozenset(needs)))
        return func

    return register


def finding(rule: RuleId, loc: Loc, message: str, subject: Subject | None = None, *hints: str) -> Finding:
    return Finding.of(rule, loc, message, subject, hints)


def _sdk(*releases: SdkRelease, spec: str | None = None) -> Subject:
    return Subject("sdk", "sdk", tuple(str(r.version.value) for r in releases), spec)


def _dep(version: DependencyVersion, platforms: tuple[str, ...] = ()) -> Subject:
    return Subject("dependency", version.dependency, (version.version.value,), platforms=platforms)


def _software(item: Software, platforms: tuple[str, ...] = ()) -> Subject:
    return Subject("dependency", item.id, platforms=platforms)


def _ids(platforms: Sequence[Located[str]]) -> tuple[str, ...]:
    return tuple(p.value for p in platforms)


def _on(ctx: Context, platforms: Sequence[str]) -> str:
    """`` on Inf1 and Trn1`` for some of the declared platforms; nothing for all of them."""
    if not platforms or set(platforms) == set(ctx.lifecycle.platforms):
        return ""
    names = [ctx.lifecycle.platform_title(p) for p in platforms]
    return " on " + (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])


def _platforms(ctx: Context) -> tuple[str | None, ...]:
    """Each declared platform, or ``None`` alone when the data declares none."""
    return ctx.lifecycle.platforms or (None,)


def _before(earlier: PolicyDate, later: PolicyDate) -> bool:
    """Whether ``earlier`` is surely not after ``later`` (month-precision dates count against)."""
    return earlier == later or earlier.latest <= later.earliest


def _versions(releases: tuple[SdkRelease, ...] | list[SdkRelease], limit: int = 4) -> str:
    names = [str(r.version.value) for r in releases]
    return ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")


@_check("sdk.yaml")
def sdk_date_order(ctx: Context) -> Iterator[Finding]:
    for entry in ctx.lifecycle.data.end_of_support:
        matched = ctx.lifecycle.index.matching(entry.versions.value)
        name = ctx.lifecycle.entry_name(entry)
        subject = _sdk(*matched, spec=entry.versions.value.text)
        if not _before(entry.announced.value, entry.effective.value):
            yield finding(
                RuleId.DATE_ORDER,
                entry.effective.loc,
                f"{name} end of support takes effect {entry.effective.value}, before it was "
                f"announced on {entry.announced.value}",
                subject,
            )
        late = [r for r in matched if not _before(r.released.value, entry.announced.value)]
        if late:
            yield finding(
                RuleId.DATE_ORDER,
                entry.announced.loc,
                f"{name} end of support announced {entry.announced.value}, before the release of "
                f"{_versions(late)} (released {late[0].released.value})",
                _sdk(*late),
            )


@_check("sdk.yaml")
def dependency_date_order(ctx: Context) -> Iterator[Finding]:
    """announced <= maintenance <= end of support, on the resolved dates (an SDK version as its
    release date; an unwritten end of support as the first release above the range)."""
    for version in ctx.lifecycle.all_versions():
        dates = ctx.lifecycle.dates(version)
        checks: list[tuple[str, PolicyDate | None, str, PolicyDate | None, Loc]] = []
        for label, milestone, when in (
            ("maintenance starts", version.maintenance, dates.maintenance),
            ("support ends", version.end_of_support, dates.eos),
        ):
            if milestone and milestone.announced:
                loc = milestone.effective.loc if milestone.effective else milestone.announced.loc
                checks.append(("it was announced", milestone.announced.value, label, when, loc))
        if version.maintenance and version.maintenance.effective:
            eos = version.end_of_support
            loc = eos.effective.loc if eos and eos.effective else version.maintenance.effective.loc
            checks.append(("maintenance starts", dates.maintenance, "support ends", dates.eos, loc))
        for first, a, second, b, loc in checks:
            if a is not None and b is not None and not _before(a, b):
                yield finding(
                    RuleId.DATE_ORDER, loc, f"{version.subject}: {second} {b}, before {first} {a}", _dep(version)
                )


@_check("sdk.yaml")
def software_date_order(ctx: Context) -> Iterator[Finding]:
    """A software item's milestones in lifecycle order (beta, rc, general availability,
    maintenance, end of support), each announced before it takes effect."""
    for item in ctx.lifecycle.data.software:
        dated = []
        for phase, milestone in item.milestones:
            day = resolve_effective(milestone.effective, ctx.lifecycle.index)
            if day is not None and milestone.effective is not None:
                dated.append((list(PHASES).index(phase), phase, day, milestone))
        dated.sort(key=lambda d: d[0])
        for _, phase, day, milestone in dated:
            announced = milestone.announced
            if announced is not None and not _before(announced.value, day):
                yield finding(
                    RuleId.DATE_ORDER,
                    announced.loc,
                    f"{item.id}: {PHASES[phase].lower()} from {day}, before it was announced on {announced.value}",
                    _software(item, _ids(milestone.platforms)),
                )
        for (_, first, a, _m), (_, second, b, later) in itertools.pairwise(dated):
            if not _before(a, b):
                assert later.effective is not None
                yield finding(
                    RuleId.DATE_ORDER,
                    later.effective.loc,
                    f"{item.id}: {PHASES[second].lower()} from {b}, before {PHASES[first].lower()} from {a}",
                    _software(item, _ids(later.platforms)),
                )


def _days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")


def _months(n: int) -> str:
    return f"{n} month" + ("" if n == 1 else "s")


@_check("sdk.yaml", "policy.yaml")
def eos_notice(ctx: Context) -> Iterator[Finding]:
    months = ctx.lifecycle.data.policy.eos_notice_months.value
    for entry in ctx.lifecycle.data.end_of_support:
        announced, effective = entry.announced.value.latest, entry.effective.value.earliest
        due = add_months(announced, months)  # None: beyond the calendar, so never soon enough
        if due is not None and due <= effective:
            continue
        matched = ctx.lifecycle.index.matching(entry.versions.value)
        days = (effective - announced).days
        when = f"{days} days before it takes effect" if days >= 0 else f"{-days} days after it took effect"
        yield finding(
            RuleId.EOS_NOTICE,
            entry.announced.loc,
            f"{ctx.lifecycle.entry_name(entry)} end of support announced {entry.announced.value}, {when} "
            f"on {entry.effective.value}; the policy requires at least {_months(months)}",
            _sdk(*matched, spec=entry.versions.value.text),
        )


@_check("sdk.yaml", "policy.yaml")
def min_support(ctx: Context) -> Iterator[Finding]:
    months = ctx.lifecycle.data.policy.min_support_months.value
    for release in ctx.lifecycle.index.releases:
        entry = ctx.lifecycle.eos_entry(release)
        if entry is None:
            continue
        released, ends = release.released.value.latest, entry.effective.value.earliest
        due = add_months(released, months)
        if due is not None and due <= ends:
            continue
        span = relativedelta(ends, released)
        got = f"{span.years * 12 + span.months} months and {span.days} days" if ends >= released else "no time"
        yield finding(
            RuleId.MIN_SUPPORT,
            release.released.loc,
            f"SDK {release.version.value} released {release.released.value} is supported for {got} "
            f"(end of support {entry.effective.value}); the policy expects at least {_months(months)}",
            _sdk(release),
            f"end of support set at {entry.effective.loc} ({entry.versions.value})",
        )


@_check("sdk.yaml", "policy.yaml")
def conda_channel(ctx: Context) -> Iterator[Finding]:
    last = ctx.lifecycle.data.policy.conda_last_version
    if last is None:
        return
    for release in ctx.lifecycle.index.releases:
        if release.version.value <= last.value:
            continue
        for channel in release.channels:
            if channel.value == "conda":
                yield finding(
                    RuleId.CONDA_CHANNEL,
                    channel.loc,
                    f"SDK {release.version.value} lists channel conda, but conda packages stop at {last.value}",
                    _sdk(release),
                )


@_check("sdk.yaml")
def eos_overlap(ctx: Context) -> Iterator[Finding]:
    overlaps: dict[int, tuple[SdkEndOfSupport, SdkEndOfSupport, list[SdkRelease]]] = {}
    for release in ctx.lifecycle.index.releases:
        entries = ctx.lifecycle.eos_entries(release)
        for later in entries[1:]:
            overlaps.setdefault(id(later), (later, entries[0], []))[2].append(release)
    for later, first, releases in sorted(overlaps.values(), key=lambda o: o[0].versions.loc):
        yield finding(
            RuleId.EOS_OVERLAP,
            later.versions.loc,
            f"{_versions(releases)} matched by this end_of_support entry ({later.versions.value}) and by "
            f"the one at line {first.versions.loc.line} ({first.versions.value})",
            _sdk(*releases),
        )


@_check()
def range_mismatch(ctx: Context) -> Iterator[Finding]:
    for version in ctx.lifecycle.all_versions():
        eos = version.end_of_support
        if not (eos and eos.effective and isinstance(eos.effective.value, Version)):
            continue
        ends = eos.effective.value
        platforms: list[str | None] = [p.value for p in eos.platforms] or list(_platforms(ctx))
        specs = {spec.text: spec for p in platforms for spec in supported_specs(version.support, p) if ends in spec}
        for spec in specs.values():
            yield finding(
                RuleId.RANGE_MISMATCH,
                eos.effective.loc,
                f"{version.subject}: support ends in SDK {ends}, which its sdk range {spec.text!r} still includes",
                _dep(version, _ids(eos.platforms)),
            )


def _minor_version(text: str) -> bool:
    """``X.Y`` or ``X.Y.0``: the first release of a minor."""
    try:
        version = Version(text)
    except ValueError:
        return False
    plain = not (version.pre or version.post is not None or version.dev is not None or version.local)
    release = version.release
    return plain and (len(release) == 2 or (len(release) == 3 and release[2] == 0))


def _minor_bound(operator: str, text: str) -> bool:
    """Whether a clause keeps every minor whole: each minor's releases are all in, or all out.

    ``>=X.Y`` and ``<X.Y`` (or ``X.Y.0``) start or end at a minor, and so do ``~=`` and the
    wildcards ``==X.*``, ``==X.Y.*`` and their ``!=``; ``>X.Y``, ``<=X.Y``, ``==X.Y`` and ``!=X.Y``
    split minor X.Y between X.Y.0 and its patch releases.
    """
    if operator in ("==", "!="):
        if not text.endswith(".*"):
            return False
        parts = text[:-2].split(".")
        return 1 <= len(parts) <= 2 and all(p.isdigit() for p in parts)
    return operator in (">=", "<", "~=") and _minor_version(text)


@_check()
def minor_only(ctx: Context) -> Iterator[Finding]:
    whole: dict[tuple[str, str], bool] = {}
    for version in ctx.lifecycle.all_versions():
        for part in version.support.parts:
            spec = part.spec.value
            split = []
            for clause in spec.specifier:
                key = (clause.operator, clause.version)
                if key not in whole:  # the same clauses recur across versions
                    whole[key] = _minor_bound(*key)
                if not whole[key]:
                    split.append(clause)
            for clause in sorted(split, key=str):
                offset = spec.text.find(str(clause))
                offset = spec.text.find(clause.version) if offset < 0 else offset
                loc = part.spec.loc
                if offset >= 0 and "\n" not in spec.text:
                    loc = Loc(loc.path, loc.line, loc.column + offset)
                yield finding(
                    RuleId.MINOR_ONLY,
                    loc,
                    f"{version.subject}: {clause.operator}{clause.version} is not a minor-version bound; "
                    "dependency changes ship only in minor releases (>=X.Y, <X.Y, ~=X.Y, ==X.Y.*)",
                    _dep(version, tuple(p.value for p in part.platforms)),
                )
        for milestone in (version.maintenance, version.end_of_support):
            effective = milestone.effective if milestone else None
            if effective and isinstance(effective.value, Version) and not _minor_version(str(effective.value)):
                yield finding(
                    RuleId.MINOR_ONLY,
                    effective.loc,
                    f"{version.subject}: effective SDK version {effective.value} is not a minor version; "
                    "dependency changes ship only in minor releases",
                    _dep(version),
                )


@_check("sdk.yaml")
def empty_range(ctx: Context) -> Iterator[Finding]:
    for name, support, subject in _ranges(ctx):
        for part in support.parts:
            if ctx.lifecycle.index.span(part.spec.value) is None:
                platforms = _ids(part.platforms)
                yield finding(
                    RuleId.EMPTY_RANGE,
                    part.spec.loc,
                    f"{name}: sdk range {part.spec.value.text!r}{_on(ctx, platforms)} "
                    "matches no SDK release in sdk.yaml",
                    subject(platforms),
                )


def _ranges(ctx: Context) -> Iterator[tuple[str, SupportRange, Callable[[tuple[str, ...]], Subject]]]:
    """Every support range (of each dependency version, and of each software item that has one),
    with how a finding about some of its platforms names the subject."""
    for version in ctx.lifecycle.all_versions():
        yield version.subject, version.support, functools.partial(_dep, version)
    for item in ctx.lifecycle.data.software:
        if item.support is not None:
            yield item.id, item.support, functools.partial(_software, item)


@_check("sdk.yaml")
def range_gap(ctx: Context) -> Iterator[Finding]:
    """A range that stops and starts again must say whether support came back (``return: real``)
    or the releases only shipped it (``return: waived``); a ``return`` follows a gap."""
    index = ctx.lifecycle.index
    for name, support, subject in _ranges(ctx):
        seen: set[Loc] = set()
        for platform in _platforms(ctx):
            parts = sorted(
                (p for p in support.parts_for(platform) if index.span(p.spec.value) is not None),
                key=lambda p: index.span(p.spec.value).first.version.value,  # type: ignore[union-attr]
            )
            # only a range of several parts can have a gap (most have one part, often open-ended)
            covered = (
                {r.version.value for p in parts for r in index.matching(p.spec.value)} if len(parts) > 1 else set()
            )
            follows_gap = {id(parts[0]): False} if parts else {}
            for before, part in itertools.pairwise(parts):
                start = index.span(part.spec.value).first.version.value  # type: ignore[union-attr]
                end = index.span(before.spec.value).last.version.value  # type: ignore[union-attr]
                gap = [r for r in index.between(end, start) if r.version.value not in covered]
                follows_gap[id(part)] = bool(gap)
                if gap and part.returns is None and part.loc not in seen:
                    seen.add(part.loc)
                    yield finding(
                        RuleId.RANGE_GAP,
                        part.spec.loc,
                        f"{name}: {part.spec.value.text!r}{_on(ctx, _ids(part.platforms))} starts again after a gap "
                        f"(SDK {_versions(gap)}); say whether support came back (return: real) or the releases only "
                        "shipped it (return: waived)",
                        subject(_ids(part.platforms)),
                    )
            for part in parts:
                if part.returns is not None and not follows_gap[id(part)] and part.loc not in seen:
                    seen.add(part.loc)
                    yield finding(
                        RuleId.RANGE_GAP,
                        part.returns.loc,
                        f"{name}: return: {part.returns.value} on {part.spec.value.text!r}, which follows no gap",
                        subject(_ids(part.platforms)),
                    )


@_check("sdk.yaml")
def unannounced_eos(ctx: Context) -> Iterator[Finding]:
    for version in ctx.lifecycle.all_versions():
        ended: list[str | None] = []
        reasons: list[str] = []
        for platform in _platforms(ctx):
            eos = version.end_of_support
            if eos and eos.applies_to(platform) and eos.announced:
                continue
            dates = ctx.lifecycle.dates(version, platform)
            span = union_span(ctx.lifecycle.index, supported_specs(version.support, platform))
            above = span.above if span else None
            if above is not None and above.released.value.earliest <= ctx.as_of:
                reasons.append(f"SDK {above.version.value} ({above.released.value}) no longer supports it")
            elif dates.eos is not None and dates.eos.earliest <= ctx.as_of:
                reasons.append(f"its end of support took effect {dates.eos}")
            else:
                continue
            ended.append(platform)
        if ended:
            platforms = tuple(p for p in ended if p is not None)
            if set(platforms) == set(ctx.lifecycle.platforms):
                platforms = ()
            loc = version.end_of_support.loc if version.end_of_support else version.version.loc
            yield finding(
                RuleId.UNANNOUNCED_EOS,
                loc,
                f"{version.subject}: support has ended{_on(ctx, platforms)} ({reasons[0]}) but no "
                "end_of_support.announced date records its announcement",
                _dep(version, platforms),
            )


@_check("sdk.yaml")
def upstream_eol(ctx: Context) -> Iterator[Finding]:
    for version in ctx.lifecycle.all_versions():
        if version.upstream_eol is None:
            continue
        eol = version.upstream_eol.value
        specs = {s.text: s for p in _platforms(ctx) for s in supported_specs(version.support, p)}.values()
        late = union_of(ctx.lifecycle.index.released_after(spec, eol.earliest) for spec in specs)
        if late:
            yield finding(
                RuleId.UPSTREAM_EOL,
                version.upstream_eol.loc,
                f"{version.subject} reached its upstream end of life on {eol}, but SDK {_versions(late)} "
                + (
                    f"(released {late[0].released.value}) still supports it"
                    if len(late) == 1
                    else f"(released {late[0].released.value} or later) still support it"
                ),
                _dep(version),
            )


def _mismatch(
    declared: Located[str] | None, computed: str, as_of: dt.date, subject: Subject, name: str
) -> Iterator[Finding]:
    if declared is not None and declared.value != computed:
        yield finding(
            RuleId.PHASE_MISMATCH,
            declared.loc,
            f"{name} is declared {declared.value!r}, but on {as_of} its computed phase is {computed!r}",
            subject,
        )


@_check("sdk.yaml")
def phase_mismatch(ctx: Context) -> Iterator[Finding]:
    for release in ctx.lifecycle.index.releases:
        if release.phase is None:  # nothing declared, nothing to compare
            continue
        computed = ctx.lifecycle.sdk_timeline(release).phase_on(ctx.as_of)
        yield from _mismatch(release.phase, computed, ctx.as_of, _sdk(release), f"SDK {release.version.value}")
    for version in ctx.lifecycle.all_versions():
        if version.phase is None:
            continue
        computed = ctx.lifecycle.dependency_timeline(version).phase_on(ctx.as_of)
        yield from _mismatch(version.phase, computed, ctx.as_of, _dep(version), version.subject)


class _Milestone(NamedTuple):
    """A milestone of a dependency version or software item, with what rules need to judge it."""

    name: str
    kind: Kind | None
    phase: str
    milestone: Milestone
    subject: Subject
    #: When it takes effect: its own effective, or the date derived for it (a dependency's end of
    #: support without one ends with the first release above its range).
    effective: PolicyDate | None


def _milestones(ctx: Context) -> Iterator[_Milestone]:
    """Every milestone of a dependency version or software item."""
    life = ctx.lifecycle
    for dep in life.data.dependencies:
        kind = life.kind_of(dep)
        for version in dep.versions:
            for phase, milestone in (("maintenance", version.maintenance), ("end-of-support", version.end_of_support)):
                if milestone is None:
                    continue
                platform = milestone.platforms[0].value if milestone.platforms else None
                dates = life.dates(version, platform)
                effective = dates.maintenance if phase == "maintenance" else dates.eos
                subject = _dep(version, _ids(milestone.platforms))
                yield _Milestone(version.subject, kind, phase, milestone, subject, effective)
    for item in life.data.software:
        kind = life.kind_of(item)
        for phase, milestone in item.milestones:
            effective = resolve_effective(milestone.effective, life.index)
            subject = _software(item, _ids(milestone.platforms))
            yield _Milestone(item.id, kind, phase, milestone, subject, effective)


@_check("policy.yaml")
def phase_not_applicable(ctx: Context) -> Iterator[Finding]:
    for name, kind, phase, milestone, subject, _ in _milestones(ctx):
        if kind is not None and kind.complete and not kind.has(phase):
            phases = ", ".join(p.value for p in kind.phases)
            yield finding(
                RuleId.PHASE_NOT_APPLICABLE,
                milestone.loc,
                f"{name}: {PHASES[phase].lower()} does not apply to a {kind.title.value.lower()} "
                f"(its phases: {phases})",
                subject,
                f"policy.yaml declares the phases of {kind.id} at {kind.loc}",
            )


@_check("sdk.yaml", "policy.yaml")
def notice(ctx: Context) -> Iterator[Finding]:
    """Maintenance and end of support announced at least the kind's notice_months before."""
    for name, kind, phase, milestone, subject, effective in _milestones(ctx):
        if kind is None or kind.notice_months is None or phase not in ("maintenance", "end-of-support"):
            continue
        months = kind.notice_months.value
        if effective is None:
            continue
        what = PHASES[phase].lower()
        loc = milestone.effective.loc if milestone.effective else milestone.loc
        announced = milestone.announced
        if announced is None:
            yield finding(
                RuleId.NOTICE,
                loc,
                f"{name}: {what}{_on(ctx, subject.platforms)} from {effective} was not announced; the policy "
                f"requires an announcement at least {_months(months)} before",
                subject,
            )
            continue
        due = add_months(announced.value.latest, months)
        if due is not None and due <= effective.earliest:
            continue
        days = (effective.earliest - announced.value.latest).days
        when = f"{_days(days)} before" if days >= 0 else f"{_days(-days)} after"
        yield finding(
            RuleId.NOTICE,
            announced.loc,
            f"{name}: {what}{_on(ctx, subject.platforms)} from {effective} was announced {announced.value}, "
            f"{when} it takes effect; "
            f"the policy requires at least {_months(months)}",
            subject,
        )


@_check("sdk.yaml", "policy.yaml")
def overlap(ctx: Context) -> Iterator[Finding]:
    """An older framework version's extension component keeps regular updates (stays supported)
    at least overlap_months after the component for the next newer version is supported."""
    life = ctx.lifecycle
    for dep in life.data.dependencies:
        kind = life.kind_of(dep)
        if kind is None or kind.overlap_months is None:
            continue
        months = kind.overlap_months.value
        ordered = sorted((v for v in dep.versions if _parses(v.version.value)), key=lambda v: Version(v.version.value))
        for older, newer in itertools.pairwise(ordered):
            start = life.dates(newer).first_release
            older_dates = life.dates(older)
            ends = older_dates.maintenance or older_dates.eos
            if start is None or ends is None:
                continue
            due = add_months(start.released.value.latest, months)
            if due is None or ends.earliest >= due:
                continue
            milestone = older.maintenance if older_dates.maintenance else older.end_of_support
            loc = milestone.effective.loc if milestone and milestone.effective else older.version.loc
            yield finding(
                RuleId.OVERLAP,
                loc,
                f"{older.subject}: regular updates end {ends}, "
                f"{_days((ends.earliest - start.released.value.latest).days)} after {newer.subject} became "
                f"supported (SDK {start.version.value}, {start.released.value}); "
                f"the policy keeps them at least {_months(months)}",
                _dep(older),
            )


def _parses(text: str) -> bool:
    try:
        Version(text)
    except ValueError:
        return False
    return True


@_check()
def unknown_subjects(ctx: Context) -> Iterator[Finding]:
    data = ctx.lifecycle.data
    sdk_versions = [str(r.version.value) for r in ctx.lifecycle.index.releases]
    for waiver in data.waivers:
        query = parse_subject(waiver.subject.value)
        reason = None if ctx.lifecycle.unreadable(query) else ctx.lifecycle.unknown(query)
        if reason:
            yield finding(RuleId.UNKNOWN_SUBJECT, waiver.subject.loc, f"waiver for {waiver.rule.value}: {reason}")
    if "sdk.yaml" in data.broken:
        return
    named: list[tuple[str, Milestone | None, Subject]] = [
        (version.subject, milestone, _dep(version))
        for version in ctx.lifecycle.all_versions()
        for milestone in (version.maintenance, version.end_of_support)
    ]
    named += [(item.id, m, _software(item)) for item in data.software for _, m in item.milestones]
    for name, milestone, subject in named:
        effective = milestone.effective if milestone else None
        # A planned release is listed in sdk.yaml too (with its planned date), so an SDK version
        # that is not there is a mistake, not a plan.
        if not (effective and isinstance(effective.value, Version)) or ctx.lifecycle.index.get(effective.value):
            continue
        yield finding(
            RuleId.UNKNOWN_SUBJECT,
            effective.loc,
            f"{name}: effective SDK version {effective.value} is not in sdk.yaml"
            f"{did_you_mean(str(effective.value), sdk_versions)}",
            subject,
            "a planned release is listed in sdk.yaml too, with its planned date",
        )


def run_rules(lifecycle: Lifecycle, as_of: dt.date) -> list[Finding]:
    """Every data rule's findings, at default severities."""
    ctx = Context(lifecycle, as_of)
    broken = lifecycle.data.broken
    return [f for check, needs in _CHECKS if not needs & broken for f in check(ctx)]


def unpublished(announcements: Iterable[Announcement], as_of: dt.date, covered: Set[str]) -> list[Finding]:
    """Rule ``unpublished``: announcements made by ``as_of`` whose subject key no page covers.

    Only subjects that have not yet reached their end of support need a page; otherwise every
    historical end of support would.
    """
    return [
        finding(
            RuleId.UNPUBLISHED,
            a.loc,
            f"{a.subject}: the {a.change.replace('-', ' ')} announced {a.announced.value} is not shown on any "
            "page (add a neuron-eos-notice or a neuron-eos-announcements table)",
            a.finding_subject,
        )
        for a in announcements
        if a.made_by(as_of) and a.key not in covered and a.timeline.phase_on(as_of) != "end-of-support"
    ]
