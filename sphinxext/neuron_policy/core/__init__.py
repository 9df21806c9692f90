"""The core of sphinx-neuron-policy: read a data directory, validate it, compute the lifecycle
and check the policy. It never imports Sphinx or docutils; the Sphinx extension and the
``neuron-policy`` command both build on what this module exports, and only on that (the
submodules are private).

Flow: YAML files -> :func:`load` (a validated :class:`PolicyData` and ``schema`` findings) ->
:func:`evaluate` (a :class:`Lifecycle`, the announcements and every rule's graded findings, in a
:class:`Report`) -> the build renders nodes from the report, the CLI prints it.
"""

from __future__ import annotations

from .announcements import Announcement
from .check import Report, check, check_pages, evaluate, grade
from .dates import add_months, default_as_of, parse_day
from .files import MAX_FILE_BYTES
from .findings import Finding, display_path, format_github, format_json, format_text, printable
from .lifecycle import DependencyDates, Lifecycle, PhaseChange, PhaseState, PlatformStates, Resolved, resolve_effective
from .loader import LoadResult, UnreadableInput, load
from .model import (
    Dependency,
    DependencyVersion,
    Kind,
    Loc,
    Located,
    Milestone,
    Platform,
    Policy,
    PolicyData,
    PolicyDate,
    Post,
    RangePart,
    SdkEndOfSupport,
    SdkRelease,
    Software,
    Spec,
    SupportRange,
    Waiver,
)
from .naming import dependency_version_name, sdk_key, sdk_name, sdk_range_key
from .phases import DEPENDENCY_PHASES, MILESTONE_PHASES, PHASE_LABELS, PHASES, SDK_PHASES, Timeline
from .registry import BUILD_ONLY, RULES, Rule, RuleId, Severity, parse_rule, parse_severity_overrides
from .release_index import ReleaseIndex, Span
from .schema import (
    CHANNELS,
    FILE_SHAPES,
    KINDS,
    POST_KINDS,
    SHAPES,
    Field,
    Shape,
    ValueKind,
    default_words,
    json_schema,
)
from .scope import supported_specs, union_matching, union_span
from .status import MIXED, PlatformStatus, SubjectStatus, status
from .subjects import SUBJECT_FOLDERS, Query, Subject, SubjectError, UnreadableSubject, parse_subject, subject_files
from .suggest import did_you_mean
from .values import MAX_MONTHS, parse_specifier
from .yaml_tree import ALIAS_EXPANSION_LIMIT, HAVE_LIBYAML, MAX_DEPTH

__all__ = [
    "ALIAS_EXPANSION_LIMIT",
    "BUILD_ONLY",
    "CHANNELS",
    "DEPENDENCY_PHASES",
    "FILE_SHAPES",
    "HAVE_LIBYAML",
    "KINDS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_MONTHS",
    "MILESTONE_PHASES",
    "MIXED",
    "PHASES",
    "PHASE_LABELS",
    "POST_KINDS",
    "RULES",
    "SDK_PHASES",
    "SHAPES",
    "SUBJECT_FOLDERS",
    "Announcement",
    "Dependency",
    "DependencyDates",
    "DependencyVersion",
    "Field",
    "Finding",
    "Kind",
    "Lifecycle",
    "LoadResult",
    "Loc",
    "Located",
    "Milestone",
    "PhaseChange",
    "PhaseState",
    "Platform",
    "PlatformStates",
    "PlatformStatus",
    "Policy",
    "PolicyData",
    "PolicyDate",
    "Post",
    "Query",
    "RangePart",
    "ReleaseIndex",
    "Report",
    "Resolved",
    "Rule",
    "RuleId",
    "SdkEndOfSupport",
    "SdkRelease",
    "Severity",
    "Shape",
    "Software",
    "Span",
    "Spec",
    "Subject",
    "SubjectError",
    "SubjectStatus",
    "SupportRange",
    "Timeline",
    "UnreadableInput",
    "UnreadableSubject",
    "ValueKind",
    "Waiver",
    "add_months",
    "check",
    "check_pages",
    "default_as_of",
    "default_words",
    "dependency_version_name",
    "did_you_mean",
    "display_path",
    "evaluate",
    "format_github",
    "format_json",
    "format_text",
    "grade",
    "json_schema",
    "load",
    "parse_day",
    "parse_rule",
    "parse_severity_overrides",
    "parse_specifier",
    "parse_subject",
    "printable",
    "resolve_effective",
    "sdk_key",
    "sdk_name",
    "sdk_range_key",
    "status",
    "subject_files",
    "supported_specs",
    "union_matching",
    "union_span",
]
