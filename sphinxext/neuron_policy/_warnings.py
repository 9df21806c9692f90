"""One way to report: ``type="neuron_policy"``, a subtype per rule, and a mandatory location."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from ._compat import shows_warning_types
from .findings import Finding, Severity
from .registry import RULES

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger("neuron_policy")
TYPE = "neuron_policy"


def report(
    app: Sphinx,
    rule: str,
    severity: Severity,
    message: str,
    location: str | tuple[str, int | None],
    hints: tuple[str, ...] = (),
) -> bool:
    """Log one problem; returns True when it is an error that should fail the build."""
    assert rule in RULES, rule
    if severity is Severity.OFF:
        return False
    # One line per problem in the build log: Sphinx appends ``[type.subtype]`` to the end of the
    # record, so hints go inside the line, before it, instead of on lines of their own.
    text = f"{message} ({'; '.join(hints)})" if hints else message
    if severity is Severity.INFO:
        where = location if isinstance(location, str) else app.env.doc2path(location[0]) if location[0] else ""
        logger.info("%s: info: %s [%s.%s]", where, text, TYPE, rule)
        return False
    if not shows_warning_types(app):
        text += f" [{TYPE}.{rule}]"
    if severity is Severity.ERROR:
        logger.error(text, type=TYPE, subtype=rule, location=location)
        return not logging.is_suppressed_warning(TYPE, rule, app.config.suppress_warnings)
    logger.warning(text, type=TYPE, subtype=rule, location=location)
    return False


def report_finding(app: Sphinx, finding: Finding, data_dir: str) -> bool:
    """A data finding, located at its YAML file, line and column (a string location is kept as is)."""
    loc = finding.loc
    return report(
        app,
        finding.rule,
        finding.severity,
        finding.message,
        f"{data_dir}/{loc.path}:{loc.line}:{loc.column}",
        finding.hints,
    )
