"""Sphinx extension that renders an SDK maintenance policy from YAML and enforces it.

The core (``model``, ``loader``, ``rules``, ``phases``, ``check``) needs no Sphinx application;
:func:`setup` wires it into a build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension (imported lazily so the core never imports Sphinx)."""
    from ._sphinx import setup as _setup

    return _setup(app)


__all__ = ["__version__", "setup"]
