"""The roles of SPEC section 6: a phase badge or one date or version, inline."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from ..core import (
    SUBJECT_FOLDERS,
    Finding,
    Loc,
    RuleId,
    SubjectError,
    UnreadableSubject,
    resolve_effective,
    sdk_key,
    subject_files,
)
from .domain import policy_domain
from .render import Renderer, _, sdk_version

if TYPE_CHECKING:
    from ..core import DependencyVersion, Lifecycle, Resolved, Software
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
        except UnreadableSubject:  # its file's error is reported already; the page waits for the fix
            domain.use(subject_files(self.text))
            return [nodes.literal(self.rawtext, self.text)], []
        except SubjectError as exc:
            problem = Finding.of(
                RuleId.UNKNOWN_SUBJECT, Loc(self.env.docname, self.lineno, base="page"), f":{self.name}: {exc}"
            )
            # re-read the page when the data file it names is fixed, or added
            domain.use(subject_files(self.text), problems=[problem], watch=SUBJECT_FOLDERS)
            return [nodes.literal(self.rawtext, self.text)], []
        shown = [sdk_key(r.version.value) for r in resolved.releases] + [v.subject for v in resolved.versions]
        shown += [resolved.software.id] if resolved.software else []
        domain.use(resolved.files, shown if self.name == "neuron-phase" else ())
        node = self.render(state, resolved, Renderer(state, self.env.docname))
        node["classes"] += ["neuron-policy", self.name]
        node["support_smartquotes"] = False  # data is shown as written
        self.set_source_info(node)
        return [node], []

    def render(self, state: BuildState, resolved: Resolved, r: Renderer) -> nodes.Element:
        raise NotImplementedError


class PhaseRole(PolicyRole):
    """``:neuron-phase:`python 3.8```: the phase badge (one per group of platforms where they differ)."""

    def render(self, state: BuildState, resolved: Resolved, r: Renderer) -> nodes.Element:
        life, as_of = state.report.lifecycle, state.report.as_of
        if resolved.releases:
            return r.badge(life.sdk_timeline(resolved.releases[0]).phase_on(as_of))
        if resolved.software is not None:
            states = life.software_states(resolved.software, as_of)
        else:
            states = life.version_states(resolved.versions[0], as_of)
        badges = r.states(states)
        if len(badges) == 1 and isinstance(badges[0], nodes.Element):
            return badges[0]
        return nodes.inline("", "", *badges)


def _by_platform(
    life: Lifecycle, r: Renderer, resolved: Resolved, value: Callable[[DependencyVersion, str | None], str | None]
) -> list[nodes.Node]:
    """A dependency version's value, per platform where they differ (dates kept on one line)."""
    version = resolved.versions[0]
    platforms: list[str | None] = list(life.version_platforms(version)) or [None]
    return r.by_platform({p: value(version, p) for p in platforms}) or r.value(None)


def _inline(parts: list[nodes.Node]) -> nodes.inline:
    """A role's value as one inline node; a date in it stays on one line."""
    if len(parts) == 1 and isinstance(parts[0], nodes.inline):  # a date: its own node
        return parts[0]
    return nodes.inline("", "", *parts)


class ReleasedRole(PolicyRole):
    """``:neuron-released:`2.19.0```: the release date, a dependency's first supporting release
    date, or a software item's general availability."""

    def render(self, state: BuildState, resolved: Resolved, r: Renderer) -> nodes.Element:
        life = state.report.lifecycle
        if resolved.releases:
            return r.date_node(resolved.releases[0].released.value)
        if resolved.software is not None:
            return r.date_node(life.software_timeline(resolved.software).start("supported"))

        def first(version: DependencyVersion, p: str | None) -> str | None:
            release = life.dates(version, p).first_release
            return r.date(release.released.value) if release else None

        return _inline(_by_platform(life, r, resolved, first))


class EosRole(PolicyRole):
    """``:neuron-eos:`python 3.8```: the end-of-support date, or "not announced"."""

    def render(self, state: BuildState, resolved: Resolved, r: Renderer) -> nodes.Element:
        life = state.report.lifecycle
        if resolved.releases:
            entry = life.eos_entry(resolved.releases[0])
            return r.date_node(entry.effective.value) if entry else nodes.inline("", str(_("not announced")))
        item = resolved.software
        if item is not None:
            milestone = item.milestone("end-of-support")
            day = resolve_effective(milestone.effective, life.index) if milestone else None
            text = r.date(day) if day else str(_("not announced"))
            if milestone is not None and milestone.platforms:  # it applies there only
                values: dict[str | None, str | None] = {
                    p: text if milestone.applies_to(p) else str(_("not announced"))
                    for p in life.software_platforms(item)
                }
                return _inline(r.by_platform(values) or r.value(text))
            return _inline(r.value(text))

        def eos(version: DependencyVersion, p: str | None) -> str | None:
            dates = life.dates(version, p)
            if dates.eos is not None:
                return r.date(dates.eos)
            if dates.eos_version is not None:
                return sdk_version(dates.eos_version)
            return str(_("not announced"))

        return _inline(_by_platform(life, r, resolved, eos))


class LastSdkRole(PolicyRole):
    """``:neuron-last-sdk:`pytorch 2.7```: the last SDK version that supports a dependency version
    (per platform where they differ), or that ships a software item."""

    def render(self, state: BuildState, resolved: Resolved, r: Renderer) -> nodes.Element:
        life, as_of = state.report.lifecycle, state.report.as_of
        if resolved.releases:
            return nodes.inline("", str(resolved.releases[0].version.value))
        item = resolved.software
        platforms: list[str | None] = list(life.software_platforms(item) if item else ()) or [None]

        def last(subject: DependencyVersion | Software, p: str | None) -> str | None:
            release = life.last_sdk(subject, as_of, p)
            return str(release.version.value) if release else None

        if item is not None:
            return _inline(r.by_platform({p: last(item, p) for p in platforms}) or r.value(None))
        return _inline(_by_platform(life, r, resolved, last))
