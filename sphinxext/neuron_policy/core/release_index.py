"""Lookups over the model that rules, phases and renderers share.

SDK versions are final ``X.Y.Z`` releases, so a specifier made of ordering clauses is an interval
over the releases sorted by version: it is matched with two binary searches instead of a scan,
with the same result as ``SpecifierSet.contains``. The earliest release date inside an interval
comes from a sparse table, so every per-specifier question is answered without walking the
releases it matches; answers are cached per specifier text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from packaging.specifiers import Specifier
from packaging.version import Version

from .model import SdkRelease, Spec

_ORDERING = frozenset({">=", ">", "<=", "<"})


@dataclass(frozen=True)
class Span:
    """What a specifier matches: first and last release by version, earliest by date, and the
    first release above the range that the specifier does not match (a dependency's default EOS)."""

    first: SdkRelease
    last: SdkRelease
    earliest: SdkRelease
    above: SdkRelease | None


def _date_key(release: SdkRelease) -> tuple[object, Version]:
    return (release.released.value.earliest, release.version.value)


class ReleaseIndex:
    """SDK releases sorted by version, with lookups by version and by specifier."""

    def __init__(self, releases: Iterable[SdkRelease]) -> None:
        by_version: dict[Version, SdkRelease] = {}
        for release in releases:
            by_version.setdefault(release.version.value, release)
        self.releases: tuple[SdkRelease, ...] = tuple(sorted(by_version.values(), key=lambda r: r.version.value))
        self._versions = [r.version.value for r in self.releases]
        self._by_version = by_version
        self._bounds: dict[str, tuple[int, int] | None] = {}
        self._matching: dict[str, tuple[SdkRelease, ...]] = {}
        self._spans: dict[str, Span | None] = {}
        # _earliest[j][i]: index of the earliest-dated release among releases[i : i + 2**j]
        self._earliest: list[list[int]] = [list(range(len(self.releases)))]
        width = 1
        while 2 * width <= len(self.releases):
            prev = self._earliest[-1]
            self._earliest.append([self._sooner(prev[i], prev[i + width]) for i in range(len(prev) - width)])
            width *= 2

    def _sooner(self, a: int, b: int) -> int:
        return a if _date_key(self.releases[a]) <= _date_key(self.releases[b]) else b

    def get(self, version: Version) -> SdkRelease | None:
        return self._by_version.get(version)

    def _interval(self, spec: Spec) -> tuple[int, int] | None:
        """``(lo, hi)`` such that ``releases[lo:hi]`` is what an ordering-only specifier matches."""
        key = spec.text
        if key in self._bounds:
            return self._bounds[key]
        clauses = list(spec.specifier)
        bounds: tuple[int, int] | None = None
        if all(isinstance(c, Specifier) and c.operator in _ORDERING for c in clauses):
            lo, hi = 0, len(self._versions)
            for clause in clauses:
                bound = Version(clause.version)
                if clause.operator == ">=":
                    lo = max(lo, bisect.bisect_left(self._versions, bound))
                elif clause.operator == ">":
                    lo = max(lo, bisect.bisect_right(self._versions, bound))
                elif clause.operator == "<=":
                    hi = min(hi, bisect.bisect_right(self._versions, bound))
                else:
                    hi = min(hi, bisect.bisect_left(self._versions, bound))
            bounds = (lo, max(lo, hi))
        self._bounds[key] = bounds
        return bounds

    def matching(self, spec: Spec) -> tuple[SdkRelease, ...]:
        """Releases the specifier matches, in version order."""
        key = spec.text
        cached = self._matching.get(key)
        if cached is None:
            bounds = self._interval(spec)
            if bounds is None:
                cached = tuple(r for r in self.releases if r.version.value in spec)
            else:
                cached = self.releases[bounds[0] : bounds[1]]
            self._matching[key] = cached
        return cached

    def span(self, spec: Spec) -> Span | None:
        """First, last, earliest and first-above releases of a specifier; None if it matches nothing."""
        key = spec.text
        if key in self._spans:
            return self._spans[key]
        bounds = self._interval(spec)
        span: Span | None = None
        if bounds is not None:
            lo, hi = bounds
            if lo < hi:
                level = (hi - lo).bit_length() - 1
                table = self._earliest[level]
                earliest = self._sooner(table[lo], table[hi - (1 << level)])
                above = self.releases[hi] if hi < len(self.releases) else None
                span = Span(self.releases[lo], self.releases[hi - 1], self.releases[earliest], above)
        else:
            matched = self.matching(spec)
            if matched:
                last = matched[-1]
                start = bisect.bisect_right(self._versions, last.version.value)
                above = next((r for r in self.releases[start:] if r.version.value not in spec), None)
                span = Span(matched[0], last, min(matched, key=_date_key), above)
        self._spans[key] = span
        return span

    def first_above(self, spec: Spec) -> SdkRelease | None:
        """The first release above everything the specifier matches (a dependency's default EOS)."""
        span = self.span(spec)
        return span.above if span else None

    @property
    def latest(self) -> SdkRelease | None:
        return self.releases[-1] if self.releases else None
