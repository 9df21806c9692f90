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
from .change_formats import changes_json, changes_markdown, changes_text, markdown_escape
from .change_sentences import DateTerm, LinkTerm, PhaseTerm, Term, Translate, WhenTerm, english, section_title
from .change_sentences import plain as plain_sentence
from .change_sentences import sentence as change_sentence
from .changes import CHANGE_KINDS, Change
from .changes import SECTIONS as CHANGE_SECTIONS
from .changes import compare as compare_snapshots
from .check import Report, check, check_pages, evaluate, grade
from .dates import add_months, default_as_of, parse_day
from .diff_sources import Side, read_side, source_kind
from .diff_sources import fingerprint as side_fingerprint
from .files import MAX_FILE_BYTES
from .findings import Finding, display_path, format_github, format_json, format_text, printable
from .lifecycle import DependencyDates, Lifecycle, PhaseChange, PhaseState, PlatformStates, Resolved, resolve_effective
from .loader import LoadResult, UnreadableInput, load
from .manifest import Entry, Manifest, ManifestRelease, ManifestSource, interpret, read_manifest
from .manifest_import import ImportResult, Proposal, propose
from .model import (
    Dependency,
    DependencyVersion,
    Kind,
    Loc,
    Located,
    ManifestMapping,
    ManifestPackage,
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
from .registry import BUILD_ONLY, MANIFEST_RULES, RULES, Rule, RuleId, Severity, parse_rule, parse_severity_overrides
from .release_index import ReleaseIndex, Span
from .schema import (
    CHANNELS,
    COMPLETENESS,
    FILE_SHAPES,
    KINDS,
    POST_KINDS,
    SHAPES,
    VERSION_PARTS,
    Field,
    Shape,
    ValueKind,
    default_words,
    json_schema,
)
from .scope import supported_specs, union_matching, union_span
from .snapshot import Snapshot, snapshot
from .status import MIXED, PlatformStatus, SubjectStatus, status
from .subjects import SUBJECT_FOLDERS, Query, Subject, SubjectError, UnreadableSubject, parse_subject, subject_files
from .suggest import did_you_mean
from .values import MAX_MONTHS, parse_specifier
from .yaml_tree import ALIAS_EXPANSION_LIMIT, HAVE_LIBYAML, MAX_DEPTH

__all__ = [
    "ALIAS_EXPANSION_LIMIT",
    "BUILD_ONLY",
    "CHANGE_KINDS",
    "CHANGE_SECTIONS",
    "CHANNELS",
    "COMPLETENESS",
    "DEPENDENCY_PHASES",
    "FILE_SHAPES",
    "HAVE_LIBYAML",
    "KINDS",
    "MANIFEST_RULES",
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
    "VERSION_PARTS",
    "Announcement",
    "Change",
    "DateTerm",
    "Dependency",
    "DependencyDates",
    "DependencyVersion",
    "Entry",
    "Field",
    "Finding",
    "ImportResult",
    "Kind",
    "Lifecycle",
    "LinkTerm",
    "LoadResult",
    "Loc",
    "Located",
    "Manifest",
    "ManifestMapping",
    "ManifestPackage",
    "ManifestRelease",
    "ManifestSource",
    "Milestone",
    "PhaseChange",
    "PhaseState",
    "PhaseTerm",
    "Platform",
    "PlatformStates",
    "PlatformStatus",
    "Policy",
    "PolicyData",
    "PolicyDate",
    "Post",
    "Proposal",
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
    "Side",
    "Snapshot",
    "Software",
    "Span",
    "Spec",
    "Subject",
    "SubjectError",
    "SubjectStatus",
    "SupportRange",
    "Term",
    "Timeline",
    "Translate",
    "UnreadableInput",
    "UnreadableSubject",
    "ValueKind",
    "Waiver",
    "WhenTerm",
    "add_months",
    "change_sentence",
    "changes_json",
    "changes_markdown",
    "changes_text",
    "check",
    "check_pages",
    "compare_snapshots",
    "default_as_of",
    "default_words",
    "dependency_version_name",
    "did_you_mean",
    "display_path",
    "english",
    "evaluate",
    "format_github",
    "format_json",
    "format_text",
    "grade",
    "interpret",
    "json_schema",
    "load",
    "markdown_escape",
    "parse_day",
    "parse_rule",
    "parse_severity_overrides",
    "parse_specifier",
    "parse_subject",
    "plain_sentence",
    "printable",
    "propose",
    "read_manifest",
    "read_side",
    "resolve_effective",
    "sdk_key",
    "sdk_name",
    "sdk_range_key",
    "section_title",
    "side_fingerprint",
    "snapshot",
    "source_kind",
    "status",
    "subject_files",
    "supported_specs",
    "union_matching",
    "union_span",
]
