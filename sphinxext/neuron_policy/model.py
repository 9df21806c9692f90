"""The validated lifecycle model: frozen dataclasses, every value carrying its source location.

Nothing here reads files or knows about Sphinx; the loader builds these objects and the rules,
phases and renderers only read them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from packaging.specifiers import SpecifierSet
from packaging.version import Version

T = TypeVar("T")

#: An SDK version as the data writes it: X.Y.Z (the loader, subjects and JSON Schema share these).
SDK_VERSION_PATTERN = r"[0-9]+\.[0-9]+\.[0-9]+"
#: A dependency id, which is also the name of its file: dependencies/<id>.yaml.
DEPENDENCY_ID_PATTERN = r"[a-z0-9][a-z0-9-]*"

Precision = Literal["day", "month"]


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a data file: path relative to the data directory, 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Located(Generic[T]):
    """A value read from YAML, with where it was written."""

    value: T
    loc: Loc


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Policy:
    """Parameters of the maintenance policy (``policy.yaml``)."""

    sdk_name: Located[str]
    min_support_months: Located[int]
    eos_notice_months: Located[int]
    conda_last_version: Located[Version] | None
    categories: tuple[Located[str], ...]
    loc: Loc


@dataclass(frozen=True)
class SdkRelease:
    """One SDK release of ``sdk.yaml``."""

    version: Located[Version]
    released: Located[PolicyDate]
    channels: tuple[Located[str], ...]
    phase: Located[str] | None
    loc: Loc


@dataclass(frozen=True)
class SdkEndOfSupport:
    """An ``end_of_support`` entry of ``sdk.yaml``: which releases end, announced and effective when."""

    versions: Located[Spec]
    announced: Located[PolicyDate]
    effective: Located[PolicyDate]
    announcement: Located[str] | None
    loc: Loc


@dataclass(frozen=True)
class Milestone:
    """A dependency version's maintenance or end of support."""

    announced: Located[PolicyDate] | None
    effective: Located[Effective] | None
    announcement: Located[str] | None
    loc: Loc


@dataclass(frozen=True)
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
        return f"{self.dependency} {self.version.value}"


@dataclass(frozen=True)
class Dependency:
    """A dependency file, ``dependencies/<id>.yaml``."""

    id: str
    title: Located[str]
    category: Located[str]
    versions: tuple[DependencyVersion, ...]
    path: str
    loc: Loc


@dataclass(frozen=True)
class Waiver:
    """An accepted exception to a rule (``waivers.yaml``)."""

    rule: Located[str]
    subject: Located[str]
    reason: Located[str]
    until: Located[PolicyDate] | None
    loc: Loc


DEFAULT_CATEGORIES = ("operating-system", "language-runtime", "library", "framework")


@dataclass(frozen=True)
class PolicyData:
    """Everything read from a data directory; parts that failed to load are simply absent."""

    policy: Policy
    releases: tuple[SdkRelease, ...] = ()
    end_of_support: tuple[SdkEndOfSupport, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    files: tuple[str, ...] = field(default=())

    def dependency(self, dep_id: str) -> Dependency | None:
        for dep in self.dependencies:
            if dep.id == dep_id:
                return dep
        return None
