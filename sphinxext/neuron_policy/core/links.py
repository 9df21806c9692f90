"""Where the published site is, and which page each announcement label is on.

The exports link to the pages that explain an announcement. The Sphinx build knows those pages
from its environment; the ``neuron-policy export`` command learns them from the site's
``objects.inv``, the inventory Sphinx writes for intersphinx, in which every label is a
``std:label`` entry with the same URI. Both give the same :class:`Site`, so both write the same
bytes.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

_HEADER = b"# Sphinx inventory version 2\n"
_LINE = re.compile(r"(.+?)\s+(\S+)\s+(-?\d+)\s+?(\S*)\s+(.*)")


@dataclass(frozen=True)
class Site:
    """The site's base URL ('': links stay relative to the site's root) and the URI of each
    label, relative to that root (``announcements.html#eos-python-3-8``)."""

    base_url: str = ""
    labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def join(self, path: str) -> str:
        """A path of the site as a URL: absolute when the base URL is known."""
        if not self.base_url:
            return path
        return self.base_url.rstrip("/") + "/" + path.lstrip("/")

    def url(self, label: str | None) -> str | None:
        """The URL of the page (and anchor) that defines a label, if a page does."""
        if label is None:
            return None
        uri = self.labels.get(label.lower())
        return self.join(uri) if uri is not None else None


class InventoryError(ValueError):
    """An ``objects.inv`` that cannot be read."""


def read_inventory(data: bytes) -> dict[str, str]:
    """The ``std:label`` entries of a Sphinx inventory (version 2): label -> URI."""
    lines = data.split(b"\n", 4)
    if len(lines) < 5 or lines[0] + b"\n" != _HEADER or b"zlib" not in lines[3]:
        raise InventoryError("not a Sphinx inventory (objects.inv, version 2)")
    try:
        text = zlib.decompress(lines[4]).decode("utf-8")
    except (zlib.error, UnicodeDecodeError) as exc:
        raise InventoryError(f"the inventory's data cannot be read: {exc}") from None
    labels: dict[str, str] = {}
    for line in text.splitlines():
        match = _LINE.fullmatch(line.rstrip())
        if match is None or match[2] != "std:label":
            continue
        name, uri = match[1], match[4]
        labels[name] = uri[:-1] + name if uri.endswith("$") else uri
    return labels
