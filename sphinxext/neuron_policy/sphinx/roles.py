"""The roles of SPEC section 6: a phase badge or one date or version, inline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from ..core import Finding, Loc, RuleId, SubjectError, sdk_key, subject_files
from .domain import policy_domain
from .render import EMPTY, Renderer, _

if TYPE_CHECKING:
    from ..core import Resolved
    from .domain import BuildState


class PolicyRole(SphinxRole):
    """Resolve the subject, render, and record what the page used (as the directives do)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = policy_domain(self.env)
        state = domain.state
        if state is None:  # the data could not be read; that error is already reported
            domain.use()
            return [nodes.literal(self.rawtext, self.text)], []
        try:
            resolved = state.report.lifecycle.resolve(self.text, allow_spec=False, need_version=True)
        except SubjectError as exc:
            problem = Finding.of(
                RuleId.UNKNOWN_SUBJECT, Loc(self.env.docname, self.lineno, base="page"), f":{self.name}: {exc}"
            )
            # re-read the page when the data file it names is fixed, or added
            domain.use(subject_files(self.text), problems=[problem], watch_all=True)
            return [nodes.literal(self.rawtext, self.text)], []
        shown = [sdk_key(r.version.value) for r in resolved.releases] + [v.subject for v in resolved.versions]
        domain.use(resolved.files, shown if self.name == "neuron-phase" else ())
        node = self.render(state, resolved, Renderer(state, self.env.docname))
        node["classes"] += ["neuron-policy", self.name]
        node["support_smartquotes"] = False  # data is shown as written
        self.set_source_info(node)
        return [node], []

    def render(self, state: BuildState, resolved: Resolved, r: Renderer) -> nodes.Element:
        raise NotImplementedError


class PhaseRole(PolicyRole):
    """``:neuron-phase:`python 3.8```: the phase badge."""

    def render(self, state: BuildState, resolved: Resolved, r: Renderer) -> nodes.Element:
        life = state.report.lifecycle
        if resolved.releases:
            return r.badge(life.sdk_timeline(resolved.releases[0]).phase_on(state.report.as_of))
        return r.badge(life.dependency_timeline(resolved.versions[0]).phase_on(state.report.as_of))


class ReleasedRole(PolicyRole):
    """``:neuron-released:`2.19.0```: the release date, or a dependency's first supporting release date."""

    def render(self, state: BuildState, resolved: Resolved, r: Renderer) -> nodes.Element:
        if resolved.releases:
            return r.date_node(resolved.releases[0].released.value)
        first = state.report.lifecycle.dates(resolved.versions[0]).first_release
        return r.date_node(first.released.value if first else None)


class EosRole(PolicyRole):
    """``:neuron-eos:`python 3.8```: the end-of-support date, or "not announced"."""

    def render(self, state: BuildState, resolved: Resolved, r: Renderer) -> nodes.Element:
        life = state.report.lifecycle
        if resolved.releases:
            entry = life.eos_entry(resolved.releases[0])
            return r.date_node(entry.effective.value) if entry else nodes.inline("", str(_("not announced")))
        dates = life.dates(resolved.versions[0])
        if dates.eos is not None:
            return r.date_node(dates.eos)
        if dates.eos_version is not None:
            return nodes.inline("", f"SDK {dates.eos_version}")
        return nodes.inline("", str(_("not announced")))


class LastSdkRole(PolicyRole):
    """``:neuron-last-sdk:`pytorch 2.7```: the last SDK version that supports a dependency version."""

    def render(self, state: BuildState, resolved: Resolved, r: Renderer) -> nodes.Element:
        if resolved.releases:
            return nodes.inline("", str(resolved.releases[0].version.value))
        last = state.report.lifecycle.last_supporting(resolved.versions[0].sdk.value, state.report.as_of)
        return nodes.inline("", str(last.version.value) if last else EMPTY)
