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
class Platform:
    """A platform software is supported on (``policy.yaml`` ``platforms``): an instance family."""

    id: str
    title: Located[str]
    loc: Loc


@dataclass(frozen=True, kw_only=True, slots=True)
class Kind:
    """A kind of software and its policy (``policy.yaml`` ``kinds``): which phases apply to it, and
    the parameters of the rules about it."""

    id: str
    title: Located[str]
    phases: tuple[Located[str], ...]
    #: Months of notice before maintenance and end of support (rule ``notice``); None: no rule.
    notice_months: Located[int] | None
    #: Months an older framework version's component keeps regular updates (rule ``overlap``).
    overlap_months: Located[int] | None
    #: False when a phase it lists could not be read (reported): which phases apply is unknown.
    complete: bool
    loc: Loc

    def has(self, phase: str) -> bool:
        return any(p.value == phase for p in self.phases)


@dataclass(frozen=True, kw_only=True, slots=True)
class Policy:
    """Parameters of the maintenance policy (``policy.yaml``)."""

    sdk_name: Located[str]
    min_support_months: Located[int]
    eos_notice_months: Located[int]
    conda_last_version: Located[Version] | None
    categories: tuple[Located[str], ...]
    platforms: tuple[Platform, ...]
    kinds: tuple[Kind, ...]
    #: Keys (platforms, kinds, categories) whose values had a problem (reported): the names they
    #: declare are unknown, so none is called wrong.
    unreadable: frozenset[str]
    loc: Loc

    def kind(self, kind_id: str) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)

    def platform_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.platforms)


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
class Post:
    """One dated announcement of a milestone (an intent, a "no longer supported", a correction)."""

    date: Located[PolicyDate]
    kind: Located[str] | None
    #: A reST label of the page that explains it.
    label: Located[str] | None
    title: Located[str] | None
    loc: Loc


@dataclass(frozen=True, kw_only=True, slots=True)
class Milestone:
    """A milestone of a dependency version or a software item: the start of a phase (maintenance,
    end of support, beta, ...), with its announcements and the platforms and use it applies to."""

    effective: Located[Effective] | None
    #: The announcements, oldest first (``announced``/``announcement`` written alone are one post).
    posts: tuple[Post, ...]
    #: The platforms it applies to; empty: every platform.
    platforms: tuple[Located[str], ...]
    #: The stated use it applies to ("inference"); None: every use.
    use: Located[str] | None
    loc: Loc

    @property
    def announced(self) -> Located[PolicyDate] | None:
        """When it was first announced."""
        return min((p.date for p in self.posts), key=lambda d: d.value.earliest, default=None)

    @property
    def announcement(self) -> Located[str] | None:
        """The label of the first post that has one."""
        return next((p.label for p in self.posts if p.label is not None), None)

    def applies_to(self, platform: str | None) -> bool:
        return platform is None or not self.platforms or any(p.value == platform for p in self.platforms)


@dataclass(frozen=True, kw_only=True, slots=True)
class RangePart:
    """One part of a support range: the SDK releases it covers, on which platforms, and, for a
    part after a gap, whether support really returned or the releases only shipped it (waived)."""

    spec: Located[Spec]
    #: The platforms this part is for; empty: every platform that no other part names.
    platforms: tuple[Located[str], ...]
    #: ``real`` or ``waived`` for a return after a gap; None otherwise.
    returns: Located[str] | None
    reason: Located[str] | None
    loc: Loc

    @property
    def supported(self) -> bool:
        """Whether its releases support the subject (a waived return only shipped it)."""
        return self.returns is None or self.returns.value == "real"


@dataclass(frozen=True, kw_only=True, slots=True)
class SupportRange:
    """The SDK releases that support a subject: one or more parts, per platform."""

    parts: tuple[RangePart, ...]
    loc: Loc

    def parts_for(self, platform: str | None) -> tuple[RangePart, ...]:
        """The parts that apply to a platform: those naming it, else those naming none. For no
        platform in particular (``None``): the parts naming none, else every part."""
        general = tuple(p for p in self.parts if not p.platforms)
        if platform is None:
            return general or self.parts
        named = tuple(p for p in self.parts if any(x.value == platform for x in p.platforms))
        return named or general

    @property
    def primary(self) -> Located[Spec]:
        """The first part's range: how one range alone describes the subject."""
        return self.parts[0].spec


@dataclass(frozen=True, kw_only=True, slots=True)
class DependencyVersion:
    """One version of a dependency and the SDK releases that support it."""

    dependency: str
    version: Located[str]
    support: SupportRange
    upstream_eol: Located[PolicyDate] | None
    maintenance: Milestone | None
    end_of_support: Milestone | None
    phase: Located[str] | None
    loc: Loc

    @property
    def subject(self) -> str:
        """The subject string that names it: ``python 3.8``."""
        return f"{self.dependency} {self.version.value}"

    @property
    def sdk(self) -> Located[Spec]:
        """The range of its first support part (the only one, unless it differs by platform)."""
        return self.support.primary


@dataclass(frozen=True, kw_only=True, slots=True)
class Dependency:
    """A dependency file, ``dependencies/<id>.yaml``."""

    id: str
    title: Located[str]
    category: Located[str]
    #: Its kind of software (``policy.yaml`` ``kinds``): ``dependency`` unless it says otherwise.
    kind: Located[str]
    versions: tuple[DependencyVersion, ...]
    path: str
    loc: Loc


@dataclass(frozen=True, kw_only=True, slots=True)
class Software:
    """A Neuron software item other than a dependency version (``software/<id>.yaml``): a
    component, a feature, an API, a DLAMI or DLC, with a milestone per phase of its kind."""

    id: str
    title: Located[str]
    kind: Located[str]
    #: The SDK releases that ship it, if the data says.
    support: SupportRange | None
    #: Where it exists; empty: every platform.
    platforms: tuple[Located[str], ...]
    #: Milestone per phase id (``beta``, ``rc``, ``supported``, ``maintenance``, ``end-of-support``).
    milestones: tuple[tuple[str, Milestone], ...]
    path: str
    loc: Loc

    def milestone(self, phase: str) -> Milestone | None:
        return next((m for p, m in self.milestones if p == phase), None)


@dataclass(frozen=True, kw_only=True, slots=True)
class Waiver:
    """An accepted exception to a rule (``waivers.yaml``)."""

    rule: Located[RuleId]
    subject: Located[str]
    reason: Located[str]
    until: Located[PolicyDate] | None
    #: The platforms it waives the rule on; empty: every platform.
    platforms: tuple[Located[str], ...]
    loc: Loc


@dataclass(frozen=True, kw_only=True, slots=True)
class ManifestPackage:
    """How to read one package of the release manifests (``manifest.yaml`` ``packages``)."""

    name: Located[str]
    #: The dependency whose version its own version carries; None: it carries none.
    dependency: Located[str] | None
    #: Which leading numbers of its version are the dependency version (``major.minor``).
    version_part: Located[str]
    #: The platforms its entries count for; empty: the mapping's default platforms.
    platforms: tuple[Located[str], ...]
    loc: Loc


@dataclass(frozen=True, kw_only=True)
class ManifestMapping:
    """How the release manifests name what the data describes (``manifest.yaml``): instance names
    as platforms, packages as dependency versions, Python version lists as a dependency."""

    #: Instance name as the manifests write it -> platform id, in file order.
    instances: tuple[tuple[Located[str], Located[str]], ...]
    #: The platforms a package that ``packages`` does not list counts for; empty: every platform.
    platforms: tuple[Located[str], ...]
    packages: tuple[ManifestPackage, ...]
    #: The dependency whose versions the Python version lists name; None: they are not compared.
    python: Located[str] | None
    #: ``complete`` or ``partial``: whether a legacy manifest's python_ver names every version.
    legacy_python: Located[str] | None
    loc: Loc
    path: str = "manifest.yaml"

    @functools.cached_property
    def _instances(self) -> dict[str, str]:
        return {name.value: platform.value for name, platform in self.instances}

    @functools.cached_property
    def _packages(self) -> dict[str, ManifestPackage]:
        return {package.name.value: package for package in self.packages}

    def platform(self, instance: str) -> str | None:
        """The platform an instance name means, or None if the mapping does not name it."""
        return self._instances.get(instance)

    def package(self, name: str) -> ManifestPackage | None:
        return self._packages.get(name)

    @property
    def dependencies(self) -> tuple[str, ...]:
        """The dependencies the manifests say something about, in mapping order, each once."""
        ids = [p.dependency.value for p in self.packages if p.dependency is not None]
        if self.python is not None:
            ids.append(self.python.value)
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True, kw_only=True)
class PolicyData:
    """Everything read from a data directory; parts that failed to load are simply absent."""

    policy: Policy
    releases: tuple[SdkRelease, ...] = ()
    end_of_support: tuple[SdkEndOfSupport, ...] = ()
    dependencies: tuple[Dependency, ...] = ()
    software: tuple[Software, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    #: How to read the release manifests (``manifest.yaml``); None when the data has no such file.
    manifest: ManifestMapping | None = None
    #: The data files present, relative to the data directory (read, or found unreadable).
    files: tuple[str, ...] = field(default=())
    #: The files that could not be read or parsed at all: facts from them are missing, so the
    #: rules and pages that would need them stay quiet (the file's own error says why).
    broken: frozenset[str] = field(default=frozenset())

    @functools.cached_property
    def _by_id(self) -> dict[str, Dependency]:
        return {dep.id: dep for dep in self.dependencies}

    @functools.cached_property
    def _software_by_id(self) -> dict[str, Software]:
        return {item.id: item for item in self.software}

    def dependency(self, dep_id: str) -> Dependency | None:
        return self._by_id.get(dep_id)

    def software_item(self, item_id: str) -> Software | None:
        return self._software_by_id.get(item_id)
