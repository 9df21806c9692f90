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
from .atom import announcements_feed
from .badges import badge_files, badge_for, badge_path
from .change_formats import changes_json, changes_markdown, changes_text, markdown_escape
from .change_sentences import LinkTerm, PhaseTerm, Term, WhenTerm, section_title
from .change_sentences import plain as plain_sentence
from .change_sentences import sentence as change_sentence
from .changes import CHANGE_KINDS, Change
from .changes import SECTIONS as CHANGE_SECTIONS
from .changes import compare as compare_snapshots
from .chart import Chart, chart, sdk_rows, software_rows, version_in_sdk, version_rows
from .chart import Row as ChartRow
from .chart_layout import ABBREVIATIONS, FAMILY, LIGHT, Layout, Words, describe, layout, text_width
from .chart_svg import timeline_svg
from .check import Report, check, check_pages, evaluate, grade
from .dates import add_months, default_as_of, parse_day
from .diff_sources import Side, read_side, source_kind
from .diff_sources import fingerprint as side_fingerprint
from .export_json import (
    FORMAT_VERSION,
    SCHEMA_FILE,
    export_schema,
    export_schema_bytes,
    lifecycle_document,
    lifecycle_json,
)
from .exports import (
    EXPORT_CONFIG,
    EXPORT_FILES,
    EXPORT_FORMATS,
    ExportSettings,
    export_files,
    read_export_settings,
    write_atomically,
    write_tree,
)
from .files import MAX_FILE_BYTES
from .findings import Finding, display_path, format_github, format_json, format_text, printable
from .ics import DEFAULT_ALARM_DAYS, calendar_names, calendar_of, lifecycle_calendar, lifecycle_events
from .lifecycle import DependencyDates, Lifecycle, PhaseChange, PhaseState, PlatformStates, Resolved, resolve_effective
from .links import InventoryError, Site, read_inventory
from .loader import LoadResult, UnreadableInput, load
from .manifest import Entry, Manifest, ManifestRelease, ManifestSource, interpret, read_manifest
from .manifest_import import ImportResult, Proposal, propose
from .minors import Minor, minor_name, minor_timeline, minors
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
from .notice import (
    LinkPart,
    MilestonePart,
    Part,
    notice_text,
    plain_text,
    scope,
    sentence_parts,
)
from .phases import DEPENDENCY_PHASES, MILESTONE_PHASES, PHASE_LABELS, PHASES, SDK_PHASES, Period, Timeline
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
from .terms import DateTerm, Translate, english
from .values import MAX_MONTHS, parse_date, parse_specifier
from .yaml_tree import ALIAS_EXPANSION_LIMIT, HAVE_LIBYAML, MAX_DEPTH

__all__ = [
    "ABBREVIATIONS",
    "ALIAS_EXPANSION_LIMIT",
    "BUILD_ONLY",
    "CHANGE_KINDS",
    "CHANGE_SECTIONS",
    "CHANNELS",
    "COMPLETENESS",
    "DEFAULT_ALARM_DAYS",
    "DEPENDENCY_PHASES",
    "EXPORT_CONFIG",
    "EXPORT_FILES",
    "EXPORT_FORMATS",
    "FAMILY",
    "FILE_SHAPES",
    "FORMAT_VERSION",
    "HAVE_LIBYAML",
    "KINDS",
    "LIGHT",
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
    "SCHEMA_FILE",
    "SDK_PHASES",
    "SHAPES",
    "SUBJECT_FOLDERS",
    "VERSION_PARTS",
    "Announcement",
    "Change",
    "Chart",
    "ChartRow",
    "DateTerm",
    "Dependency",
    "DependencyDates",
    "DependencyVersion",
    "Entry",
    "ExportSettings",
    "Field",
    "Finding",
    "ImportResult",
    "InventoryError",
    "Kind",
    "Layout",
    "Lifecycle",
    "LinkPart",
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
    "MilestonePart",
    "Minor",
    "Part",
    "Period",
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
    "Site",
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
    "Words",
    "add_months",
    "announcements_feed",
    "badge_files",
    "badge_for",
    "badge_path",
    "calendar_names",
    "calendar_of",
    "change_sentence",
    "changes_json",
    "changes_markdown",
    "changes_text",
    "chart",
    "check",
    "check_pages",
    "compare_snapshots",
    "default_as_of",
    "default_words",
    "dependency_version_name",
    "describe",
    "did_you_mean",
    "display_path",
    "english",
    "evaluate",
    "export_files",
    "export_schema",
    "export_schema_bytes",
    "format_github",
    "format_json",
    "format_text",
    "grade",
    "interpret",
    "json_schema",
    "layout",
    "lifecycle_calendar",
    "lifecycle_document",
    "lifecycle_events",
    "lifecycle_json",
    "load",
    "markdown_escape",
    "minor_name",
    "minor_timeline",
    "minors",
    "notice_text",
    "parse_date",
    "parse_day",
    "parse_rule",
    "parse_severity_overrides",
    "parse_specifier",
    "parse_subject",
    "plain_sentence",
    "plain_text",
    "printable",
    "propose",
    "read_export_settings",
    "read_inventory",
    "read_manifest",
    "read_side",
    "resolve_effective",
    "scope",
    "sdk_key",
    "sdk_name",
    "sdk_range_key",
    "sdk_rows",
    "section_title",
    "sentence_parts",
    "side_fingerprint",
    "snapshot",
    "software_rows",
    "source_kind",
    "status",
    "subject_files",
    "supported_specs",
    "text_width",
    "timeline_svg",
    "union_matching",
    "union_span",
    "version_in_sdk",
    "version_rows",
    "write_atomically",
    "write_tree",
]
