"""Event wiring: load and check the data once per build, keep pages current, report, fail once.

One :class:`PolicyExtension` per Sphinx application holds the settings read from ``conf.py`` and
the reporter; its methods are the event handlers :func:`neuron_policy.sphinx.setup` connects.
"""

from __future__ import annotations

import datetime as dt
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
    RuleId,
    UnreadableInput,
    check_pages,
    default_as_of,
    evaluate,
    load,
    printable,
    read_manifest,
)
from .config import Settings, read_settings
from .domain import MANIFEST_PREFIX, BuildState, policy_domain
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


class PolicyExtension:
    """The extension's state for one Sphinx application, and its event handlers."""

    def __init__(self) -> None:
        self.reporter = Reporter()
        self.settings: Settings | None = None

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
        """Load and check the data once, before any page is read; report its findings."""
        assert self.settings is not None
        settings = self.settings
        as_of, source = self._as_of(app, settings)
        logger.info("neuron_policy: phases as of %s (from %s); data in %s", as_of, source, settings.data_dir)
        domain = policy_domain(app.env)
        if not settings.data_ok:  # its config error is the one report of it
            domain.state = None
            return
        try:
            result = load(settings.data_dir)
        except UnreadableInput as exc:
            problem = Finding.of(
                RuleId.SCHEMA, Loc(exc.path, 1, base="file"), f"cannot read the policy data: {exc.reason}"
            )
            self.reporter.report(app, [problem])
            domain.state = None
            return
        manifests = [read_manifest(path) for path in settings.manifests]
        report = evaluate(result, as_of, settings.overrides, manifests)
        self.reporter.report(app, report.findings, settings.data_dir)
        domain.state = BuildState(
            report=report,
            data_dir=settings.data_dir,
            date_format=settings.date_format,
            language=settings.language,
            exports=settings.exports,
            manifests=tuple((m.path, m.error is None) for m in manifests),
        )

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
        state = domain.state
        outdated: set[str] = set()
        current = [str(state.report.as_of) if state else "", *self.settings.fingerprint(), __version__]
        if domain.data.get("fingerprint") != current:
            domain.data["fingerprint"] = current
            outdated.update(domain.docs)
        files = {}
        if state is not None:
            files = {name: name in state.report.data.broken for name in state.report.data.files}
            files.update({MANIFEST_PREFIX + path: not ok for path, ok in state.manifests})
        before: dict[str, bool] = domain.data.get("files") or {}
        moved = {name for name in {*before, *files} if before.get(name) != files.get(name)}
        if moved:
            domain.data["files"] = files
            folders = {name.split("/", 1)[0] for name in moved if "/" in name}
            for name, record in domain.docs.items():
                watched = "*" in record.watch or folders.intersection(record.watch)
                if watched or moved.intersection(record.files):
                    outdated.add(name)
        return sorted(outdated - removed - added - changed)

    # -- env-updated ------------------------------------------------------------------------------

    def env_updated(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Page problems and ``unpublished``, once all pages are read and merged.

        Sphinx emits this after every read phase, also when no page was re-read, so problems of
        unchanged pages are reported (and fail the build) again on every build until fixed.
        """
        domain = policy_domain(env)
        state = domain.state
        if state is not None:
            problems = [*domain.all_problems(), *self._undefined_labels(env, state)]
            found = check_pages(state.report, domain.all_covered(), problems)
            self.reporter.report(app, found, state.data_dir)
        return []

    @staticmethod
    def _undefined_labels(env: BuildEnvironment, state: BuildState) -> list[Finding]:
        """Each announcement label that no page defines, once, at its YAML line."""
        std = env.get_domain("std")
        known = {*std.data.get("labels", {}), *std.data.get("anonlabels", {})}
        labels = {(label.loc, label.value) for a in state.report.announcements if (label := a.label) is not None}
        return [
            Finding.of(RuleId.UNDEFINED_LABEL, loc, f"undefined label: {value!r} (the announcement links to it)")
            for loc, value in sorted(labels)
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
            with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".neuron_policy-", delete=False) as handle:
                handle.write(data)
            os.chmod(handle.name, 0o644)
            os.replace(handle.name, target)
        return []

    @staticmethod
    def write_exports(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
        """Write the exports of an HTML site (not an EPUB), from the whole data, once all pages are
        written: complete after any incremental build, the same under ``-j``."""
        state = policy_domain(app.env).state
        if state is not None and state.exports.formats and publishes(app.builder):
            changed = write_exports(app, state.report, state.exports)
            if changed:
                folder = state.exports.folder
                logger.info("neuron_policy: exports in %s: %d file(s) written or removed", folder, len(changed))
        return []

    # -- build-finished ---------------------------------------------------------------------------

    def build_finished(self, app: Sphinx, exception: Exception | None) -> None:
        """Say how long the phases shown stay valid, and fail the build on policy errors."""
        if exception is not None:
            return
        domain = policy_domain(app.env)
        state = domain.state
        if state is not None:
            change = state.report.lifecycle.next_phase_change(sorted(domain.all_shown()), state.report.as_of)
            if change:
                what = "; ".join(
                    f"{printable(name)} becomes {PHASE_LABELS[phase].lower()}" for name, phase in change.changes
                )
                logger.info("neuron_policy: phases shown are valid until %s: %s", change.day, what)
        self.reporter.finish(app)
