"""The extension's settings in a Sphinx ``conf.py``, read without running it, for the CLI.

``neuron-policy check --conf docs/conf.py`` must judge the data as the docs build does, so it
reads the same ``neuron_policy_*`` values and ``suppress_warnings``. A conf.py is Python; this
reads only top-level assignments whose value is a literal (``ast.literal_eval``), which is how
these settings are written, and says so when one is not.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NAMES = (
    "neuron_policy_data",
    "neuron_policy_today",
    "neuron_policy_severity",
    "neuron_policy_manifests",
    "suppress_warnings",
)
#: What ``neuron-policy export`` reads besides: where the site is and what the exports hold.
EXPORT_NAMES = ("neuron_policy_base_url", "html_baseurl", "neuron_policy_export_dir", "neuron_policy_alarm_days")


class ConfError(ValueError):
    """A conf.py that cannot be read, or a value in it that is not a literal of the right type."""


@dataclass(frozen=True)
class ConfSettings:
    """What conf.py says, as written (validation is the caller's, as in the build)."""

    path: Path
    data: str = "policy_data"
    today: str | None = None
    severity: dict[str, str] = field(default_factory=dict)
    suppress: tuple[str, ...] = ()
    #: The export settings as written (``neuron_policy_base_url``, ``html_baseurl``, ...).
    exports: dict[str, Any] = field(default_factory=dict)
    #: Release manifests to compare the data with, as written (relative to conf.py's directory).
    manifests: tuple[str, ...] = ()


def _targets(node: ast.stmt) -> tuple[list[str], ast.expr | None, bool]:
    """Names assigned by a top-level statement, the value, and whether it adds (``+=``)."""
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)], node.value, False
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id], node.value, False
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and isinstance(node.op, ast.Add):
        return [node.target.id], node.value, True
    return [], None, False


def read(path: Path) -> ConfSettings:
    """The settings of ``path``; :class:`ConfError` with file and line when they cannot be read."""
    try:
        tree = ast.parse(path.read_bytes(), filename=str(path))
    except OSError as exc:
        raise ConfError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except (SyntaxError, ValueError) as exc:
        raise ConfError(f"{path}:{getattr(exc, 'lineno', 1) or 1}: not valid Python: {exc}") from None
    values: dict[str, Any] = {}
    for node in tree.body:
        names, value, adds = _targets(node)
        for name in (n for n in names if n in NAMES or n in EXPORT_NAMES):
            if value is None:
                continue
            try:
                literal = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                raise ConfError(
                    f"{path}:{node.lineno}: {name} is not a literal value; "
                    "neuron-policy reads conf.py without running it"
                ) from None
            extends = adds and isinstance(literal, list | tuple) and isinstance(values.get(name, []), list | tuple)
            values[name] = [*values.get(name, []), *literal] if extends else literal
    data, today, severity = values.get("neuron_policy_data", "policy_data"), values.get("neuron_policy_today"), {}
    if not isinstance(data, str):
        raise ConfError(f"{path}: neuron_policy_data: expected a string, got {data!r}")
    if today is not None and not isinstance(today, str):
        raise ConfError(f"{path}: neuron_policy_today: expected a string or None, got {today!r}")
    raw = values.get("neuron_policy_severity", {})
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise ConfError(f"{path}: neuron_policy_severity: expected a dict of rule id -> level")
    severity = dict(raw)
    suppress = values.get("suppress_warnings", [])
    if not isinstance(suppress, list | tuple) or not all(isinstance(s, str) for s in suppress):
        raise ConfError(f"{path}: suppress_warnings: expected a list of strings")
    exports = {name: values[name] for name in EXPORT_NAMES if name in values}
    manifests = values.get("neuron_policy_manifests", [])
    if not isinstance(manifests, list | tuple) or not all(isinstance(m, str) and m.strip() for m in manifests):
        raise ConfError(f"{path}: neuron_policy_manifests: expected a list of paths")
    return ConfSettings(
        path=path,
        data=data,
        today=today,
        severity=severity,
        suppress=tuple(suppress),
        manifests=tuple(manifests),
        exports=exports,
    )
