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

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator


class phase_badge(nodes.inline):
    """A lifecycle phase: ``phase`` holds the phase id; the text child is its (translated) label."""


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


def _latex_badge_boxes(self: LaTeXTranslator, node: phase_badge) -> list[str]:
    """The badge as unbreakable boxes: one, or one per word for a long label."""
    label = node.astext()
    parts = label.split() if len(label) > LONG_LABEL else [label]
    return [rf"\mbox{{{self.encode(part)}}}" for part in parts]


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
    header word in the table (tabulary's ``\\tymin``), so nothing sticks out of its column."""
    classes = [c for child in node.children if isinstance(child, nodes.Element) for c in child["classes"]]
    size = next((LATEX_TABLE_SIZE[c] for c in classes if c in LATEX_TABLE_SIZE), LATEX_TABLE_SIZE_DEFAULT)
    self.body.append("\n\\begingroup" + size + "%\n")
    for text in _unbreakable(self, node):
        self.body.append(rf"\settowidth{{\dimen0}}{{{text}}}\ifdim\dimen0>\tymin\tymin=\dimen0\fi" + "%\n")


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
