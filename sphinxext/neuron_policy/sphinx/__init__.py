"""The Sphinx side of sphinx-neuron-policy: configuration, nodes and visitors, directives, roles,
notices, the domain that records what each page uses, event wiring and reporting.

It renders what :mod:`neuron_policy.core` computed; it never reads YAML itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._version import __version__
from . import config, nodes, timeline
from .compat import add_message_catalog
from .config import CONFIG_VALUES, ConfValue
from .directives import DependencyLifecycle, DependencyMatrix, SoftwareLifecycle, SupportMatrix
from .domain import NeuronPolicyDomain
from .events import CSS, PolicyExtension
from .exports import export_link, export_role, resolve_export_links
from .lifecycle_changes import LifecycleChanges
from .notices import EosAnnouncements, EosNotice, PolicyRules
from .roles import EosRole, LastSdkRole, PhaseRole, ReleasedRole
from .timeline_tikz import tikz as timeline_tikz

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The message catalogs: ``<language>/LC_MESSAGES/neuron_policy.mo`` (sources: ``.po``, ``.pot``).
LOCALE = Path(__file__).resolve().parents[1] / "locale"

#: Bump when the shape of the environment data changes (with the domain's ``data_version``).
ENV_VERSION = 5

DIRECTIVES = {
    "neuron-support-matrix": SupportMatrix,
    "neuron-dependency-matrix": DependencyMatrix,
    "neuron-dependency-lifecycle": DependencyLifecycle,
    "neuron-software-lifecycle": SoftwareLifecycle,
    "neuron-eos-notice": EosNotice,
    "neuron-eos-announcements": EosAnnouncements,
    "neuron-policy-rules": PolicyRules,
    "neuron-lifecycle-changes": LifecycleChanges,
    "neuron-timeline": timeline.Timeline,
}
ROLES = {
    "neuron-phase": PhaseRole,
    "neuron-released": ReleasedRole,
    "neuron-eos": EosRole,
    "neuron-last-sdk": LastSdkRole,
}


__all__ = ["CONFIG_VALUES", "DIRECTIVES", "LOCALE", "ROLES", "ConfValue", "setup", "timeline_tikz"]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension's configuration, nodes, domain, directives, roles and handlers."""
    config.register(app)
    nodes.register(app)
    timeline.register(app)
    app.add_domain(NeuronPolicyDomain)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    for name, role in ROLES.items():
        app.add_role(name, role())
    app.add_role("neuron-export", export_role)
    app.add_node(export_link)
    extension = PolicyExtension()
    app.connect("doctree-resolved", extension.ensure_loaded, priority=400)  # before what reads the data
    app.connect("doctree-resolved", resolve_export_links)
    app.connect("config-inited", extension.config_inited)
    app.connect("builder-inited", extension.builder_inited)
    app.connect("env-get-outdated", extension.env_get_outdated)
    app.connect("env-before-read-docs", extension.env_before_read_docs)
    app.connect("env-updated", extension.env_updated)
    app.connect("build-finished", extension.build_finished)
    app.connect("missing-reference", extension.missing_reference)
    app.connect("html-collect-pages", extension.copy_stylesheet)
    app.connect("html-collect-pages", extension.write_exports)
    app.add_css_file(CSS)
    add_message_catalog(app, "neuron_policy", str(LOCALE))
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
