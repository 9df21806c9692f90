"""The announcements as an Atom feed (RFC 4287), for feed readers.

One entry per announcement post made by the as-of date, newest first, with a stable id, a link
to the page that explains it, and the generated notice sentence as its summary. Written with
``xml.etree`` (which escapes every string); characters XML cannot hold are replaced, so the
feed is always well-formed.
"""

from __future__ import annotations

import datetime as dt
import re
from xml.etree import ElementTree as ET

from .._version import __version__
from .check import Report
from .links import Site
from .notice import notice_text
from .uids import post_id, urn

ATOM = "http://www.w3.org/2005/Atom"
#: Characters XML 1.0 does not allow in a document.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Where the project is, for the feed's generator element.
PROJECT_URL = "https://pypi.org/project/sphinx-neuron-policy/"


def xml_text(value: str) -> str:
    """Text XML can hold: a character it cannot is replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def announcements_feed(report: Report, site: Site, *, self_path: str | None = None) -> bytes:
    """The feed as UTF-8 bytes; ``self_path`` is where the site publishes it, for its self link
    (and, without a base URL, for an ``xml:base`` that makes the relative links point into the site)."""
    life, as_of = report.lifecycle, report.as_of
    sdk = life.data.policy.sdk_name.value
    entries = []
    for a in report.announcements:
        if not a.made_by(as_of):
            continue
        summary = notice_text(a, life, as_of)
        for index, post in enumerate(a.posts):
            if post.date.value.earliest > as_of:
                continue
            entries.append((post.date.value.earliest, post_id(sdk, a, index), a, post, summary))
    entries.sort(key=lambda e: (-e[0].toordinal(), e[1]))

    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", urn(sdk, "feed"))
    _add(feed, "title", f"{sdk}: maintenance and end-of-support announcements")
    _add(feed, "updated", _stamp(entries[0][0] if entries else as_of))
    author = _add(feed, "author")
    _add(author, "name", sdk)
    _add(feed, "generator", "sphinx-neuron-policy", uri=PROJECT_URL, version=__version__)
    if not site.base_url and self_path and "/" in self_path:
        # links are relative to the site's root; say where that is from the feed's own place
        feed.set("{http://www.w3.org/XML/1998/namespace}base", "../" * self_path.count("/"))
    if site.base_url:
        _add(feed, "link", rel="alternate", type="text/html", href=site.join(""))
        if self_path is not None:
            _add(feed, "link", rel="self", type="application/atom+xml", href=site.join(self_path))
    for day, entry_id, a, post, summary in entries:
        change = "Maintenance" if a.change == "maintenance" else "End of support"
        title = f"{change}: {a.subject}"
        if post.title is not None:
            title = f"{title}: {post.title.value}"
        entry = _add(feed, "entry")
        _add(entry, "id", entry_id)
        _add(entry, "title", title)
        _add(entry, "updated", _stamp(day))
        _add(entry, "published", _stamp(day))
        url = site.url(post.label.value if post.label else None) or site.url(a.label.value if a.label else None)
        if url is not None:
            _add(entry, "link", rel="alternate", type="text/html", href=url)
        _add(entry, "category", term=a.change)
        if post.kind is not None:
            _add(entry, "category", term=post.kind.value)
        _add(entry, "summary", summary, type="text")
        if url is None:  # an entry without a link must have content (RFC 4287 4.1.1.1)
            _add(entry, "content", summary, type="text")
    ET.indent(feed)
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
    return data
