"""Lookups over the model that rules, phases and renderers share.

SDK versions are final ``X.Y.Z`` releases, so a specifier made of ordering clauses is an interval
over the sorted releases and is matched with two binary searches instead of a scan; the result is
the same as ``SpecifierSet.contains`` for such versions. Results are cached per specifier text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from packaging.specifiers import Specifier
from packaging.version import Version

from .model import SdkRelease, Spec

_ORDERING = frozenset({">=", ">", "<=", "<"})


class ReleaseIndex:
    """SDK releases sorted by version, with lookups by version and by specifier."""

    def __init__(self, releases: Iterable[SdkRelease]) -> None:
        by_version: dict[Version, SdkRelease] = {}
        for release in releases:
            by_version.setdefault(release.version.value, release)
        self.releases: tuple[SdkRelease, ...] = tuple(sorted(by_version.values(), key=lambda r: r.version.value))
        self._versions = [r.version.value for r in self.releases]
        self._by_version = by_version
        self._cache: dict[str, tuple[SdkRelease, ...]] = {}

    def get(self, version: Version) -> SdkRelease | None:
        return self._by_version.get(version)

    def matching(self, spec: Spec) -> tuple[SdkRelease, ...]:
        """Releases the specifier matches, in version order."""
        key = str(spec.specifier)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._match(spec)
            self._cache[key] = cached
        return cached

    def _match(self, spec: Spec) -> tuple[SdkRelease, ...]:
        clauses = list(spec.specifier)
        if not all(isinstance(c, Specifier) and c.operator in _ORDERING for c in clauses):
            return tuple(r for r in self.releases if r.version.value in spec)
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
        return self.releases[lo:hi] if lo < hi else ()

    def first_above(self, spec: Spec) -> SdkRelease | None:
        """The first release above everything the specifier matches (a dependency's default EOS)."""
        matched = self.matching(spec)
        if not matched:
            return None
        start = bisect.bisect_right(self._versions, matched[-1].version.value)
        for release in self.releases[start:]:
            if release.version.value not in spec:
                return release
        return None

    @property
    def latest(self) -> SdkRelease | None:
        return self.releases[-1] if self.releases else None
