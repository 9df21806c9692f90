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
from .chart import Chart, chart, sdk_rows, software_rows, version_in_sdk, version_rows
from .chart import Row as ChartRow
from .chart_layout import ABBREVIATIONS, FAMILY, LIGHT, Layout, Words, describe, layout, text_width
from .chart_svg import timeline_svg
from .check import Report, check, check_pages, evaluate, grade
from .dates import add_months, default_as_of, parse_day
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
from .minors import Minor, minor_name, minor_timeline, minors
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
from .notice import (
    DatePart,
    LinkPart,
    MilestonePart,
    Part,
    notice_text,
    plain_text,
    scope,
    sentence_parts,
)
from .phases import DEPENDENCY_PHASES, MILESTONE_PHASES, PHASE_LABELS, PHASES, SDK_PHASES, Period, Timeline
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
from .values import MAX_MONTHS, parse_date, parse_specifier
from .yaml_tree import ALIAS_EXPANSION_LIMIT, HAVE_LIBYAML, MAX_DEPTH

__all__ = [
    "ABBREVIATIONS",
    "ALIAS_EXPANSION_LIMIT",
    "BUILD_ONLY",
    "CHANNELS",
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
    "Announcement",
    "Chart",
    "ChartRow",
    "DatePart",
    "Dependency",
    "DependencyDates",
    "DependencyVersion",
    "ExportSettings",
    "Field",
    "Finding",
    "InventoryError",
    "Kind",
    "Layout",
    "Lifecycle",
    "LinkPart",
    "LoadResult",
    "Loc",
    "Located",
    "Milestone",
    "MilestonePart",
    "Minor",
    "Part",
    "Period",
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
    "Site",
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
    "Words",
    "add_months",
    "announcements_feed",
    "badge_files",
    "badge_for",
    "badge_path",
    "calendar_names",
    "calendar_of",
    "chart",
    "check",
    "check_pages",
    "default_as_of",
    "default_words",
    "dependency_version_name",
    "describe",
    "did_you_mean",
    "display_path",
    "evaluate",
    "export_files",
    "export_schema",
    "export_schema_bytes",
    "format_github",
    "format_json",
    "format_text",
    "grade",
    "json_schema",
    "layout",
    "lifecycle_calendar",
    "lifecycle_document",
    "lifecycle_events",
    "lifecycle_json",
    "load",
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
    "plain_text",
    "printable",
    "read_export_settings",
    "read_inventory",
    "resolve_effective",
    "scope",
    "sdk_key",
    "sdk_name",
    "sdk_range_key",
    "sdk_rows",
    "sentence_parts",
    "software_rows",
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
