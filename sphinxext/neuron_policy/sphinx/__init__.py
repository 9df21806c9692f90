"""The Sphinx side of sphinx-neuron-policy: configuration, nodes and visitors, directives, roles,
notices, the domain that records what each page uses, event wiring and reporting.

It renders what :mod:`neuron_policy.core` computed; it never reads YAML itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._version import __version__
from . import config, nodes
from .config import CONFIG_VALUES, ConfValue
from .directives import DependencyLifecycle, DependencyMatrix, SupportMatrix
from .domain import NeuronPolicyDomain
from .events import PolicyExtension
from .notices import EosAnnouncements, EosNotice, PolicyRules
from .roles import EosRole, LastSdkRole, PhaseRole, ReleasedRole

if TYPE_CHECKING:
    from sphinx.application import Sphinx

CSS = "neuron_policy.css"
#: Bump when the shape of the environment data changes (with the domain's ``data_version``).
ENV_VERSION = 3

DIRECTIVES = {
    "neuron-support-matrix": SupportMatrix,
    "neuron-dependency-matrix": DependencyMatrix,
    "neuron-dependency-lifecycle": DependencyLifecycle,
    "neuron-eos-notice": EosNotice,
    "neuron-eos-announcements": EosAnnouncements,
    "neuron-policy-rules": PolicyRules,
}
ROLES = {
    "neuron-phase": PhaseRole,
    "neuron-released": ReleasedRole,
    "neuron-eos": EosRole,
    "neuron-last-sdk": LastSdkRole,
}


__all__ = ["CONFIG_VALUES", "DIRECTIVES", "ROLES", "ConfValue", "setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension's configuration, nodes, domain, directives, roles and handlers."""
    config.register(app)
    nodes.register(app)
    app.add_domain(NeuronPolicyDomain)
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
    for name, role in ROLES.items():
        app.add_role(name, role())
    extension = PolicyExtension()
    app.connect("config-inited", extension.config_inited)
    app.connect("builder-inited", extension.builder_inited)
    app.connect("env-get-outdated", extension.env_get_outdated)
    app.connect("env-before-read-docs", extension.env_before_read_docs)
    app.connect("env-updated", extension.env_updated)
    app.connect("build-finished", extension.build_finished)
    app.add_css_file(CSS)
    app.add_message_catalog("neuron_policy", str(Path(__file__).resolve().parents[1] / "locale"))
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
