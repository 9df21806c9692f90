"""``neuron-lifecycle-changes``: what changed in meaning since an earlier version of the data
(a git revision, a data directory or an export), as a list in the page's language.

The comparison is the core's (:func:`~neuron_policy.core.compare_snapshots`), the same as
``neuron-policy diff``; this directive only reads the earlier side and renders the sentences as
docutils nodes: dates as date nodes, phases as badges, announcements as links to their pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from ..core import (
    CHANGE_SECTIONS,
    SUBJECT_FOLDERS,
    Change,
    DateTerm,
    LinkTerm,
    Loc,
    PhaseTerm,
    RuleId,
    Side,
    Term,
    UnreadableInput,
    WhenTerm,
    change_sentence,
    compare_snapshots,
    read_side,
    sdk_key,
    section_title,
    side_fingerprint,
    snapshot,
)
from . import options
from .directives import PolicyDirective
from .domain import Source
from .render import Renderer, tr

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from ..core import Lifecycle
    from .domain import BuildState


def term_nodes(parts: list[Term], r: Renderer, links: dict[str, Loc]) -> list[nodes.Node]:
    """A sentence's parts as nodes: dates that stay on one line, phase badges, links."""
    out: list[nodes.Node] = []
    for part in parts:
        if isinstance(part, DateTerm):
            out.append(r.date_node(part.value))
        elif isinstance(part, WhenTerm):
            when = r.milestone(part.date, part.version)
            out.extend(r.text(*r.fill("%s", when)))
        elif isinstance(part, PhaseTerm):
            out.append(r.badge(part.phase, use=part.use))
        elif isinstance(part, LinkTerm):
            loc = links.get(part.label)
            out.append(r.xref(part.label, loc, part.text) if loc else nodes.Text(part.text))
        else:
            out.append(nodes.Text(part))
    return out


class LifecycleChanges(PolicyDirective):
    """The changes in meaning since an earlier version of the data, by section."""

    takes = "source"
    option_spec: ClassVar[OptionSpec] = {
        "as-of": options.iso_date,
        "sections": options.id_list(tuple(CHANGE_SECTIONS)),
        "class": options.classes,
        "no-as-of": options.flag,
    }

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        self.files.update({"waivers.yaml", *life.data.files})
        self.watch.update(SUBJECT_FOLDERS)  # any data file, including ones added later
        spec = " ".join(self.words)
        side = self._earlier(spec, state)
        if side is None:
            return []
        new = snapshot(life, state.report.as_of, "", state.report.announcements)
        changes = [c for c in compare_snapshots(side.snapshot, new) if self._wanted(c)]
        self.shown.update(_shown(changes))
        links = {
            post.label.value: post.label.loc
            for a in state.report.announcements
            for post in a.posts
            if post.label is not None
        }
        container = nodes.container(classes=["neuron-lifecycle-changes", *self.options.get("class", [])])
        self.set_source_info(container)
        if not changes:
            container += nodes.paragraph("", tr("No changes."))
        else:
            sections = nodes.definition_list()
            for section in CHANGE_SECTIONS:
                found = [c for c in changes if c.section == section]
                if not found:
                    continue
                items = nodes.bullet_list()
                for change in found:
                    sentence = term_nodes(change_sentence(change, tr, links=True), r, links)
                    # data is shown as written: no smart quotes
                    items += nodes.list_item("", nodes.paragraph("", "", *sentence, support_smartquotes=False))
                term = nodes.term("", section_title(section, tr))
                sections += nodes.definition_list_item("", term, nodes.definition("", items))
            container += sections
        return [container] if "no-as-of" in self.options else [container, r.as_of()]

    def _wanted(self, change: Change) -> bool:
        chosen = self.options.get("sections")
        return chosen is None or change.section in chosen

    def _earlier(self, spec: str, state: BuildState) -> Side | None:
        """The earlier side, read once per process; reported where it cannot be read. A directory
        or an export is relative to the page (``/`` to the source directory), as ``literalinclude``
        reads files; git resolves ``REV:./path`` against the page's folder too."""
        _rel, absolute = self.env.relfn2path(spec, self.env.docname)
        path = Path(absolute)
        if path.exists():
            text, base = path.name, path.parent
        else:
            text, base = spec, Path(self.env.doc2path(self.env.docname)).parent
        as_of: dt.date | None = self.options.get("as-of")
        self.domain.use_source(Source(text, str(base), side_fingerprint(text, base)))
        sides = self.domain.sides if self.domain.sides is not None else {}
        self.domain.sides = sides
        key = (text, str(base), str(as_of))
        if key not in sides:
            try:
                sides[key] = read_side(text, base=base, as_of=as_of, default_as_of=state.report.as_of)
            except UnreadableInput as exc:
                sides[key] = exc
        found = sides[key]
        if isinstance(found, UnreadableInput):
            self.problem(RuleId.DIRECTIVE_ARGUMENT, f"cannot read the earlier data {spec!r}: {found.reason}")
            return None
        return found


def _shown(changes: list[Change]) -> set[str]:
    """The subjects whose phase the list shows (so the build says how long it holds)."""
    found: set[str] = set()
    for change in changes:
        if change.kind != "phase-entered":
            continue
        if change.versions:
            found.update(sdk_key(v) for v in change.versions)
        else:
            found.add(change.subject)
    return found


__all__ = ["LifecycleChanges"]
