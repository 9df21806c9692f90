"""The timeline picture's content: one row of phase periods per SDK minor, dependency version or
software item (per group of platforms where they differ), and the window of time it shows.

This is what the picture says, in every builder: the SVG and TikZ drawings and the table that
text builders show are all made from a :class:`Chart`. Periods come from the same
:meth:`Timeline.periods <neuron_policy.core.Timeline.periods>` the JSON export gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from packaging.specifiers import SpecifierSet

from .lifecycle import Lifecycle
from .minors import minor_name, minor_timeline, minors
from .model import DependencyVersion, Software
from .naming import sdk_key
from .phases import PHASES, Period, Timeline
from .scope import groups, supported_specs, union_matching


@dataclass(frozen=True)
class Row:
    """One bar of the chart."""

    #: The subject keys it shows (for the pages' records): ``sdk 2.19.0``..., ``python 3.8``.
    keys: tuple[str, ...]
    #: Its name: ``SDK 2.19``, ``Python 3.8``, ``NxD Inference``.
    label: str
    #: The heading it is listed under: the SDK's name, a dependency's or a kind's title.
    group: str
    #: The platforms (ids) the row is for; empty: all of them (or none is declared).
    platforms: tuple[str, ...]
    periods: tuple[Period, ...]
    #: Its phase on the as-of date, and the use that phase is limited to.
    phase: str
    use: str | None = None


@dataclass(frozen=True)
class Chart:
    """Rows, and the window of time shown: ``start`` to ``end`` (exclusive), with the as-of day."""

    rows: tuple[Row, ...]
    start: dt.date
    end: dt.date
    as_of: dt.date

    @property
    def phases(self) -> tuple[str, ...]:
        """The phases that appear, in lifecycle order (for the legend)."""
        seen = {
            p.phase for row in self.rows for p in row.periods if p.start < self.end and (p.end or self.end) > self.start
        }
        return tuple(p for p in PHASES if p in seen)


def sdk_rows(life: Lifecycle, as_of: dt.date, spec: SpecifierSet | None = None) -> list[Row]:
    """A row per SDK minor (newest first) that has a release in ``spec``."""
    rows = []
    sdk = life.data.policy.sdk_name.value
    for minor, releases in reversed(minors(life).items()):
        if spec is not None and not any(spec.contains(r.version.value, prereleases=True) for r in releases):
            continue
        timeline = minor_timeline(life, releases)
        rows.append(
            Row(
                keys=tuple(sdk_key(r.version.value) for r in releases),
                label=f"SDK {minor_name(minor)}",
                group=sdk,
                platforms=(),
                periods=timeline.periods(),
                phase=timeline.phase_on(as_of),
            )
        )
    return rows


def version_in_sdk(life: Lifecycle, version: DependencyVersion, spec: SpecifierSet | None) -> bool:
    """Whether a release in ``spec`` supports a dependency version (on any platform)."""
    if spec is None:
        return True
    releases = union_matching(life.index, supported_specs(version.support, None))
    for platform in life.platforms:
        releases += union_matching(life.index, supported_specs(version.support, platform))
    return any(spec.contains(r.version.value, prereleases=True) for r in releases)


def _split(
    life: Lifecycle,
    platforms: Sequence[str] | None,
    on: tuple[str, ...],
    timeline: Callable[[str | None], Timeline],
) -> list[tuple[Timeline, tuple[str, ...]]]:
    """The timelines of the platforms shown (those of ``platforms`` it is on), one per group of
    platforms that agree; one naming no platform when all agree (or none is declared)."""
    if not life.platforms:
        return [(timeline(None), ())]
    shown = tuple(p for p in on if platforms is None or p in platforms)
    if not shown:
        return []
    found = groups({p: timeline(p) for p in shown}, shown)
    everywhere = tuple(platforms) if platforms is not None else life.platforms
    if len(found) == 1 and set(found[0][1]) == set(everywhere):
        return [(found[0][0], ())]
    return found


def version_rows(
    life: Lifecycle, version: DependencyVersion, as_of: dt.date, platforms: Sequence[str] | None = None
) -> list[Row]:
    """A row per group of platforms on which a dependency version's phases are the same."""
    dep = life.data.dependency(version.dependency)
    group = dep.title.value if dep else version.dependency
    rows = []
    on = life.version_platforms(version)
    for timeline, named in _split(life, platforms, on, lambda p: life.dependency_timeline(version, p)):
        states = life.version_states(version, as_of, named or None)
        use = states[0][0].use if len(states) == 1 else None
        rows.append(
            Row(
                keys=(version.subject,),
                label=life.version_name(version),
                group=group,
                platforms=named,
                periods=timeline.periods(),
                phase=timeline.phase_on(as_of),
                use=use,
            )
        )
    return rows


def software_rows(life: Lifecycle, item: Software, as_of: dt.date, platforms: Sequence[str] | None = None) -> list[Row]:
    """A row per group of platforms on which a software item's phases are the same."""
    kind = life.kind_of(item)
    group = kind.title.value if kind else item.kind.value
    rows = []
    on = life.software_platforms(item)
    for timeline, named in _split(life, platforms, on, lambda p: life.software_timeline(item, p)):
        rows.append(
            Row(
                keys=(item.id,),
                label=item.title.value,
                group=group,
                platforms=named,
                periods=timeline.periods(),
                phase=timeline.phase_on(as_of),
            )
        )
    return rows


def _year_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 1, 1)


def window(
    rows: Sequence[Row], as_of: dt.date, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The time shown: whole years, from three years before the as-of date (or the first start,
    if later) to a year past the last known date (or the as-of date, if later). ``start`` and
    ``end`` override either side."""
    known = [d for row in rows for p in row.periods for d in (p.start, p.end) if d is not None]
    if start is None:
        first = min(known, default=as_of)
        start = max(_year_start(first), dt.date(as_of.year - 3, 1, 1))
    if end is None:
        last = max([as_of, *known])
        end = dt.date(last.year + 1, 1, 1)
        if (end - last).days < 120:  # keep room after the last date
            end = dt.date(last.year + 2, 1, 1)
    if end <= start:
        end = dt.date(start.year + 1, start.month, 1)
    return start, end


def visible(row: Row, start: dt.date, end: dt.date) -> bool:
    """Whether a row has something to show in the window: a period that meets it, other than an
    end of support that started before it."""
    return any(
        p.start < end and (p.end is None or p.end > start) and not (p.phase == "end-of-support" and p.start < start)
        for p in row.periods
    )


def chart(rows: Sequence[Row], as_of: dt.date, start: dt.date | None = None, end: dt.date | None = None) -> Chart:
    """The chart of the rows that show something in the window."""
    first, last = window(rows, as_of, start, end)
    return Chart(tuple(r for r in rows if visible(r, first, last)), first, last, as_of)
