"""Directives that publish announcements (``neuron-eos-notice``, ``neuron-eos-announcements``) and
the rules table (``neuron-policy-rules``)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes

from ..core import (
    POST_KINDS,
    RULES,
    SUBJECT_FOLDERS,
    Announcement,
    DateTerm,
    LinkPart,
    MilestonePart,
    Part,
    RuleId,
    scope,
    sdk_range_key,
    sentence_parts,
)
from . import options
from .directives import TABLE_OPTIONS, PolicyDirective, TableDirective, unknown_category
from .domain import MANIFEST_PREFIX
from .render import N_, Cell, Renderer, _

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from ..core import Lifecycle
    from .domain import BuildState


def _translate(message: str) -> str:
    return str(_(message))


def _scope(a: Announcement, r: Renderer) -> str:
    """`` for inference on Inf2 and Trn1``: what a change is limited to, or nothing."""
    return scope(a, r.state.report.lifecycle, _translate)


#: A rule's severity, in words.
SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info"), "off": N_("off")}


def _nodes(parts: list[Part], r: Renderer) -> list[nodes.Node]:
    """The sentence's parts as nodes: dates kept on one line, links as references."""
    out: list[str | nodes.Node] = []
    for part in parts:
        if isinstance(part, LinkPart):
            text = r.date(part.text.value) if isinstance(part.text, DateTerm) else part.text
            out.append(r.xref(part.label.value, part.label.loc, text))
        elif isinstance(part, DateTerm):
            out += r.fill("%s", r.date(part.value))
        elif isinstance(part, MilestonePart):
            out += r.fill("%s", r.milestone(part.date, part.version))
        else:
            out.append(part)
    return r.text(*out)


def _sentence(a: Announcement, state: BuildState, r: Renderer) -> list[nodes.Node]:
    """The generated sentence (see :func:`neuron_policy.core.sentence_parts`), as nodes."""
    return _nodes(sentence_parts(a, state.report.lifecycle, state.report.as_of, _translate), r)


class EosNotice(PolicyDirective):
    """An admonition announcing a subject's maintenance or end of support, with the content after it."""

    takes = "subject"
    takes_content = True
    option_spec: ClassVar[OptionSpec] = {"always": options.flag, "class": options.classes}

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        subject = " ".join(self.words)
        resolved = self.resolve(life, subject)
        if resolved is None:
            return []
        if resolved.software is not None:
            keys = {resolved.software.id}
        elif resolved.dependency is not None:
            keys = {v.subject for v in resolved.versions}
        else:
            keys = {sdk_range_key(e.versions.value.text) for rel in resolved.releases for e in life.eos_entries(rel)}
        self.covers.update(keys)
        relevant = [a for a in state.report.announcements if a.key in keys]
        shown = [a for a in relevant if a.made_by(state.report.as_of)]
        if not shown and "always" not in self.options:
            return []
        admonition = nodes.admonition("", classes=["neuron-eos-notice", *self.options.get("class", [])])
        self.set_source_info(admonition)
        ends = any(a.change == "end-of-support" for a in shown)
        admonition += nodes.title("", str(_("End-of-support notice") if ends or not shown else _("Maintenance notice")))
        # The body is a container: Sphinx's text writer runs together paragraphs whose parent is
        # an admonition, and would print the sentence and the author's content as one line.
        body = nodes.container(classes=["neuron-eos-notice-body"])
        for a in shown:
            para = nodes.paragraph(support_smartquotes=False)  # data is shown as written
            para += r.badge(a.timeline.phase_on(state.report.as_of), use=a.use, platforms=a.platforms)
            para += nodes.Text(" ")
            para.extend(_sentence(a, state, r))
            body += para
        if not shown:
            text = str(_("No maintenance or end of support has been announced for %s as of %s."))
            body += nodes.paragraph("", "", *r.text(*r.fill(text, subject, r.date(state.report.as_of))))
        self.shown.update(keys)
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, body)
        admonition += body
        return [admonition]


class EosAnnouncements(TableDirective):
    """Every maintenance and end-of-support announcement made by the as-of date, newest first."""

    option_spec: ClassVar[OptionSpec] = {
        **TABLE_OPTIONS,
        "since": options.iso_date,
        "include-ended": options.flag,
        "category": options.text,
    }

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        self.files.add("sdk.yaml")
        self.files.update(d.path for d in life.data.dependencies)
        self.files.update(item.path for item in life.data.software)
        self.watch.update(SUBJECT_FOLDERS)  # every subject, including ones added later
        category = self.options.get("category")
        kinds = [k.id for k in life.data.policy.kinds if k.id != "dependency"]
        known = ["sdk", *(c.value for c in life.data.policy.categories), *kinds]
        if category is not None and category not in known:
            return self.problem(RuleId.UNKNOWN_SUBJECT, unknown_category(category, known))
        since = self.options.get("since")
        dated: list[tuple[int, str, list[Cell]]] = []
        for a in state.report.announcements:
            phase = a.timeline.phase_on(state.report.as_of)
            if not a.made_by(state.report.as_of):
                continue
            if category is not None and (a.category or "sdk") != category:
                continue
            if phase == "end-of-support" and "include-ended" not in self.options:
                continue
            self.covers.add(a.key)
            self.shown.add(a.key)
            change = str(_("Maintenance") if a.change == "maintenance" else _("End of support")) + _scope(a, r)
            effective = r.milestone(a.effective, a.effective_version)
            badge = r.badge(phase, use=a.use, platforms=a.platforms)
            for post in reversed(a.posts_by(state.report.as_of)):  # newest first, as the table
                if since and post.date.value.latest < since:
                    continue
                # the post's kind, unless it only repeats the change ("Maintenance (maintenance)")
                said = post.kind.value if post.kind and post.kind.value != a.change else None
                what = f"{change} ({_(POST_KINDS[said])})" if said else change
                title = post.title.value if post.title else None
                link = r.xref(post.label.value, post.label.loc, title) if post.label else title
                row: list[Cell] = [r.date(post.date.value), a.subject, what, badge.deepcopy(), effective, link]
                dated.append((-post.date.value.earliest.toordinal(), a.key, row))
        rows = [row for _day, _key, row in sorted(dated, key=lambda d: (d[0], d[1]))]
        headers = [N_("Announced"), N_("Subject"), N_("Change"), N_("Phase"), N_("Takes effect"), N_("Announcement")]
        table = r.table([str(_(h)) for h in headers], rows, ["neuron-eos-announcements"], self.caption())
        return self.finish(table, r)


class PolicyRules(TableDirective):
    """The rule table from the registry, with the parameters and severities in effect."""

    option_spec: ClassVar[OptionSpec] = dict(TABLE_OPTIONS)

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        policy = life.data.policy
        values = {
            "min_support_months": str(policy.min_support_months.value),
            "eos_notice_months": str(policy.eos_notice_months.value),
            "conda_last_version": str(policy.conda_last_version.value) if policy.conda_last_version else "null",
        }
        for name in ("notice_months", "overlap_months"):  # a parameter of each kind
            per_kind = [(kind.id, getattr(kind, name)) for kind in policy.kinds]
            values[name] = ", ".join(f"{kind} {value.value}" for kind, value in per_kind if value is not None)
        self.files.update(MANIFEST_PREFIX + path for path, _ok in state.manifests)
        manifests = _manifests(state)
        rows: list[list[Cell]] = []
        for rule in RULES.values():
            severity = str(_(SEVERITIES[state.report.severity(rule.id).value]))
            parameter = None
            if rule.parameter and values[rule.parameter]:
                parameter = f"{rule.parameter} = {values[rule.parameter]}"
            elif rule.needs_manifest:
                parameter = manifests
            rows.append([nodes.literal("", rule.id.value), severity, parameter, str(_(rule.description))])
        headers = [N_("Rule"), N_("Severity"), N_("Parameter"), N_("Violation")]
        table = r.table(
            [str(_(h)) for h in headers],
            rows,
            ["neuron-policy-rules"],
            self.caption(),
        )
        # LaTeX sets a table of more than 30 rows as a longtable, whose automatic columns do not
        # wrap: give it wrapping columns of fixed shares (the other builders ignore this node).
        return [addnodes.tabular_col_spec(spec=RULES_LATEX_COLUMNS), *self.finish(table, r)]


#: The rules table's columns in LaTeX (Rule, Severity, Parameter, Violation), as shares of the line.
RULES_LATEX_COLUMNS = r"|\X{6}{20}|\X{2}{20}|\X{4}{20}|\X{8}{20}|"


def _manifests(state: BuildState) -> str | None:
    """The release manifests the manifest rules compare with, as ``manifests = name (version)``;
    None when there are none (the rules do not run)."""
    stated = {m.path: m.stated_version for m in state.report.manifests}
    names = []
    for path, _ok in state.manifests:
        version = stated.get(path)
        names.append(os.path.basename(path) + (f" ({version})" if version else ""))
    return "manifests = " + ", ".join(names) if names else None
