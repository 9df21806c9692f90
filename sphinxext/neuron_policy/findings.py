"""Findings (rule violations with a location) and the ways they are printed."""

from __future__ import annotations

import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from .model import Loc
from .subjects import Subject


class Severity(str, Enum):
    """How a finding affects the build; ``off`` findings are dropped."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls(text.strip().lower())


@dataclass(frozen=True)
class Finding:
    """One violation of one rule, at the YAML (or reST) position of the value at fault."""

    rule: str
    severity: Severity
    loc: Loc
    message: str
    subject: Subject | None = None
    hints: tuple[str, ...] = field(default=())
    #: Where the waiver that accepted this violation is written, if one did.
    waiver: Loc | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.loc.path, self.loc.line, self.loc.column, self.rule, self.message)


def display_path(prefix: str, loc: Loc) -> str:
    """The file as a reader should see it: the data directory as given, then the file."""
    return posixpath.join(prefix, loc.path) if prefix else loc.path


def format_text(finding: Finding, prefix: str = "") -> str:
    """The SPEC message form: ``file:line:col: severity: message [neuron_policy.rule]``."""
    head = (
        f"{display_path(prefix, finding.loc)}:{finding.loc.line}:{finding.loc.column}: "
        f"{finding.severity.value}: {finding.message} [neuron_policy.{finding.rule}]"
    )
    return "\n".join([head, *(f"    {hint}" for hint in finding.hints)])


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(finding: Finding, prefix: str = "") -> str:
    """A GitHub Actions workflow command, so the finding shows on the pull request's diff."""
    props = ",".join(
        [
            f"file={_gh_escape(display_path(prefix, finding.loc), prop=True)}",
            f"line={finding.loc.line}",
            f"col={finding.loc.column}",
            f"title={_gh_escape(f'neuron_policy.{finding.rule}', prop=True)}",
        ]
    )
    message = "\n".join([finding.message, *finding.hints])
    return f"::{_GH_LEVEL[finding.severity]} {props}::{_gh_escape(message)}"


def format_json(findings: Sequence[Finding], prefix: str = "") -> str:
    return json.dumps(
        [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "file": display_path(prefix, f.loc),
                "line": f.loc.line,
                "column": f.loc.column,
                "message": f.message,
                "hints": list(f.hints),
            }
            for f in findings
        ],
        indent=2,
        sort_keys=True,
        ensure_ascii=False,
    )
