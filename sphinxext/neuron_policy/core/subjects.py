"""Subjects: how directives, roles, waivers and findings name what they are about (SPEC 4).

``sdk 2.19.0`` (or a bare ``2.19.0``), ``sdk <specifier>``, ``<dependency-id> <version>`` and
``<dependency-id>``. The same strings are the keys under which pages record what they show.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from .release_index import ClauseMemo, Key, Runs, release_key, specifier_keys, specifier_runs
from .suggest import did_you_mean
from .values import DEPENDENCY_ID, SDK_VERSION, SPECIFIER, parse_specifier

SubjectKind = Literal["sdk", "dependency"]
_SDK_VERSION = re.compile(SDK_VERSION)
_DEPENDENCY_ID = re.compile(DEPENDENCY_ID)
_MINOR = re.compile(r"[0-9]+\.[0-9]+")
#: A subject string, as JSON Schema can say it (the converter is :func:`parse_subject_text`).
SUBJECT = (
    rf"\s*(?:sdk\s+(?:{SDK_VERSION}|{SPECIFIER})|{SDK_VERSION}|(?!sdk(?:\s|$)){DEPENDENCY_ID}(?:\s+\S[\s\S]*)?)\s*"
)


@dataclass(frozen=True)
class Subject:
    """What a finding is about: SDK releases (or an EOS entry's specifier), or a dependency version."""

    kind: SubjectKind
    name: str
    versions: tuple[str, ...] = ()
    spec: str | None = None
    #: The platforms the finding is about; empty: every platform (or none is declared).
    platforms: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.spec is not None:
            return f"{self.name} {self.spec}"
        return " ".join([self.name, *self.versions[:1]])


class SubjectError(ValueError):
    """A subject string that cannot be read, or that names nothing in the data."""


class UnreadableSubject(SubjectError):
    """A subject whose data file could not be read: not the author's mistake, and already reported."""


@dataclass(frozen=True)
class Query:
    """A parsed subject string: what a directive, role or waiver refers to."""

    kind: SubjectKind
    name: str
    version: str | None = None
    spec: SpecifierSet | None = None
    text: str = ""

    def matches(self, subject: Subject) -> bool:
        """Whether a finding's subject falls under this query (used by waivers)."""
        if subject.kind != self.kind or subject.name != self.name:
            return False
        if self.kind == "dependency":
            return self.version is None or self.version in subject.versions
        if self.version is not None:
            return self.version in subject.versions
        if self.spec is not None:
            if subject.spec is not None and SpecifierSet(subject.spec) == self.spec:
                return True
            return bool(subject.versions) and all(
                self.spec.contains(Version(v), prereleases=True) for v in subject.versions
            )
        return True


class _Ranges:
    """Specifier queries (positions, in order) as runs over the line their bounds cut: a slot for
    the versions equal to each bound (odd) and one for those between it and the bound below
    (even). The runs are kept in a segment tree, so the queries containing a slot come out in
    order."""

    def __init__(
        self, queries: Sequence[tuple[int, SpecifierSet]], cut: dict[int, list[Key]], memo: ClauseMemo
    ) -> None:
        self.bounds = sorted({key for keys in cut.values() for key in keys})
        slot = {key: 2 * i + 1 for i, key in enumerate(self.bounds)}
        slots = 2 * len(self.bounds) + 1
        self.size = 1 << (slots - 1).bit_length()
        self.tree: list[list[int]] = [[] for _ in range(2 * self.size)]
        self.runs: dict[int, tuple[list[int], Runs]] = {}
        for position, spec in queries:
            runs = specifier_runs(spec, slots, slot.__getitem__, lambda key: slot[key] + 1, memo)
            assert runs is not None  # the same clauses gave their keys
            self.runs[position] = ([lo for lo, _ in runs], runs)
            for lo, hi in runs:  # each run on the nodes that cover it exactly
                lo, hi = lo + self.size, hi + self.size
                while lo < hi:
                    if lo & 1:
                        self.tree[lo].append(position)
                        lo += 1
                    if hi & 1:
                        hi -= 1
                        self.tree[hi].append(position)
                    lo, hi = lo >> 1, hi >> 1

    def slot(self, key: Key) -> int:
        i = bisect.bisect_left(self.bounds, key)
        return 2 * i + 1 if i < len(self.bounds) and self.bounds[i] == key else 2 * i

    def contains(self, position: int, slot: int) -> bool:
        starts, runs = self.runs[position]
        i = bisect.bisect_right(starts, slot) - 1
        return i >= 0 and slot < runs[i][1]

    def first(self, slots: Sequence[int], limit: int) -> int:
        """The first query before ``limit`` whose runs hold every slot (``limit`` if none): of the
        queries holding the first slot, in order, the first that holds the others."""
        node = slots[0] + self.size
        holding = []
        while node:
            if self.tree[node]:
                holding.append(self.tree[node])
            node >>= 1
        for position in heapq.merge(*holding):
            if position < limit and all(self.contains(position, slot) for slot in slots[1:]):
                return position
            if position >= limit:
                break
        return limit


class _Bucket:
    """The queries of one kind and name, by what they can match (positions in the query list)."""

    def __init__(self) -> None:
        self.any: int | None = None  # the first query that matches every subject of its name
        self.versions: dict[str, int] = {}  # the first query naming each version
        self.specs: dict[SpecifierSet, int] = {}  # the first query with each specifier (SDK only)
        self.specified: list[tuple[int, SpecifierSet]] = []  # the queries with a specifier, in order
        self.ranges: _Ranges | None = None


class QueryIndex:
    """Queries indexed by what they match: :meth:`first` answers which query, in order, first
    :meth:`Query.matches` a subject, as trying each in turn would, in logarithmic time (a
    subject naming several SDK versions also tries, in order, the specifier queries holding the
    first one until one holds the rest). A subject whose versions are not all final releases is
    answered by trying the queries in turn."""

    def __init__(self, queries: Sequence[Query]) -> None:
        self.queries = tuple(queries)
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        for position, query in enumerate(self.queries):
            bucket = self._buckets.setdefault((query.kind, query.name), _Bucket())
            if query.version is not None:
                bucket.versions.setdefault(query.version, position)
            elif query.kind == "dependency" or query.spec is None:
                bucket.any = position if bucket.any is None else bucket.any
            else:
                bucket.specs.setdefault(query.spec, position)
                bucket.specified.append((position, query.spec))
        memo: ClauseMemo = {}
        for bucket in self._buckets.values():
            cut = {position: specifier_keys(spec, memo) for position, spec in bucket.specified}
            if bucket.specified and None not in cut.values():  # else: outside the grammar, scanned
                keys = {p: keys for p, keys in cut.items() if keys is not None}
                bucket.ranges = _Ranges(bucket.specified, keys, memo)

    def _scan(self, subject: Subject) -> int | None:
        return next((i for i, query in enumerate(self.queries) if query.matches(subject)), None)

    def first(self, subject: Subject) -> int | None:
        """The position of the first query that matches ``subject``, or None."""
        bucket = self._buckets.get((subject.kind, subject.name))
        if bucket is None:
            return None
        found = [bucket.any, *(bucket.versions.get(v) for v in subject.versions)]
        best = min((p for p in found if p is not None), default=len(self.queries))
        ranges = bucket.ranges
        if subject.kind != "sdk" or not bucket.specified or bucket.specified[0][0] > best:
            return best if best < len(self.queries) else None
        if ranges is None:
            return self._scan(subject)
        slots: list[int] = []
        try:
            same = bucket.specs.get(SpecifierSet(subject.spec)) if subject.spec is not None else None
            for text in subject.versions:
                key = release_key(Version(text))
                if key is None:
                    return self._scan(subject)
                slots.append(ranges.slot(key))
        except ValueError:  # not a specifier, or not a version: as trying each query fails
            return self._scan(subject)
        if same is not None:
            best = min(best, same)
        if slots:
            best = ranges.first(slots, best)
        return best if best < len(self.queries) else None


@functools.lru_cache(maxsize=4096)  # a waiver's subject is read by the loader, a rule and the grading
def parse_subject(text: str, *, allow_spec: bool = True) -> Query:
    """Read a subject string; raise :class:`SubjectError` with a reason when it cannot be read."""
    words = text.strip().split(None, 1)
    if not words:
        raise SubjectError("empty subject")
    head, rest = words[0], (words[1].strip() if len(words) > 1 else "")
    if _SDK_VERSION.fullmatch(head) and not rest:
        return Query("sdk", "sdk", version=head, text=text.strip())
    if head == "sdk":
        if not rest:
            raise SubjectError("'sdk' needs a version or a specifier, e.g. 'sdk 2.19.0' or 'sdk <2.20'")
        if _SDK_VERSION.fullmatch(rest):
            return Query("sdk", "sdk", version=rest, text=text.strip())
        if not allow_spec:
            hint = f" (did you mean 'sdk {rest}.0'?)" if _MINOR.fullmatch(rest) else ""
            raise SubjectError(f"expected an SDK version X.Y.Z after 'sdk', got {rest!r}{hint}")
        try:
            return Query("sdk", "sdk", spec=parse_specifier(rest), text=text.strip())
        except ValueError:
            hint = ""
            if _MINOR.fullmatch(rest):
                hint = f" (did you mean 'sdk {rest}.0' for the release, or 'sdk =={rest}.*' for the minor?)"
            raise SubjectError(f"{rest!r} is neither an SDK version X.Y.Z nor a PEP 440 specifier{hint}") from None
    if not _DEPENDENCY_ID.fullmatch(head):
        raise SubjectError(
            f"{head!r} is not a dependency or software id ([a-z0-9][a-z0-9-]*), an SDK version or 'sdk <specifier>'"
        )
    return Query("dependency", head, version=rest or None, text=text.strip())


def parse_subject_text(value: str) -> str:
    """The converter of a subject in the data: the text, stripped, if it reads as a subject."""
    try:
        parse_subject(value)
    except SubjectError as exc:
        raise ValueError(str(exc)) from None
    return value.strip()


#: The folders of one file per subject, ``<folder>/<id>.yaml``: dependencies (by version) and
#: other Neuron software. An id names a file in one of them.
SUBJECT_FOLDERS = ("dependencies", "software")


def id_files(subject_id: str) -> tuple[str, ...]:
    """The files a subject id could be written in."""
    return tuple(f"{folder}/{subject_id}.yaml" for folder in SUBJECT_FOLDERS)


def subject_files(text: str) -> tuple[str, ...]:
    """The data files a subject string draws on, whether or not it names something that exists."""
    words = text.split()
    if words and _DEPENDENCY_ID.fullmatch(words[0]) and words[0] != "sdk":
        return ("sdk.yaml", *id_files(words[0]))
    return ("sdk.yaml",)


def unknown_reason(
    query: Query,
    sdk_versions: Collection[str],
    dependencies: Mapping[str, list[str]],
    software: Sequence[str] = (),
) -> str | None:
    """Why a parsed subject names nothing that exists (with the closest names), or None if it does."""
    if query.kind == "sdk":
        if query.version is not None and query.version not in sdk_versions:
            return f"SDK version {query.version} is not in sdk.yaml{did_you_mean(query.version, sdk_versions)}"
        return None
    if query.name not in dependencies:
        what = "dependency or software" if software else "dependency"
        return f"no {what} {query.name!r}{did_you_mean(query.name, [*dependencies, *software])}"
    versions = dependencies[query.name]
    if query.version is not None and query.version not in versions:
        return (
            f"{query.name} has no version {query.version!r}"
            f"{did_you_mean(query.version, versions)}; known: {', '.join(versions)}"
        )
    return None
