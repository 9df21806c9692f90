"""The ``neuron_policy_*`` configuration values: declared once, registered typed, validated early."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._compat import config_value_kwargs
from ._util import parse_day
from ._warnings import report
from .registry import RULES, parse_severity_overrides

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


@dataclass(frozen=True)
class ConfValue:
    name: str
    default: Any
    types: frozenset[type]
    doc: str


# Rebuild level '' for all: the extension re-reads exactly the pages that use it when a value
# that changes their output changes (see ``_sphinx.env_get_outdated``), instead of every page.
CONFIG_VALUES = (
    ConfValue(
        "neuron_policy_data",
        "policy_data",
        frozenset({str}),
        "Data directory, relative to the configuration directory.",
    ),
    ConfValue(
        "neuron_policy_today",
        None,
        frozenset({str, type(None)}),
        "As-of date YYYY-MM-DD; None: the date of SOURCE_DATE_EPOCH if set, else today (UTC).",
    ),
    ConfValue("neuron_policy_severity", {}, frozenset({dict}), "Rule id -> error, warning, info or off."),
    ConfValue(
        "neuron_policy_date_format",
        "%Y-%m-%d",
        frozenset({str}),
        "How dates are shown (strftime codes, localised through Sphinx's babel support).",
    ),
)


def register(app: Sphinx) -> None:
    for value in CONFIG_VALUES:
        app.add_config_value(value.name, value.default, "", types=value.types, **config_value_kwargs(value.doc))


def _location(app: Sphinx, name: str) -> str:
    """``conf.py:<line>`` of the assignment, so the message points at it (line 1 if it is not there)."""
    path = os.path.join(app.confdir, "conf.py")
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if re.match(rf"\s*{name}\s*=", line):
                    return f"{path}:{number}"
    except OSError:
        pass
    return f"{path}:1"


def _problems(app: Sphinx, config: Config) -> dict[str, str]:
    """Each bad ``neuron_policy_*`` value, with the reason."""
    problems: dict[str, str] = {}
    data = config.neuron_policy_data
    if not isinstance(data, str):
        problems["neuron_policy_data"] = f"expected a string, got {data!r}"
    elif not os.path.isdir(os.path.join(app.confdir, data)):
        problems["neuron_policy_data"] = f"{os.path.join(app.confdir, data)} is not a directory"
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
    fmt = config.neuron_policy_date_format
    if not isinstance(fmt, str) or not fmt.strip():
        problems["neuron_policy_date_format"] = "expected a non-empty strftime format"
    return problems


def validate(app: Sphinx, config: Config) -> None:
    """``config-inited``: report every bad value at once, use its default, and fail the build.

    Raising ``ConfigError`` would stop the build too, but Sphinx 9 prints it as a crash report;
    a logged error keeps the message to one located line and still fails through the status.
    """
    failed = False
    for name, reason in _problems(app, config).items():
        failed |= report(app, "config", RULES["config"].default, f"{name}: {reason}", _location(app, name))
        default = next(v.default for v in CONFIG_VALUES if v.name == name)
        if name != "neuron_policy_data" or not isinstance(config.neuron_policy_data, str):
            setattr(config, name, default)
    if failed:
        app.statuscode = 1
