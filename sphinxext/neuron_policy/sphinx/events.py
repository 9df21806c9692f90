"""Event wiring: load and check the data once per build, keep pages current, report, fail once.

One :class:`PolicyExtension` per Sphinx application holds the settings read from ``conf.py`` and
the reporter; its methods are the event handlers :func:`neuron_policy.sphinx.setup` connects.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .._version import __version__
from ..core import (
    PHASE_LABELS,
    Finding,
    Loc,
    PhaseChange,
    Report,
    RuleId,
    UnreadableInput,
    check_pages,
    default_as_of,
    evaluate,
    load,
    printable,
    read_manifest,
    side_fingerprint,
)
from .config import Settings, read_settings
from .domain import MANIFEST_PREFIX, BuildState, NeuronPolicyDomain, policy_domain
from .exports import publishes, write_exports
from .reporting import Reporter

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
CSS = "neuron_policy.css"
Stamp = list[tuple[str, int, int, int, int]]
#: An announcement label as the data writes it: where, and the label.
Label = tuple[Loc, str]


def _raise(error: OSError) -> None:
    raise error


def input_stamp(data_dir: str, manifests: tuple[str, ...]) -> Stamp | None:
    """Every entry below the data directory, and each release manifest, as ``stat`` sees it,
    without opening anything: path, mode, size, modification time (ns) and inode; a symbolic
    link also as what it points at. None if the directory cannot be walked. Whatever the loader
    could read, a change to it changes the stamp; like Sphinx's own test for pages, it trusts
    modification times."""
    stamp: Stamp = []

    def add(name: str, path: str, follow: bool) -> None:
        try:
            st = os.stat(path, follow_symlinks=follow)
        except OSError:
            stamp.append((name, -1, -1, -1, -1))
            return
        stamp.append((name, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ino))

    try:
        add(".", data_dir, True)
        for folder, dirs, files in os.walk(data_dir, onerror=_raise):
            dirs.sort()
            for name in sorted([*dirs, *files]):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, data_dir)
                add(rel, path, False)
                if os.path.islink(path):
                    add(f"{rel} ->", path, True)
    except OSError:
        return None
    for path in manifests:
        add(MANIFEST_PREFIX + path, path, True)
    return stamp


#: In the doctree folder: the check and the export folder's stamp when the exports were written.
EXPORTS_NOTE = "neuron_policy_exports.json"


def _write_atomically(target: Path, data: bytes) -> None:
    """Replace a file in one step, so that a reader (or a build that stops) never sees half of it."""
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".neuron_policy-", delete=False) as handle:
        handle.write(data)
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, target)


class PolicyExtension:
    """The extension's state for one Sphinx application, and its event handlers."""

    def __init__(self) -> None:
        self.reporter = Reporter()
        self.settings: Settings | None = None
        self.as_of = dt.date.min
        #: What this build's check depends on (None: the data cannot be read); the data files and
        #: manifests it read (each with whether it was broken); the announcement labels; whether
        #: loading the data waits for a page to be read (or written).
        self.key: list[object] | None = None
        self.files: dict[str, bool] = {}
        self.labels: tuple[Label, ...] = ()
        self.deferred = False
        #: Whether what this build finds may be kept for the next (False: the data directory
        #: could not be walked, so a change to it would go unseen).
        self.cacheable = False
        self.change: PhaseChange | None = None
        self.frozen = False  # this build froze the collector's objects (see env_before_read_docs)

    # -- config-inited ----------------------------------------------------------------------------

    def config_inited(self, app: Sphinx, config: Config) -> None:
        """Read the settings; report every bad value at once (its default is used)."""
        self.settings, findings = read_settings(str(app.confdir), config)
        self.reporter.report(app, findings)

    # -- builder-inited ---------------------------------------------------------------------------

    def _as_of(self, app: Sphinx, settings: Settings) -> tuple[dt.date, str]:
        configured = settings.today
        source = "neuron_policy_today" if configured else "SOURCE_DATE_EPOCH"
        if not configured and not os.environ.get("SOURCE_DATE_EPOCH"):
            source = "today (UTC)"
        try:
            return default_as_of(configured), source
        except ValueError as exc:  # a malformed SOURCE_DATE_EPOCH (config values were checked already)
            problem = Finding.of(RuleId.CONFIG, Loc("SOURCE_DATE_EPOCH", 0, base="file"), f"{exc}; using today (UTC)")
            self.reporter.report(app, [problem])
            return dt.datetime.now(tz=dt.timezone.utc).date(), "today (UTC)"

    def builder_inited(self, app: Sphinx) -> None:
        """Load and check the data once, before any page is read; report its findings.

        When the data, the manifests, the as-of date, the settings and the extension are what
        they were at the last build of this environment, the findings that build kept are
        reported instead, and the data is loaded only if a page is read (``env-before-read-docs``)
        or written (``doctree-resolved``, ``html-collect-pages``): a no-op rebuild does not load
        it at all."""
        assert self.settings is not None
        settings = self.settings
        as_of, source = self._as_of(app, settings)
        logger.info("neuron_policy: phases as of %s (from %s); data in %s", as_of, source, settings.data_dir)
        domain = policy_domain(app.env)
        domain.state = None
        self.as_of, self.key, self.deferred, self.cacheable = as_of, None, False, False
        if not settings.data_ok:  # its config error is the one report of it
            return
        stamp = input_stamp(settings.data_dir, settings.manifests)
        key: list[object] = [__version__, str(as_of), settings.data_dir, *settings.fingerprint(), stamp]
        self.cacheable = stamp is not None
        checked = domain.data.get("checked")
        if self.cacheable and checked is not None and checked["key"] == key:
            self.key, self.files, self.labels = key, dict(checked["files"]), tuple(checked["labels"])
            self.deferred = True
            self.reporter.report(app, checked["findings"], settings.data_dir)
            return
        report = self._load(app)
        if report is None:
            return
        self.key = key
        self.reporter.report(app, report.findings, settings.data_dir)
        domain.data.pop("pages", None)
        if self.cacheable:
            domain.data["checked"] = {
                "key": key,
                "files": self.files,
                "labels": self.labels,
                "findings": report.findings,
            }

    def _load(self, app: Sphinx) -> Report | None:
        """Load and check the data into the domain's state (None, reported, if it cannot be read)."""
        assert self.settings is not None
        settings = self.settings
        domain = policy_domain(app.env)
        try:
            result = load(settings.data_dir)
        except UnreadableInput as exc:
            problem = Finding.of(
                RuleId.SCHEMA, Loc(exc.path, 1, base="file"), f"cannot read the policy data: {exc.reason}"
            )
            self.reporter.report(app, [problem])
            domain.state = None
            self.key = None
            return None
        manifests = [read_manifest(path) for path in settings.manifests]
        report = evaluate(result, self.as_of, settings.overrides, manifests)
        domain.state = BuildState(
            report=report,
            data_dir=settings.data_dir,
            date_format=settings.date_format,
            language=settings.language,
            exports=settings.exports,
            manifests=tuple((m.path, m.error is None) for m in manifests),
        )
        self.files = {name: name in report.data.broken for name in report.data.files}
        self.files.update({MANIFEST_PREFIX + m.path: m.error is not None for m in manifests})
        labels = {(label.loc, label.value) for a in report.announcements if (label := a.label) is not None}
        self.labels = tuple(sorted(labels))
        return report

    def _report(self, app: Sphinx) -> Report | None:
        """The check of this build, loading the data now if ``builder-inited`` deferred it."""
        state = policy_domain(app.env).state
        if state is not None:
            return state.report
        if self.deferred:
            self.deferred = False
            return self._load(app)
        return None

    def ensure_loaded(self, app: Sphinx, *args: object) -> None:
        """Before a page is written with what the data says (``doctree-resolved``): the data."""
        if self.deferred:
            self._report(app)

    # -- env-before-read-docs ---------------------------------------------------------------------

    def env_before_read_docs(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        """Pages are about to be read (before ``-j`` forks its readers): they need the data.

        With ``-j``, the objects alive now (the check, Sphinx's environment) are frozen out of
        the collector until the build finishes, as Python's documentation advises before a
        fork: the readers and writers forked from this process then do not walk them in their
        collections, which copies their pages. Objects made later are collected as usual.
        """
        if docnames:
            self._report(app)
        if docnames and app.parallel > 1 and gc.get_freeze_count() == 0:
            gc.freeze()
            self.frozen = True

    # -- env-get-outdated -------------------------------------------------------------------------

    def env_get_outdated(
        self, app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
    ) -> list[str]:
        """Pages to re-read besides those whose data files changed (which Sphinx finds by mtime):
        every page using the extension when the as-of date or a rendering setting changed; the
        pages that would read a data file or a release manifest that appeared, disappeared, or
        became readable or unreadable; and the pages that watch the whole data set when any file
        did."""
        assert self.settings is not None
        domain = policy_domain(env)
        outdated: set[str] = set()
        current = [str(self.as_of) if self.key is not None else "", *self.settings.fingerprint(), __version__]
        if domain.data.get("fingerprint") != current:
            domain.data["fingerprint"] = current
            outdated.update(domain.docs)
        files = self.files if self.key is not None else {}
        before: dict[str, bool] = domain.data.get("files") or {}
        moved = {name for name in {*before, *files} if before.get(name) != files.get(name)}
        if moved:
            domain.data["files"] = files
            folders = {name.split("/", 1)[0] for name in moved if "/" in name}
            for name, record in domain.docs.items():
                watched = "*" in record.watch or folders.intersection(record.watch)
                if watched or moved.intersection(record.files):
                    outdated.add(name)
        outdated.update(self._compared_elsewhere(domain))
        return sorted(outdated - removed - added - changed)

    @staticmethod
    def _compared_elsewhere(domain: NeuronPolicyDomain) -> set[str]:
        """The pages comparing with an earlier version of the data that now says something else."""
        now: dict[tuple[str, str], str] = {}
        found = set()
        for name, sources in domain.sources.items():
            for source in sources:
                key = (source.spec, source.base)
                if key not in now:
                    now[key] = side_fingerprint(source.spec, Path(source.base))
                if now[key] != source.fingerprint:
                    found.add(name)
        return found

    # -- env-updated ------------------------------------------------------------------------------

    def env_updated(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Page problems and ``unpublished``, once all pages are read and merged, and the next
        phase change of what the pages show (logged when the build finishes).

        Sphinx emits this after every read phase, also when no page was re-read, so problems of
        unchanged pages are reported (and fail the build) again on every build until fixed. What
        the last build found is reused when its inputs are the same (the environment is pickled
        after this event, so it keeps what is found here).
        """
        assert self.settings is not None
        domain = policy_domain(env)
        self.change = None
        if self.key is None:
            return []
        problems = [*domain.all_problems(), *self._undefined_labels(env, self.labels)]
        covered, shown = sorted(domain.all_covered()), sorted(domain.all_shown())
        key = [self.key, covered, shown, problems]
        pages = domain.data.get("pages") if self.cacheable else None
        if pages is not None and pages["key"] == key:
            found, self.change = pages["found"], pages["change"]
        else:
            report = self._report(app)
            if report is None:
                return []
            found = check_pages(report, set(covered), problems)
            self.change = report.lifecycle.next_phase_change(shown, report.as_of)
            if self.cacheable:
                domain.data["pages"] = {"key": key, "found": found, "change": self.change}
        self.reporter.report(app, found, self.settings.data_dir)
        return []

    @staticmethod
    def _undefined_labels(env: BuildEnvironment, labels: tuple[Label, ...]) -> list[Finding]:
        """Each announcement label that no page defines, once, at its YAML line."""
        std = env.get_domain("std")
        known = {*std.data.get("labels", {}), *std.data.get("anonlabels", {})}
        return [
            Finding.of(RuleId.UNDEFINED_LABEL, loc, f"undefined label: {value!r} (the announcement links to it)")
            for loc, value in labels
            if value.lower() not in known
        ]

    # -- missing-reference, html-collect-pages ------------------------------------------------------

    @staticmethod
    def missing_reference(app: Sphinx, env: BuildEnvironment, node: Element, contnode: Element) -> Element | None:
        """An announcement link whose label no page defines renders as its text; the label was
        reported once already (not once per page that shows it)."""
        return contnode if node.get("neuron_policy_label") else None

    @staticmethod
    def copy_stylesheet(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
        """Write the stylesheet into ``_static`` of every HTML-format output (epub too), atomically,
        without touching the configuration (``html_static_path``)."""
        target = Path(app.outdir) / "_static" / CSS
        target.parent.mkdir(parents=True, exist_ok=True)
        data = (STATIC / CSS).read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            _write_atomically(target, data)
        return []

    def write_exports(self, app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
        """Write the exports of an HTML site (not an EPUB), from the whole data, once all pages are
        written: complete after any incremental build, the same under ``-j``.

        When the check is the last build's (the data was not loaded) and the export folder is as
        that build left it (``stat`` of every file, noted in the doctree folder, which Sphinx
        keeps between builds), there is nothing to write, and the data stays unloaded."""
        assert self.settings is not None
        settings = self.settings.exports
        if not (settings.formats and publishes(app.builder)):
            return []
        note = Path(app.doctreedir) / EXPORTS_NOTE
        folder = Path(app.outdir) / settings.folder

        def mark() -> str | None:
            stamp = input_stamp(str(folder), ()) if self.cacheable and self.key is not None else None
            return None if stamp is None else json.dumps([self.key, str(app.outdir), app.builder.name, stamp])

        current = mark() if self.deferred and note.is_file() else None
        if current is not None and note.read_text(encoding="utf-8") == current:
            return []
        self._report(app)
        state = policy_domain(app.env).state
        if state is None:
            return []
        changed = write_exports(app, state.report, state.exports)
        if changed:
            logger.info("neuron_policy: exports in %s: %d file(s) written or removed", settings.folder, len(changed))
        written = mark()
        if written is None:
            note.unlink(missing_ok=True)
        else:
            _write_atomically(note, written.encode("utf-8"))
        return []

    # -- build-finished ---------------------------------------------------------------------------

    def build_finished(self, app: Sphinx, exception: Exception | None) -> None:
        """Say how long the phases shown stay valid, and fail the build on policy errors."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
        if exception is not None:
            return
        change = self.change
        if change:
            what = "; ".join(
                f"{printable(name)} becomes {PHASE_LABELS[phase].lower()}" for name, phase in change.changes
            )
            logger.info("neuron_policy: phases shown are valid until %s: %s", change.day, what)
        self.reporter.finish(app)
