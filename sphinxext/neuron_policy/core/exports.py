"""The files the site publishes for programs and subscribers, and how they are written.

:func:`export_files` makes every file of the chosen formats, as bytes, under the paths they
have in the export folder. The Sphinx build and ``neuron-policy export`` both call it, so they
write the same bytes. :func:`write_tree` writes them atomically (a temporary file, then
``os.replace``), leaves unchanged files alone, and removes the files of subjects that are gone,
so the folder after an incremental build is the folder of a clean one.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .atom import announcements_feed
from .badges import badge_files
from .check import Report
from .export_json import SCHEMA_FILE, export_schema_bytes, lifecycle_json
from .ics import DEFAULT_ALARM_DAYS, Event, calendar_names, lifecycle_calendar, lifecycle_events
from .links import Site

#: Every format, in the order the docs list them.
EXPORT_FORMATS = ("json", "ics", "atom", "badges")
#: The file of each format that has one file (badges are a folder).
EXPORT_FILES = {"json": "lifecycle.json", "ics": "calendar.ics", "atom": "announcements.atom"}
#: The file names the export folder may hold: only these are ever removed from it.
_OWNED = (".json", ".ics", ".atom")


#: Folders of a Sphinx HTML site that are not the extension's to fill.
_SPHINX_FOLDERS = ("_static", "_sources", "_images", "_downloads", ".doctrees")
_FOLDER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*")
#: The longest time ahead an alarm may be set: ten years.
MAX_ALARM_DAYS = 3650


@dataclass(frozen=True)
class ExportSettings:
    """What the build publishes (``neuron_policy_exports`` ...), and where."""

    formats: tuple[str, ...] = ()
    #: The export folder, relative to the site's root.
    folder: str = "_policy"
    #: The site's base URL ('': unknown, links are relative to the site's root).
    base_url: str = ""
    alarm_days: tuple[int, ...] = DEFAULT_ALARM_DAYS


def _problem_formats(value: Any) -> str | None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        return f"expected a list of formats ({', '.join(EXPORT_FORMATS)}), got {value!r}"
    unknown = [v for v in value if v not in EXPORT_FORMATS]
    if unknown:
        return f"unknown format {unknown[0]!r}; expected some of {', '.join(EXPORT_FORMATS)}"
    return None


def _problem_folder(value: Any) -> str | None:
    if not isinstance(value, str) or not _FOLDER.fullmatch(value):
        return f"expected a relative folder such as '_policy' (letters, digits, '._-'), got {value!r}"
    if ".." in value.split("/") or value.split("/")[0] in _SPHINX_FOLDERS:
        return f"{value!r} is not a folder the extension may fill: name one of its own, such as '_policy'"
    return None


def _problem_base_url(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and (value == "" or re.fullmatch(r"[a-z][a-z0-9+.-]*://\S+", value))):
        return None
    return f"expected an absolute URL such as 'https://example.org/docs/', or None, got {value!r}"


def _problem_alarms(value: Any) -> str | None:
    if not isinstance(value, list | tuple) or not all(
        isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_ALARM_DAYS for v in value
    ):
        return f"expected a list of whole numbers of days (0 to {MAX_ALARM_DAYS}), got {value!r}"
    return None


#: The settings and what checks each: configuration name -> (field, check).
EXPORT_CONFIG = {
    "neuron_policy_exports": ("formats", _problem_formats),
    "neuron_policy_export_dir": ("folder", _problem_folder),
    "neuron_policy_base_url": ("base_url", _problem_base_url),
    "neuron_policy_alarm_days": ("alarm_days", _problem_alarms),
}


def read_export_settings(values: Mapping[str, Any]) -> tuple[ExportSettings, dict[str, str]]:
    """The export settings from configuration values (as conf.py writes them; a missing one has
    its default) and the reason each bad one is bad (its default is used). The base URL falls
    back to ``html_baseurl``."""
    problems: dict[str, str] = {}
    found: dict[str, Any] = {}
    for name, (attribute, check) in EXPORT_CONFIG.items():
        if name not in values:
            continue
        problem = check(values[name])
        if problem:
            problems[name] = problem
        else:
            found[attribute] = values[name]
    if not found.get("base_url"):
        html = values.get("html_baseurl")
        found["base_url"] = html if isinstance(html, str) and _problem_base_url(html) is None else ""
    settings = ExportSettings(
        formats=tuple(dict.fromkeys(found.get("formats", ()))),
        folder=found.get("folder", ExportSettings.folder),
        base_url=found["base_url"] or "",
        alarm_days=tuple(found.get("alarm_days", DEFAULT_ALARM_DAYS)),
    )
    return settings, problems


def export_files(
    report: Report,
    site: Site,
    formats: Sequence[str] = EXPORT_FORMATS,
    *,
    alarm_days: Sequence[int] = DEFAULT_ALARM_DAYS,
    folder: str = "",
) -> dict[str, bytes]:
    """Path (relative to the export folder, ``/``-separated) -> bytes, for every chosen format.
    ``folder`` is the export folder's path in the site, for links to the files themselves."""
    files: dict[str, bytes] = {}
    if "json" in formats:
        files[EXPORT_FILES["json"]] = lifecycle_json(report, site)
        files[SCHEMA_FILE] = export_schema_bytes()
    if "ics" in formats:
        events = lifecycle_events(report, site)
        cache: dict[Event, bytes] = {}
        files[EXPORT_FILES["ics"]] = lifecycle_calendar(report, site, alarm_days=alarm_days, events=events, cache=cache)
        for name, _title in calendar_names(report):
            files[f"calendars/{name}.ics"] = lifecycle_calendar(
                report, site, calendar=name, alarm_days=alarm_days, events=events, cache=cache
            )
    if "atom" in formats:
        self_path = str(PurePosixPath(folder) / EXPORT_FILES["atom"]) if folder else EXPORT_FILES["atom"]
        files[EXPORT_FILES["atom"]] = announcements_feed(report, site, self_path=self_path)
    if "badges" in formats:
        files.update({f"badges/{path}": data for path, data in badge_files(report)})
    return dict(sorted(files.items()))


def write_atomically(path: Path, data: bytes) -> bool:
    """Write a file through a temporary file and ``os.replace`` (readers never see half of it);
    leave it alone when it already holds these bytes. Returns whether it was written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".neuron_policy-", delete=False) as handle:
        handle.write(data)
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, path)
    return True


def write_tree(root: Path, files: Mapping[str, bytes]) -> list[str]:
    """Write ``files`` under ``root`` and remove the export files there that are not among them
    (with the folders they leave empty). Returns the paths written or removed, sorted."""
    changed = [name for name, data in files.items() if write_atomically(root / name, data)]
    if root.is_dir():
        for path in sorted(root.rglob("*"), reverse=True):  # files before their folders
            name = path.relative_to(root).as_posix()
            if path.is_file() and path.suffix in _OWNED and name not in files:
                path.unlink()
                changed.append(name)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return sorted(changed)
