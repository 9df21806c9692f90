"""The ``neuron_policy_*`` configuration values: declared once, registered typed, validated early."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sphinx.errors import ConfigError

from ._compat import config_value_kwargs
from .registry import parse_severity_overrides

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


def validate(app: Sphinx, config: Config) -> None:
    """``config-inited``: report every bad value at once, as one configuration error."""
    problems: list[str] = []
    data_dir = os.path.join(app.confdir, config.neuron_policy_data)
    if not isinstance(config.neuron_policy_data, str) or not os.path.isdir(data_dir):
        problems.append(f"neuron_policy_data: {data_dir} is not a directory")
    today = config.neuron_policy_today
    if today is not None:
        try:
            dt.date.fromisoformat(today)
        except (TypeError, ValueError):
            problems.append(f"neuron_policy_today: expected a date YYYY-MM-DD or None, got {today!r}")
    severity = config.neuron_policy_severity
    if isinstance(severity, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in severity.items()):
        problems += [f"neuron_policy_severity: {p}" for p in parse_severity_overrides(severity)[1]]
    else:
        problems.append("neuron_policy_severity: expected a dict of rule id -> severity strings")
    fmt = config.neuron_policy_date_format
    if not isinstance(fmt, str) or not fmt.strip():
        problems.append("neuron_policy_date_format: expected a non-empty strftime format")
    if problems:
        raise ConfigError("sphinx-neuron-policy: " + "; ".join(problems))
