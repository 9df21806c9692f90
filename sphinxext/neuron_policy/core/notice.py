"""The generated sentence that announces a change, as parts: text, dates and links.

One place composes it, so that the notice on a page (``neuron-eos-notice``, rendered to docutils
nodes by the build) and the summary of the Atom feed entry (plain text, written by the core)
say the same thing. The messages go through ``_``, the caller's translation function (the build
passes its ``neuron_policy`` catalog; plain text uses them as written), and are written as
``_("...")`` calls so that message extraction finds them here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from packaging.version import Version

from .announcements import Announcement
from .lifecycle import Lifecycle
from .model import Located, PolicyDate
from .schema import POST_KINDS
from .terms import DateTerm, Translate, english


@dataclass(frozen=True)
class MilestonePart:
    """When a change takes effect: a date, an SDK version, or both (``2025-04-03 (SDK 2.22.0)``)."""

    date: PolicyDate | None
    version: Version | None


@dataclass(frozen=True)
class LinkPart:
    """A link to the page that defines a label; its text is a phrase or a date."""

    label: Located[str]
    text: str | DateTerm


Part = str | DateTerm | MilestonePart | LinkPart


def scope(a: Announcement, life: Lifecycle, _: Translate = english) -> str:
    """`` for inference on Inf2 and Trn1``: what a change is limited to, or nothing."""
    text = ""
    if a.use:
        text += " " + _("for %s") % a.use
    if a.platforms:
        names = [life.platform_title(p) for p in a.platforms]
        listed = (
            names[0]
            if len(names) == 1
            else _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
        )
        text += " " + _("on %s") % listed
    return text


def _fill(template: str, *values: Part) -> list[Part]:
    """``template % values`` as parts, each value kept whole."""
    pieces = template.split("%s")
    if len(pieces) != len(values) + 1:
        raise ValueError(f"{template!r} does not take {len(values)} values")
    parts: list[Part] = [pieces[0]]
    for value, piece in zip(values, pieces[1:], strict=True):
        parts += [value, piece]
    return [part for part in parts if part != ""]


def posts_parts(a: Announcement, as_of: dt.date, _: Translate = english) -> list[Part]:
    """When it was announced: one date and its link, or every post in order, each date a link."""
    posts = a.posts_by(as_of)
    if len(posts) == 1:
        parts = _fill(" " + _("Announced on %s."), DateTerm(posts[0].date.value))
        if posts[0].label is not None:
            parts += [" ", LinkPart(posts[0].label, _("Read the announcement."))]
        return parts
    parts = [" " + _("Announced on") + " "]
    for i, post in enumerate(posts):
        if i:
            parts.append("; ")
        day = DateTerm(post.date.value)
        parts.append(LinkPart(post.label, day) if post.label else day)
        about = [_(POST_KINDS[post.kind.value])] if post.kind is not None else []
        about += [post.title.value] if post.title is not None else []
        if about:
            parts.append(f" ({': '.join(about)})")
    parts.append(".")
    return parts


def sentence_parts(a: Announcement, life: Lifecycle, as_of: dt.date, _: Translate = english) -> list[Part]:
    """One generated sentence: what changes (and where), when it was announced, the last SDK,
    when it takes effect."""
    sdk = life.data.policy.sdk_name.value
    past = a.effective is not None and a.effective.earliest <= as_of
    if a.change == "maintenance":
        head = (
            _("%(subject)s entered maintenance%(scope)s in the %(sdk)s")
            if past
            else _("%(subject)s enters maintenance%(scope)s in the %(sdk)s")
        )
    else:
        head = (
            _("%(sdk)s support for %(subject)s%(scope)s ended")
            if past
            else _("%(sdk)s support for %(subject)s%(scope)s ends")
        )
    parts: list[Part] = [head % {"subject": a.subject, "sdk": sdk, "scope": scope(a, life, _)}]
    if a.effective is not None or a.effective_version is not None:
        # whole phrases, so that a translation may place the date (and extraction sees them)
        parts += _fill(" " + _("on %s."), MilestonePart(a.effective, a.effective_version))
    else:
        parts.append(" " + _("in a future release."))
    parts += posts_parts(a, as_of, _)
    ended = past and a.change == "end-of-support"
    platform = a.platforms[0] if a.platforms else None  # where the change applies
    if a.source is not None:
        last = life.last_sdk(a.source, as_of, platform)
    elif a.range is not None:
        last = life.last_sdk(a.range, as_of, ends=a.effective, ends_in=a.effective_version)
    else:
        last = None
    # In maintenance, a subject is supported without new releases: the last one that ships it may
    # come before the maintenance, which "supports" would contradict.
    shipped_before = (
        a.change == "maintenance"
        and last is not None
        and a.effective is not None
        and last.released.value.earliest < a.effective.earliest
        and past
    )
    if last is not None and ended:
        parts.append(" " + _("The last SDK release that supported it is %s.") % last.version.value)
    elif last is not None and shipped_before:
        parts.append(" " + _("The last SDK release that ships it is %s.") % last.version.value)
    elif last is not None and last == life.latest_released(as_of):
        parts.append(" " + _("The latest SDK release, %s, still supports it.") % last.version.value)
    elif last is not None:
        parts.append(" " + _("The last SDK release that supports it is %s.") % last.version.value)
    return parts


def plain_text(parts: Sequence[Part]) -> str:
    """The parts as plain text, dates as ISO 8601 (``2025-04-03``, a month as ``2025-04``); a link
    keeps its date and drops its phrase (the text that carries it gives the URL itself)."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, LinkPart) and isinstance(part.text, str):
            if out and out[-1] == " ":  # "Read the announcement." says nothing without its link
                out.pop()
            continue
        if isinstance(part, LinkPart):
            part = part.text
        if isinstance(part, DateTerm):
            out.append(str(part.value))
        elif isinstance(part, MilestonePart):
            sdk = f"SDK {part.version}" if part.version is not None else None
            when = str(part.date) if part.date is not None else None
            out.append(f"{when} ({sdk})" if when and sdk else (when or sdk or ""))
        else:
            out.append(part)
    return "".join(out)


def notice_text(a: Announcement, life: Lifecycle, as_of: dt.date) -> str:
    """The sentence in plain text, as the feed's summary and the JSON export give it."""
    return plain_text(sentence_parts(a, life, as_of))
