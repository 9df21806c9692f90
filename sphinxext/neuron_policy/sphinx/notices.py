"""Directives that publish announcements (``neuron-eos-notice``, ``neuron-eos-announcements``) and
the rules table (``neuron-policy-rules``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes

from ..core import POST_KINDS, RULES, SUBJECT_FOLDERS, Announcement, RuleId, sdk_range_key
from . import options
from .directives import TABLE_OPTIONS, PolicyDirective, TableDirective, unknown_category
from .render import Cell, Renderer, _

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from ..core import Lifecycle
    from .domain import BuildState


def _scope(a: Announcement, r: Renderer) -> str:
    """`` for inference on Inf2 and Trn1``: what a change is limited to, or nothing."""
    text = ""
    if a.use:
        text += " " + str(_("for %s")) % a.use
    if a.platforms:
        names = [r.platform(p) for p in a.platforms]
        listed = (
            names[0]
            if len(names) == 1
            else str(_("%(first)s and %(last)s"))
            % {
                "first": ", ".join(names[:-1]),
                "last": names[-1],
            }
        )
        text += " " + str(_("on %s")) % listed
    return text


def _posts(a: Announcement, state: BuildState, r: Renderer) -> list[str | nodes.Node]:
    """When it was announced: one date and its link, or every post in order, each date a link."""
    posts = a.posts_by(state.report.as_of)
    if len(posts) == 1:
        parts: list[str | nodes.Node] = r.fill(" " + str(_("Announced on %s.")), r.date(posts[0].date.value))
        if posts[0].label is not None:
            parts += [" ", r.xref(posts[0].label.value, posts[0].label.loc, str(_("Read the announcement.")))]
        return parts
    parts = [" " + str(_("Announced on")) + " "]
    for i, post in enumerate(posts):
        if i:
            parts.append("; ")
        day = r.date(post.date.value)
        parts.append(r.xref(post.label.value, post.label.loc, day) if post.label else r.date_node(post.date.value))
        about = [str(_(POST_KINDS[post.kind.value]))] if post.kind is not None else []
        about += [post.title.value] if post.title is not None else []
        if about:
            parts.append(f" ({': '.join(about)})")
    parts.append(".")
    return parts


def _sentence(a: Announcement, state: BuildState, r: Renderer) -> list[nodes.Node]:
    """One generated sentence: what changes (and where), when it was announced, the last SDK,
    when it takes effect."""
    sdk = state.report.data.policy.sdk_name.value
    past = a.effective is not None and a.effective.earliest <= state.report.as_of
    when = r.milestone(a.effective, a.effective_version)
    if a.change == "maintenance":
        head = (
            _("%(subject)s entered maintenance%(scope)s in the %(sdk)s")
            if past
            else _("%(subject)s enters maintenance%(scope)s in the %(sdk)s")
        )
    else:
        head = (
            _("%(sdk)s support for %(subject)s%(scope)s ended")
            if past
            else _("%(sdk)s support for %(subject)s%(scope)s ends")
        )
    parts: list[str | nodes.Node] = [str(head) % {"subject": a.subject, "sdk": sdk, "scope": _scope(a, r)}]
    parts += r.fill(f" {_('on')} %s.", when) if when else [f" {_('in a future release')}."]
    parts += _posts(a, state, r)
    life = state.report.lifecycle
    ended = past and a.change == "end-of-support"
    platform = a.platforms[0] if a.platforms else None  # where the change applies
    if a.source is not None:
        last = life.last_sdk(a.source, state.report.as_of, platform)
    elif a.range is not None:
        last = life.last_sdk(a.range, state.report.as_of, ends=a.effective, ends_in=a.effective_version)
    else:
        last = None
    if last is not None and ended:
        parts.append(" " + str(_("The last SDK release that supported it is %s.")) % last.version.value)
    elif last is not None and last == life.latest_released(state.report.as_of):
        parts.append(" " + str(_("The latest SDK release, %s, still supports it.")) % last.version.value)
    elif last is not None:
        parts.append(" " + str(_("The last SDK release that supports it is %s.")) % last.version.value)
    return r.text(*parts)


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
                what = f"{change} ({_(POST_KINDS[post.kind.value])})" if post.kind else change
                title = post.title.value if post.title else None
                link = r.xref(post.label.value, post.label.loc, title) if post.label else title
                row: list[Cell] = [r.date(post.date.value), a.subject, what, badge.deepcopy(), effective, link]
                dated.append((-post.date.value.earliest.toordinal(), a.key, row))
        rows = [row for _day, _key, row in sorted(dated, key=lambda d: (d[0], d[1]))]
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
        for name in ("notice_months", "overlap_months"):  # a parameter of each kind
            per_kind = [(kind.id, getattr(kind, name)) for kind in policy.kinds]
            values[name] = ", ".join(f"{kind} {value.value}" for kind, value in per_kind if value is not None)
        rows: list[list[Cell]] = []
        for rule in RULES.values():
            severity = state.report.severity(rule.id).value
            parameter = None
            if rule.parameter and values[rule.parameter]:
                parameter = f"{rule.parameter} = {values[rule.parameter]}"
            rows.append([nodes.literal("", rule.id.value), severity, parameter, rule.description])
        headers = ["Rule", "Severity", "Parameter", "Violation"]
        table = r.table(
            [str(_(h)) for h in headers],
            rows,
            ["neuron-policy-rules"],
            self.caption(),
        )
        return self.finish(table, r)
