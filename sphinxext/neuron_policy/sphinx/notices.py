"""Directives that publish announcements (``neuron-eos-notice``, ``neuron-eos-announcements``) and
the rules table (``neuron-policy-rules``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from ..core import RULES, Announcement, RuleId, did_you_mean, sdk_range_key
from .directives import TABLE_OPTIONS, PolicyDirective, TableDirective, iso_date
from .render import Cell, Renderer, _

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from ..core import Lifecycle
    from .domain import BuildState


def _sentence(a: Announcement, state: BuildState, r: Renderer) -> list[nodes.Node]:
    """One generated sentence: what changes, when it was announced, the last SDK, when it takes effect."""
    sdk = state.report.data.policy.sdk_name.value
    past = a.effective is not None and a.effective.earliest <= state.report.as_of
    when = r.milestone(a.effective, a.effective_version)
    if a.change == "maintenance":
        head = (
            _("%(subject)s entered maintenance in the %(sdk)s")
            if past
            else _("%(subject)s enters maintenance in the %(sdk)s")
        )
    else:
        head = _("%(sdk)s support for %(subject)s ended") if past else _("%(sdk)s support for %(subject)s ends")
    parts: list[str | nodes.Node] = [str(head) % {"subject": a.subject, "sdk": sdk}]
    parts += r.fill(f" {_('on')} %s.", when) if when else [f" {_('in a future release')}."]
    parts += r.fill(" " + str(_("Announced on %s.")), r.date(a.announced.value))
    life = state.report.lifecycle
    last = life.last_supporting(a.range, state.report.as_of)
    if last is not None and last == life.latest_released(state.report.as_of):
        parts.append(" " + str(_("The latest SDK release, %s, still supports it.")) % last.version.value)
    elif last is not None:
        parts.append(" " + str(_("The last SDK release that supports it is %s.")) % last.version.value)
    if a.label is not None:
        parts += [" ", r.xref(a.label.value, a.label.loc, str(_("Read the announcement.")))]
    return r.text(*parts)


class EosNotice(PolicyDirective):
    """An admonition announcing a subject's maintenance or end of support, with the content after it."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {"always": directives.flag, "class": directives.class_option}

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        resolved = self.resolve(life, self.arguments[0])
        if resolved is None:
            return []
        if resolved.dependency is not None:
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
            para += r.badge(a.timeline.phase_on(state.report.as_of))
            para += nodes.Text(" ")
            para.extend(_sentence(a, state, r))
            body += para
        if not shown:
            text = str(_("No maintenance or end of support has been announced for %s as of %s."))
            body += nodes.paragraph("", "", *r.text(*r.fill(text, self.arguments[0], r.date(state.report.as_of))))
        self.shown.update(keys)
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, body)
        admonition += body
        return [admonition]


class EosAnnouncements(TableDirective):
    """Every maintenance and end-of-support announcement made by the as-of date, newest first."""

    option_spec: ClassVar[OptionSpec] = {
        **TABLE_OPTIONS,
        "since": iso_date,
        "include-ended": directives.flag,
        "category": directives.unchanged_required,
    }

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        self.files.add("sdk.yaml")
        self.files.update(d.path for d in life.data.dependencies)
        self.watch_all = True  # every dependency, including ones added later
        category = self.options.get("category")
        known = ["sdk", *(c.value for c in life.data.policy.categories)]
        if category is not None and category not in known:
            return self.problem(RuleId.UNKNOWN_SUBJECT, f"unknown category {category!r}{did_you_mean(category, known)}")
        since = self.options.get("since")
        rows: list[list[Cell]] = []
        for a in state.report.announcements:
            phase = a.timeline.phase_on(state.report.as_of)
            if not a.made_by(state.report.as_of) or (since and a.announced.value.latest < since):
                continue
            if category is not None and (a.category or "sdk") != category:
                continue
            if phase == "end-of-support" and "include-ended" not in self.options:
                continue
            self.covers.add(a.key)
            self.shown.add(a.key)
            change = _("Maintenance") if a.change == "maintenance" else _("End of support")
            effective = r.milestone(a.effective, a.effective_version)
            link = r.xref(a.label.value, a.label.loc) if a.label else None
            rows.append([r.date(a.announced.value), a.subject, str(change), r.badge(phase), effective, link])
        headers = ["Announced", "Subject", "Change", "Phase", "Takes effect", "Announcement"]
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
        rows: list[list[Cell]] = []
        for rule in RULES.values():
            severity = state.report.severity(rule.id).value
            parameter = f"{rule.parameter} = {values[rule.parameter]}" if rule.parameter else None
            rows.append([nodes.literal("", rule.id.value), severity, parameter, rule.description])
        headers = ["Rule", "Severity", "Parameter", "Violation"]
        table = r.table(
            [str(_(h)) for h in headers],
            rows,
            ["neuron-policy-rules"],
            self.caption(),
        )
        return self.finish(table, r)
