"""Custom docutils nodes and their visitors for every builder.

A phase badge is an inline node whose text is the phase label, so every writer escapes it and no
builder loses it; HTML adds the ``neuron-phase-<id>`` class for styling, never colour alone.

A date is an inline node too (class ``neuron-date``): HTML keeps it on one line through the
stylesheet, LaTeX through an ``\\mbox``. Neither a badge nor a date is ever hyphenated in LaTeX.

Every policy table sits in a frame (a container with class ``neuron-policy-frame``): in HTML a
box that scrolls sideways when the table is wider than a narrow screen, so the page itself never
does; in LaTeX a group that sets the table in smaller type (the dependency matrix, one column per
SDK minor, smaller still, with narrower column gaps) so that it fits the width of the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator


class phase_badge(nodes.inline):
    """A lifecycle phase: ``phase`` holds the phase id; the text child is its (translated) label,
    which ends with ``scope``, the platforms it is limited to ("(Inf2, Trn1)"), if any."""


class policy_date(nodes.inline):
    """A formatted date (or a month), which no builder breaks across lines."""


class table_frame(nodes.container):
    """The frame around one policy table (see the module docstring)."""


#: LaTeX type size and column gap of framed tables, by the class of the table they hold.
LATEX_TABLE_SIZE = {"neuron-dependency-matrix": r"\footnotesize\setlength{\tabcolsep}{3pt}"}
LATEX_TABLE_SIZE_DEFAULT = r"\small\setlength{\tabcolsep}{4pt}"
#: A label longer than this may break between its words (in HTML and LaTeX); a shorter one never breaks.
LONG_LABEL = 24


def html_visit_badge(self: HTML5Translator, node: phase_badge) -> None:
    classes = ["neuron-phase", f"neuron-phase-{node['phase']}"]
    if len(node.astext()) > LONG_LABEL:
        classes.append("neuron-phase-long")  # may wrap between words
    self.body.append(self.starttag(node, "span", "", CLASS=" ".join(classes)))


def html_depart_badge(self: HTML5Translator, node: phase_badge) -> None:
    self.body.append("</span>")


def _badge_words(node: phase_badge) -> list[str]:
    """The pieces of a badge that never break: its phase label (or each word of a long one) and
    each platform it names."""
    label, scope = node.astext(), node.get("scope", "")
    phase = label[: -len(scope)].rstrip() if scope and label.endswith(scope) else label
    parts = phase.split() if len(phase) > LONG_LABEL else [phase]
    return parts + scope.split() if phase != label else parts


def _latex_badge_boxes(self: LaTeXTranslator, node: phase_badge) -> list[str]:
    """The badge as unbreakable boxes: the phase in one, or one per word for a long label, then
    one per platform it names, so that a row of such badges still fits the page."""
    return [rf"\mbox{{{self.encode(part)}}}" for part in _badge_words(node)]


def latex_visit_badge(self: LaTeXTranslator, node: phase_badge) -> None:
    """Bold and never hyphenated; only a long label may break, between its words."""
    self.body.append(r"\sphinxstylestrong{" + " ".join(_latex_badge_boxes(self, node)) + "}")
    raise nodes.SkipNode


def latex_visit_date(self: LaTeXTranslator, node: policy_date) -> None:
    self.body.append(r"\mbox{")


def latex_depart_date(self: LaTeXTranslator, node: policy_date) -> None:
    self.body.append("}")


def _unbreakable(self: LaTeXTranslator, frame: table_frame) -> list[str]:
    """LaTeX for the widest pieces of the table that cannot break (dates, badges, literals) or
    should not (header words): the few longest of each kind, as a long text is a wide one."""
    head = [w for h in frame.findall(nodes.thead) for w in h.astext().split()]
    kinds: list[list[str]] = [
        [rf"\mbox{{{self.encode(n.astext())}}}" for n in frame.findall(policy_date)],
        [rf"\sphinxstylestrong{{{box}}}" for b in frame.findall(phase_badge) for box in _latex_badge_boxes(self, b)],
        [rf"\sphinxcode{{\sphinxupquote{{{self.encode(n.astext())}}}}}" for n in frame.findall(nodes.literal)],
        [rf"{{\sphinxstyletheadfamily {self.encode(word)}}}" for word in head],
    ]
    return [text for kind in kinds for text in sorted(set(kind), key=lambda t: (-len(t), t))[:3]]


def latex_visit_frame(self: LaTeXTranslator, node: table_frame) -> None:
    """Smaller type; and no squeezed column narrower than the widest date, badge, literal or
    header word in the table (tabulary's ``\\tymin``), so nothing sticks out of its column. A
    table of text taller than a page becomes a longtable, which runs on over the next pages."""
    classes = [c for child in node.children if isinstance(child, nodes.Element) for c in child["classes"]]
    size = next((LATEX_TABLE_SIZE[c] for c in classes if c in LATEX_TABLE_SIZE), LATEX_TABLE_SIZE_DEFAULT)
    self.body.append("\n\\begingroup" + size + "%\n")
    for text in _unbreakable(self, node):
        self.body.append(rf"\settowidth{{\dimen0}}{{{text}}}\ifdim\dimen0>\tymin\tymin=\dimen0\fi" + "%\n")
    table = next((t for t in node.findall(nodes.table) if LATEX_LONG_TABLES & set(t["classes"])), None)
    if table is not None and _as_longtable(self, table):
        # its columns have fixed widths: ragged right and no word hyphenated, as in a tabulary
        self.body.append(LATEX_RAGGED_CELLS + "%\n")


#: Tables whose cells hold running text (the titles of announcements), which can be taller than a
#: page; a tabulary cannot break across pages.
LATEX_LONG_TABLES = {"neuron-dependency-lifecycle", "neuron-software-lifecycle", "neuron-eos-announcements"}
#: Characters of table text on a line of the page, in the tables' smaller type.
LATEX_LINE_CHARS = 96
#: Lines of table text that surely fit on one page (a letter page holds about 58).
LATEX_PAGE_LINES = 45
#: Every paragraph of a longtable's cells ragged right, with no word hyphenated.
LATEX_RAGGED_CELLS = (
    r"\let\neuronPolicyAtStartPar\sphinxAtStartPar"
    r"\def\sphinxAtStartPar{\neuronPolicyAtStartPar\rightskip=0pt plus 3em\hyphenpenalty=10000\relax}"
)


def _as_longtable(self: LaTeXTranslator, table: nodes.table) -> bool:
    """Make a table that may be taller than a page a longtable, with given column widths: each
    column as wide as its widest cell if the page has room, else every column gives up the same
    part of its width above its floor, the widest piece in it that cannot break (a date, a badge
    word, a header word), so that a column of running text gives up the most."""
    colspecs = list(table.findall(nodes.colspec))
    count = len(colspecs)
    floor, widest = [1.0] * count, [1.0] * count
    texts: list[list[int]] = []
    for row in table.findall(nodes.row):
        head = isinstance(row.parent, nodes.thead)
        texts.append([len(entry.astext()) for entry in row.children[:count]])
        for column, entry in enumerate(row.children[:count]):
            widest[column] = max(widest[column], len(entry.astext()))
            # in characters of the table's text, and a bit more: badges are bold, the header bold sans
            dates = [len(n.astext()) * 1.1 for n in entry.findall(policy_date)]
            badges = [len(b) * 1.25 for p in entry.findall(phase_badge) for b in _badge_words(p)]
            words = [len(w) * 1.5 for w in entry.astext().split()] if head else _plain_words(entry)
            floor[column] = max([floor[column], *(width + 1 for width in (*dates, *badges, *words))])
    natural = [max(w, f) for w, f in zip(widest, floor, strict=True)]
    excess = sum(natural) - LATEX_LINE_CHARS
    spare = sum(n - f for n, f in zip(natural, floor, strict=True))
    keep = 1.0 if excess <= 0 or spare <= 0 else max(0.0, 1 - excess / spare)
    widths = [low + (high - low) * keep for low, high in zip(floor, natural, strict=True)]
    lines = sum(max(-(-length // max(int(w), 1)) for length, w in zip(row, widths, strict=False)) for row in texts)
    if lines <= LATEX_PAGE_LINES:
        return False  # a tabulary, which shares the widths better
    for colspec, width in zip(colspecs, widths, strict=True):
        colspec["colwidth"] = max(1, round(10 * width))
    table["classes"] = [c for c in table["classes"] if c != "colwidths-auto"] + ["colwidths-given", "longtable"]
    return True


#: Longest word of plain table text that a column is widened for (longer ones stick out).
LATEX_LONGEST_WORD = 28


def _plain_words(entry: nodes.Node) -> list[float]:
    """The lengths of the words of a cell that TeX cannot break (hyphenation is off in a
    longtable): its plain text, such as a name or an identifier, not the running text of links."""
    skip = (nodes.reference, phase_badge, policy_date)
    words = []
    for text in entry.findall(nodes.Text):
        parent = text.parent
        while parent is not None and parent is not entry and not isinstance(parent, skip):
            parent = parent.parent
        if not isinstance(parent, skip):
            # TeX may still break after a hyphen
            words += [min(len(part), LATEX_LONGEST_WORD) for part in re.split(r"\s+|(?<=-)", text.astext()) if part]
    return [float(w) for w in words]


def latex_depart_frame(self: LaTeXTranslator, node: table_frame) -> None:
    self.body.append("\\par\\endgroup\n")


def plain_visit_badge(self: Any, node: phase_badge) -> None:
    """Man and texinfo: the label in brackets, so the badge reads as one."""
    self.body.append("[")


def plain_depart_badge(self: Any, node: phase_badge) -> None:
    self.body.append("]")


def text_visit_badge(self: TextTranslator, node: phase_badge) -> None:
    self.add_text("[")


def text_depart_badge(self: TextTranslator, node: phase_badge) -> None:
    self.add_text("]")


class FrameTables(SphinxPostTransform):
    """Put each policy table in a :class:`table_frame` (after numbering: the table keeps its ids)."""

    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            parent = table.parent
            if "neuron-policy" in table["classes"] and not isinstance(parent, table_frame):
                frame = table_frame(classes=["neuron-policy-frame"])
                # not replace_self(), which would give the frame the table's ids and classes
                parent[parent.index(table)] = frame
                frame += table


def register(app: Sphinx) -> None:
    app.add_node(
        phase_badge,
        html=(html_visit_badge, html_depart_badge),  # every builder of format html
        latex=(latex_visit_badge, None),
        text=(text_visit_badge, text_depart_badge),
        man=(plain_visit_badge, plain_depart_badge),
        texinfo=(plain_visit_badge, plain_depart_badge),
    )
    app.add_node(policy_date, latex=(latex_visit_date, latex_depart_date))
    app.add_node(table_frame, latex=(latex_visit_frame, latex_depart_frame))
    app.add_post_transform(FrameTables)
    # Any other translator is a SphinxTranslator, which dispatches on the class's MRO: a badge or
    # a date falls back to ``visit_inline`` there, and a frame to ``visit_container`` (in HTML a
    # ``div`` with the frame's classes), so no builder drops them.
