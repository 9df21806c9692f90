"""The list of changes as ``neuron-policy diff`` prints it: plain text, Markdown (for a
pull-request comment) and JSON. Always in English: these are for the docs team and CI.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from packaging.version import Version

from .change_sentences import PhaseTerm, Term, phase_label, plain, section_title, sentence
from .changes import SECTIONS, Change, Value
from .findings import printable
from .model import PolicyDate
from .snapshot import PhaseFact, Snapshot, When

FORMAT = "neuron-policy-changes"
FORMAT_VERSION = 1


def _by_section(changes: Sequence[Change]) -> list[tuple[str, list[Change]]]:
    return [(s, [c for c in changes if c.section == s]) for s in SECTIONS if any(c.section == s for c in changes)]


def _side(snapshot: Snapshot) -> str:
    return f"{snapshot.source} (as of {snapshot.as_of})"


def changes_text(changes: Sequence[Change], old: Snapshot, new: Snapshot) -> str:
    """A heading line, then each section's title and its changes, one per line."""
    lines = [f"Changes from {_side(old)} to {_side(new)}:"]
    if not changes:
        lines.append("  No changes in meaning.")
    for section, found in _by_section(changes):
        lines.append(section_title(section, str))
        lines += [f"  - {plain(sentence(c))}" for c in found]
    return "\n".join(printable(line) for line in lines) + "\n"


_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(?:([#+=-])|([0-9]+)([.)]))")


def _inline(text: str) -> str:
    """No emphasis, code, link, table cell, strike-through, HTML or entity."""
    text = _INLINE.sub(r"\\\1", printable(text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _line(text: str) -> str:
    """No heading, quote or list where the line starts."""
    return _LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text)


def markdown_escape(text: str) -> str:
    """Text that Markdown (GitHub's, which also reads HTML) shows exactly as written."""
    return _line(_inline(text))


def _markdown_parts(parts: Sequence[Term]) -> str:
    out = [f"**{_inline(plain([p]))}**" if isinstance(p, PhaseTerm) else _inline(plain([p])) for p in parts]
    return _line("".join(out))


def changes_markdown(changes: Sequence[Change], old: Snapshot, new: Snapshot) -> str:
    """A heading, the two sides, and a bullet list per section: a pull-request comment."""
    lines = [
        "### Lifecycle changes",
        "",
        f"From {markdown_escape(_side(old))} to {markdown_escape(_side(new))}.",
        "",
    ]
    if not changes:
        lines += ["No changes in meaning.", ""]
    for section, found in _by_section(changes):
        lines += [f"**{markdown_escape(section_title(section, str))}**", ""]
        lines += [f"- {_markdown_parts(sentence(c))}" for c in found]
        lines.append("")
    return "\n".join(lines)


def _day(value: PolicyDate | dt.date | None) -> str | None:
    return None if value is None else str(value)


def _value(value: Value) -> Any:
    """A change's old or new value as JSON (its type follows the kind of change)."""
    if isinstance(value, When):
        return {"date": _day(value.date), "sdk": value.version}
    if isinstance(value, PhaseFact):
        return {"phase": value.phase, "label": phase_label(value.phase, str), "use": value.use}
    if isinstance(value, tuple):
        return [str(v) for v in value if isinstance(v, Version)]
    if isinstance(value, PolicyDate):
        return str(value)
    return value


def change_json(change: Change) -> dict[str, Any]:
    return {
        "section": change.section,
        "kind": change.kind,
        "subject": change.subject,
        "name": change.name,
        "platforms": list(change.platforms),
        "use": change.use,
        "fact": change.fact,
        "old": _value(change.old),
        "new": _value(change.new),
        "date": _day(change.date),
        "label": change.label,
        "post_kind": change.post_kind,
        "sdk_versions": [str(v) for v in change.versions],
        "text": plain(sentence(change)),
    }


def changes_json(changes: Sequence[Change], old: Snapshot, new: Snapshot) -> dict[str, Any]:
    """The changes as a JSON document: both sides, and every change with its typed values and its
    sentence in English."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "old": {"source": old.source, "as_of": str(old.as_of)},
        "new": {"source": new.source, "as_of": str(new.as_of)},
        "changes": [change_json(c) for c in changes],
    }


__all__ = ["changes_json", "changes_markdown", "changes_text", "markdown_escape"]
