"""Findings: every problem of a run (data, page, directive, role, config), and how they are printed.

A finding has a rule id, a severity and a location; the CLI prints findings with the formatters
here, and the Sphinx build logs them through one reporting function.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field

from .model import Loc
from .registry import RULES, RuleId, Severity
from .subjects import Subject


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One violation of one rule, at the YAML, reST or conf.py position of the value at fault."""

    rule: RuleId
    severity: Severity
    loc: Loc
    message: str
    subject: Subject | None = None
    hints: tuple[str, ...] = field(default=())
    #: Where the waiver that accepted this violation is written, if one did.
    waiver: Loc | None = None

    @classmethod
    def of(
        cls, rule: RuleId, loc: Loc, message: str, subject: Subject | None = None, hints: tuple[str, ...] = ()
    ) -> Finding:
        """A finding at its rule's default severity (waivers and overrides are applied later)."""
        return cls(rule=rule, severity=RULES[rule].default, loc=loc, message=message, subject=subject, hints=hints)

    def sort_key(self) -> tuple[str, str, int, int, str, str]:
        return (self.loc.base, self.loc.path, self.loc.line, self.loc.column, self.rule.value, self.message)


def display_path(prefix: str, loc: Loc) -> str:
    """The file as a reader should see it: a data file under the data directory as given."""
    if loc.base == "data" and prefix:
        return posixpath.join(prefix, loc.path)
    return loc.path


def format_text(finding: Finding, prefix: str = "") -> str:
    """The SPEC message form: ``file:line:col: severity: message [neuron_policy.rule]``."""
    where = Loc(display_path(prefix, finding.loc), finding.loc.line, finding.loc.column)
    head = f"{where}: {finding.severity.value}: {finding.message} [neuron_policy.{finding.rule.value}]"
    return "\n".join([head, *(f"    {hint}" for hint in finding.hints)])


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(finding: Finding, prefix: str = "") -> str:
    """A GitHub Actions workflow command, so the finding shows on the pull request's diff."""
    props = [
        f"file={_gh_escape(display_path(prefix, finding.loc), prop=True)}",
        f"line={finding.loc.line}",
        *([f"col={finding.loc.column}"] if finding.loc.column else []),
        f"title={_gh_escape(f'neuron_policy.{finding.rule.value}', prop=True)}",
    ]
    message = "\n".join([finding.message, *finding.hints])
    return f"::{_GH_LEVEL[finding.severity]} {','.join(props)}::{_gh_escape(message)}"


def format_json(findings: Sequence[Finding], prefix: str = "") -> str:
    return json.dumps(
        [
            {
                "rule": f.rule.value,
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
