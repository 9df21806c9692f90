"""Per-document records in the environment, and the frozen per-build state that directives and
roles read.

The loaded data and findings (:class:`BuildState`) live on the Domain *instance*: Sphinx never
pickles domain instances (only ``env.domaindata``), and parallel read workers are forked after
``builder-inited``, so each inherits it without re-loading. Per-document records live in
``self.data`` as plain tuples, so they pickle, merge under ``-j`` and purge with the document.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx.domains import Domain

from ..core import ExportSettings, Finding, Report

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class DocRecord(NamedTuple):
    """What one document took from the extension."""

    #: Data files the page's output depends on, relative to the data directory, whether or not
    #: they exist: a file that appears, disappears or becomes readable re-reads the page. A
    #: release manifest is ``manifest:<absolute path>``.
    files: tuple[str, ...]
    shown: tuple[str, ...]  # subjects whose phase the page shows ("sdk 2.19.0", "python 3.8")
    covers: tuple[str, ...]  # announcements the page publishes ("sdk <spec>", "python 3.8")
    #: Problems found while reading the page (unknown subject, bad option), at default severity;
    #: reported, graded like every finding, once all pages are read.
    problems: tuple[Finding, ...]
    #: Subject folders (``dependencies``, ``software``) a new or removed file of which re-reads
    #: the page: it lists every subject of the folder, or named one that did not exist; ``*`` for
    #: every file (the page was read while the data could not be loaded).
    watch: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class BuildState:
    """Everything loaded once per build at ``builder-inited``; read-only afterwards."""

    report: Report
    data_dir: str  # absolute
    date_format: str
    language: str | None
    #: What the site publishes (the ``neuron-export`` role links only what it does).
    exports: ExportSettings = field(default_factory=ExportSettings)
    #: The release manifests compared with the data (absolute paths), and whether each could be read.
    manifests: tuple[tuple[str, bool], ...] = ()


#: How a page's record names a release manifest among its data files.
MANIFEST_PREFIX = "manifest:"


def policy_domain(env: BuildEnvironment) -> NeuronPolicyDomain:
    """The extension's domain of an environment."""
    domain = env.get_domain(NeuronPolicyDomain.name)
    assert isinstance(domain, NeuronPolicyDomain)
    return domain


class NeuronPolicyDomain(Domain):
    """Holds which pages use the policy data, what they show, and what they publish."""

    name = "neuron_policy"
    label = "Neuron maintenance policy"
    data_version = 4
    initial_data = {"docs": {}, "fingerprint": None, "files": None}  # noqa: RUF012 - Sphinx's API

    state: BuildState | None = None

    @property
    def docs(self) -> dict[str, DocRecord]:
        docs: dict[str, DocRecord] = self.data.setdefault("docs", {})
        return docs

    def use(
        self,
        files: Iterable[str] = (),
        shown: Iterable[str] = (),
        covers: Iterable[str] = (),
        problems: Iterable[Finding] = (),
        watch: Iterable[str] = (),
    ) -> None:
        """What the page being read took from the data: note each data file it used as a
        dependency (so editing that file re-reads it, and only it), and merge the rest into the
        page's record (a page may hold several directives and roles)."""
        wanted = {"policy.yaml", "sdk.yaml", *files}
        if self.state is not None:
            data = self.state.report.data
            readable = {MANIFEST_PREFIX + path for path, ok in self.state.manifests if ok}
            for name in sorted(wanted):
                if name in data.files and name not in data.broken:  # Sphinx watches its mtime
                    self.env.note_dependency(f"{self.state.data_dir}/{name}")
                elif name in readable:
                    self.env.note_dependency(name.removeprefix(MANIFEST_PREFIX))
        old = self.docs.get(self.env.docname, DocRecord((), (), (), ()))
        self.docs[self.env.docname] = DocRecord(
            tuple(sorted({*old.files, *wanted})),
            tuple(sorted({*old.shown, *shown})),
            tuple(sorted({*old.covers, *covers})),
            (*old.problems, *problems),
            tuple(sorted({*old.watch, *watch, *(("*",) if self.state is None else ())})),
        )

    def clear_doc(self, docname: str) -> None:
        self.docs.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["docs"]:
                self.docs[docname] = otherdata["docs"][docname]

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def all_covered(self) -> set[str]:
        return {key for record in self.docs.values() for key in record.covers}

    def all_shown(self) -> set[str]:
        return {key for record in self.docs.values() for key in record.shown}

    def all_problems(self) -> list[Finding]:
        return [problem for record in self.docs.values() for problem in record.problems]
