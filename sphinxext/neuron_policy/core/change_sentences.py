"""The sentence that tells a reader one change, as parts: text, dates, milestones, phases, links.

One place words every change, so the CLI (plain English text and Markdown) and the build (docutils
nodes, in the page's language) say the same thing. Each message goes through ``_``, the caller's
translation function (the build passes its ``neuron_policy`` catalog; the CLI keeps the English),
and is written as a ``_("...")`` call with named placeholders, so that message extraction finds it
and a translation may put the placeholders in any order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from packaging.version import Version

from .changes import Change, runs
from .model import PolicyDate
from .phases import PHASE_LABELS
from .schema import POST_KINDS
from .snapshot import PhaseFact, When
from .terms import DateTerm, Translate, english


@dataclass(frozen=True)
class WhenTerm:
    """When a milestone takes effect: a date, an SDK version, or both (``2025-04-03 (SDK 2.22.0)``)."""

    date: PolicyDate | None
    version: str | None


@dataclass(frozen=True)
class PhaseTerm:
    """A phase (a badge on a page), and the use it is limited to."""

    phase: str
    use: str | None


@dataclass(frozen=True)
class LinkTerm:
    """A link to the page that defines a reST label."""

    label: str
    text: str


Term = str | DateTerm | WhenTerm | PhaseTerm | LinkTerm
_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


def fill(template: str, values: Mapping[str, Term | Sequence[Term]]) -> list[Term]:
    """``template % values`` as parts, each value kept whole (a value may be several parts)."""
    parts: list[Term] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(template[position : match.start()])
        if match.group(0) == "%%":
            parts.append("%")
        else:
            value = values[match.group(1)]
            parts.extend([value] if isinstance(value, str | DateTerm | WhenTerm | PhaseTerm | LinkTerm) else value)
        position = match.end()
    parts.append(template[position:])
    return [p for p in parts if p != ""]


def fact_words(fact: str, _: Translate) -> str:
    """What a milestone is, in words that fit in a sentence."""
    words = {
        "released": _("release date"),
        "beta": _("beta"),
        "rc": _("release candidate"),
        "supported": _("general availability"),
        "maintenance": _("start of maintenance"),
        "end-of-support": _("end of support"),
        "upstream-eol": _("upstream end of life"),
    }
    return words.get(fact, fact)


def change_words(change: str, _: Translate) -> str:
    """An announced change, in words."""
    return _("maintenance") if change == "maintenance" else _("end of support")


def post_words(kind: str, _: Translate) -> str:
    """The kind of an announcement's post, in words."""
    return _(POST_KINDS[kind]) if kind in POST_KINDS else kind


def parameter_words(parameter: str, _: Translate) -> str:
    """A policy parameter, in words."""
    words = {
        "min_support_months": _("minimum support in months"),
        "eos_notice_months": _("end-of-support notice in months"),
        "notice_months": _("notice in months"),
        "overlap_months": _("overlap in months"),
    }
    return words.get(parameter, parameter)


def section_title(section: str, _: Translate) -> str:
    """The heading of a section of the list of changes."""
    titles = {
        "releases": _("Releases"),
        "support": _("Support"),
        "dates": _("Dates"),
        "phases": _("Phases"),
        "announcements": _("Announcements"),
        "waivers": _("Waivers"),
        "policy": _("Policy"),
    }
    return titles[section]


def phase_label(phase: str, _: Translate) -> str:
    """A phase's label (``Maintenance``)."""
    return _(PHASE_LABELS.get(phase, phase))


def listed(names: Sequence[str], _: Translate) -> str:
    """``Inf2``, ``Inf2 and Trn1``, ``Inf1, Inf2 and Trn1``."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def releases_text(versions: Sequence[Version], universe: Sequence[Version]) -> str:
    """SDK releases as stretches: ``2.21.0 - 2.29.1, 2.31.0`` (with an en dash)."""
    return ", ".join(f"{a}" if a == b else f"{a} \u2013 {b}" for a, b in runs(versions, universe))


def subject_text(change: Change, _: Translate, *, use: bool = False) -> str:
    """The subject with what the change is limited to: ``Python 3.10 for inference on Inf2 and Trn1``."""
    platforms = listed(change.platform_titles, _)
    limited = change.use if use else None
    if limited and platforms:
        return _("%(subject)s for %(use)s on %(platforms)s") % {
            "subject": change.name,
            "use": limited,
            "platforms": platforms,
        }
    if limited:
        return _("%(subject)s for %(use)s") % {"subject": change.name, "use": limited}
    if platforms:
        return _("%(subject)s on %(platforms)s") % {"subject": change.name, "platforms": platforms}
    return change.name


def _when(value: object) -> WhenTerm:
    assert isinstance(value, When)
    return WhenTerm(value.date, value.version)


def _releases(change: Change, value: object) -> str:
    assert isinstance(value, tuple)
    return releases_text(value, change.universe)


def _day(value: object) -> DateTerm:
    assert isinstance(value, PolicyDate | dt.date)
    return DateTerm(value)


def _phase(value: object) -> PhaseTerm:
    assert isinstance(value, PhaseFact)
    return PhaseTerm(value.phase, value.use)


def _release_sentence(c: Change, _: Translate) -> list[Term]:
    values: dict[str, Term] = {"release": str(c.versions[0]), "date": _day(c.date)}
    if c.kind == "release-removed":
        return fill(_("SDK release %(release)s, dated %(date)s, was removed."), values)
    if c.planned:
        return fill(_("New SDK release %(release)s, planned for %(date)s."), values)
    return fill(_("New SDK release %(release)s, released on %(date)s."), values)


def _support_sentence(c: Change, _: Translate) -> list[Term]:
    subject = subject_text(c, _)
    if c.kind == "subject-removed":
        return fill(_("%(subject)s was removed."), {"subject": subject})
    if c.kind == "subject-added":
        if c.new:
            return fill(
                _("%(subject)s was added, supported in SDK %(new)s."), {"subject": subject, "new": _releases(c, c.new)}
            )
        return fill(_("%(subject)s was added."), {"subject": subject})
    values = {"subject": subject, "old": _releases(c, c.old), "new": _releases(c, c.new)}
    if c.kind == "support-widened":
        if not c.old:
            return fill(_("%(subject)s: now supported in SDK %(new)s (before: in no SDK release)."), values)
        return fill(_("%(subject)s: support widened to SDK %(new)s (before: SDK %(old)s)."), values)
    if c.kind == "support-changed":
        return fill(_("%(subject)s: support changed to SDK %(new)s (before: SDK %(old)s)."), values)
    if not c.new:
        return fill(_("%(subject)s: no longer supported in any SDK release (before: SDK %(old)s)."), values)
    return fill(_("%(subject)s: support narrowed to SDK %(new)s (before: SDK %(old)s)."), values)


def _date_sentence(c: Change, _: Translate) -> list[Term]:
    values: dict[str, Term] = {"subject": subject_text(c, _), "fact": fact_words(c.fact or "", _)}
    if c.old is None:
        return fill(_("%(subject)s: %(fact)s is now %(new)s (before: not known)."), {**values, "new": _when(c.new)})
    if c.new is None:
        return fill(_("%(subject)s: %(fact)s is no longer known (before: %(old)s)."), {**values, "old": _when(c.old)})
    return fill(
        _("%(subject)s: %(fact)s moved from %(old)s to %(new)s."), {**values, "old": _when(c.old), "new": _when(c.new)}
    )


def _phase_sentence(c: Change, _: Translate) -> list[Term]:
    values: dict[str, Term] = {"subject": subject_text(c, _), "phase": _phase(c.new), "old": _phase(c.old)}
    if c.date is not None:
        return fill(_("%(subject)s entered %(phase)s on %(date)s (before: %(old)s)."), {**values, "date": _day(c.date)})
    return fill(_("%(subject)s is now %(phase)s (before: %(old)s)."), values)


def _announcement_sentence(c: Change, _: Translate, links: bool) -> list[Term]:
    values: dict[str, Term] = {
        "subject": subject_text(c, _, use=True),
        "change": change_words(c.fact or "", _),
        "date": _day(c.date),
    }
    if c.kind == "announcement-added" and isinstance(c.new, When):  # a new announcement
        if c.new.date is not None or c.new.version is not None:
            parts = fill(
                _("%(subject)s: %(change)s announced on %(date)s, effective %(effective)s."),
                {**values, "effective": _when(c.new)},
            )
        else:
            parts = fill(_("%(subject)s: %(change)s announced on %(date)s."), values)
    elif c.kind == "announcement-added":  # a further post
        if c.post_kind is not None:
            template = _("%(subject)s: new %(change)s announcement on %(date)s (%(post)s).")
            parts = fill(template, {**values, "post": post_words(c.post_kind, _)})
        else:
            parts = fill(_("%(subject)s: new %(change)s announcement on %(date)s."), values)
    elif c.kind == "announcement-corrected" and c.old is not None and c.old != c.new:
        template = _("%(subject)s: the %(change)s announcement of %(old)s is now dated %(new)s.")
        parts = fill(template, {**values, "old": _day(c.old), "new": _day(c.new)})
    elif c.kind == "announcement-corrected" and c.old is not None:
        parts = fill(_("%(subject)s: the %(change)s announcement of %(date)s was corrected."), values)
    elif c.kind == "announcement-corrected":
        parts = fill(_("%(subject)s: %(change)s announcement corrected on %(date)s."), values)
    else:
        parts = fill(_("%(subject)s: the %(change)s announcement of %(date)s was withdrawn."), values)
    if links and c.label is not None and c.kind != "announcement-withdrawn":
        parts += [" ", LinkTerm(c.label, _("Read the announcement."))]
    return parts


def _waiver_sentence(c: Change, _: Translate) -> list[Term]:
    values: dict[str, Term] = {"rule": c.fact or "", "subject": subject_text(c, _)}
    if c.kind == "waiver-added" and c.date is not None:
        return fill(_("Waiver of %(rule)s for %(subject)s added, until %(date)s."), {**values, "date": _day(c.date)})
    if c.kind == "waiver-added":
        return fill(_("Waiver of %(rule)s for %(subject)s added."), values)
    if c.kind == "waiver-expired":
        return fill(_("Waiver of %(rule)s for %(subject)s expired on %(date)s."), {**values, "date": _day(c.date)})
    if c.kind == "waiver-removed":
        return fill(_("Waiver of %(rule)s for %(subject)s removed."), values)
    unlimited = _("no end date")
    old: Term = _day(c.old) if c.old is not None else unlimited
    new: Term = _day(c.new) if c.new is not None else unlimited
    return fill(
        _("Waiver of %(rule)s for %(subject)s: now until %(new)s (before: %(old)s)."),
        {**values, "old": old, "new": new},
    )


def _policy_sentence(c: Change, _: Translate) -> list[Term]:
    unset = _("not set")
    values: dict[str, Term] = {
        "parameter": parameter_words(c.fact or "", _),
        "old": str(c.old) if c.old is not None else unset,
        "new": str(c.new) if c.new is not None else unset,
        "kind": c.name,
    }
    if c.name:
        return fill(_("Policy for %(kind)s: %(parameter)s changed from %(old)s to %(new)s."), values)
    return fill(_("Policy: %(parameter)s changed from %(old)s to %(new)s."), values)


def sentence(change: Change, _: Translate = english, *, links: bool = False) -> list[Term]:
    """The sentence that tells ``change``; with ``links``, an announcement's sentence ends with
    a link to its page."""
    section = change.section
    if section == "releases":
        return _release_sentence(change, _)
    if section == "support":
        return _support_sentence(change, _)
    if section == "dates":
        return _date_sentence(change, _)
    if section == "phases":
        return _phase_sentence(change, _)
    if section == "announcements":
        return _announcement_sentence(change, _, links)
    if section == "waivers":
        return _waiver_sentence(change, _)
    return _policy_sentence(change, _)


def plain(parts: Sequence[Term], _: Translate = english) -> str:
    """The parts as plain text: dates as ISO 8601 (``2025-04-03``, a month as ``2025-04``), a
    phase by its label, a link by its text."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, DateTerm):
            out.append(str(part.value))
        elif isinstance(part, WhenTerm):
            out.append(str(When(part.date, part.version)))
        elif isinstance(part, PhaseTerm):
            label = phase_label(part.phase, _)
            out.append(_("%(phase)s for %(use)s") % {"phase": label, "use": part.use} if part.use else label)
        elif isinstance(part, LinkTerm):
            out.append(part.text)
        else:
            out.append(part)
    return "".join(out)


__all__ = [
    "LinkTerm",
    "PhaseTerm",
    "Term",
    "WhenTerm",
    "fill",
    "phase_label",
    "plain",
    "section_title",
    "sentence",
]
