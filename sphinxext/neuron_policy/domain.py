"""Per-document state in the environment, and the per-build state shared by directives and roles.

The loaded data and findings (:class:`PolicyState`) live on the Domain *instance*: Sphinx never
pickles domain instances (only ``env.domaindata``), and parallel read workers are forked after
``builder-inited``, so each inherits it without re-loading. Per-document records live in
``self.data`` as plain tuples, so they pickle, merge under ``-j`` and purge with the document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from sphinx.domains import Domain

from .findings import Severity

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .check import Report


class PageProblem(NamedTuple):
    """A problem found on a page (unknown subject, bad option), reported after reading."""

    rule: str
    message: str
    docname: str
    line: int | None


class DocRecord(NamedTuple):
    """What one document took from the extension."""

    files: tuple[str, ...]  # data files used, relative to the data directory
    shown: tuple[str, ...]  # subjects whose phase the page shows ("sdk 2.19.0", "python 3.8")
    covers: tuple[str, ...]  # announcements the page publishes (see ``announcement_key``)
    problems: tuple[PageProblem, ...]


@dataclass
class PolicyState:
    """Everything loaded once per build at ``builder-inited``."""

    report: Report
    data_dir: str  # absolute
    as_of: dt.date
    as_of_source: str
    date_format: str
    language: str | None
    overrides: dict[str, Severity] = field(default_factory=dict)
    errors: int = 0


def announcement_key(kind: str, name: str) -> str:
    """``sdk <spec>`` for an SDK end-of-support entry, ``<dep> <version>`` for a dependency version."""
    return f"{kind} {name}" if kind == "sdk" else name


class NeuronPolicyDomain(Domain):
    """Holds which pages use the policy data, what they show, and what they publish."""

    name = "neuron_policy"
    label = "Neuron maintenance policy"
    data_version = 1
    initial_data = {"docs": {}, "fingerprint": None}  # noqa: RUF012 - Sphinx's API

    state: PolicyState | None = None

    @property
    def docs(self) -> dict[str, DocRecord]:
        docs: dict[str, DocRecord] = self.data.setdefault("docs", {})
        return docs

    def record(
        self,
        docname: str,
        files: Iterable[str] = (),
        shown: Iterable[str] = (),
        covers: Iterable[str] = (),
        problems: Iterable[PageProblem] = (),
    ) -> None:
        old = self.docs.get(docname, DocRecord((), (), (), ()))
        self.docs[docname] = DocRecord(
            tuple(sorted({*old.files, *files})),
            tuple(sorted({*old.shown, *shown})),
            tuple(sorted({*old.covers, *covers})),
            (*old.problems, *problems),
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
