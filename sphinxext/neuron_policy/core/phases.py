"""Lifecycle phases (SPEC section 1): their ids and labels, and a subject's timeline of phases.

A phase is never taken from the data: each phase has a start date, and the phase on a day is the
latest phase (in lifecycle order) whose start is on or before that day. Month-precision dates
start a phase on the first day of their month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

SDK_PHASES: Mapping[str, str] = MappingProxyType(
    {
        "upcoming": "Upcoming",
        "supported": "Supported",
        "eos-announced": "End-of-support announced",
        "end-of-support": "End of support",
    }
)
DEPENDENCY_PHASES: Mapping[str, str] = MappingProxyType(
    {
        "upcoming": "Upcoming",
        "supported": "Supported",
        "announced": "Maintenance or end of support announced",
        "maintenance": "Maintenance",
        "end-of-support": "End of support",
    }
)
#: Every phase id in lifecycle order, with its label: the vocabulary a kind's phases are chosen
#: from (policy.yaml ``kinds``). ``supported`` is the Neuron policy's General Availability (Stable).
PHASES: Mapping[str, str] = MappingProxyType(
    {
        "upcoming": "Upcoming",
        "beta": "Beta",
        "rc": "Release candidate",
        "supported": "Supported",
        "eos-announced": "End-of-support announced",
        "announced": "Maintenance or end of support announced",
        "maintenance": "Maintenance",
        "end-of-support": "End of support",
    }
)
#: The label of every phase id, for any kind of subject.
PHASE_LABELS: Mapping[str, str] = PHASES
#: The phases a milestone of a software item or dependency version can start: key in the data,
#: phase id.
MILESTONE_PHASES: Mapping[str, str] = MappingProxyType(
    {
        "beta": "beta",
        "rc": "rc",
        "supported": "supported",
        "maintenance": "maintenance",
        "end_of_support": "end-of-support",
    }
)


@dataclass(frozen=True)
class Period:
    """A stretch of time in one phase: from ``start`` until ``end`` (the next phase's start), or
    with ``end`` None, for as long as anyone knows (the last phase: no later start is known)."""

    phase: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Timeline:
    """Start dates of each phase of one subject (None: not known)."""

    phases: tuple[str, ...]
    starts: tuple[dt.date | None, ...]

    def start(self, phase: str) -> dt.date | None:
        """When a phase starts (None: not known, or not a phase of this timeline)."""
        return dict(zip(self.phases, self.starts, strict=True)).get(phase)

    def phase_on(self, as_of: dt.date) -> str:
        current = self.phases[0]
        for phase, start in zip(self.phases, self.starts, strict=True):
            if start is not None and start <= as_of:
                current = phase
        return current

    def next_change(self, as_of: dt.date) -> tuple[dt.date, str] | None:
        """The first day after ``as_of`` on which the phase changes, and the new phase."""
        now = self.phase_on(as_of)
        for day in sorted({s for s in self.starts if s is not None and s > as_of}):
            phase = self.phase_on(day)
            if phase != now:
                return day, phase
        return None

    def periods(self) -> tuple[Period, ...]:
        """The phases it passes through, in time order, each from its start to the next change:
        what :meth:`phase_on` says on each day from the first known start on (a phase whose
        start is unknown, or is overtaken by a later phase, has no period)."""
        days = sorted({s for s in self.starts if s is not None})
        found: list[Period] = []
        for day in days:
            phase = self.phase_on(day)
            if found and found[-1].phase == phase:
                continue
            if found:
                found[-1] = Period(found[-1].phase, found[-1].start, day)
            found.append(Period(phase, day, None))
        return tuple(found)
