"""The package version, in a leaf module that everything else may import."""

from __future__ import annotations

__version__ = "0.2.0"
