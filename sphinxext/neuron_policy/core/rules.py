"""The policy rules (SPEC section 3) as pure functions over the computed lifecycle.

Each check yields findings at the default severity of its rule; waivers and severity overrides are
applied afterwards by :mod:`.check`. The data rules run on every load; :func:`unpublished` needs to
know what the pages show, so the build runs it once every page is read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from packaging.version import Version

from .announcements import Announcement
from .dates import add_months
from .findings import Finding
from .lifecycle import Lifecycle
from .model import DependencyVersion, Loc, Located, PolicyDate, SdkEndOfSupport, SdkRelease
from .registry import RuleId
from .subjects import Subject, parse_subject
from .suggest import did_you_mean


@dataclass(frozen=True)
class Context:
    """What every rule reads: the computed lifecycle and the as-of date."""

    lifecycle: Lifecycle
    as_of: dt.date


Check = Callable[[Context], Iterator[Finding]]
_CHECKS: list[Check] = []


def _check(func: Check) -> Check:
    _CHECKS.append(func)
    return func


def finding(rule: RuleId, loc: Loc, message: str, subject: Subject | None = None, *hints: str) -> Finding:
    return Finding.of(rule, loc, message, subject, hints)


def _sdk(*releases: SdkRelease, spec: str | None = None) -> Subject:
    return Subject("sdk", "sdk", tuple(str(r.version.value) for r in releases), spec)


def _dep(version: DependencyVersion) -> Subject:
    return Subject("dependency", version.dependency, (version.version.value,))


def _before(earlier: PolicyDate, later: PolicyDate) -> bool:
    """Whether ``earlier`` is surely not after ``later`` (month-precision dates count against)."""
    return earlier == later or earlier.latest <= later.earliest


def _versions(releases: tuple[SdkRelease, ...] | list[SdkRelease], limit: int = 4) -> str:
    names = [str(r.version.value) for r in releases]
    return ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")


@_check
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


@_check
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


def _months(n: int) -> str:
    return f"{n} month" + ("" if n == 1 else "s")


@_check
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


@_check
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


@_check
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


@_check
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


@_check
def range_mismatch(ctx: Context) -> Iterator[Finding]:
    for version in ctx.lifecycle.all_versions():
        eos = version.end_of_support
        if (
            eos
            and eos.effective
            and isinstance(eos.effective.value, Version)
            and eos.effective.value in version.sdk.value
        ):
            yield finding(
                RuleId.RANGE_MISMATCH,
                eos.effective.loc,
                f"{version.subject}: support ends in SDK {eos.effective.value}, which its sdk range "
                f"{version.sdk.value.text!r} still includes",
                _dep(version),
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


@_check
def minor_only(ctx: Context) -> Iterator[Finding]:
    whole: dict[tuple[str, str], bool] = {}
    for version in ctx.lifecycle.all_versions():
        spec = version.sdk.value
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
            loc = version.sdk.loc
            if offset >= 0 and "\n" not in spec.text:
                loc = Loc(loc.path, loc.line, loc.column + offset)
            yield finding(
                RuleId.MINOR_ONLY,
                loc,
                f"{version.subject}: {clause.operator}{clause.version} is not a minor-version bound; "
                "dependency changes ship only in minor releases (>=X.Y, <X.Y, ~=X.Y, ==X.Y.*)",
                _dep(version),
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


@_check
def empty_range(ctx: Context) -> Iterator[Finding]:
    for version in ctx.lifecycle.all_versions():
        if ctx.lifecycle.index.span(version.sdk.value) is None:
            yield finding(
                RuleId.EMPTY_RANGE,
                version.sdk.loc,
                f"{version.subject}: sdk range {version.sdk.value.text!r} matches no SDK release in sdk.yaml",
                _dep(version),
            )


@_check
def unannounced_eos(ctx: Context) -> Iterator[Finding]:
    for version in ctx.lifecycle.all_versions():
        if version.end_of_support and version.end_of_support.announced:
            continue
        dates = ctx.lifecycle.dates(version)
        above = ctx.lifecycle.index.first_above(version.sdk.value)
        reasons = []
        if above is not None and above.released.value.earliest <= ctx.as_of:
            reasons.append(f"SDK {above.version.value} ({above.released.value}) no longer supports it")
        elif dates.eos is not None and dates.eos.earliest <= ctx.as_of:
            reasons.append(f"its end of support took effect {dates.eos}")
        if reasons:
            loc = version.end_of_support.loc if version.end_of_support else version.version.loc
            yield finding(
                RuleId.UNANNOUNCED_EOS,
                loc,
                f"{version.subject}: support has ended ({reasons[0]}) but no end_of_support.announced "
                "date records its announcement",
                _dep(version),
            )


@_check
def upstream_eol(ctx: Context) -> Iterator[Finding]:
    for version in ctx.lifecycle.all_versions():
        if version.upstream_eol is None:
            continue
        eol = version.upstream_eol.value
        late = ctx.lifecycle.index.released_after(version.sdk.value, eol.earliest)
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


@_check
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


@_check
def unknown_subjects(ctx: Context) -> Iterator[Finding]:
    data = ctx.lifecycle.data
    sdk_versions = [str(r.version.value) for r in ctx.lifecycle.index.releases]
    for waiver in data.waivers:
        reason = ctx.lifecycle.unknown(parse_subject(waiver.subject.value))
        if reason:
            yield finding(RuleId.UNKNOWN_SUBJECT, waiver.subject.loc, f"waiver for {waiver.rule.value}: {reason}")
    latest = ctx.lifecycle.index.latest
    for version in ctx.lifecycle.all_versions():
        for milestone in (version.maintenance, version.end_of_support):
            effective = milestone.effective if milestone else None
            if not (effective and isinstance(effective.value, Version)) or latest is None:
                continue
            known = ctx.lifecycle.index.get(effective.value)
            # A version above the latest release is a planned one; below it, it must exist.
            if known is None and effective.value <= latest.version.value:
                yield finding(
                    RuleId.UNKNOWN_SUBJECT,
                    effective.loc,
                    f"{version.subject}: effective SDK version {effective.value} is not in sdk.yaml"
                    f"{did_you_mean(str(effective.value), sdk_versions)}",
                    _dep(version),
                )


def run_rules(lifecycle: Lifecycle, as_of: dt.date) -> list[Finding]:
    """Every data rule's findings, at default severities."""
    ctx = Context(lifecycle, as_of)
    return [f for check in _CHECKS for f in check(ctx)]


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
