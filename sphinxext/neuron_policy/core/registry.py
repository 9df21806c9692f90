"""The rule registry: the closed set of rule ids and one read-only table of rules, which the rule
engine, the CLI, the Sphinx build (warning subtypes) and the docs all read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

from .suggest import did_you_mean


class _Text(str, Enum):
    """A str enum that prints as its value (``enum.StrEnum`` needs Python 3.11)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Severity(_Text):
    """How a finding affects the build; ``off`` findings are dropped."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls(text.strip().lower())


class RuleId(_Text):
    """Every rule id: the ``[neuron_policy.<id>]`` subtype, the waiver ``rule:`` and ``--severity`` key."""

    SCHEMA = "schema"
    DATE_ORDER = "date-order"
    EOS_NOTICE = "eos-notice"
    MIN_SUPPORT = "min-support"
    CONDA_CHANNEL = "conda-channel"
    EOS_OVERLAP = "eos-overlap"
    RANGE_MISMATCH = "range-mismatch"
    MINOR_ONLY = "minor-only"
    EMPTY_RANGE = "empty-range"
    UNANNOUNCED_EOS = "unannounced-eos"
    UPSTREAM_EOL = "upstream-eol"
    PHASE_MISMATCH = "phase-mismatch"
    UNKNOWN_SUBJECT = "unknown-subject"
    UNPUBLISHED = "unpublished"
    WAIVER_EXPIRED = "waiver-expired"
    WAIVER_UNUSED = "waiver-unused"
    RANGE_GAP = "range-gap"
    NOTICE = "notice"
    PHASE_NOT_APPLICABLE = "phase-not-applicable"
    OVERLAP = "overlap"
    CONFIG = "config"
    DIRECTIVE_OPTION = "directive-option"
    DIRECTIVE_ARGUMENT = "directive-argument"
    UNDEFINED_LABEL = "undefined-label"
    MANIFEST_FORMAT = "manifest-format"
    MANIFEST_ENTRY = "manifest-entry"
    MANIFEST_RELEASE = "manifest-release"
    SHIPPED_OUTSIDE_RANGE = "shipped-outside-range"
    RANGE_NOT_SHIPPED = "range-not-shipped"
    SHIPPED_AFTER_EOS = "shipped-after-eos"


@dataclass(frozen=True, kw_only=True)
class Rule:
    id: RuleId
    default: Severity
    description: str
    #: The ``policy.yaml`` key the rule reads, if any.
    parameter: str | None = None
    #: Checked by the Sphinx build (it needs the pages or conf.py), not by ``neuron-policy check``.
    build_only: bool = False
    #: Checked only against release manifests (``--manifest``, ``neuron_policy_manifests``).
    needs_manifest: bool = False


_E, _W = Severity.ERROR, Severity.WARNING
_RULES = (
    Rule(
        id=RuleId.SCHEMA,
        default=_E,
        description="Structure: unknown or duplicate key, wrong type, missing field, bad date, "
        "bad version, bad specifier, unknown category, duplicate version.",
    ),
    Rule(
        id=RuleId.DATE_ORDER,
        default=_E,
        description="Dates out of order: released <= announced <= effective (SDK); "
        "announced <= maintenance <= end of support (dependency).",
    ),
    Rule(
        id=RuleId.EOS_NOTICE,
        default=_E,
        description="An SDK end of support announced less than the required months before it takes effect.",
        parameter="eos_notice_months",
    ),
    Rule(
        id=RuleId.MIN_SUPPORT,
        default=_W,
        description="An SDK version supported for less than the required months after its release.",
        parameter="min_support_months",
    ),
    Rule(
        id=RuleId.CONDA_CHANNEL,
        default=_E,
        description="A release after the last conda version lists the channel conda.",
        parameter="conda_last_version",
    ),
    Rule(
        id=RuleId.EOS_OVERLAP, default=_E, description="An SDK release matched by more than one end_of_support entry."
    ),
    Rule(
        id=RuleId.RANGE_MISMATCH,
        default=_E,
        description="A dependency version's end-of-support SDK version that its own sdk specifier still includes.",
    ),
    Rule(
        id=RuleId.MINOR_ONLY,
        default=_E,
        description="A dependency's sdk bound or effective SDK version that is not a minor "
        "version (X.Y or X.Y.0): dependency changes ship only in minor releases.",
    ),
    Rule(
        id=RuleId.EMPTY_RANGE,
        default=_E,
        description="A dependency version whose sdk specifier matches no SDK release.",
    ),
    Rule(
        id=RuleId.UNANNOUNCED_EOS,
        default=_E,
        description="A dependency version whose support has ended with no end_of_support.announced date.",
    ),
    Rule(
        id=RuleId.UPSTREAM_EOL,
        default=_W,
        description="An SDK release dated after a dependency version's upstream end of life still supports it.",
    ),
    Rule(id=RuleId.PHASE_MISMATCH, default=_E, description="A declared phase that differs from the computed one."),
    Rule(
        id=RuleId.UNKNOWN_SUBJECT,
        default=_E,
        description="A directive, role, waiver or effective SDK version names something that does not exist.",
    ),
    Rule(
        id=RuleId.UNPUBLISHED,
        default=_W,
        description="An announced maintenance or end of support that no page shows.",
        build_only=True,
    ),
    Rule(id=RuleId.WAIVER_EXPIRED, default=_W, description="A waiver past its until date."),
    Rule(id=RuleId.WAIVER_UNUSED, default=_W, description="A waiver that matches no violation."),
    Rule(
        id=RuleId.RANGE_GAP,
        default=_E,
        description="A support range that starts again after a gap without saying whether support came back "
        "(return: real) or the releases only shipped it (return: waived); or a return that follows no gap.",
    ),
    Rule(
        id=RuleId.NOTICE,
        default=_E,
        description="A maintenance or end of support announced less than its kind's notice_months before it "
        "takes effect (the current policy: one month for Neuron software).",
        parameter="notice_months",
    ),
    Rule(
        id=RuleId.PHASE_NOT_APPLICABLE,
        default=_E,
        description="A milestone for a phase that the subject's kind does not have (e.g. maintenance of "
        "dependency software under the current policy).",
    ),
    Rule(
        id=RuleId.OVERLAP,
        default=_E,
        description="An extension component for an older framework version that leaves regular updates less "
        "than its kind's overlap_months after the one for a newer version is supported.",
        parameter="overlap_months",
    ),
    Rule(
        id=RuleId.CONFIG,
        default=_E,
        description="A neuron_policy_* configuration value of the wrong type or form (its default is used instead).",
        build_only=True,
    ),
    Rule(
        id=RuleId.DIRECTIVE_OPTION,
        default=_E,
        description="A directive option it does not know, or a value it cannot take (the option is ignored).",
        build_only=True,
    ),
    Rule(
        id=RuleId.DIRECTIVE_ARGUMENT,
        default=_E,
        description="A directive given an argument it does not take or missing one it needs (it renders "
        "nothing), or given content it does not take (the content is ignored).",
        build_only=True,
    ),
    Rule(
        id=RuleId.UNDEFINED_LABEL,
        default=_W,
        description="An announcement label that no page of the docs defines (reported once, at its YAML line).",
        build_only=True,
    ),
    Rule(
        id=RuleId.MANIFEST_FORMAT,
        default=_E,
        description="A release manifest that cannot be read: not JSON, an entry of the wrong form, an instance "
        "name manifest.yaml does not map, a version that cannot be read (reported in the manifest).",
        needs_manifest=True,
    ),
    Rule(
        id=RuleId.MANIFEST_ENTRY,
        default=_W,
        description="A manifest entry read only after a correction: an instance listed twice, a Python version "
        'with stray characters ("3.7,").',
        needs_manifest=True,
    ),
    Rule(
        id=RuleId.MANIFEST_RELEASE,
        default=_E,
        description="A release in a manifest that sdk.yaml does not list, or one in sdk.yaml, between the "
        "manifests' first and last release, that no manifest lists.",
        needs_manifest=True,
    ),
    Rule(
        id=RuleId.SHIPPED_OUTSIDE_RANGE,
        default=_E,
        description="A dependency version a release shipped on a platform although its sdk range for that "
        "platform does not include the release (or the data has no such version).",
        needs_manifest=True,
    ),
    Rule(
        id=RuleId.RANGE_NOT_SHIPPED,
        default=_E,
        description="A dependency version whose sdk range includes a release that did not ship it on that platform.",
        needs_manifest=True,
    ),
    Rule(
        id=RuleId.SHIPPED_AFTER_EOS,
        default=_E,
        description="A dependency version a release shipped at or after its end of support on that platform.",
        needs_manifest=True,
    ),
)

#: Every rule by id, in the order of the docs' rule table; read-only.
RULES: Mapping[RuleId, Rule] = MappingProxyType({rule.id: rule for rule in _RULES})

#: Rules only the Sphinx build checks (``neuron-policy check`` does not call their waivers unused).
BUILD_ONLY: frozenset[RuleId] = frozenset(rule.id for rule in _RULES if rule.build_only)

#: Rules only a check against release manifests judges.
MANIFEST_RULES: frozenset[RuleId] = frozenset(rule.id for rule in _RULES if rule.needs_manifest)


def parse_rule(text: str) -> RuleId:
    """A rule id from its text; ValueError (with the closest ids) if there is none."""
    try:
        return RuleId(text)
    except ValueError:
        raise ValueError(f"unknown rule {text!r}{did_you_mean(text, [r.value for r in RuleId])}") from None


def parse_severity_overrides(pairs: Mapping[str, str]) -> tuple[dict[RuleId, Severity], list[str]]:
    """Validate ``rule -> level`` overrides; returns the parsed map and one message per bad entry."""
    parsed: dict[RuleId, Severity] = {}
    problems: list[str] = []
    for rule, level in sorted(pairs.items()):
        try:
            rule_id = parse_rule(rule)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        try:
            parsed[rule_id] = Severity.parse(level)
        except ValueError:
            problems.append(f"{rule}: unknown severity {level!r}; expected error, warning, info or off")
    return parsed, problems
