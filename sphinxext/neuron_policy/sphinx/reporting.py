"""The one way problems reach the build log, and the one place the build is failed.

Every problem (data, page, directive, role, config) is a :class:`~neuron_policy.core.Finding`;
:meth:`Reporter.report` logs each with ``type="neuron_policy"``, the rule id as subtype, and its
location, and counts the errors; :meth:`Reporter.finish` fails the build once, at its end.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sphinx.util import logging

from ..core import Finding, Severity, display_path, printable
from .compat import shows_warning_types

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger("neuron_policy")
TYPE = "neuron_policy"


def _location(finding: Finding, data_dir: str) -> str | tuple[str, int | None] | None:
    """Where Sphinx should say the problem is: a data file's path and line and column, a page
    (docname and line, which Sphinx turns into its source path), or a file's path and line."""
    loc = finding.loc
    if loc.base == "page":
        return (loc.path, loc.line or None)
    if not loc.line:
        return None
    where = f"{display_path(data_dir, loc)}:{loc.line}"
    return f"{where}:{loc.column}" if loc.column else where


class Reporter:
    """Logs findings and counts the errors among them, for one Sphinx application."""

    def __init__(self) -> None:
        self.errors = 0

    def report(self, app: Sphinx, findings: Iterable[Finding], data_dir: str = "") -> None:
        for finding in findings:
            self._log(app, finding, data_dir)

    def _log(self, app: Sphinx, finding: Finding, data_dir: str) -> None:
        if finding.severity is Severity.OFF:
            return
        rule = finding.rule.value
        location = _location(finding, data_dir)
        message = printable(finding.message)
        if location is None and finding.loc.path:  # nothing a line can point at: name it in the text
            message = f"{printable(finding.loc.path)}: {message}"
        # One line per problem in the build log: Sphinx appends ``[type.subtype]`` to the end of the
        # record, so hints go inside the line, before it, instead of on lines of their own.
        hints = [printable(hint) for hint in finding.hints]
        text = f"{message} ({'; '.join(hints)})" if hints else message
        if finding.severity is Severity.INFO:
            where = location if isinstance(location, str) else ""
            if isinstance(location, tuple):
                where = str(app.env.doc2path(location[0]))
            logger.info("%s: info: %s [%s.%s]", where, text, TYPE, rule)
            return
        if not shows_warning_types(app):
            text += f" [{TYPE}.{rule}]"
        if finding.severity is Severity.ERROR:
            logger.error(text, type=TYPE, subtype=rule, location=location)
            if not logging.is_suppressed_warning(TYPE, rule, app.config.suppress_warnings):
                self.errors += 1
            return
        logger.warning(text, type=TYPE, subtype=rule, location=location)

    def finish(self, app: Sphinx) -> None:
        """Fail the build (``build-finished``) if any error was reported: the one place it fails."""
        if self.errors:
            logger.info("neuron_policy: %d policy error(s); failing the build", self.errors)
            app.statuscode = 1
