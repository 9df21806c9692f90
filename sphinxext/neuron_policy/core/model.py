"""The validated lifecycle model: frozen dataclasses, every value carrying its source location.

Nothing here reads files; the loader builds these objects and the rules, the lifecycle and the
renderers only read them. Records with several fields take keyword arguments only.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from .registry import RuleId

T = TypeVar("T")

Precision = Literal["day", "month"]
#: What a location's path is relative to: the data directory, a page of the docs (a docname),
#: or nothing (a path as it is, e.g. conf.py).
Base = Literal["data", "page", "file"]


@dataclass(frozen=True, order=True)
class Loc:
    """A position: a path (relative to ``base``), 1-based line, and 1-based column (0: unknown)."""

    path: str
    line: int
    column: int = 0
    base: Base = "data"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"


# No slots: on Python 3.10 and 3.11 a frozen slotted dataclass cannot take the attribute that
# calling a parametrised generic (``Located[int](...)``) sets.
@dataclass(frozen=True)
class Located(Generic[T]):
    """A value read from YAML, with where it was written."""

    value: T
    loc: Loc


@dataclass(frozen=True, slots=True)
class PolicyDate:
    """A calendar date written as ``YYYY-MM-DD`` or, with month precision, ``YYYY-MM``."""

    year: int
    month: int
    day: int | None = None

    @property
    def precision(self) -> Precision:
        return "month" if self.day is None else "day"

    @property
    def earliest(self) -> dt.date:
        """The first day this value can mean."""
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this value can mean."""
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @classmethod
    def of(cls, value: dt.date) -> PolicyDate:
        return cls(value.year, value.month, value.day)

    def __str__(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class Spec:
    """A PEP 440 specifier over SDK versions, kept with its text as written."""

    text: str
    specifier: SpecifierSet

    def __contains__(self, version: Version) -> bool:
        return self.specifier.contains(version, prereleases=True)

    def __str__(self) -> str:
        return self.text


# A dependency milestone's `effective` is either a date or an SDK version.
Effective = PolicyDate | Version


@dataclass(frozen=True, kw_only=True, slots=True)
class Policy:
    """Parameters of the maintenance policy (``policy.yaml``)."""

    sdk_name: Located[str]
    min_support_months: Located[int]
    eos_notice_months: Located[int]
    conda_last_version: Located[Version] | None
    categories: tuple[Located[str], ...]
    loc: Loc


@dataclass(frozen=True, kw_only=True, slots=True)
class SdkRelease:
    """One SDK release of ``sdk.yaml``."""

    version: Located[Version]
    released: Located[PolicyDate]
    channels: tuple[Located[str], ...]
    phase: Located[str] | None
    loc: Loc


@dataclass(frozen=True, kw_only=True, slots=True)
class SdkEndOfSupport:
    """An ``end_of_support`` entry of ``sdk.yaml``: which releases end, announced and effective when."""

    versions: Located[Spec]
    announced: Located[PolicyDate]
    effective: Located[PolicyDate]
    announcement: Located[str] | None
    loc: Loc


@dataclass(frozen=True, kw_only=True, slots=True)
class Milestone:
    """A dependency version's maintenance or end of support."""

    announced: Located[PolicyDate] | None
    effective: Located[Effective] | None
    announcement: Located[str] | None
    loc: Loc


@dataclass(frozen=True, kw_only=True, slots=True)
class DependencyVersion:
    """One version of a dependency and the SDK releases that support it."""

    dependency: str
    version: Located[str]
    sdk: Located[Spec]
    upstream_eol: Located[PolicyDate] | None
    maintenance: Milestone | None
    end_of_support: Milestone | None
    phase: Located[str] | None
    loc: Loc

    @property
    def subject(self) -> str:
        """The subject string that names it: ``python 3.8``."""
        return f"{self.dependency} {self.version.value}"


@dataclass(frozen=True, kw_only=True, slots=True)
class Dependency:
    """A dependency file, ``dependencies/<id>.yaml``."""

    id: str
    title: Located[str]
    category: Located[str]
    versions: tuple[DependencyVersion, ...]
    path: str
    loc: Loc


@dataclass(frozen=True, kw_only=True, slots=True)
class Waiver:
    """An accepted exception to a rule (``waivers.yaml``)."""

    rule: Located[RuleId]
    subject: Located[str]
    reason: Located[str]
    until: Located[PolicyDate] | None
    loc: Loc


@dataclass(frozen=True, kw_only=True)
class PolicyData:
    """Everything read from a data directory; parts that failed to load are simply absent."""

    policy: Policy
    releases: tuple[SdkRelease, ...] = ()
    end_of_support: tuple[SdkEndOfSupport, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    #: The data files that were read, relative to the data directory.
    files: tuple[str, ...] = field(default=())

    @functools.cached_property
    def _by_id(self) -> dict[str, Dependency]:
        return {dep.id: dep for dep in self.dependencies}

    def dependency(self, dep_id: str) -> Dependency | None:
        return self._by_id.get(dep_id)
