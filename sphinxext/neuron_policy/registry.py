"""The rule registry: one table that the rule engine, the CLI, the Sphinx build and the docs read."""

from __future__ import annotations

from dataclasses import dataclass

from ._util import did_you_mean
from .findings import Severity


@dataclass(frozen=True)
class Rule:
    id: str
    default: Severity
    description: str
    #: The ``policy.yaml`` key the rule reads, if any.
    parameter: str | None = None
    #: Checked by the Sphinx build (it needs the pages), not by ``neuron-policy check``.
    build_only: bool = False


_E, _W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "schema",
            _E,
            "Structure: unknown or duplicate key, wrong type, missing field, bad date, "
            "bad version, bad specifier, unknown category, duplicate version.",
        ),
        Rule(
            "date-order",
            _E,
            "Dates out of order: released <= announced <= effective (SDK); "
            "announced <= maintenance <= end of support (dependency).",
        ),
        Rule(
            "eos-notice",
            _E,
            "An SDK end of support announced less than the required months before it takes effect.",
            parameter="eos_notice_months",
        ),
        Rule(
            "min-support",
            _W,
            "An SDK version supported for less than the required months after its release.",
            parameter="min_support_months",
        ),
        Rule(
            "conda-channel",
            _E,
            "A release after the last conda version lists the channel conda.",
            parameter="conda_last_version",
        ),
        Rule("eos-overlap", _E, "An SDK release matched by more than one end_of_support entry."),
        Rule(
            "range-mismatch",
            _E,
            "A dependency version's end-of-support SDK version that its own sdk specifier still includes.",
        ),
        Rule(
            "minor-only",
            _E,
            "A dependency's sdk bound or effective SDK version that is not a minor "
            "version (X.Y or X.Y.0): dependency changes ship only in minor releases.",
        ),
        Rule("empty-range", _E, "A dependency version whose sdk specifier matches no SDK release."),
        Rule(
            "unannounced-eos", _E, "A dependency version whose support has ended with no end_of_support.announced date."
        ),
        Rule(
            "upstream-eol",
            _W,
            "An SDK release dated after a dependency version's upstream end of life still supports it.",
        ),
        Rule("phase-mismatch", _E, "A declared phase that differs from the computed one."),
        Rule(
            "unknown-subject",
            _E,
            "A directive, role, waiver or effective SDK version names something that does not exist.",
        ),
        Rule("unpublished", _W, "An announced maintenance or end of support that no page shows.", build_only=True),
        Rule("waiver-expired", _W, "A waiver past its until date."),
        Rule("waiver-unused", _W, "A waiver that matches no violation."),
        Rule(
            "config",
            _E,
            "A neuron_policy_* configuration value of the wrong type or form (its default is used instead).",
            build_only=True,
        ),
        Rule(
            "directive-option",
            _E,
            "A directive option with a value it cannot take (the option is ignored).",
            build_only=True,
        ),
    )
}


def parse_severity_overrides(pairs: dict[str, str]) -> tuple[dict[str, Severity], list[str]]:
    """Validate ``rule -> level`` overrides; returns the parsed map and one message per bad entry."""
    parsed: dict[str, Severity] = {}
    problems: list[str] = []
    for rule, level in sorted(pairs.items()):
        if rule not in RULES:
            problems.append(f"unknown rule {rule!r}{did_you_mean(rule, RULES)}")
            continue
        try:
            parsed[rule] = Severity.parse(level)
        except ValueError:
            problems.append(f"{rule}: unknown severity {level!r}; expected error, warning, info or off")
    return parsed, problems
