"""The ``neuron-timeline`` directive: a Gantt chart of lifecycle phases, with a today line.

The directive makes a :class:`timeline_chart` node that holds the picture, already laid out
(:mod:`neuron_policy.core` computes rows, periods and places), and, as its child, a table of the
same facts. Each builder shows what suits it:

- HTML: the picture as inline SVG, with the table in a ``<details>`` box below it;
- LaTeX: the picture as a TikZ drawing (vector, the width of the text block);
- EPUB, text, man, texinfo and any other builder: the table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from packaging.specifiers import SpecifierSet

from ..core import (
    ABBREVIATIONS,
    PHASE_LABELS,
    Chart,
    ChartRow,
    RuleId,
    Words,
    chart,
    describe,
    layout,
    sdk_rows,
    software_rows,
    timeline_svg,
    version_in_sdk,
    version_rows,
)
from . import options
from .directives import TABLE_OPTIONS, TableDirective
from .render import Cell, Renderer, _, scope_of, scoped
from .timeline_tikz import tikz

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from ..core import Lifecycle
    from .domain import BuildState


class timeline_chart(nodes.container):
    """A timeline: ``svg`` (the picture as SVG text: one for wide screens, one for narrow
    ones), ``layout`` (the wide one's places, for TikZ), ``caption``, ``summary`` (the label of
    the facts table in HTML); its child is the table."""


def _is_epub(translator: Any) -> bool:
    from sphinx.builders._epub_base import EpubBuilder

    return isinstance(translator.builder, EpubBuilder)


def html_visit_timeline(self: HTML5Translator, node: timeline_chart) -> None:
    if _is_epub(self):  # e-readers differ in what SVG they show: the table says it all
        self.visit_container(node)
        return
    self.body.append(self.starttag(node, "div", "", CLASS="neuron-timeline-frame"))
    if node["caption"]:
        self.body.append(f'<p class="neuron-timeline-caption">{self.encode(node["caption"])}</p>\n')
    self.body.append(node["svg"])
    self.body.append("</div>\n")
    summary = self.encode(node["summary"])
    self.body.append(f'<details class="neuron-timeline-facts"><summary>{summary}</summary>\n')


def html_depart_timeline(self: HTML5Translator, node: timeline_chart) -> None:
    if _is_epub(self):
        self.depart_container(node)
        return
    self.body.append("</details>\n")


def latex_visit_timeline(self: LaTeXTranslator, node: timeline_chart) -> None:
    if node["caption"]:
        self.body.append("\n\\begin{center}\\small " + self.encode(node["caption"]) + "\\end{center}\n")
    self.body.append(tikz(node["layout"], self.encode))
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    app.add_node(
        timeline_chart,
        html=(html_visit_timeline, html_depart_timeline),
        latex=(latex_visit_timeline, None),
    )
    # Text, man, texinfo: the node is a container, so their translators show its table.
    app.add_latex_package("tikz")


def _row_label(life: Lifecycle, row: ChartRow) -> str:
    if not row.platforms:
        return row.label
    return scoped(row.label, scope_of([life.platform_title(p) for p in row.platforms]))


_SLUG = re.compile(r"[^a-z0-9]+")


class Timeline(TableDirective):
    """``.. neuron-timeline:: sdk, python, pytorch 2.5, nxd-inference``: a row per SDK minor
    (``sdk``, or ``sdk <specifier>``), per dependency version (a dependency id: all its versions)
    and per software item; no argument: the SDK minors."""

    takes = "dependencies"
    option_spec: ClassVar[OptionSpec] = {
        **{k: v for k, v in TABLE_OPTIONS.items() if k != "no-as-of"},
        "sdk": options.specifier,
        "start": options.month_or_day,
        "end": options.month_or_day,
        "platforms": options.text,
    }

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        as_of = state.report.as_of
        chosen = self.platforms(life)
        if chosen is None:
            return []
        platforms: list[str] | None = chosen if "platforms" in self.options else None
        spec: SpecifierSet | None = self.options.get("sdk")
        rows = self._rows(life, as_of, spec, platforms)
        if rows is None:
            return []
        start, end = self.options.get("start"), self.options.get("end")
        if start is not None and end is not None and end <= start:
            return self.problem(RuleId.DIRECTIVE_OPTION, f":end: {end} is not after :start: {start}")
        shown = chart(rows, as_of, start, end)
        for row in shown.rows:
            self.shown.update(row.keys)
        return [self._node(state, life, r, shown)]

    def _rows(
        self, life: Lifecycle, as_of: Any, spec: SpecifierSet | None, platforms: Sequence[str] | None
    ) -> list[ChartRow] | None:
        text = " ".join(self.words)
        subjects = [s.strip() for s in text.split(",") if s.strip()] or ["sdk"]
        rows: list[ChartRow] = []
        for subject in subjects:
            words = subject.split(None, 1)
            if words[0] == "sdk" and (len(words) == 1 or not words[1][:1].isdigit()):
                within = spec
                if len(words) == 2:
                    resolved = self.resolve(life, subject)
                    if resolved is None:
                        return None
                    query = resolved.query.spec or SpecifierSet()
                    within = query if spec is None else spec & query
                rows += sdk_rows(life, as_of, within)
                continue
            resolved = self.resolve(life, subject)
            if resolved is None:
                return None
            if resolved.releases:
                versions = ",".join(f"=={r.version.value}" for r in resolved.releases[:1])
                rows += sdk_rows(life, as_of, SpecifierSet(versions))
            elif resolved.software is not None:
                rows += software_rows(life, resolved.software, as_of, platforms)
            else:
                for version in reversed(resolved.versions):  # newest first, as the SDK rows
                    if version_in_sdk(life, version, spec):
                        rows += version_rows(life, version, as_of, platforms)
        return rows

    def _node(self, state: BuildState, life: Lifecycle, r: Renderer, shown: Chart) -> timeline_chart:
        words = Words(
            phases={p: str(_(label)) for p, label in PHASE_LABELS.items()},
            today=str(_("As of %s")) % r.date(shown.as_of),
            open_end=str(_("no end date")),
            abbreviations={p: str(_(short)) for p, short in ABBREVIATIONS.items()},
        )

        def label(row: ChartRow) -> str:
            return _row_label(life, row)

        def fmt(day: Any) -> str:
            return str(r.date(day))

        placed = layout(shown, words, label, fmt)
        narrow = layout(shown, words, label, fmt, stacked=True)
        caption = self.options.get("caption")
        title = caption or str(_("Lifecycle timeline"))
        desc = str(_("Phases from %(start)s to %(end)s, as of %(as_of)s.")) % {
            "start": fmt(shown.start),
            "end": fmt(shown.end),
            "as_of": fmt(shown.as_of),
        }
        desc = f"{desc} {describe(shown, words, label, fmt)}"
        serial = self.env.new_serialno("neuron-timeline")
        ident = f"neuron-timeline-{_SLUG.sub('-', self.env.docname.lower()).strip('-')}-{serial}"
        node = timeline_chart(
            classes=["neuron-timeline-chart", *self.options.get("class", [])],
            svg=timeline_svg(placed, title=title, desc=desc, ident=ident, classes="neuron-timeline-wide")
            + timeline_svg(narrow, title=title, desc=desc, ident=f"{ident}-narrow", classes="neuron-timeline-narrow"),
            caption=caption or "",
            layout=placed,
            summary=str(_("The timeline as a table")),
        )
        self.set_source_info(node)
        self.add_name(node)
        node += self._table(shown, words, r, label)
        return node

    def _table(self, shown: Chart, words: Words, r: Renderer, label: Any) -> nodes.table:
        """The same facts: each row's phase today, and when each of its phases starts."""
        phases = list(shown.phases)
        rows: list[list[Cell]] = []
        for row in shown.rows:
            starts: dict[str, dt.date] = {}
            for period in row.periods:
                starts.setdefault(period.phase, period.start)
            cells: list[Cell] = [label(row), r.badge(row.phase, use=row.use)]
            for phase in phases:
                if phase in starts:
                    cells.append(r.date(starts[phase]))
                elif phase == "end-of-support":
                    cells.append(str(_("not announced")))
                else:
                    cells.append(None)
            rows.append(cells)
        headers = [str(_("Subject")), str(_("Phase")), *(words.phases[p] for p in phases)]
        caption = self.caption()
        return r.table(headers, rows, ["neuron-timeline-table"], caption)


__all__ = ["Timeline", "register", "timeline_chart"]
