"""The ``neuron_policy_*`` configuration values: declared once, registered typed, validated early.

The values are read once, at ``config-inited``, into frozen :class:`Settings`; a bad value is a
located ``config`` finding and its default is used. Nothing is written back into the config.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..core import (
    DEFAULT_ALARM_DAYS,
    EXPORT_CONFIG,
    ExportSettings,
    Finding,
    Loc,
    RuleId,
    Severity,
    parse_day,
    parse_severity_overrides,
    read_export_settings,
)
from .compat import config_value_kwargs, format_date

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True, kw_only=True)
class ConfValue:
    name: str
    default: Any
    types: frozenset[type]
    doc: str


# Rebuild level '' for all: the extension re-reads exactly the pages that use it when a value
# that changes their output changes (see ``events.env_get_outdated``), instead of every page.
CONFIG_VALUES = (
    ConfValue(
        name="neuron_policy_data",
        default="policy_data",
        types=frozenset({str}),
        doc="Data directory, relative to the configuration directory.",
    ),
    ConfValue(
        name="neuron_policy_today",
        default=None,
        types=frozenset({str, type(None)}),
        doc="As-of date YYYY-MM-DD; None: the date of SOURCE_DATE_EPOCH if set, else today (UTC).",
    ),
    ConfValue(
        name="neuron_policy_severity",
        default={},
        types=frozenset({dict}),
        doc="Rule id -> error, warning, info or off.",
    ),
    ConfValue(
        name="neuron_policy_manifests",
        default=[],
        types=frozenset({list, tuple}),
        doc="Neuron release manifests to compare the data with (paths relative to the configuration "
        "directory), newest first: n2-manifest.json, then the legacy neuron-releases-manifest.json. "
        "The data's manifest.yaml says how to read them.",
    ),
    ConfValue(
        name="neuron_policy_date_format",
        default="%Y-%m-%d",
        types=frozenset({str}),
        doc="How dates are shown (strftime codes, localised through Sphinx's babel support).",
    ),
    ConfValue(
        name="neuron_policy_exports",
        default=[],
        types=frozenset({list, tuple}),
        doc="What an HTML build publishes in neuron_policy_export_dir: any of 'json', 'ics', 'atom', 'badges'.",
    ),
    ConfValue(
        name="neuron_policy_export_dir",
        default="_policy",
        types=frozenset({str}),
        doc="The folder of the exports, relative to the site's root (the extension owns it).",
    ),
    ConfValue(
        name="neuron_policy_base_url",
        default=None,
        types=frozenset({str, type(None)}),
        doc="The site's base URL, for the links in the exports; None: html_baseurl (if that is empty, links "
        "stay relative to the site's root).",
    ),
    ConfValue(
        name="neuron_policy_alarm_days",
        default=list(DEFAULT_ALARM_DAYS),
        types=frozenset({list, tuple}),
        doc="Days before each end of support that the calendar's alarms go off.",
    ),
)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The configuration as the extension uses it: validated, with defaults for bad values."""

    data_dir: str  # absolute, normalised
    data_setting: str  # as written in conf.py
    #: False when neuron_policy_data is reported bad: nothing is loaded (one error, not two).
    data_ok: bool
    today: str | None
    overrides: Mapping[RuleId, Severity]
    date_format: str
    language: str | None
    exports: ExportSettings = field(default_factory=ExportSettings)
    #: The release manifests to compare the data with: absolute, normalised, in the order given.
    manifests: tuple[str, ...] = ()

    def fingerprint(self) -> list[str]:
        """What of the settings changes rendered output (besides the as-of date)."""
        return [
            self.date_format,
            str(self.language),
            self.data_setting,
            repr(sorted((rule.value, level.value) for rule, level in self.overrides.items())),
            repr(self.exports),
            repr(self.manifests),
        ]


def register(app: Sphinx) -> None:
    for value in CONFIG_VALUES:
        app.add_config_value(value.name, value.default, "", types=value.types, **config_value_kwargs(value.doc))


def _location(confdir: str, name: str) -> Loc:
    """``conf.py`` at the line of the assignment, so the message points at it (line 1 if it is not there)."""
    path = os.path.join(confdir, "conf.py")
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="replace")  # a conf.py in another encoding too
    except OSError:
        return Loc(path, 1, base="file")
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{name}\s*=", line):
            return Loc(path, number, base="file")
    return Loc(path, 1, base="file")


def _tells_dates_apart(fmt: str, language: str | None) -> bool:
    """Whether a format shows two dates that differ in year, month and day differently."""
    try:
        first, second = (format_date(fmt, day, language) for day in (dt.date(2001, 2, 3), dt.date(2004, 5, 6)))
    except (ValueError, KeyError, IndexError):
        return False
    return first != second


def _problems(confdir: str, config: Config) -> dict[str, str]:
    """Each bad ``neuron_policy_*`` value, with the reason."""
    problems: dict[str, str] = {}
    data = config.neuron_policy_data
    if not isinstance(data, str):
        problems["neuron_policy_data"] = f"expected a string, got {data!r}"
    elif not os.path.isdir(os.path.join(confdir, data)):
        problems["neuron_policy_data"] = f"{os.path.join(confdir, data)} is not a directory"
    today = config.neuron_policy_today
    if today is not None:
        try:
            parse_day(today if isinstance(today, str) else repr(today))
        except ValueError as exc:
            problems["neuron_policy_today"] = f"{exc} (or None for today)"
    severity = config.neuron_policy_severity
    if isinstance(severity, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in severity.items()):
        bad = parse_severity_overrides(severity)[1]
        if bad:
            problems["neuron_policy_severity"] = "; ".join(bad)
    else:
        problems["neuron_policy_severity"] = "expected a dict of rule id -> 'error', 'warning', 'info' or 'off'"
    manifests = config.neuron_policy_manifests
    if not isinstance(manifests, list | tuple) or not all(isinstance(m, str) and m.strip() for m in manifests):
        problems["neuron_policy_manifests"] = f"expected a list of paths, got {manifests!r}"
    fmt = config.neuron_policy_date_format
    if not isinstance(fmt, str) or not fmt.strip():
        problems["neuron_policy_date_format"] = "expected a non-empty strftime format"
    elif not _tells_dates_apart(fmt, config.language):
        problems["neuron_policy_date_format"] = (
            f"{fmt!r} shows every date the same; use strftime codes, e.g. '%Y-%m-%d' or '%d %B %Y'"
        )
    problems.update(_export_values(config)[1])
    return problems


def _export_values(config: Config) -> tuple[ExportSettings, dict[str, str]]:
    values = {name: getattr(config, name) for name in EXPORT_CONFIG}
    values["html_baseurl"] = getattr(config, "html_baseurl", "")
    return read_export_settings(values)


def read_settings(confdir: str, config: Config) -> tuple[Settings, list[Finding]]:
    """The settings, and one ``config`` finding per bad value (whose default is then used)."""
    problems = _problems(confdir, config)
    defaults = {value.name: value.default for value in CONFIG_VALUES}

    def value(name: str) -> Any:
        return defaults[name] if name in problems else getattr(config, name)

    data = config.neuron_policy_data if isinstance(config.neuron_policy_data, str) else defaults["neuron_policy_data"]
    findings = [
        Finding.of(RuleId.CONFIG, _location(confdir, name), f"{name}: {reason}") for name, reason in problems.items()
    ]
    settings = Settings(
        data_dir=os.path.normpath(os.path.join(confdir, data)),
        data_setting=data,
        data_ok="neuron_policy_data" not in problems,
        today=value("neuron_policy_today"),
        overrides=MappingProxyType(parse_severity_overrides(value("neuron_policy_severity"))[0]),
        date_format=value("neuron_policy_date_format"),
        language=config.language,
        exports=_export_values(config)[0],
        manifests=tuple(os.path.normpath(os.path.join(confdir, m)) for m in value("neuron_policy_manifests")),
    )
    return settings, findings
