"""The rule engine: load, run every rule, apply waivers and severities. Shared by CLI and build."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .findings import Finding, Severity
from .loader import LoadResult, load
from .model import PolicyData, Waiver
from .phases import Lifecycle
from .registry import RULES
from .rules import finding, run_rules
from .subjects import Query, SubjectError, parse_subject


@dataclass(frozen=True)
class Report:
    """The outcome of a check: the data, its computed lifecycle and the findings to show."""

    data: PolicyData
    lifecycle: Lifecycle
    as_of: dt.date
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)


def apply_waivers(
    findings: Iterable[Finding], waivers: Iterable[Waiver], as_of: dt.date, off: frozenset[str] = frozenset()
) -> list[Finding]:
    """Turn waived findings into ``info`` and report expired and unused waivers."""
    active: list[tuple[Waiver, Query]] = []
    out: list[Finding] = []
    for waiver in waivers:
        if waiver.until is not None and waiver.until.value.latest < as_of:
            out.append(
                finding(
                    "waiver-expired",
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
    unknown = {f.loc for f in findings if f.rule == "unknown-subject"}
    used: set[int] = {id(w) for w, _ in active if w.subject.loc in unknown}
    for item in findings:
        for waiver, query in active:
            if waiver.rule.value == item.rule and item.subject is not None and query.matches(item.subject):
                used.add(id(waiver))
                item = replace(
                    item,
                    severity=Severity.INFO,
                    waiver=waiver.loc,
                    hints=(*item.hints, f"waived: {waiver.reason.value} ({waiver.loc})"),
                )
                break
        out.append(item)
    for waiver, _ in active:
        if id(waiver) not in used and waiver.rule.value not in off:
            out.append(
                finding(
                    "waiver-unused",
                    waiver.loc,
                    f"waiver of {waiver.rule.value} for {waiver.subject.value!r} matches no violation",
                )
            )
    return out


def apply_severities(findings: Iterable[Finding], overrides: Mapping[str, Severity]) -> list[Finding]:
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
    overrides: Mapping[str, Severity],
    unjudged: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Waivers, then severities, in file order. Waivers of rules that are off, or in ``unjudged``
    (rules this run does not check), are not called unused."""
    off = unjudged | frozenset(rule for rule, level in overrides.items() if level is Severity.OFF)
    graded = apply_severities(apply_waivers(findings, waivers, as_of, off), overrides)
    return sorted(graded, key=Finding.sort_key)


def evaluate(result: LoadResult, as_of: dt.date, overrides: Mapping[str, Severity] | None = None) -> Report:
    """All findings for loaded data: the loader's and every data rule's, graded."""
    lifecycle = Lifecycle(result.data)
    raw = [*result.findings, *run_rules(lifecycle, as_of)]
    build_only = frozenset(rule for rule, spec in RULES.items() if spec.build_only)
    graded = grade(raw, result.data.waivers, as_of, dict(overrides or {}), build_only)
    return Report(result.data, lifecycle, as_of, tuple(graded))


def check(data_dir: str | os.PathLike[str], as_of: dt.date, overrides: Mapping[str, Severity] | None = None) -> Report:
    """Load a data directory and evaluate it (raises ``UnreadableInput`` if it cannot be read)."""
    return evaluate(load(data_dir), as_of, overrides)


__all__ = ["Report", "apply_severities", "apply_waivers", "check", "evaluate", "grade"]
