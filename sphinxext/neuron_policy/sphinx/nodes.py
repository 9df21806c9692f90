"""Custom docutils nodes and their visitors for every builder.

A phase badge is an inline node whose text is the phase label, so every writer escapes it and no
builder loses it; HTML adds the ``neuron-phase-<id>`` class for styling, never colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator


class phase_badge(nodes.inline):
    """A lifecycle phase: ``phase`` holds the phase id; the text child is its (translated) label."""


def html_visit_badge(self: HTML5Translator, node: phase_badge) -> None:
    classes = ["neuron-phase", f"neuron-phase-{node['phase']}"]
    self.body.append(self.starttag(node, "span", "", CLASS=" ".join(classes)))


def html_depart_badge(self: HTML5Translator, node: phase_badge) -> None:
    self.body.append("</span>")


def latex_visit_badge(self: LaTeXTranslator, node: phase_badge) -> None:
    self.body.append(r"\sphinxstylestrong{")


def latex_depart_badge(self: LaTeXTranslator, node: phase_badge) -> None:
    self.body.append("}")


def plain_visit_badge(self: Any, node: phase_badge) -> None:
    """Man and texinfo: the label in brackets, so the badge reads as one."""
    self.body.append("[")


def plain_depart_badge(self: Any, node: phase_badge) -> None:
    self.body.append("]")


def text_visit_badge(self: TextTranslator, node: phase_badge) -> None:
    self.add_text("[")


def text_depart_badge(self: TextTranslator, node: phase_badge) -> None:
    self.add_text("]")


def register(app: Sphinx) -> None:
    app.add_node(
        phase_badge,
        html=(html_visit_badge, html_depart_badge),  # every builder of format html
        latex=(latex_visit_badge, latex_depart_badge),
        text=(text_visit_badge, text_depart_badge),
        man=(plain_visit_badge, plain_depart_badge),
        texinfo=(plain_visit_badge, plain_depart_badge),
    )
    # Any other translator is a SphinxTranslator, which dispatches on the class's MRO: the badge
    # falls back to ``visit_inline`` there, so no builder drops it.
