"""The exports in the build: the files the site publishes (written by the core), and the
``neuron-export`` role that links them on a page.

The files are made from the whole data, not from the pages read, so an incremental build
writes exactly what a clean one does; the one thing they take from the pages is where each
announcement label is, which the environment knows for every page after the read phase. They
are written once, in the main process, when the HTML pages are collected (``html-collect-pages``):
so only HTML sites get them (an EPUB would pack them and warn about their types), and ``-j``
changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.nodes import split_explicit_title
from sphinx.util.osutil import relative_uri

from ..core import (
    EXPORT_FILES,
    SCHEMA_FILE,
    SUBJECT_FOLDERS,
    ExportSettings,
    Finding,
    Loc,
    RuleId,
    Site,
    SubjectError,
    badge_path,
    calendar_of,
    did_you_mean,
    export_files,
    subject_files,
    write_tree,
)
from .domain import policy_domain
from .render import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..core import Report

#: What the role links, with the text it shows when the page gives none.
LINKS = {
    "json": "the lifecycle as JSON",
    "schema": "the JSON Schema of the lifecycle export",
    "ics": "the calendar (ICS)",
    "atom": "the announcements feed (Atom)",
    "badge": "the badge endpoint",
}
#: The format of ``neuron_policy_exports`` each link needs.
NEEDS = {"json": "json", "schema": "json", "ics": "ics", "atom": "atom", "badge": "badges"}


def publishes(builder: Builder) -> bool:
    """Whether a builder makes a web site the exports belong to (HTML, but not an EPUB)."""
    from sphinx.builders._epub_base import EpubBuilder

    return builder.format == "html" and not isinstance(builder, EpubBuilder)


def site_of(env: BuildEnvironment, builder: Builder, base_url: str) -> Site:
    """The site: its base URL, and the URI of every label as the site's ``objects.inv`` has it."""
    labels: dict[str, str] = {}
    std = env.get_domain("std")
    for name, _dispname, kind, docname, anchor, _prio in sorted(std.get_objects()):
        if kind == "label":
            uri = builder.get_target_uri(docname)
            labels[name] = f"{uri}#{anchor}" if anchor else uri
    return Site(base_url, labels)


def write_exports(app: Sphinx, report: Report, settings: ExportSettings) -> list[str]:
    """Write the export folder of an HTML site; returns the files written or removed."""
    site = site_of(app.env, app.builder, settings.base_url)
    files = export_files(report, site, settings.formats, alarm_days=settings.alarm_days, folder=settings.folder)
    return write_tree(Path(app.outdir) / settings.folder, files)


class export_link(nodes.inline):
    """A link to an export file, made a reference once the builder is known (``refpath``: the
    file's path in the site)."""


def target(report: Report, kind: str, subject: str) -> str:
    """The path of the file a link names, inside the export folder (raises ``SubjectError``)."""
    if kind == "badge":
        return f"badges/{badge_path(report, subject)}"
    if kind == "ics" and subject:
        return f"calendars/{calendar_of(report, subject)}.ics"
    if subject:
        raise SubjectError(f"{kind} takes no subject, got {subject!r}")
    return SCHEMA_FILE if kind == "schema" else EXPORT_FILES[kind]


def export_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``:neuron-export:`ics```, ``:neuron-export:`ics python```, ``:neuron-export:`badge python 3.8```,
    with an optional title: ``:neuron-export:`Subscribe <ics>```."""
    env = inliner.document.settings.env
    domain = policy_domain(env)
    explicit, title, spec = split_explicit_title(text)
    kind, _sep, subject = spec.strip().partition(" ")
    subject = subject.strip()

    def problem(rule: RuleId, message: str) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        finding = Finding.of(rule, Loc(env.docname, lineno, base="page"), f":{name}: {message}")
        domain.use(subject_files(subject) if subject else (), problems=[finding], watch=SUBJECT_FOLDERS)
        return [nodes.literal(rawtext, text)], []

    state = domain.state
    if kind not in LINKS:
        hint = did_you_mean(kind, list(LINKS))
        return problem(RuleId.DIRECTIVE_ARGUMENT, f"unknown export {kind!r}{hint}; expected one of {', '.join(LINKS)}")
    settings = state.exports if state is not None else None
    if settings is not None and NEEDS[kind] not in settings.formats:
        return problem(
            RuleId.DIRECTIVE_ARGUMENT,
            f"the build does not publish {kind}: add {NEEDS[kind]!r} to neuron_policy_exports",
        )
    if state is None or settings is None:
        domain.use()
        return [nodes.inline(rawtext, title)], []
    try:
        path = target(state.report, kind, subject)
    except SubjectError as exc:
        return problem(RuleId.UNKNOWN_SUBJECT, str(exc))
    domain.use(subject_files(subject) if subject else ())
    shown = title if explicit else str(_(LINKS[kind]))
    node = export_link(rawtext, shown, refpath=f"{settings.folder}/{path}", refdoc=env.docname)
    node["classes"] += ["neuron-policy", "neuron-export"]
    return [node], []


def resolve_export_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each export link as a reference (``doctree-resolved``, when the builder writes a page):
    relative to the page in an HTML site, absolute (with the base URL) elsewhere, or the text
    alone where the site's address is not known."""
    domain = policy_domain(app.env)
    base = domain.state.exports.base_url if domain.state is not None else ""
    builder = app.builder
    for node in list(doctree.findall(export_link)):
        path = node["refpath"]
        if publishes(builder):
            page = builder.get_target_uri(node["refdoc"]).split("#")[0]
            uri: str | None = relative_uri(page, path)
        else:
            uri = Site(base).join(path) if base else None
        text = nodes.inline("", node.astext(), classes=node["classes"])
        if uri is None:
            node.replace_self(text)
        else:
            node.replace_self(nodes.reference("", "", text, refuri=uri, internal=False))
