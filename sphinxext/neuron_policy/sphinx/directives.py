"""The directives of SPEC section 6. They only look the model up: the data was loaded and checked
once at ``builder-inited``; each directive records the data files it used (so editing one re-reads
exactly the pages that used it), the phases it shows, and the announcements it publishes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, final

from docutils import nodes
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from sphinx.util.docutils import SphinxDirective

from ..core import (
    SDK_PHASES,
    SUBJECT_FOLDERS,
    Finding,
    Loc,
    PhaseState,
    RuleId,
    SubjectError,
    UnreadableSubject,
    add_months,
    did_you_mean,
    resolve_effective,
    sdk_key,
    subject_files,
    supported_specs,
    union_matching,
)
from . import options
from .domain import NeuronPolicyDomain, policy_domain
from .options import BadOption, LenientOptions
from .render import N_, Cell, Renderer, _, scope_of, scoped

if TYPE_CHECKING:
    from sphinx.util.typing import OptionSpec

    from ..core import DependencyVersion, Lifecycle, Resolved
    from .domain import BuildState


#: What a directive takes as its argument: nothing, one dependency id, any number of them, or a
#: subject (which may contain spaces, e.g. ``python 3.8``).
Takes = Literal["nothing", "dependency", "dependencies", "subject", "source"]
_TAKES = {
    "nothing": "no argument",
    "dependency": "one dependency id, e.g. 'python'",
    "dependencies": "dependency ids",
    "subject": "a subject, e.g. 'python 3.8' or 'sdk 2.19.0'",
    "source": "the earlier data: a git revision REV:path, a data directory or a JSON export",
}


class PolicyDirective(SphinxDirective):
    """Common wiring: argument and option checks, state lookup, problem reporting, and the records
    of which data files, phases and announcements a page uses.

    docutils itself would reject a wrong argument, an unknown option or a bad value, as an error
    that ``suppress_warnings`` cannot name and that does not fail the build. So every directive
    takes any argument, options and content, and :meth:`run` checks them: each problem is a
    located finding (``directive-argument`` or ``directive-option``) that fails the build.
    """

    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = LenientOptions({})
    takes: ClassVar[Takes] = "nothing"
    takes_content: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        spec = cls.__dict__.get("option_spec")
        if spec is not None and not isinstance(spec, LenientOptions):
            cls.option_spec = LenientOptions(spec)

    domain: NeuronPolicyDomain
    files: set[str]
    shown: set[str]
    covers: set[str]
    problems: list[Finding]
    #: The argument's words.
    words: list[str]

    @final
    def run(self) -> list[nodes.Node]:
        self.domain = policy_domain(self.env)
        self.files, self.shown, self.covers, self.problems = {"policy.yaml", "sdk.yaml"}, set(), set(), []
        self.watch: set[str] = set()
        state = self.domain.state
        for name, value in sorted(self.options.items()):
            if isinstance(value, BadOption):
                self.problem(RuleId.DIRECTIVE_OPTION, f":{name}: {value.message}")
                del self.options[name]
        try:
            if not self._arguments_fit():
                return []
            if state is None:  # the data could not be read at all; that error is already reported
                return []
            return self.render(state, state.report.lifecycle, Renderer(state, self.env.docname))
        finally:
            self.domain.use(self.files, self.shown, self.covers, self.problems, self.watch)

    def _arguments_fit(self) -> bool:
        """Check the argument and content against what the directive takes; report what does not."""
        self.words = self.arguments[0].split() if self.arguments else []
        if self.content and not self.takes_content:
            self.problem(RuleId.DIRECTIVE_ARGUMENT, "takes no content; the content is ignored")
        wanted = _TAKES[self.takes]
        given = " ".join(self.words)
        if self.takes == "nothing" and self.words:
            self.problem(RuleId.DIRECTIVE_ARGUMENT, f"takes no argument, got {given!r}")
            return False
        if self.takes in ("dependency", "subject", "source") and not self.words:
            self.problem(RuleId.DIRECTIVE_ARGUMENT, f"takes {wanted}, got nothing")
            return False
        if self.takes == "dependency" and len(self.words) > 1:
            self.problem(
                RuleId.DIRECTIVE_ARGUMENT,
                f"takes {wanted}, got {given!r} (it lists every version of one dependency: write '{self.words[0]}')",
            )
            return False
        return True

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        raise NotImplementedError

    def problem(self, rule: RuleId, message: str) -> list[nodes.Node]:
        """Record a problem (reported, with its severity, once all pages are read) and render nothing."""
        _source, line = self.get_source_info()
        loc = Loc(self.env.docname, line or 0, base="page")
        self.problems.append(Finding.of(rule, loc, f"{self.name}: {message}"))
        return []

    def resolve(self, life: Lifecycle, text: str, **kwargs: Any) -> Resolved | None:
        try:
            resolved = life.resolve(text, **kwargs)
        except UnreadableSubject:  # its file's error is reported already; the page waits for the fix
            self.files.update(subject_files(text))
            return None
        except SubjectError as exc:
            self.problem(RuleId.UNKNOWN_SUBJECT, str(exc))
            self.files.update(subject_files(text))  # re-read when that data file is fixed...
            self.watch.update(SUBJECT_FOLDERS)  # ...or added
            return None
        self.files.update(resolved.files)
        return resolved


TABLE_OPTIONS: OptionSpec = {
    "caption": options.text,
    "name": options.text,
    "class": options.classes,
    "no-as-of": options.flag,
}


class TableDirective(PolicyDirective):
    """A directive whose output is one table, with caption, name, classes and the as-of line."""

    def caption(self) -> list[nodes.Node] | None:
        """The ``:caption:`` as inline markup (it is the author's reST, as in ``list-table``)."""
        text = self.options.get("caption")
        if not text:
            return None
        parsed, messages = self.state.inline_text(text, self.lineno)
        return [*parsed, *messages]

    def platforms(self, life: Lifecycle) -> list[str] | None:
        """The platforms of ``:platforms:`` (default: every declared one); None, reported, if one
        is unknown."""
        text = self.options.get("platforms")
        if text is None:
            return list(life.platforms)
        chosen = [p for p in text.replace(",", " ").split() if p]
        unknown = [p for p in chosen if p not in life.platforms]
        if unknown:
            hint = did_you_mean(unknown[0], life.platforms)
            known = ", ".join(life.platforms) or "none (policy.yaml declares no platforms)"
            self.problem(RuleId.DIRECTIVE_OPTION, f":platforms: unknown platform {unknown[0]!r}{hint}; known: {known}")
            return None
        return chosen

    def finish(self, table: nodes.table, r: Renderer) -> list[nodes.Node]:
        table["classes"] += self.options.get("class", [])
        self.set_source_info(table)
        self.add_name(table)
        return [table] if "no-as-of" in self.options else [table, r.as_of()]


SUPPORT_COLUMNS = {
    "version": N_("Version"),
    "released": N_("Released"),
    "phase": N_("Phase"),
    "eos-announced": N_("EOS announced"),
    "end-of-support": N_("End of support"),
}


class SupportMatrix(TableDirective):
    """SDK releases, newest first, with their phase and end-of-support dates."""

    option_spec: ClassVar[OptionSpec] = {
        **TABLE_OPTIONS,
        "versions": options.specifier,
        "phases": options.id_list(tuple(SDK_PHASES)),
        "columns": options.id_list(tuple(SUPPORT_COLUMNS)),
        "group": options.choice(("minor",)),
        "limit": options.count("rows"),
    }

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        self.files.add("sdk.yaml")
        spec: SpecifierSet | None = self.options.get("versions")
        releases = [
            rel
            for rel in reversed(life.index.releases)
            if spec is None or spec.contains(rel.version.value, prereleases=True)
        ]
        if self.options.get("group") == "minor":
            latest: dict[tuple[int, ...], Any] = {}
            for rel in releases:  # newest first, so the first seen per minor is its latest patch
                latest.setdefault(rel.version.value.release[:2], rel)
            releases = list(latest.values())
        phases = self.options.get("phases")
        timelines = {rel.version.value: life.sdk_timeline(rel) for rel in releases}
        if phases:
            releases = [rel for rel in releases if timelines[rel.version.value].phase_on(state.report.as_of) in phases]
        releases = releases[: self.options.get("limit")]
        columns = self.options.get("columns") or list(SUPPORT_COLUMNS)
        rows: list[list[Cell]] = []
        for rel in releases:
            entry = life.eos_entry(rel)
            phase = timelines[rel.version.value].phase_on(state.report.as_of)
            self.shown.add(sdk_key(rel.version.value))
            cells: dict[str, Cell] = {
                "version": str(rel.version.value),
                "released": r.date(rel.released.value),
                "phase": r.badge(phase),
                "eos-announced": r.date(entry.announced.value if entry else None),
                "end-of-support": r.date(entry.effective.value if entry else None),
            }
            rows.append([cells[c] for c in columns])
        table = r.table([str(_(SUPPORT_COLUMNS[c])) for c in columns], rows, ["neuron-support-matrix"], self.caption())
        return self.finish(table, r)


class DependencyMatrix(TableDirective):
    """Dependency versions (rows) by SDK minor versions (columns)."""

    takes = "dependencies"
    option_spec: ClassVar[OptionSpec] = {
        **TABLE_OPTIONS,
        "sdk": options.specifier,
        "category": options.text,
        "platforms": options.text,
        "split-platforms": options.flag,
    }

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        self.files.add("sdk.yaml")
        if not self.words:  # every dependency, including ones added later
            self.watch.add("dependencies")
        deps = [d for d in (self.resolve(life, word) for word in self.words) if d]
        if len(deps) != len(self.words):
            return []
        dependencies = [d.dependency for d in deps if d.dependency] if deps else list(life.data.dependencies)
        category = self.options.get("category")
        if category is not None:
            known = [c.value for c in life.data.policy.categories]
            if category not in known:
                return self.problem(RuleId.UNKNOWN_SUBJECT, unknown_category(category, known))
            dependencies = [d for d in dependencies if d.category.value == category]
        chosen = self.platforms(life)
        if chosen is None:
            return []
        self.files.update(d.path for d in dependencies)
        minors = self._minors(state, life)
        rows: list[list[Cell]] = []
        for dep in dependencies:
            title = dep.title.value  # shown on the first row of each dependency
            for version in dep.versions:
                # the minors that support it, and on which platforms
                where: dict[tuple[int, ...], set[str]] = {}
                for platform in chosen or (None,):
                    for rel in union_matching(life.index, supported_specs(version.support, platform)):
                        where.setdefault(rel.version.value.release[:2], set()).add(platform or "")
                if not set(where).intersection(minors):
                    continue  # none of the SDK minors shown supports it
                self.shown.add(version.subject)
                if "split-platforms" in self.options and chosen:
                    split = self._split(life, r, version, minors, where, chosen, state.report.as_of)
                    for label, split_cells in split:
                        rows.append([title, label, *split_cells])
                        title = ""
                    continue
                cells: list[Cell] = [title, version.version.value]
                for minor in minors:
                    on = sorted(where.get(minor, ()), key=lambda p: chosen.index(p) if p in chosen else 0)
                    if not on:
                        cells.append(None)
                        continue
                    platforms = [p for p in on if p] if chosen else None
                    states = life.version_states(version, state.report.as_of, platforms, chosen or None)
                    cells.append(r.states(states) or None)
                rows.append(cells)
                title = ""
        headers = [str(_("Dependency")), str(_("Version")), *(f"{a}.{b}" for a, b in minors)]
        table = r.table(headers, rows, ["neuron-dependency-matrix"], self.caption())
        return self.finish(table, r)

    @staticmethod
    def _split(
        life: Lifecycle,
        r: Renderer,
        version: DependencyVersion,
        minors: list[tuple[int, ...]],
        where: dict[tuple[int, ...], set[str]],
        chosen: list[str],
        as_of: dt.date,
    ) -> list[tuple[str, list[Cell]]]:
        """One row per group of platforms on which the version's row reads the same, each named
        by its platforms (``:split-platforms:``)."""
        rows: dict[tuple[PhaseState | None, ...], list[str]] = {}
        for platform in chosen:
            states = life.version_states(version, as_of, [platform], [platform])
            if not states:
                continue
            state = states[0][0]
            key = tuple(state if platform in where.get(minor, ()) else None for minor in minors)
            rows.setdefault(key, []).append(platform)
        found = []
        for key, platforms in rows.items():
            if all(state is None for state in key):
                continue  # not in the minors shown, on these platforms
            label = version.version.value
            if len(rows) > 1 or len(platforms) < len(chosen):
                label = scoped(label, scope_of([r.platform(p) for p in platforms]))
            cells: list[Cell] = [
                r.badge(state.phase, use=state.use) if isinstance(state, PhaseState) else None for state in key
            ]
            found.append((label, cells))
        return found

    def _minors(self, state: BuildState, life: Lifecycle) -> list[tuple[int, ...]]:
        """SDK minors for the columns, newest first: by ``:sdk:``, else the last 12 months and upcoming."""
        first: dict[tuple[int, ...], dt.date] = {}
        for rel in life.index.releases:
            key = rel.version.value.release[:2]
            first[key] = min(first.get(key, rel.released.value.earliest), rel.released.value.earliest)
        spec: SpecifierSet | None = self.options.get("sdk")
        if spec is not None:
            chosen = {
                rel.version.value.release[:2]
                for rel in life.index.releases
                if spec.contains(rel.version.value, prereleases=True)
            }
        else:
            start = add_months(state.report.as_of, -12) or dt.date.min
            chosen = {key for key, day in first.items() if day > start}
            if not chosen and first:
                chosen = {max(first)}
        return sorted(chosen, reverse=True)


class DependencyLifecycle(TableDirective):
    """One row per version of one dependency: support range, phase and milestones, per platform
    where platforms differ."""

    takes = "dependency"
    option_spec: ClassVar[OptionSpec] = {**TABLE_OPTIONS, "platforms": options.text}

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        resolved = self.resolve(life, self.words[0])
        if resolved is None:
            return []
        if resolved.dependency is None:
            return self.problem(RuleId.UNKNOWN_SUBJECT, f"expected a dependency id, got {self.words[0]!r}")
        chosen = self.platforms(life)
        if chosen is None:
            return []
        as_of = state.report.as_of
        rows: list[list[Cell]] = []
        for version in resolved.versions:
            on: list[str | None] = [p for p in life.version_platforms(version) if p in chosen] if chosen else [None]
            if not on:
                continue
            self.shown.add(version.subject)

            def column(value: Callable[[str | None], str | None], on: list[str | None] = on) -> Cell:
                return r.by_platform({p: value(p) for p in on})

            def span(p: str | None, version: DependencyVersion = version) -> str | None:
                runs = []
                for first, last in life.support_runs(version, as_of, p):
                    if last is not None:
                        runs.append(f"{first.version.value} \u2013 {last.version.value}")
                    else:  # only planned releases support it so far
                        runs.append(str(_("from %s (upcoming)")) % first.version.value)
                return ", ".join(runs) or None

            links = [
                r.xref(post.label.value, post.label.loc)
                for m in (version.maintenance, version.end_of_support)
                if m
                for post in m.posts
                if post.label
            ]

            def announced(p: str | None, version: DependencyVersion = version) -> str | None:
                return r.date(life.dates(version, p).announced)

            def maintenance(p: str | None, version: DependencyVersion = version) -> str | None:
                return r.date(life.dates(version, p).maintenance)

            def eos(p: str | None, version: DependencyVersion = version) -> str | None:
                dates = life.dates(version, p)
                return r.milestone(dates.eos, dates.eos_version)

            rows.append(
                [
                    version.version.value,
                    column(span),
                    r.states(life.version_states(version, as_of, chosen or None)),
                    column(announced),
                    column(maintenance),
                    column(eos),
                    _join(links),
                ]
            )
        headers = [
            N_("Version"),
            N_("Supported in"),
            N_("Phase"),
            N_("Announced"),
            N_("Maintenance from"),
            N_("End of support"),
            N_("Announcement"),
        ]
        table = r.table([str(_(h)) for h in headers], rows, ["neuron-dependency-lifecycle"], self.caption())
        return self.finish(table, r)


SOFTWARE_MILESTONES = {
    "beta": N_("Beta"),
    "rc": N_("Release candidate"),
    "supported": N_("General availability"),
    "maintenance": N_("Maintenance from"),
    "end-of-support": N_("End of support"),
}


#: The columns of ``neuron-software-lifecycle``, in their default order.
SOFTWARE_COLUMNS = {
    "software": N_("Software"),
    "kind": N_("Kind"),
    "phase": N_("Phase"),
    **SOFTWARE_MILESTONES,
    "announcements": N_("Announcements"),
}


class SoftwareLifecycle(TableDirective):
    """One row per Neuron software item (of ``:kind:``, or the ids given): its kind, phase, and
    the milestone of each phase of its kind. ``:columns:`` picks columns, so that a table of one
    kind need not repeat the kind or keep columns for phases nothing reached."""

    takes = "dependencies"
    option_spec: ClassVar[OptionSpec] = {
        **TABLE_OPTIONS,
        "kind": options.text,
        "platforms": options.text,
        "columns": options.id_list(tuple(SOFTWARE_COLUMNS)),
    }

    def render(self, state: BuildState, life: Lifecycle, r: Renderer) -> list[nodes.Node]:
        chosen = self.platforms(life)
        if chosen is None:
            return []
        items = []
        for word in self.words:
            resolved = self.resolve(life, word)
            if resolved is None:
                return []
            if resolved.software is None:
                return self.problem(RuleId.UNKNOWN_SUBJECT, f"{word!r} is a dependency, not Neuron software")
            items.append(resolved.software)
        kind = self.options.get("kind")
        if not self.words:
            self.watch.add("software")  # every item, including ones added later
            items = list(life.data.software)
        if kind is not None:
            known = [k.id for k in life.data.policy.kinds if k.id != "dependency"]
            if kind not in known:
                hint = did_you_mean(kind, known)
                return self.problem(RuleId.UNKNOWN_SUBJECT, f"unknown kind {kind!r}{hint}; known: {', '.join(known)}")
            items = [item for item in items if item.kind.value == kind]
        self.files.update(item.path for item in items)
        columns = self.options.get("columns") or list(SOFTWARE_COLUMNS)
        rows: list[list[Cell]] = []
        for item in items:
            states = life.software_states(item, state.report.as_of, chosen or None)
            if not states:
                continue
            self.shown.add(item.id)
            kind_of = life.kind_of(item)
            cells: dict[str, Cell] = {
                "software": item.title.value,
                "kind": kind_of.title.value if kind_of else item.kind.value,
                "phase": r.states(states),
            }
            for phase in SOFTWARE_MILESTONES:
                milestone = item.milestone(phase)
                if milestone is None:  # general availability may come from the first release
                    start = life.software_timeline(item).start(phase) if phase == "supported" else None
                    cells[phase] = r.date(start) if start else None
                    continue
                day = resolve_effective(milestone.effective, life.index)
                named = milestone.effective.value if milestone.effective else None
                when = r.milestone(day, named if isinstance(named, Version) else None)
                scope = [p.value for p in milestone.platforms]
                cells[phase] = r.value(when, platforms=scope) if when and scope else when
            # A post can announce two milestones (maintenance now, end of support later): one link.
            posts = {post.label.value: post.label for _phase, m in item.milestones for post in m.posts if post.label}
            cells["announcements"] = _join([r.xref(label.value, label.loc) for label in posts.values()])
            rows.append([cells[c] for c in columns])
        headers = [str(_(SOFTWARE_COLUMNS[c])) for c in columns]
        table = r.table(headers, rows, ["neuron-software-lifecycle"], self.caption())
        return self.finish(table, r)


def unknown_category(category: str, known: Sequence[str]) -> str:
    return f"unknown category {category!r}{did_you_mean(category, known)}; known: {', '.join(known)}"


def _join(parts: Sequence[nodes.Node]) -> list[nodes.Node] | None:
    if not parts:
        return None
    out: list[nodes.Node] = [parts[0]]
    for part in parts[1:]:
        out += [nodes.Text(", "), part]
    return out
