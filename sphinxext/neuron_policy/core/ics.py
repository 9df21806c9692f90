"""The lifecycle as an iCalendar file (RFC 5545), for readers to subscribe to.

One all-day event for every SDK release, every start of maintenance and every end of support
(once per group of platforms where they differ), and every announcement post made by the
as-of date; alarms ahead of each end of support. The ``icalendar`` library writes it (escaping
and line folding included). The bytes depend only on the data, the as-of date and the options:
each event's DTSTAMP is the as-of date, its UID a name-based UUID of what it is, and the events
are in date order.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import icalendar

from .._version import __version__
from .announcements import Announcement
from .check import Report
from .lifecycle import Lifecycle
from .links import Site
from .model import DependencyVersion, PolicyDate, Software
from .notice import notice_text
from .scope import groups
from .subjects import SubjectError
from .suggest import did_you_mean
from .uids import stable_uuid

#: Days before each end of support that a calendar reminds of it, by default.
DEFAULT_ALARM_DAYS = (90, 30)


@dataclass(frozen=True, kw_only=True)
class Event:
    """One event: what happens to which subject, on which day."""

    #: The calendar it belongs to: ``sdk``, ``dependencies/<id>`` or ``software/<id>``.
    calendar: str
    #: What it is, for its UID and CATEGORIES: release, maintenance, end-of-support, announcement.
    what: str
    #: The subject key and anything else that tells this event apart (platforms, post number).
    key: tuple[str, ...]
    day: dt.date
    summary: str
    description: str | None = None
    url: str | None = None
    alarms: bool = False


def _platforms(life: Lifecycle, names: Sequence[str]) -> str:
    return f" ({', '.join(life.platform_title(p) for p in names)})" if names else ""


def _per_platform(
    life: Lifecycle, platforms: tuple[str, ...], value: Callable[[str | None], PolicyDate | None]
) -> list[tuple[PolicyDate, tuple[str, ...]]]:
    """A date per group of platforms that agree on it; one group naming no platform when all do."""
    if not platforms:
        general = value(None)
        return [(general, ())] if general is not None else []
    found = groups({p: value(p) for p in platforms}, platforms)
    if len(found) == 1:
        return [(found[0][0], ())] if found[0][0] is not None else []
    return [(day, named) for day, named in found if day is not None]


Notices = dict[tuple[str, str], tuple[str | None, str | None]]


#: The milestones a calendar has events for: phase, the words of its summary, whether it warns ahead.
_MILESTONES = (("maintenance", "maintenance starts", False), ("end-of-support", "end of support", True))


def _milestone_events(
    life: Lifecycle,
    on: tuple[str, ...],
    calendar: str,
    subject: str,
    name: str,
    notices: Notices,
    start: Callable[[str, str | None], PolicyDate | None],
) -> list[Event]:
    """An event per milestone of a subject and group of platforms where it starts the same day."""
    events = []
    for phase, what, alarms in _MILESTONES:
        description, url = notices.get((subject, phase), (None, None))
        for day, named in _per_platform(life, on, functools.partial(start, phase)):
            events.append(
                Event(
                    calendar=calendar,
                    what=phase,
                    key=(subject, *named),
                    day=day.earliest,
                    summary=f"{name}: {what}{_platforms(life, named)}",
                    description=description,
                    url=url,
                    alarms=alarms,
                )
            )
    return events


def _version_events(life: Lifecycle, version: DependencyVersion, notices: Notices) -> list[Event]:
    def start(phase: str, platform: str | None) -> PolicyDate | None:
        dates = life.dates(version, platform)
        return dates.maintenance if phase == "maintenance" else dates.eos

    calendar = f"dependencies/{version.dependency}"
    on = life.version_platforms(version)
    return _milestone_events(life, on, calendar, version.subject, life.version_name(version), notices, start)


def _software_events(life: Lifecycle, item: Software, notices: Notices) -> list[Event]:
    def start(phase: str, platform: str | None) -> PolicyDate | None:
        day = life.software_timeline(item, platform).start(phase)
        return PolicyDate.of(day) if day else None

    on = life.software_platforms(item)
    return _milestone_events(life, on, f"software/{item.id}", item.id, item.title.value, notices, start)


def _calendar_of(report: Report, a: Announcement) -> str:
    if a.key.startswith("sdk "):
        return "sdk"
    if report.data.software_item(a.key) is not None:
        return f"software/{a.key}"
    return f"dependencies/{a.key.split()[0]}"


def lifecycle_events(report: Report, site: Site) -> list[Event]:
    """Every event of the lifecycle, in date order (then by UID)."""
    life, as_of = report.lifecycle, report.as_of
    sdk = life.data.policy.sdk_name.value
    notices: Notices = {
        (a.key, a.change): (notice_text(a, life, as_of), site.url(a.label.value if a.label else None))
        for a in report.announcements
        if a.made_by(as_of)
    }
    events = [
        Event(
            calendar="sdk",
            what="release",
            key=(str(r.version.value),),
            day=r.released.value.earliest,
            summary=f"{sdk} {r.version.value} released",
        )
        for r in life.index.releases
    ]
    for a in report.announcements:
        if a.key.startswith("sdk ") and a.effective is not None:
            events.append(
                Event(
                    calendar="sdk",
                    what="end-of-support",
                    key=(a.key,),
                    day=a.effective.earliest,
                    summary=f"{sdk}: end of support for {a.subject.replace('SDK ', '', 1)}",
                    description=notices.get((a.key, a.change), (None, None))[0],
                    url=site.url(a.label.value if a.label else None),
                    alarms=True,
                )
            )
    for version in life.all_versions():
        events += _version_events(life, version, notices)
    for item in life.data.software:
        events += _software_events(life, item, notices)
    for a in report.announcements:
        change = "maintenance" if a.change == "maintenance" else "end of support"
        for index, post in enumerate(a.posts_by(as_of)):
            events.append(
                Event(
                    calendar=_calendar_of(report, a),
                    what="announcement",
                    key=(a.key, a.change, str(post.date.value), str(index)),
                    day=post.date.value.earliest,
                    summary=f"Announced: {change} of {a.subject}",
                    description=notices.get((a.key, a.change), (None, None))[0],
                    url=site.url(post.label.value if post.label else None),
                )
            )
    return sorted(events, key=lambda e: (e.day, str(_uid(sdk, e))))


def _uid(sdk: str, event: Event) -> str:
    return str(stable_uuid(sdk, "event", event.what, *event.key))


def _text(value: str) -> str:
    """Text as a calendar holds it: no control characters (folding and escaping are the library's)."""
    return "".join(c if c.isprintable() or c in "\n\t" else "\ufffd" for c in value)


def _component(sdk: str, stamp: dt.datetime, event: Event, alarm_days: Sequence[int], site_known: bool) -> bytes:
    """One VEVENT, serialised by ``icalendar`` (escaping, folding; properties in its order)."""
    item = icalendar.Event()
    item.add("uid", _uid(sdk, event))
    item.add("dtstamp", stamp)
    item.add("dtstart", event.day)
    item.add("dtend", event.day + dt.timedelta(days=1))
    item.add("summary", _text(event.summary))
    if event.description:
        item.add("description", _text(event.description))
    if event.url and site_known:  # a calendar's URL must be absolute
        item.add("url", event.url)
    item.add("categories", [event.what])
    item.add("transp", "TRANSPARENT")
    if event.alarms:
        for days in sorted(set(alarm_days), reverse=True):
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", _text(f"In {days} days: {event.summary}"))
            alarm.add("trigger", dt.timedelta(days=-days))
            item.add_component(alarm)
    data: bytes = item.to_ical()
    return data


def calendar_bytes(
    report: Report,
    site: Site,
    events: Iterable[Event],
    *,
    title: str,
    alarm_days: Sequence[int] = DEFAULT_ALARM_DAYS,
    cache: dict[Event, bytes] | None = None,
) -> bytes:
    """The events as one VCALENDAR, serialised by ``icalendar`` (CRLF lines, folded at 75 octets).

    A calendar is its own lines, then each event's, as ``Calendar.to_ical`` writes them; each
    event is serialised once (``cache``), however many calendars hold it: the library's folding
    is the slow part of a build's exports."""
    sdk = report.data.policy.sdk_name.value
    site_known = bool(site.base_url)
    stamp = dt.datetime.combine(report.as_of, dt.time(), tzinfo=dt.timezone.utc)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//sphinx-neuron-policy {__version__}//{_text(sdk)}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _text(title))
    head: bytes = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    cache = {} if cache is None else cache
    parts = [head[: -len(end)]]
    for event in events:
        if event not in cache:
            cache[event] = _component(sdk, stamp, event, alarm_days, site_known)
        parts.append(cache[event])
    parts.append(end)
    return b"".join(parts)


def calendar_names(report: Report) -> list[tuple[str, str]]:
    """Every calendar besides the combined one: (name, title), for the SDK, then each dependency
    and software item by id."""
    sdk = report.data.policy.sdk_name.value
    names = [("sdk", f"{sdk} releases")]
    names += [(f"dependencies/{d.id}", f"{sdk}: {d.title.value}") for d in report.data.dependencies]
    names += [(f"software/{s.id}", f"{sdk}: {s.title.value}") for s in report.data.software]
    return names


def calendar_of(report: Report, subject: str) -> str:
    """The calendar of a subject: ``sdk``, ``dependencies/<id>`` or ``software/<id>`` (raises
    ``SubjectError`` for a name that has none)."""
    name = subject.strip()
    if name == "sdk":
        return "sdk"
    if report.data.software_item(name) is not None:
        return f"software/{name}"
    if report.data.dependency(name) is not None:
        return f"dependencies/{name}"
    known = ["sdk", *(d.id for d in report.data.dependencies), *(s.id for s in report.data.software)]
    hint = did_you_mean(name, known)
    raise SubjectError(f"no calendar for {name!r}{hint}: name 'sdk', a dependency id or a software id")


def lifecycle_calendar(
    report: Report,
    site: Site,
    *,
    calendar: str | None = None,
    alarm_days: Sequence[int] = DEFAULT_ALARM_DAYS,
    events: Sequence[Event] | None = None,
    cache: dict[Event, bytes] | None = None,
) -> bytes:
    """The combined calendar, or with ``calendar`` one subject's (see :func:`calendar_names`);
    ``events``: those of :func:`lifecycle_events`, when the caller has them already; ``cache``:
    events serialised already (for the same site and alarms)."""
    sdk = report.data.policy.sdk_name.value
    events = list(events) if events is not None else lifecycle_events(report, site)
    title = f"{sdk} lifecycle"
    if calendar is not None:
        title = dict(calendar_names(report))[calendar]
        events = [e for e in events if e.calendar == calendar]
    return calendar_bytes(report, site, events, title=title, alarm_days=alarm_days, cache=cache)


__all__ = ["DEFAULT_ALARM_DAYS", "Event", "calendar_names", "calendar_of", "lifecycle_calendar", "lifecycle_events"]
