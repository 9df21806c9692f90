"""Lookups over the model that rules, phases and renderers share.

SDK versions are final ``X.Y.Z`` releases, so every clause a specifier over them can hold
(``>=``, ``>``, ``<=``, ``<``, ``==``, ``!=``, ``~=``, and ``==``/``!=`` with a ``.*`` wildcard)
matches one or two runs of the releases sorted by version, and a specifier matches the
intersection of its clauses' runs. Each run is found with binary searches instead of a scan,
with the same result as ``SpecifierSet.contains``. The earliest release date inside a run comes
from a sparse table, so every per-specifier question is answered without walking the releases it
matches; answers are cached per specifier text. A specifier outside that grammar (``===``, a
pre-release or local bound) or an index holding other than final releases is matched by a scan.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from packaging.specifiers import Specifier, SpecifierSet
from packaging.version import Version

from .model import SdkRelease, Spec

#: A clause's version that the runs can answer: a plain release number, or one ending in ``.*``.
_PLAIN = re.compile(r"([0-9]+(?:\.[0-9]+)*)(\.\*)?")
_OPERATORS = frozenset({">=", ">", "<=", "<", "==", "!=", "~="})
#: Runs ``(lo, hi)`` of a sorted line of versions, sorted, disjoint and not empty: ``line[lo:hi]``.
Runs = tuple[tuple[int, int], ...]
#: A final release number without trailing zeros, as a tuple: such keys sort as their versions do.
Key = tuple[int, ...]
#: Where a key goes on a line of versions.
Bisect = Callable[[Key], int]
#: A clause read: ``(operator, bound, end)`` (see :func:`_clause_bounds`).
Bounds = tuple[str, Key, Key]
#: Clauses read already, by operator and version; whoever reads many specifiers keeps one.
ClauseMemo = dict[tuple[str, str], Bounds | None]


@dataclass(frozen=True)
class Span:
    """What a specifier matches: first and last release by version, earliest by date, and the
    first release above the range that the specifier does not match (a dependency's default EOS)."""

    first: SdkRelease
    last: SdkRelease
    earliest: SdkRelease
    above: SdkRelease | None


def _trimmed(release: Iterable[int]) -> tuple[int, ...]:
    """A release number as a tuple without trailing zeros: ordered as PEP 440 orders final releases."""
    parts = list(release)
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def release_key(version: Version) -> Key | None:
    """A final release's position on the line of versions (None for any other version): keys
    compare as the versions do."""
    if version.is_prerelease or version.is_postrelease or version.local or version.epoch:
        return None
    return _trimmed(version.release)


def _clause_bounds(clause: Specifier, memo: ClauseMemo) -> Bounds | None:
    """A clause as ``(operator, bound, end)``: for a prefix (``==P.*``, ``!=P.*``, and ``~=`` as
    ``in``) the versions from ``bound`` up to ``end`` excluded; otherwise the operator applied to
    ``bound``. None outside the grammar. ``memo`` keeps the clauses read already."""
    key = (clause.operator, clause.version)
    if key not in memo:
        memo[key] = _bounds(*key)
    return memo[key]


def _bounds(operator: str, version: str) -> tuple[str, Key, Key] | None:
    match = _PLAIN.fullmatch(version)
    if match is None or operator not in _OPERATORS or (match[2] and operator not in ("==", "!=")):
        return None
    number = tuple(int(part) for part in match[1].split("."))
    if match[2] or operator == "~=":
        # ==P.* matches P <= v < P with its last part incremented; ~=P.Q is >=P.Q, ==P.*.
        prefix = number if match[2] else number[:-1]
        if not prefix:
            return None  # ~=X has no prefix; packaging rejects it, so this is unreachable
        end = _trimmed((*prefix[:-1], prefix[-1] + 1))
        return ("out" if operator == "!=" else "in"), _trimmed(number), end
    bound = _trimmed(number)
    return operator, bound, bound


def specifier_keys(specifier: SpecifierSet, memo: ClauseMemo) -> list[Key] | None:
    """Every key at which the runs of a specifier's clauses start or end (None outside the grammar)."""
    keys: list[Key] = []
    for clause in specifier:
        bounds = _clause_bounds(clause, memo)
        if bounds is None:
            return None
        keys += bounds[1:]
    return keys


def specifier_runs(specifier: SpecifierSet, count: int, left: Bisect, right: Bisect, memo: ClauseMemo) -> Runs | None:
    """The runs of a line of ``count`` sorted versions that a specifier matches, given where a key
    goes on it (``left``: before equal keys, ``right``: after them); None outside the grammar.

    The clauses other than ``!=`` narrow one interval; each ``!=`` clause cuts a hole in it."""
    lo, hi = 0, count
    holes: list[tuple[int, int]] = []
    for clause in specifier:
        bounds = _clause_bounds(clause, memo)
        if bounds is None:
            return None
        operator, bound, end = bounds
        if operator == ">=":
            lo = max(lo, left(bound))
        elif operator == ">":
            lo = max(lo, right(bound))
        elif operator == "<=":
            hi = min(hi, right(bound))
        elif operator == "<":
            hi = min(hi, left(bound))
        elif operator in ("==", "in"):
            lo, hi = max(lo, left(bound)), min(hi, right(bound) if operator == "==" else left(end))
        else:  # != and out
            holes.append((left(bound), right(bound) if operator == "!=" else left(end)))
    runs: list[tuple[int, int]] = []
    for start, stop in sorted(holes):
        if start >= hi:
            break
        if start >= stop:
            continue
        if start > lo:
            runs.append((lo, start))
        lo = max(lo, stop)
    if lo < hi:
        runs.append((lo, hi))
    return tuple(runs)


class ReleaseIndex:
    """SDK releases sorted by version, with lookups by version and by specifier."""

    def __init__(self, releases: Iterable[SdkRelease]) -> None:
        by_version: dict[Version, SdkRelease] = {}
        for release in releases:
            by_version.setdefault(release.version.value, release)
        self.releases: tuple[SdkRelease, ...] = tuple(sorted(by_version.values(), key=lambda r: r.version.value))
        self._by_version = by_version
        self._versions = [r.version.value for r in self.releases]
        count = len(self.releases)
        #: Release keys in version order, for binary searches (None: not all final releases).
        keys = [key for key in map(release_key, self._versions) if key is not None]
        self._keys: list[Key] | None = keys if len(keys) == count else None
        self._left = functools.partial(bisect.bisect_left, keys)
        self._right = functools.partial(bisect.bisect_right, keys)
        self._runs: dict[str, Runs | None] = {}
        self._clauses: ClauseMemo = {}
        self._matching: dict[str, tuple[SdkRelease, ...]] = {}
        self._spans: dict[str, Span | None] = {}
        # _earliest[j][i]: the smallest (date, position) among releases[i : i + 2**j], as one int
        # (day ordinal * count + position), so a level is the pairwise minimum of the one below.
        # Equal dates fall to the lower position, which is the lower version.
        level = [r.released.value.earliest.toordinal() * count + i for i, r in enumerate(self.releases)]
        self._earliest: list[list[int]] = [level]
        # _latest[j][i]: the last day on which a release among releases[i : i + 2**j] came out.
        days = [r.released.value.latest.toordinal() for r in self.releases]
        self._latest: list[list[int]] = [days]
        width = 1
        while 2 * width <= count:
            level = list(map(min, level[:-width], level[width:]))
            self._earliest.append(level)
            days = list(map(max, days[:-width], days[width:]))
            self._latest.append(days)
            width *= 2

    def get(self, version: Version) -> SdkRelease | None:
        return self._by_version.get(version)

    def between(self, low: Version, high: Version) -> tuple[SdkRelease, ...]:
        """The releases strictly above ``low`` and below ``high``, in version order."""
        lo, hi = bisect.bisect_right(self._versions, low), bisect.bisect_left(self._versions, high)
        return self.releases[lo:hi]

    def _runs_of(self, spec: Spec) -> Runs | None:
        """The runs of releases a specifier matches, or None when a scan must answer."""
        key = spec.text
        if key in self._runs:
            return self._runs[key]
        runs: Runs | None = None
        if self._keys is not None:
            runs = specifier_runs(spec.specifier, len(self._keys), self._left, self._right, self._clauses)
        self._runs[key] = runs
        return runs

    def matching(self, spec: Spec) -> tuple[SdkRelease, ...]:
        """Releases the specifier matches, in version order."""
        key = spec.text
        cached = self._matching.get(key)
        if cached is None:
            runs = self._runs_of(spec)
            if runs is None:
                cached = tuple(r for r in self.releases if r.version.value in spec)
            elif len(runs) == 1:
                cached = self.releases[runs[0][0] : runs[0][1]]
            else:
                cached = tuple(r for lo, hi in runs for r in self.releases[lo:hi])
            self._matching[key] = cached
        return cached

    def _earliest_in(self, lo: int, hi: int) -> int:
        """The smallest (date, position) key among ``releases[lo:hi]`` (not empty)."""
        level = (hi - lo).bit_length() - 1
        table = self._earliest[level]
        return min(table[lo], table[hi - (1 << level)])

    def span(self, spec: Spec) -> Span | None:
        """First, last, earliest and first-above releases of a specifier; None if it matches nothing."""
        key = spec.text
        if key in self._spans:
            return self._spans[key]
        runs = self._runs_of(spec)
        span: Span | None = None
        if runs is not None:
            if runs:
                count = len(self.releases)
                first_dated = min(self._earliest_in(lo, hi) for lo, hi in runs) % count
                end = runs[-1][1]
                above = self.releases[end] if end < count else None
                span = Span(self.releases[runs[0][0]], self.releases[end - 1], self.releases[first_dated], above)
        else:
            matched = self.matching(spec)
            if matched:
                last = matched[-1]
                start = bisect.bisect_right(self._versions, last.version.value)
                above = next((r for r in self.releases[start:] if r.version.value not in spec), None)
                earliest = min(matched, key=lambda r: (r.released.value.earliest, r.version.value))
                span = Span(matched[0], last, earliest, above)
        self._spans[key] = span
        return span

    def released_after(self, spec: Spec, day: dt.date) -> tuple[SdkRelease, ...]:
        """The releases a specifier matches that came out after ``day`` (by the last day a
        month-precision date can mean), in version order. Runs released by ``day`` are skipped
        whole, so a clean answer costs no walk over the releases."""
        runs = self._runs_of(spec)
        if runs is None:
            return tuple(r for r in self.matching(spec) if r.released.value.latest > day)
        limit = day.toordinal()
        found: list[SdkRelease] = []
        for lo, hi in runs:
            level = (hi - lo).bit_length() - 1
            table = self._latest[level]
            if max(table[lo], table[hi - (1 << level)]) > limit:
                found += (r for r in self.releases[lo:hi] if r.released.value.latest > day)
        return tuple(found)

    def first_above(self, spec: Spec) -> SdkRelease | None:
        """The first release above everything the specifier matches (a dependency's default EOS)."""
        span = self.span(spec)
        return span.above if span else None

    @property
    def latest(self) -> SdkRelease | None:
        return self.releases[-1] if self.releases else None
