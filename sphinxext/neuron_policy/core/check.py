"""The rule engine: load, run every rule, apply waivers and severities. Shared by CLI and build.

Every finding of a run, whatever found it (the loader, a data rule, a page of the docs, the
configuration), is graded here: waivers first, then the configured severities.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, replace
from types import MappingProxyType

from .announcements import Announcement, collect
from .collector import collector_paused
from .findings import Finding
from .lifecycle import Lifecycle
from .loader import LoadResult, load
from .model import PolicyData, Waiver
from .registry import BUILD_ONLY, RULES, RuleId, Severity
from .rules import finding, run_rules, unpublished
from .subjects import Query, QueryIndex, SubjectError, parse_subject


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

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    def severity(self, rule: RuleId) -> Severity:
        """The severity a finding of ``rule`` gets in this run (before waivers)."""
        return self.overrides.get(rule, RULES[rule].default)


def apply_waivers(
    findings: Iterable[Finding], waivers: Iterable[Waiver], as_of: dt.date, off: Set[RuleId] = frozenset()
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
    # Each finding takes the first waiver of its rule (the same object) whose subject matches.
    by_rule: dict[int, list[tuple[Waiver, Query]]] = {}
    for waiver, query in active:
        by_rule.setdefault(id(waiver.rule.value), []).append((waiver, query))
    indexes = {rule: ([w for w, _ in pairs], QueryIndex([q for _, q in pairs])) for rule, pairs in by_rule.items()}
    for item in findings:
        waivers_of_rule, index = indexes.get(id(item.rule), ([], None))
        position = index.first(item.subject) if index is not None and item.subject is not None else None
        if position is not None:
            waiver = waivers_of_rule[position]
            used.add(id(waiver))
            item = replace(
                item,
                severity=Severity.INFO,
                waiver=waiver.loc,
                hints=(*item.hints, f"waived: {waiver.reason.value} ({waiver.loc})"),
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
) -> list[Finding]:
    """Waivers, then severities, in file order. Waivers of rules that are off, or in ``unjudged``
    (rules this run does not check), are not called unused."""
    off = set(unjudged) | {rule for rule, level in overrides.items() if level is Severity.OFF}
    graded = apply_severities(apply_waivers(findings, waivers, as_of, off), overrides)
    return sorted(graded, key=Finding.sort_key)


@collector_paused
def evaluate(result: LoadResult, as_of: dt.date, overrides: Mapping[RuleId, Severity] | None = None) -> Report:
    """All findings for loaded data: the loader's and every data rule's, graded."""
    lifecycle = Lifecycle(result.data)
    overrides = MappingProxyType(dict(overrides or {}))
    raw = [*result.findings, *run_rules(lifecycle, as_of)]
    graded = grade(raw, result.data.waivers, as_of, overrides, BUILD_ONLY)
    return Report(result.data, lifecycle, collect(lifecycle), as_of, overrides, tuple(graded))


def check(
    data_dir: str | os.PathLike[str], as_of: dt.date, overrides: Mapping[RuleId, Severity] | None = None
) -> Report:
    """Load a data directory and evaluate it (raises ``UnreadableInput`` if it cannot be read)."""
    return evaluate(load(data_dir), as_of, overrides)


def check_pages(report: Report, covered: Set[str], problems: Iterable[Finding] = ()) -> list[Finding]:
    """The findings only a docs build can make, graded like the data's: the problems its pages
    recorded (unknown subjects, bad options) and ``unpublished`` (given the subject keys the
    pages cover). Waivers of other rules were judged by :func:`evaluate` already."""
    found = [*problems, *unpublished(report.announcements, report.as_of, covered)]
    waivers = [w for w in report.data.waivers if w.rule.value is RuleId.UNPUBLISHED]
    return grade(found, waivers, report.as_of, report.overrides)


__all__ = ["Report", "apply_severities", "apply_waivers", "check", "check_pages", "evaluate", "grade"]
