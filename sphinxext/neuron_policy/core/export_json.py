"""The lifecycle as JSON: every SDK release, dependency version and software item with its
computed phases (per platform), dates and announcements, for programs to read.

The document follows a versioned JSON Schema shipped in the package
(``core/schemas/lifecycle-1.schema.json``, :func:`export_schema`). Its fields are typed: a date
is always a ``YYYY-MM-DD`` string (a month the data gives as ``YYYY-MM`` is its first day, the
day a phase starts), ``null`` where a value is not known, never a date-or-boolean union. A change
that breaks readers raises ``format_version``; adding a field does not.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from importlib import resources
from typing import Any

from .._version import __version__
from .announcements import Announcement
from .check import Report
from .lifecycle import Lifecycle, PlatformStates, resolve_effective
from .links import Site
from .minors import minor_name, minor_of, minor_timeline, minors
from .model import DependencyVersion, Milestone, PolicyDate, SdkRelease, Software, SupportRange
from .naming import sdk_key, sdk_range_key
from .notice import notice_text
from .phases import PHASES, Timeline
from .uids import announcement_id, post_id

FORMAT = "neuron-policy-lifecycle"
FORMAT_VERSION = 1
SCHEMA_FILE = f"lifecycle-{FORMAT_VERSION}.schema.json"

Json = dict[str, Any]


@functools.lru_cache(maxsize=1)
def _schema_text() -> str:
    return (resources.files(__package__) / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8")


def export_schema() -> Json:
    """The JSON Schema of the document :func:`lifecycle_document` makes (a fresh copy)."""
    schema: Json = json.loads(_schema_text())
    return schema


def export_schema_bytes() -> bytes:
    """The schema file as shipped, byte for byte (the build publishes it next to the document)."""
    return _schema_text().encode("utf-8")


def day(value: PolicyDate | dt.date | None) -> str | None:
    """A date as ``YYYY-MM-DD``: a month-precision date is its first day."""
    if value is None:
        return None
    return (value.earliest if isinstance(value, PolicyDate) else value).isoformat()


def _periods(timeline: Timeline) -> list[Json]:
    return [{"phase": p.phase, "start": day(p.start), "end": day(p.end)} for p in timeline.periods()]


def _next_change(timeline: Timeline, as_of: dt.date) -> Json | None:
    change = timeline.next_change(as_of)
    return {"date": day(change[0]), "phase": change[1]} if change else None


def _support(support: SupportRange | None) -> list[Json]:
    if support is None:
        return []
    return [
        {
            "sdk": part.spec.value.text,
            "platforms": [p.value for p in part.platforms],
            "returns": part.returns.value if part.returns else None,
            "reason": part.reason.value if part.reason else None,
        }
        for part in support.parts
    ]


def _states(states: PlatformStates, platforms: tuple[str, ...]) -> dict[str, tuple[str, str | None]]:
    """Platform -> (phase, use) from grouped states (a group naming no platform holds on all)."""
    return {p: (state.phase, state.use) for state, named in states for p in (named or platforms)}


def _release(life: Lifecycle, release: SdkRelease, as_of: dt.date) -> Json:
    timeline = life.sdk_timeline(release)
    entry = life.eos_entry(release)
    return {
        "subject": sdk_key(release.version.value),
        "version": str(release.version.value),
        "minor": minor_name(minor_of(release)),
        "released": day(release.released.value),
        "channels": [c.value for c in release.channels],
        "phase": timeline.phase_on(as_of),
        "periods": _periods(timeline),
        "next_change": _next_change(timeline, as_of),
        "end_of_support_announced": day(entry.announced.value) if entry else None,
        "end_of_support": day(entry.effective.value) if entry else None,
    }


def _minor(life: Lifecycle, releases: tuple[SdkRelease, ...], as_of: dt.date) -> Json:
    timeline = minor_timeline(life, releases)
    return {
        "minor": minor_name(minor_of(releases[0])),
        "releases": [str(r.version.value) for r in releases],
        "phase": timeline.phase_on(as_of),
        "periods": _periods(timeline),
        "next_change": _next_change(timeline, as_of),
    }


def _version_on(life: Lifecycle, version: DependencyVersion, platform: str | None, as_of: dt.date) -> Json:
    """The dates of a dependency version on a platform (None: where no platform is named)."""
    dates = life.dates(version, platform)
    last = life.last_sdk(version, as_of, platform)
    timeline = life.dependency_timeline(version, platform)  # the phases of its kind, as "phase" says
    return {
        "first_sdk": str(dates.first_release.version.value) if dates.first_release else None,
        "last_sdk": str(last.version.value) if last else None,
        "announced": day(dates.announced),
        "maintenance": day(dates.maintenance),
        "end_of_support": day(dates.eos),
        "end_of_support_sdk": str(dates.eos_version) if dates.eos_version is not None else None,
        "end_of_support_by_default": dates.eos_default,
        "periods": _periods(timeline),
        "next_change": _next_change(timeline, as_of),
    }


def _milestone(phase: str, milestone: Milestone, life: Lifecycle) -> Json:
    named = milestone.effective.value if milestone.effective else None
    return {
        "phase": phase,
        "effective": day(resolve_effective(milestone.effective, life.index)),
        "effective_sdk": str(named) if named is not None and not isinstance(named, PolicyDate) else None,
        "platforms": [p.value for p in milestone.platforms],
        "use": milestone.use.value if milestone.use else None,
    }


def _dependency_version(life: Lifecycle, version: DependencyVersion, as_of: dt.date) -> Json:
    on = life.version_platforms(version)
    states = _states(life.version_states(version, as_of, on), on)
    timeline = life.dependency_timeline(version)
    return {
        "subject": version.subject,
        "version": version.version.value,
        "name": life.version_name(version),
        "support": _support(version.support),
        "upstream_eol": day(version.upstream_eol.value) if version.upstream_eol else None,
        "phase": timeline.phase_on(as_of),
        **_version_on(life, version, None, as_of),
        "milestones": [
            _milestone(phase, m, life)
            for phase, m in (("maintenance", version.maintenance), ("end-of-support", version.end_of_support))
            if m is not None
        ],
        "platforms": [
            {"platform": p, "phase": states[p][0], "use": states[p][1], **_version_on(life, version, p, as_of)}
            for p in on
            if p in states
        ],
    }


def _software(life: Lifecycle, item: Software, as_of: dt.date) -> Json:
    on = life.software_platforms(item)
    states = _states(life.software_states(item, as_of, on), on)
    timeline = life.software_timeline(item)
    return {
        "subject": item.id,
        "id": item.id,
        "title": item.title.value,
        "kind": item.kind.value,
        "support": _support(item.support),
        "phase": timeline.phase_on(as_of),
        "periods": _periods(timeline),
        "next_change": _next_change(timeline, as_of),
        "milestones": [_milestone(phase, m, life) for phase, m in item.milestones],
        "platforms": [
            {
                "platform": p,
                "phase": states[p][0],
                "use": states[p][1],
                "periods": _periods(life.software_timeline(item, p)),
                "next_change": _next_change(life.software_timeline(item, p), as_of),
            }
            for p in on
            if p in states
        ],
    }


def _announcement(report: Report, a: Announcement, site: Site) -> Json:
    life, as_of = report.lifecycle, report.as_of
    sdk = life.data.policy.sdk_name.value
    return {
        "id": announcement_id(sdk, a),
        "subject": a.key,
        "name": a.subject,
        "change": a.change,
        "category": a.category,
        "effective": day(a.effective),
        "effective_sdk": str(a.effective_version) if a.effective_version is not None else None,
        "platforms": list(a.platforms),
        "use": a.use,
        "phase": a.timeline.phase_on(as_of),
        "made": a.made_by(as_of),
        "notice": notice_text(a, life, as_of) if a.made_by(as_of) else None,
        "posts": [
            {
                "id": post_id(sdk, a, index),
                "date": day(post.date.value),
                "kind": post.kind.value if post.kind else None,
                "title": post.title.value if post.title else None,
                "label": post.label.value if post.label else None,
                "url": site.url(post.label.value if post.label else None),
                "published": post.date.value.earliest <= as_of,
            }
            for index, post in enumerate(a.posts)
        ],
    }


def lifecycle_document(report: Report, site: Site | None = None) -> Json:
    """The whole lifecycle as of the report's date, as the schema describes it."""
    site = site or Site()
    life, as_of, data = report.lifecycle, report.as_of, report.data
    policy = data.policy
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"sphinx-neuron-policy {__version__}",
        "as_of": as_of.isoformat(),
        "sdk": policy.sdk_name.value,
        "site": site.base_url or None,
        "policy": {
            "min_support_months": policy.min_support_months.value,
            "eos_notice_months": policy.eos_notice_months.value,
        },
        "phases": [{"id": phase, "label": label} for phase, label in PHASES.items()],
        "platforms": [{"id": p.id, "title": p.title.value} for p in policy.platforms],
        "kinds": [{"id": k.id, "title": k.title.value, "phases": [p.value for p in k.phases]} for k in policy.kinds],
        "releases": [_release(life, r, as_of) for r in life.index.releases],
        "minors": [_minor(life, releases, as_of) for releases in minors(life).values()],
        "end_of_support": [
            {
                "subject": sdk_range_key(entry.versions.value.text),
                "sdk": entry.versions.value.text,
                "name": life.entry_name(entry),
                "releases": [str(r.version.value) for r in life.index.matching(entry.versions.value)],
                "announced": day(entry.announced.value),
                "effective": day(entry.effective.value),
                "label": entry.announcement.value if entry.announcement else None,
                "url": site.url(entry.announcement.value if entry.announcement else None),
            }
            for entry in data.end_of_support
        ],
        "dependencies": [
            {
                "id": dep.id,
                "title": dep.title.value,
                "category": dep.category.value,
                "kind": dep.kind.value,
                "versions": [_dependency_version(life, v, as_of) for v in dep.versions],
            }
            for dep in data.dependencies
        ],
        "software": [_software(life, item, as_of) for item in data.software],
        "announcements": [_announcement(report, a, site) for a in report.announcements],
    }


def dump_json(document: Json) -> bytes:
    """The document as UTF-8 bytes: two-space indents, keys in the schema's order, a final newline.
    Non-ASCII characters are escaped, so any string the data holds is valid JSON."""
    return (json.dumps(document, indent=2, ensure_ascii=True) + "\n").encode("ascii")


def lifecycle_json(report: Report, site: Site | None = None) -> bytes:
    return dump_json(lifecycle_document(report, site))
