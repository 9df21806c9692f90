"""Sphinx wiring: registration and the event handlers that load, check and report once per build."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from . import __version__, config, nodes
from ._compat import add_static_dir
from ._util import default_as_of
from ._warnings import report, report_finding
from .check import evaluate, grade
from .directives import DependencyLifecycle, DependencyMatrix, SupportMatrix
from .domain import NeuronPolicyDomain, PolicyState, policy_domain
from .loader import UnreadableInput, load
from .notices import EosAnnouncements, EosNotice, PolicyRules
from .phases import PHASE_LABELS
from .registry import RULES, parse_severity_overrides
from .roles import EosRole, LastSdkRole, PhaseRole, ReleasedRole
from .rules import finding

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .phases import Timeline

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
CSS = "neuron_policy.css"
#: Bump when the shape of the environment data changes (with the domain's ``data_version``).
ENV_VERSION = 2


def _as_of(app: Sphinx) -> tuple[dt.date, str]:
    configured = app.config.neuron_policy_today
    source = "neuron_policy_today" if configured else "SOURCE_DATE_EPOCH"
    if not configured and not os.environ.get("SOURCE_DATE_EPOCH"):
        source = "today (UTC)"
    try:
        return default_as_of(configured), source
    except ValueError as exc:  # a malformed SOURCE_DATE_EPOCH (config values were checked already)
        app.statuscode = 1
        report(app, "config", RULES["config"].default, f"{exc}; using today (UTC)", ("", None))  # no file to name
        return dt.datetime.now(tz=dt.timezone.utc).date(), "today (UTC)"


def load_policy(app: Sphinx) -> None:
    """``builder-inited``: load and check the data once, before any page is read; report findings."""
    add_static_dir(app, STATIC)
    data_dir = os.path.normpath(os.path.join(app.confdir, app.config.neuron_policy_data))
    as_of, source = _as_of(app)
    overrides, _ = parse_severity_overrides(app.config.neuron_policy_severity)
    logger.info("neuron_policy: phases as of %s (from %s); data in %s", as_of, source, data_dir)
    domain = policy_domain(app.env)
    try:
        result = load(data_dir)
    except UnreadableInput as exc:
        report(app, "schema", RULES["schema"].default, f"cannot read the policy data: {exc.reason}", f"{exc.path}:1")
        domain.state = None
        app.statuscode = 1
        return
    build_report = evaluate(result, as_of, overrides)
    state = PolicyState(
        build_report, data_dir, as_of, app.config.neuron_policy_date_format, app.config.language, overrides
    )
    for item in build_report.findings:
        state.errors += report_finding(app, item, data_dir)
    domain.state = state


def _fingerprint(app: Sphinx, state: PolicyState | None) -> list[str]:
    """What, besides the data files, changes rendered output: a change re-reads the pages using it."""
    return [
        str(state.as_of) if state else "",
        app.config.neuron_policy_date_format,
        str(app.config.language),
        str(app.config.neuron_policy_data),
        repr(sorted(app.config.neuron_policy_severity.items())),
        __version__,
    ]


def env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages to re-read besides those whose data files changed (which Sphinx finds by mtime):
    every page using the extension when the as-of date or a rendering setting changed, and the
    pages that watch the whole data set when a data file was added or removed."""
    domain = policy_domain(env)
    outdated: set[str] = set()
    current = _fingerprint(app, domain.state)
    if domain.data.get("fingerprint") != current:
        domain.data["fingerprint"] = current
        outdated.update(domain.docs)
    files = list(domain.state.report.data.files) if domain.state else []
    if domain.data.get("files") != files:
        domain.data["files"] = files
        outdated.update(name for name, record in domain.docs.items() if record.watch_all)
    return sorted(outdated - removed - added - changed)


def check_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: page problems and ``unpublished``, once all pages are read and merged.

    Sphinx emits this after every read phase, also when no page was re-read, so problems of
    unchanged pages are reported (and fail the build) again on every build until fixed.
    """
    domain = policy_domain(env)
    state = domain.state
    if state is None:
        return []
    problems = sorted(
        (p for record in domain.docs.values() for p in record.problems),
        key=lambda p: (p.docname, p.line or 0, p.rule, p.message),
    )
    for problem in problems:
        severity = state.overrides.get(problem.rule, RULES[problem.rule].default)
        state.errors += report(app, problem.rule, severity, problem.message, (problem.docname, problem.line))
    covered = domain.all_covered()
    found = [
        finding(
            "unpublished",
            a.loc,
            f"{a.subject}: the {a.change.replace('-', ' ')} announced {a.announced.value} is not shown on any "
            "page (add a neuron-eos-notice or a neuron-eos-announcements table)",
            a.finding_subject,
        )
        for a in state.report.lifecycle.announcements
        if a.made_by(state.as_of) and a.key not in covered and a.timeline.phase_on(state.as_of) != "end-of-support"
    ]
    waivers = [w for w in state.report.data.waivers if w.rule.value == "unpublished"]
    for item in grade(found, waivers, state.as_of, state.overrides):
        state.errors += report_finding(app, item, state.data_dir)
    return []


def _timelines(state: PolicyState) -> dict[str, tuple[str, Timeline]]:
    life = state.report.lifecycle
    found: dict[str, tuple[str, Timeline]] = {}
    for release in life.index.releases:
        found[f"sdk {release.version.value}"] = (f"SDK {release.version.value}", life.sdk_timeline(release))
    for version in life.all_versions():
        dep = life.data.dependency(version.dependency)
        title = dep.title.value if dep else version.dependency
        found[version.subject] = (f"{title} {version.version.value}", life.dependency_timeline(version))
    for a in life.announcements:
        found.setdefault(a.key, (a.subject, a.timeline))
    return found


def build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Say how long the phases shown stay valid, and fail the build on policy errors."""
    state = policy_domain(app.env).state
    if exception is not None or state is None:
        return
    timelines = _timelines(state)
    changes = []
    for key in sorted(policy_domain(app.env).all_shown()):
        if key in timelines:
            name, timeline = timelines[key]
            change = timeline.next_change(state.as_of)
            if change:
                changes.append((change[0], name, change[1]))
    if changes:
        day = min(c[0] for c in changes)
        what = "; ".join(
            f"{name} becomes {PHASE_LABELS[phase].lower()}" for d, name, phase in sorted(changes) if d == day
        )
        logger.info("neuron_policy: phases shown are valid until %s: %s", day, what)
    if state.errors:
        logger.info("neuron_policy: %d policy error(s); failing the build", state.errors)
        app.statuscode = 1


def setup(app: Sphinx) -> dict[str, Any]:
    config.register(app)
    nodes.register(app)
    app.add_domain(NeuronPolicyDomain)
    for name, directive in {
        "neuron-support-matrix": SupportMatrix,
        "neuron-dependency-matrix": DependencyMatrix,
        "neuron-dependency-lifecycle": DependencyLifecycle,
        "neuron-eos-notice": EosNotice,
        "neuron-eos-announcements": EosAnnouncements,
        "neuron-policy-rules": PolicyRules,
    }.items():
        app.add_directive(name, directive)
    for name, role in {
        "neuron-phase": PhaseRole(),
        "neuron-released": ReleasedRole(),
        "neuron-eos": EosRole(),
        "neuron-last-sdk": LastSdkRole(),
    }.items():
        app.add_role(name, role)
    app.connect("config-inited", config.validate)
    app.connect("builder-inited", load_policy)
    app.connect("env-get-outdated", env_get_outdated)
    app.connect("env-updated", check_pages)
    app.connect("build-finished", build_finished)
    app.add_css_file(CSS)
    app.add_message_catalog("neuron_policy", str(Path(__file__).parent / "locale"))
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
