"""Model to docutils nodes: tables, badges, dates, sentences and cross-references.

Every string from the data reaches the doctree as a ``nodes.Text`` (or a reference target), so
each writer escapes it; nothing is rendered to reST and re-parsed, and nothing is raw markup.

Dates are strings that know they are dates (:class:`DateText`, :class:`MilestoneText`): a
sentence formats them like any string, and a table cell holding one sets the date as a
:class:`~.nodes.policy_date` node, which no builder breaks across lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation

from ..core import PHASE_LABELS, PolicyDate
from .compat import format_date
from .nodes import phase_badge, policy_date

if TYPE_CHECKING:
    from ..core import Loc, PlatformStates
    from .domain import BuildState

_ = get_translation("neuron_policy")


def N_(message: str) -> str:  # gettext's name, which message extraction knows
    """Mark a message written where it cannot be translated yet (a table of labels at import);
    it is translated with ``_()`` where it is shown."""
    return message


def tr(message: str) -> str:
    """A message in the build's language, as a plain ``str``."""
    return str(_(message))


Cell = str | nodes.Node | Sequence[nodes.Node] | None
EMPTY = "\u2014"  # an em dash marks "nothing here" in every builder


class DateText(str):
    """A date as the reader sees it (``2025-04-03``, ``April 2025``)."""

    __slots__ = ()


def sdk_version(version: object) -> str:
    """``SDK 2.22.0``, in the build's language."""
    return tr("SDK %s") % version


def scope_of(platforms: Sequence[str]) -> str:
    """The platforms a value holds on, as they follow it: ``(Inf2, Trn1)``."""
    return tr("(%s)") % ", ".join(platforms)


#: A value followed by its scope (a translation may leave out the space, not reorder them: a
#: badge's scope is the end of its label).
SCOPED = N_("%(value)s %(scope)s")


def scoped(value: str, scope: str) -> str:
    """A value and its scope: ``Maintenance (Inf2, Trn1)``."""
    return tr(SCOPED) % {"value": value, "scope": scope}


class MilestoneText(str):
    """When a milestone takes effect, ``2025-04-03 (SDK 2.22.0)``: a date, a version, or both."""

    date: DateText | None
    version: str | None

    def __new__(cls, date: DateText | None, version: object | None) -> MilestoneText:
        sdk = sdk_version(version) if version is not None else None
        text = f"{date} ({sdk})" if date and sdk else (date or sdk or "")
        self = super().__new__(cls, text)
        self.date, self.version = date, sdk
        return self


#: Widest column, in characters, for builders that lay tables out by text width.
MAX_COLUMN_WIDTH = 40


def _width(cell: Cell) -> int:
    if cell is None:
        return 1
    if isinstance(cell, str):
        return len(cell)
    parts = [cell] if isinstance(cell, nodes.Node) else cell
    # badges gain two brackets in text builders
    return sum(len(p.astext()) + (2 if isinstance(p, phase_badge) else 0) for p in parts)


class Renderer:
    """Builds nodes for one build's state (dates in the configured format and language)."""

    def __init__(self, state: BuildState, docname: str) -> None:
        self.state = state
        self.docname = docname

    # -- values ---------------------------------------------------------------------------------

    def date(self, value: PolicyDate | dt.date | None) -> str:
        """The date in the configured format (a :class:`DateText`), or a dash for none."""
        if value is None:
            return EMPTY
        if isinstance(value, PolicyDate):
            if value.precision == "month":  # the order of month and year is the language's
                return DateText(format_date(tr("%B %Y"), value.earliest, self.state.language))
            value = value.earliest
        return DateText(format_date(self.state.date_format, value, self.state.language))

    def date_node(self, value: PolicyDate | dt.date | None) -> nodes.inline:
        """The date as a node that stays on one line (a plain inline holding the dash for none)."""
        text = self.date(value)
        return policy_date("", text, classes=["neuron-date"]) if isinstance(text, DateText) else nodes.inline("", text)

    def milestone(self, day: PolicyDate | None, version: object | None) -> str | None:
        """When a milestone takes effect: ``2025-04-03 (SDK 2.22.0)``, ``SDK 2.30.0`` or nothing."""
        when = self.date(day) if day else None
        if when is None and version is None:
            return None
        return MilestoneText(when if isinstance(when, DateText) else None, version)

    def badge(self, phase: str, *, use: str | None = None, platforms: Sequence[str] = ()) -> phase_badge:
        """A phase badge; with ``use`` or ``platforms``, it says what it is limited to:
        "Maintenance for inference (Inf2, Trn1)"."""
        label = tr(PHASE_LABELS[phase])
        if use:
            label = tr("%(phase)s for %(use)s") % {"phase": label, "use": use}
        scope = scope_of([self.platform(p) for p in platforms]) if platforms else ""
        if scope:
            label = scoped(label, scope)
        return phase_badge("", label, phase=phase, scope=scope, classes=[f"neuron-phase-{phase}"])

    def platform(self, platform: str) -> str:
        return self.state.report.lifecycle.platform_title(platform)

    def states(self, states: PlatformStates) -> list[nodes.Node]:
        """The badges of a subject's phases: one where every platform agrees, else one per group
        of platforms, each naming its platforms."""
        out: list[nodes.Node] = []
        for state, platforms in states:
            if out:
                out.append(nodes.Text(" "))
            out.append(self.badge(state.phase, use=state.use, platforms=platforms))
        return out

    def by_platform(self, values: Mapping[str | None, str | None]) -> list[nodes.Node] | None:
        """One value when every platform has it, else each value with the platforms it holds on:
        ``2.8.0 - 2.26.1 (Inf2, Trn1); 2.10.0 - 2.32.0 (Inf1)``. Nodes, so that each date in it
        stays on one line; None when no platform has a value."""
        distinct = set(values.values())
        if len(distinct) <= 1:
            only = next(iter(distinct), None)
            return None if only is None else self.value(only)
        grouped: dict[str | None, list[str]] = {}
        for platform, value in values.items():
            if platform is not None:
                grouped.setdefault(value, []).append(self.platform(platform))
        parts: list[str | nodes.Node] = []
        for value, names in grouped.items():
            parts += [*(["; "] if parts else []), *self._scoped_parts(value, names)]
        return self.text(*parts)

    def value(self, value: str | None, *, platforms: Sequence[str] = ()) -> list[nodes.Node]:
        """A value (a date or milestone kept on one line), with the platform ids it is limited to."""
        if not platforms:
            return self.text(*self._value_parts(value))
        return self.text(*self._scoped_parts(value, [self.platform(p) for p in platforms]))

    def _scoped_parts(self, value: str | None, names: Sequence[str]) -> list[str | nodes.Node]:
        """A value and the platforms (titles) it holds on, the value's date kept on one line."""
        scope = scope_of(names)
        before, _sep, after = (tr(SCOPED).replace("%(scope)s", scope)).partition("%(value)s")
        return [part for part in (before, *self._value_parts(value), after) if part != ""]

    def xref(self, label: str, loc: Loc, text: str | None = None) -> nodes.Element:
        """A ``std:ref`` to an announcement page. A label no page defines is reported once, at its
        YAML line (rule ``undefined-label``), and the reference renders as its text."""
        ref = addnodes.pending_xref(
            "",
            nodes.inline("", text or label),
            refdomain="std",
            reftype="ref",
            reftarget=label.lower(),
            refexplicit=text is not None,
            refwarn=False,
            refdoc=self.docname,
            neuron_policy_label=True,
        )
        ref.source = f"{self.state.data_dir}/{loc.path}"
        ref.line = loc.line
        if isinstance(text, DateText):  # a date as the link's text is still a date: never broken
            return policy_date("", "", ref, classes=["neuron-date"])
        return ref

    def as_of(self) -> nodes.paragraph:
        """ "Status as of <date>.", the date kept on one line."""
        parts = self.fill(tr("Status as of %s."), self.date(self.state.report.as_of))
        return nodes.paragraph("", "", *self.text(*parts), classes=["neuron-policy-as-of"])

    # -- tables ---------------------------------------------------------------------------------

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        classes: Sequence[str],
        caption: Sequence[nodes.Node] | None = None,
    ) -> nodes.table:
        """A table with a header row; column widths follow the text, as ``:widths: auto`` does."""
        # Data is shown as written: no smart quotes inside generated tables.
        table = nodes.table(classes=["neuron-policy", "colwidths-auto", *classes], support_smartquotes=False)
        if caption:
            table += nodes.title("", "", *caption)
        group = nodes.tgroup(cols=len(headers))
        table += group
        for column, header in enumerate(headers):
            width = max([len(header), *(_width(row[column]) for row in rows)])
            group += nodes.colspec(colwidth=min(max(width, 3), MAX_COLUMN_WIDTH))
        head = nodes.thead()
        head += self._row(headers)
        group += head
        body = nodes.tbody()
        for row in rows:
            body += self._row(row)
        group += body
        return table

    def _row(self, cells: Sequence[Cell]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            para = nodes.paragraph()
            if cell is None:
                para += nodes.Text(EMPTY)
            elif isinstance(cell, str):
                para.extend(self.text(*self._value_parts(cell)))
            elif isinstance(cell, nodes.Node):
                para += cell
            else:
                para.extend(cell)
            entry += para
            row += entry
        return row

    def fill(self, template: str, *values: str | None) -> list[str | nodes.Node]:
        """``template % values`` as parts for :meth:`text`, each date in it kept on one line."""
        pieces = template.split("%s")
        if len(pieces) != len(values) + 1:
            raise ValueError(f"{template!r} does not take {len(values)} values")
        parts: list[str | nodes.Node] = [pieces[0]]
        for value, piece in zip(values, pieces[1:], strict=True):
            parts += self._value_parts(value)
            parts.append(piece)
        return [part for part in parts if part != ""]

    def _value_parts(self, value: str | None) -> list[str | nodes.Node]:
        if isinstance(value, DateText):
            return [policy_date("", value, classes=["neuron-date"])]
        if isinstance(value, MilestoneText) and value.date:
            sdk = [f" ({value.version})"] if value.version else []
            return [policy_date("", value.date, classes=["neuron-date"]), *sdk]
        return [EMPTY if value is None else value]

    def text(self, *parts: str | nodes.Node) -> list[nodes.Node]:
        """Mixed text and nodes, for a sentence with badges or references in it."""
        return [nodes.Text(p) if isinstance(p, str) else p for p in parts]
