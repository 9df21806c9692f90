"""SDK minor versions (``2.19``) as subjects of their own: what the timeline draws a row for.

A minor is supported from its first release; its end of support is that of its newest release
(the end-of-support entry that covers the newest patch decides, as for a single release).
"""

from __future__ import annotations

from .lifecycle import Lifecycle
from .model import SdkRelease
from .phases import Timeline

Minor = tuple[int, int]


def minor_of(release: SdkRelease) -> Minor:
    major, minor = release.version.value.release[:2]
    return (major, minor)


def minor_name(minor: Minor) -> str:
    return f"{minor[0]}.{minor[1]}"


def minors(life: Lifecycle) -> dict[Minor, tuple[SdkRelease, ...]]:
    """Every minor with its releases, both in version order."""
    found: dict[Minor, list[SdkRelease]] = {}
    for release in life.index.releases:
        found.setdefault(minor_of(release), []).append(release)
    return {minor: tuple(found[minor]) for minor in sorted(found)}


def minor_timeline(life: Lifecycle, releases: tuple[SdkRelease, ...]) -> Timeline:
    """The phases of a minor: supported from its earliest release, ending as its newest does."""
    newest = life.sdk_timeline(releases[-1])
    first = min(r.released.value.earliest for r in releases)
    starts = (first if p == "supported" else s for p, s in zip(newest.phases, newest.starts, strict=True))
    return Timeline(newest.phases, tuple(starts))
