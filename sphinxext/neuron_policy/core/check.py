"""The rule engine: load, run every rule, apply waivers and severities. Shared by CLI and build.

Every finding of a run, whatever found it (the loader, a data rule, a page of the docs, the
configuration), is graded here: waivers first, then the configured severities.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from types import MappingProxyType

from .announcements import Announcement, collect
from .collector import collector_paused
from .findings import Finding
from .lifecycle import Lifecycle
from .loader import LoadResult, load
from .manifest import Manifest, ManifestSource, read_manifest
from .manifest_check import manifest_findings, read_all
from .model import PolicyData, Waiver
from .registry import BUILD_ONLY, MANIFEST_RULES, RULES, RuleId, Severity
from .rules import finding, run_rules, unpublished
from .subjects import Query, QueryIndex, Subject, SubjectError, parse_subject


@dataclass(frozen=True)
class Report:
    """The outcome of a check: the data, its computed lifecycle and announcements, the findings."""

    data: PolicyData
    lifecycle: Lifecycle
    announcements: tuple[Announcement, ...]
    as_of: dt.date
    #: The severities in effect (rule id -> level) besides each rule's default.
    overrides: Mapping[RuleId, Severity]
    findings: tuple[Finding, ...]
    #: The release manifests the data was compared with, in the order given.
    manifests: tuple[Manifest, ...] = ()

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    def severity(self, rule: RuleId) -> Severity:
        """The severity a finding of ``rule`` gets in this run (before waivers)."""
        return self.overrides.get(rule, RULES[rule].default)


def apply_waivers(
    findings: Iterable[Finding],
    waivers: Iterable[Waiver],
    as_of: dt.date,
    off: Set[RuleId] = frozenset(),
    everywhere: Collection[str] = (),
) -> list[Finding]:
    """Turn waived findings into ``info`` and report expired and unused waivers."""
    active: list[tuple[Waiver, Query]] = []
    out: list[Finding] = []
    for waiver in waivers:
        if waiver.until is not None and waiver.until.value.latest < as_of:
            out.append(
                finding(
                    RuleId.WAIVER_EXPIRED,
                    waiver.until.loc,
                    f"waiver of {waiver.rule.value} for {waiver.subject.value!r} expired on "
                    f"{waiver.until.value}; the violation it covered is reported again",
                )
            )
            continue
        try:
            active.append((waiver, parse_subject(waiver.subject.value)))
        except SubjectError:  # pragma: no cover - the loader rejected it already
            continue
    findings = list(findings)
    # A waiver whose subject is unknown is reported as such, not also as unused.
    unknown = {f.loc for f in findings if f.rule is RuleId.UNKNOWN_SUBJECT}
    used: set[int] = {id(w) for w, _ in active if w.subject.loc in unknown}
    # Each finding takes the first waiver of its rule whose subject matches and, for a waiver
    # limited to platforms, whose platforms cover it. Waivers for every platform are indexed by
    # subject; the few limited to platforms are tried in turn.
    by_rule: dict[RuleId, _RuleWaivers] = {}
    for position, (waiver, query) in enumerate(active):
        by_rule.setdefault(waiver.rule.value, _RuleWaivers()).add(position, waiver, query)
    indexes = {rule: group.indexed() for rule, group in by_rule.items()}
    for item in findings:
        group = by_rule.get(item.rule)
        if group is not None and item.subject is not None:
            covering = group.first(indexes[item.rule], item.subject, everywhere)
            if covering is not None:
                used.add(id(covering))
                item = replace(
                    item,
                    severity=Severity.INFO,
                    waiver=covering.loc,
                    hints=(*item.hints, f"waived: {covering.reason.value} ({covering.loc})"),
                )
        out.append(item)
    for waiver, _ in active:
        if id(waiver) not in used and waiver.rule.value not in off:
            out.append(
                finding(
                    RuleId.WAIVER_UNUSED,
                    waiver.loc,
                    f"waiver of {waiver.rule.value} for {waiver.subject.value!r} matches no violation",
                )
            )
    return out


class _RuleWaivers:
    """The active waivers of one rule, in file order (each with its position among them all)."""

    def __init__(self) -> None:
        self.everywhere: list[tuple[int, Waiver, Query]] = []
        self.limited: list[tuple[int, Waiver, Query]] = []

    def add(self, position: int, waiver: Waiver, query: Query) -> None:
        (self.limited if waiver.platforms else self.everywhere).append((position, waiver, query))

    def indexed(self) -> QueryIndex:
        return QueryIndex([query for _, _, query in self.everywhere])

    def first(self, index: QueryIndex, subject: Subject, everywhere: Collection[str]) -> Waiver | None:
        """The first waiver, in file order, that covers a finding about ``subject``: the first of
        those limited to platforms that does, unless a waiver for every platform comes before it
        and matches (the index is asked only then, as trying each in turn would reach it)."""
        limited = next(
            (
                (position, waiver)
                for position, waiver, query in self.limited
                if query.matches(subject) and _on_platforms(waiver, subject, everywhere)
            ),
            None,
        )
        if limited is not None and (not self.everywhere or self.everywhere[0][0] > limited[0]):
            return limited[1]
        found = index.first(subject)
        if found is not None and (limited is None or self.everywhere[found][0] < limited[0]):
            return self.everywhere[found][1]
        return limited[1] if limited is not None else None


def _on_platforms(waiver: Waiver, subject: Subject, everywhere: Collection[str]) -> bool:
    """Whether a waiver limited to some platforms covers a finding: one about those platforms
    only, or about every platform when it names them all."""
    if not waiver.platforms:
        return True
    about = set(subject.platforms) or set(everywhere)
    return bool(about) and about <= {p.value for p in waiver.platforms}


def apply_severities(findings: Iterable[Finding], overrides: Mapping[RuleId, Severity]) -> list[Finding]:
    """Re-grade findings by configured severity; waived findings stay ``info``; ``off`` drops."""
    out = []
    for item in findings:
        level = overrides.get(item.rule)
        if level is not None and item.waiver is None:
            item = replace(item, severity=level)
        if item.severity is not Severity.OFF:
            out.append(item)
    return out


def grade(
    findings: Iterable[Finding],
    waivers: Iterable[Waiver],
    as_of: dt.date,
    overrides: Mapping[RuleId, Severity],
    unjudged: Set[RuleId] = frozenset(),
    everywhere: Collection[str] = (),
) -> list[Finding]:
    """Waivers, then severities, in file order. Waivers of rules that are off, or in ``unjudged``
    (rules this run does not check), are not called unused. ``everywhere``: the declared platforms."""
    off = set(unjudged) | {rule for rule, level in overrides.items() if level is Severity.OFF}
    graded = apply_severities(apply_waivers(findings, waivers, as_of, off, everywhere), overrides)
    return sorted(graded, key=Finding.sort_key)


@collector_paused
def evaluate(
    result: LoadResult,
    as_of: dt.date,
    overrides: Mapping[RuleId, Severity] | None = None,
    manifests: Sequence[ManifestSource] = (),
) -> Report:
    """All findings for loaded data: the loader's, every data rule's and, given release
    manifests, those of the comparison with what each release shipped; graded."""
    lifecycle = Lifecycle(result.data)
    overrides = MappingProxyType(dict(overrides or {}))
    raw = [*result.findings, *run_rules(lifecycle, as_of)]
    # With a file that could not be read, some rules stayed quiet: no waiver is called unused.
    unjudged = frozenset(RuleId) if result.data.broken else BUILD_ONLY
    read: tuple[Manifest, ...] = ()
    judged = False
    if manifests:
        read, problems, judged = read_all(lifecycle, manifests)
        raw += problems
        if judged:
            raw += manifest_findings(lifecycle, read)
    if not judged:  # no manifest, or one that could not be read: their waivers wait
        unjudged |= MANIFEST_RULES
    everywhere = result.data.policy.platform_ids()
    graded = grade(raw, result.data.waivers, as_of, overrides, unjudged, everywhere)
    return Report(result.data, lifecycle, collect(lifecycle), as_of, overrides, tuple(graded), read)


def check(
    data_dir: str | os.PathLike[str],
    as_of: dt.date,
    overrides: Mapping[RuleId, Severity] | None = None,
    manifests: Sequence[str | os.PathLike[str]] = (),
) -> Report:
    """Load a data directory and evaluate it, against the release manifests at the given paths
    if any (raises ``UnreadableInput`` if the data directory cannot be read)."""
    return evaluate(load(data_dir), as_of, overrides, [read_manifest(path) for path in manifests])


def check_pages(report: Report, covered: Set[str], problems: Iterable[Finding] = ()) -> list[Finding]:
    """The findings only a docs build can make, graded like the data's: the problems its pages
    recorded (unknown subjects, bad options) and ``unpublished`` (given the subject keys the
    pages cover). Waivers of other rules were judged by :func:`evaluate` already."""
    found = [*problems, *unpublished(report.announcements, report.as_of, covered)]
    waivers = [w for w in report.data.waivers if w.rule.value is RuleId.UNPUBLISHED]
    return grade(found, waivers, report.as_of, report.overrides, everywhere=report.data.policy.platform_ids())


__all__ = ["Report", "apply_severities", "apply_waivers", "check", "check_pages", "evaluate", "grade"]
