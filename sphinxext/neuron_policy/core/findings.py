"""Findings: every problem of a run (data, page, directive, role, config), and how they are printed.

A finding has a rule id, a severity and a location; the CLI prints findings with the formatters
here, and the Sphinx build logs them through one reporting function.
"""

from __future__ import annotations

import json
import posixpath
import re
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
    #: A file could not be read or parsed: the cause of whatever else is missing, so shown first.
    blocking: bool = False

    @classmethod
    def of(
        cls, rule: RuleId, loc: Loc, message: str, subject: Subject | None = None, hints: tuple[str, ...] = ()
    ) -> Finding:
        """A finding at its rule's default severity (waivers and overrides are applied later)."""
        return cls(rule=rule, severity=RULES[rule].default, loc=loc, message=message, subject=subject, hints=hints)

    def sort_key(self) -> tuple[bool, str, str, int, int, str, str]:
        """Files that could not be read first, then by place, rule and message."""
        loc = self.loc
        return (not self.blocking, loc.base, loc.path, loc.line, loc.column, self.rule.value, self.message)


#: Characters that could break a one-line message or the terminal: C0 and C1 controls, Unicode
#: line and paragraph separators, and the lone surrogates by which Python keeps undecodable bytes
#: of file names.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters, line separators and undecodable bytes escaped, so data
    can never start a new line in a message (a CI system reads ``::error`` at a line's start) or
    send escape sequences to a terminal, and every output is valid UTF-8."""
    return _UNPRINTABLE.sub(_escape, text)


def display_path(prefix: str, loc: Loc) -> str:
    """The file as a reader should see it: a data file under the data directory as given."""
    if loc.base == "data" and prefix:
        return printable(posixpath.join(prefix, loc.path))
    return printable(loc.path)


def format_text(finding: Finding, prefix: str = "") -> str:
    """The SPEC message form: ``file:line:col: severity: message [neuron_policy.rule]``."""
    where = Loc(display_path(prefix, finding.loc), finding.loc.line, finding.loc.column)
    message = printable(finding.message)
    head = f"{where}: {finding.severity.value}: {message} [neuron_policy.{finding.rule.value}]"
    return "\n".join([head, *(f"    {printable(hint)}" for hint in finding.hints)])


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
    message = "\n".join(printable(text) for text in (finding.message, *finding.hints))
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
                "message": printable(f.message),
                "hints": [printable(hint) for hint in f.hints],
            }
            for f in findings
        ],
        indent=2,
        sort_keys=True,
        ensure_ascii=False,
    )
