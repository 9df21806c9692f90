"""Sphinx extension that renders an SDK maintenance policy from YAML and enforces it.

Layout: :mod:`neuron_policy.core` reads, validates and checks the data and never imports Sphinx
or docutils; :mod:`neuron_policy.sphinx` renders it inside a build; :mod:`neuron_policy.cli` is
the ``neuron-policy`` command. :func:`setup` is what ``extensions = ["neuron_policy"]`` calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension (imported here so that importing the core never imports Sphinx)."""
    from .sphinx import setup as _setup

    return _setup(app)


__all__ = ["__version__", "setup"]
