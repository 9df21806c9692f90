"""The Neuron release manifests, read as what each release shipped on each platform.

Two forms are read: ``n2-manifest.json`` (``neuron_releases``: every package with its
``supported_instances`` and ``supported_python_versions``) and the legacy Inf1
``neuron-releases-manifest.json`` (``neuron_versions``: components and packages per release,
with one ``instance_support`` and ``python_ver`` list per release). How their names map to the
data (instances to platforms, packages to dependency versions) is the data's ``manifest.yaml``.

A manifest is real and messy: every problem in it is a finding located in the file
(``manifest-format`` when an entry cannot be read, ``manifest-entry`` when it can only after a
correction), never an exception. The same problem in many releases is reported once, at its
first place, naming every release.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from packaging.version import Version

from . import files, json_source
from .findings import Finding
from .json_source import Lines
from .model import Loc, ManifestMapping, ManifestPackage
from .registry import RuleId
from .subjects import Subject
from .suggest import did_you_mean
from .values import SDK_VERSION

Form = Literal["n2", "legacy"]
_SDK_VERSION = re.compile(SDK_VERSION)
_LEADING = re.compile(r"([0-9]+)\.([0-9]+)(?:\.([0-9]+))?")
_PYTHON = re.compile(r"[0-9]+\.[0-9]+")
#: A Python version with stray characters around it ("3.7,", " 3.8"): read, and reported.
_PYTHON_STRAY = re.compile(r"[\s,;]*([0-9]+\.[0-9]+)[\s,;]*")


@dataclass(frozen=True)
class ManifestSource:
    """A manifest file as read from disk: its JSON value and line table, or why it cannot be read.
    ``path`` is how messages name the file."""

    path: str
    value: Any = None
    lines: Lines | None = None
    error: Finding | None = None


def read_manifest(path: str | os.PathLike[str], display: str | None = None) -> ManifestSource:
    """Read a manifest file (a regular file of at most ``MAX_FILE_BYTES``); a file that cannot be
    read or is not JSON gives a source with a blocking ``manifest-format`` finding instead."""
    name = display if display is not None else os.fspath(path)
    target = Path(path)

    def problem(message: str, loc: Loc | None = None) -> ManifestSource:
        at = loc or Loc(name, 1, 1, base="file")
        finding = replace(Finding.of(RuleId.MANIFEST_FORMAT, at, message), blocking=True)
        return ManifestSource(name, error=finding)

    if not files.exists(target):
        return problem(f"{name}: no such file")
    try:
        data = files.read_regular(target.parent, target)
    except files.FileProblem as exc:
        return problem(f"{target.name} {exc}")
    value, lines, error = json_source.parse(data, name)
    if error is not None:
        return problem(error.message, error.loc)
    return ManifestSource(name, value, lines)


@dataclass(frozen=True)
class Entry:
    """Where a manifest says a release shipped a dependency version: the package (or the Python
    version list) and its place."""

    what: str
    loc: Loc


#: (dependency id, version) -> the first entry that ships it.
Shipped = Mapping[tuple[str, str], Entry]


@dataclass(frozen=True)
class ManifestRelease:
    """One release of a manifest: what it shipped per platform. A platform is present when any
    package of the release counts for it; ``partial`` names the dependencies whose versions this
    manifest lists only in part (a version missing from it was not necessarily left out)."""

    version: Version
    loc: Loc
    shipped: Mapping[str, Shipped]
    partial: frozenset[str] = frozenset()

    @property
    def platforms(self) -> frozenset[str]:
        return frozenset(self.shipped)


@dataclass(frozen=True)
class Manifest:
    """A manifest read with the data's mapping: its releases (file order), and its problems."""

    path: str
    form: Form | None
    #: ``manifest_version`` as the file states it, if it does.
    stated_version: str | None
    releases: tuple[ManifestRelease, ...]
    problems: tuple[Finding, ...]

    @property
    def readable(self) -> bool:
        """Whether it could be read as a manifest at all (its releases are facts to compare)."""
        return self.form is not None and not any(p.blocking for p in self.problems)

    def span(self) -> tuple[Version, Version] | None:
        """Its oldest and newest release."""
        versions = [r.version for r in self.releases]
        return (min(versions), max(versions)) if versions else None


# -- reading ------------------------------------------------------------------------------------


@dataclass
class _Problem:
    """A problem seen in one or more releases: reported once, at its first place."""

    rule: RuleId
    message: str
    loc: Loc
    releases: list[str] = field(default_factory=list)
    hints: tuple[str, ...] = ()


class _Reader:
    """Reads one manifest's JSON with the mapping, collecting releases and problems."""

    def __init__(self, source: ManifestSource, mapping: ManifestMapping, platforms: Sequence[str]) -> None:
        assert source.lines is not None
        self.source, self.mapping, self.lines = source, mapping, source.lines
        self.all_platforms = tuple(platforms)
        self.default_platforms = tuple(p.value for p in mapping.platforms) or self.all_platforms
        self.problems: dict[tuple[RuleId, str], _Problem] = {}
        self.top = Loc(source.path, 1, 1, base="file")
        #: The file's top level is not what its form needs: nothing in it can be compared.
        self.unreadable = False

    def at(self, value: Any, fallback: Loc | None = None) -> Loc:
        return self.lines.of(value, fallback or self.top)

    def report(self, rule: RuleId, key: str, message: str, loc: Loc, release: str | None = None) -> None:
        """Note a problem; the same ``key`` again only adds its release."""
        problem = self.problems.setdefault((rule, key), _Problem(rule, message, loc))
        if release is not None and release not in problem.releases:
            problem.releases.append(release)

    def findings(self) -> tuple[Finding, ...]:
        found = []
        for problem in self.problems.values():
            subject = Subject("sdk", "sdk", tuple(problem.releases)) if problem.releases else None
            message = problem.message
            if len(problem.releases) > 1:
                message += f" (in {len(problem.releases)} releases: {compress(problem.releases)})"
            elif problem.releases:
                message += f" (in {problem.releases[0]})"
            found.append(Finding.of(problem.rule, problem.loc, message, subject, problem.hints))
        return tuple(sorted(found, key=Finding.sort_key))

    # -- pieces common to both forms -------------------------------------------------------------

    def text(self, value: Any, what: str, where: Loc, release: str | None) -> str | None:
        if isinstance(value, str):
            return value
        got = "nothing" if value is None else f"{type(value).__name__} {value!r}"[:60]
        self.report(RuleId.MANIFEST_FORMAT, f"{what}:type", f"{what}: expected a string, got {got}", where, release)
        return None

    def strings(self, value: Any, what: str, where: Loc, release: str | None) -> list[str]:
        if not isinstance(value, list):
            got = "nothing" if value is None else type(value).__name__
            self.report(RuleId.MANIFEST_FORMAT, f"{what}:type", f"{what}: expected a list, got {got}", where, release)
            return []
        out = []
        for item in value:
            text = self.text(item, f"an item of {what}", self.at(item, where), release)
            if text is not None:
                out.append(text)
        return out

    def release_version(self, text: str | None, loc: Loc) -> Version | None:
        if text is None:
            return None
        if not _SDK_VERSION.fullmatch(text):
            self.report(
                RuleId.MANIFEST_FORMAT, f"release:{text}", f"release version {text!r} is not an SDK version X.Y.Z", loc
            )
            return None
        return Version(text)

    def instances(self, names: list[str], value: Any, what: str, release: str) -> set[str]:
        """The platforms of an instance list; unknown names and repeats are reported."""
        platforms: set[str] = set()
        seen: set[str] = set()
        items = value if isinstance(value, list) else []
        for index, name in enumerate(names):
            loc = self.at(items[index] if index < len(items) else value)
            if name in seen:
                self.report(
                    RuleId.MANIFEST_ENTRY,
                    f"repeat:{what}:{name}",
                    f"{what} lists instance {name!r} twice (read once)",
                    loc,
                    release,
                )
                continue
            seen.add(name)
            platform = self.mapping.platform(name)
            if platform is None:
                known = [n.value for n, _ in self.mapping.instances]
                self.report(
                    RuleId.MANIFEST_FORMAT,
                    f"instance:{name}",
                    f"unknown instance name {name!r}{did_you_mean(name, known)}: manifest.yaml instances maps "
                    + (", ".join(repr(k) for k in known) or "none"),
                    loc,
                    release,
                )
                continue
            platforms.add(platform)
        return platforms

    def counts_for(self, package: ManifestPackage | None) -> tuple[str, ...]:
        if package is not None and package.platforms:
            return tuple(p.value for p in package.platforms)
        return self.default_platforms

    def dependency_version(self, package: ManifestPackage, version: str, loc: Loc, release: str) -> str | None:
        """The dependency version a package version carries (``2.9.0.2.15.32035`` -> ``2.9``)."""
        part = package.version_part.value
        match = _LEADING.match(version)
        if match is None or (part == "major.minor.patch" and match[3] is None):
            self.report(
                RuleId.MANIFEST_FORMAT,
                f"version:{package.name.value}:{version}",
                f"{package.name.value} version {version!r} does not start with {part} (manifest.yaml packages."
                f"{package.name.value}.version)",
                loc,
                release,
            )
            return None
        numbers = [match[1], match[2], match[3]][: part.count(".") + 1]
        return ".".join(str(int(n)) for n in numbers)

    def python_version(self, text: str, what: str, loc: Loc, release: str) -> str | None:
        if _PYTHON.fullmatch(text):
            return text
        stray = _PYTHON_STRAY.fullmatch(text)
        if stray:
            self.report(
                RuleId.MANIFEST_ENTRY,
                f"python:{what}:{text}",
                f"{what} lists Python version {text!r}, read as {stray[1]!r}",
                loc,
                release,
            )
            return stray[1]
        self.report(
            RuleId.MANIFEST_FORMAT,
            f"python:{what}:{text}",
            f"{what} lists Python version {text!r}, which is not a version X.Y",
            loc,
            release,
        )
        return None

    # -- n2-manifest.json ------------------------------------------------------------------------

    def n2(self, root: dict[str, Any]) -> Iterator[ManifestRelease]:
        releases = root.get("neuron_releases")
        if not isinstance(releases, list):
            self.report(RuleId.MANIFEST_FORMAT, "root", "neuron_releases: expected a list of releases", self.at(root))
            self.unreadable = True
            return
        python = self.mapping.python.value if self.mapping.python else None
        for item in releases:
            where = self.at(item, self.at(releases))
            if not isinstance(item, dict):
                self.report(RuleId.MANIFEST_FORMAT, "release:type", "a release: expected an object", where)
                continue
            name = self.text(item.get("neuron_version"), "neuron_version", where, None)
            version = self.release_version(name, self.at(item.get("neuron_version"), where))
            if version is None or name is None:
                continue
            shipped: dict[str, dict[tuple[str, str], Entry]] = {}
            packages = item.get("packages")
            if not isinstance(packages, list):
                self.report(RuleId.MANIFEST_FORMAT, "packages", "packages: expected a list", where, name)
                packages = []
            for package in packages:
                self.n2_package(package, name, python, shipped, self.at(package, where))
            yield ManifestRelease(version, self.at(item.get("neuron_version"), where), _frozen(shipped))

    def n2_package(
        self,
        value: Any,
        release: str,
        python: str | None,
        shipped: dict[str, dict[tuple[str, str], Entry]],
        where: Loc,
    ) -> None:
        if not isinstance(value, dict):
            self.report(RuleId.MANIFEST_FORMAT, "package:type", "a package: expected an object", where, release)
            return
        name = self.text(value.get("name"), "a package's name", where, release)
        version = self.text(value.get("version"), f"{name or 'a package'}'s version", where, release)
        instances = value.get("supported_instances")
        names = self.strings(instances, f"{name}'s supported_instances", where, release)
        listed = value.get("supported_python_versions")
        pythons = self.strings(listed, f"{name}'s supported_python_versions", where, release)
        if name is None or version is None:
            return
        package = self.mapping.package(name)
        allowed = self.counts_for(package)
        read = self.instances(names, instances, name, release)
        platforms = [p for p in self.all_platforms if p in read and p in allowed]
        entry = Entry(f"{name} {version}", where)
        carried = None
        if package is not None and package.dependency is not None:
            carried = self.dependency_version(package, version, self.at(value.get("version"), where), release)
        found: list[tuple[str, str]] = []
        if carried is not None and package is not None and package.dependency is not None:
            found.append((package.dependency.value, carried))
        if python is not None:
            for index, text in enumerate(pythons):
                loc = self.at(listed[index] if isinstance(listed, list) and index < len(listed) else listed, where)
                number = self.python_version(text, f"{name} {version}", loc, release)
                if number is not None:
                    found.append((python, number))
        for platform in platforms:
            on = shipped.setdefault(platform, {})
            for key in found:
                on.setdefault(key, entry)

    # -- neuron-releases-manifest.json -----------------------------------------------------------

    def legacy(self, root: dict[str, Any]) -> Iterator[ManifestRelease]:
        versions = root.get("neuron_versions")
        if not isinstance(versions, dict):
            self.report(
                RuleId.MANIFEST_FORMAT, "root", "neuron_versions: expected an object of releases", self.at(root)
            )
            self.unreadable = True
            return
        python = self.mapping.python.value if self.mapping.python else None
        partial = frozenset({python} if python and self._legacy_partial() else set())
        for name, item in versions.items():
            where = self.at(item, self.at(versions))
            version = self.release_version(name, where)
            if version is None:
                continue
            if not isinstance(item, dict):
                self.report(RuleId.MANIFEST_FORMAT, "release:type", f"release {name}: expected an object", where)
                continue
            names = self.strings(item.get("instance_support"), "instance_support", where, name)
            on = [p for p in self.all_platforms if p in self.instances(names, item.get("instance_support"), name, name)]
            pythons = self.strings(item.get("python_ver"), "python_ver", where, name)
            shipped: dict[str, dict[tuple[str, str], Entry]] = {}
            components = item.get("components")
            if not isinstance(components, dict):
                self.report(RuleId.MANIFEST_FORMAT, "components", "components: expected an object", where, name)
                components = {}
            for component in components.values():
                packages = component.get("packages") if isinstance(component, dict) else None
                if not isinstance(packages, dict):
                    self.report(
                        RuleId.MANIFEST_FORMAT,
                        "component",
                        "a component: expected an object with packages",
                        self.at(component, where),
                        name,
                    )
                    continue
                for package_name, package in packages.items():
                    self.legacy_package(package_name, package, name, on, shipped, self.at(package, where))
            if python is not None:
                items = item.get("python_ver")
                for index, text in enumerate(pythons):
                    loc = self.at(items[index] if isinstance(items, list) and index < len(items) else items, where)
                    read = self.python_version(text, "python_ver", loc, name)
                    if read is not None:
                        for platform in shipped:
                            shipped[platform].setdefault((python, read), Entry(f"python_ver {text}", loc))
            yield ManifestRelease(version, where, _frozen(shipped), partial)

    def _legacy_partial(self) -> bool:
        return self.mapping.legacy_python is not None and self.mapping.legacy_python.value == "partial"

    def legacy_package(
        self,
        name: str,
        value: Any,
        release: str,
        on: list[str],
        shipped: dict[str, dict[tuple[str, str], Entry]],
        where: Loc,
    ) -> None:
        versions = value.get("versions") if isinstance(value, dict) else None
        if not isinstance(versions, dict):
            self.report(RuleId.MANIFEST_FORMAT, "package", f"{name}: expected an object with versions", where, release)
            return
        package = self.mapping.package(name)
        allowed = self.counts_for(package)
        platforms = [p for p in on if p in allowed]
        for platform in platforms:
            shipped.setdefault(platform, {})
        if package is None or package.dependency is None:
            return
        loc = self.at(versions, where)
        for version in versions:
            carried = self.dependency_version(package, version, loc, release)
            if carried is None:
                continue
            for platform in platforms:
                shipped[platform].setdefault((package.dependency.value, carried), Entry(f"{name} {version}", loc))


def _frozen(shipped: dict[str, dict[tuple[str, str], Entry]]) -> Mapping[str, Shipped]:
    return MappingProxyType({platform: MappingProxyType(found) for platform, found in shipped.items()})


def interpret(source: ManifestSource, mapping: ManifestMapping, platforms: Sequence[str]) -> Manifest:
    """Read a manifest's JSON with the mapping: what each release shipped on each platform (of
    ``platforms``, the data's), and every problem of the file."""
    if source.error is not None:
        return Manifest(source.path, None, None, (), (source.error,))
    reader = _Reader(source, mapping, platforms)
    root = source.value
    form: Form | None = None
    releases: list[ManifestRelease] = []
    if isinstance(root, dict) and "neuron_releases" in root:
        form = "n2"
        releases = list(reader.n2(root))
    elif isinstance(root, dict) and "neuron_versions" in root:
        form = "legacy"
        releases = list(reader.legacy(root))
    else:
        reader.report(
            RuleId.MANIFEST_FORMAT,
            "root",
            "not a Neuron release manifest: expected an object with neuron_releases (n2-manifest.json) or "
            "neuron_versions (neuron-releases-manifest.json)",
            reader.top,
        )
    unique: dict[Version, ManifestRelease] = {}
    for release in releases:
        if release.version in unique:
            first = unique[release.version].loc
            reader.report(
                RuleId.MANIFEST_FORMAT,
                f"duplicate:{release.version}",
                f"release {release.version} is listed twice (first at line {first.line}); the first is read",
                release.loc,
            )
            continue
        unique[release.version] = release
    problems = reader.findings()
    if form is None or reader.unreadable:
        form = None
        problems = tuple(replace(p, blocking=True) for p in problems)
    stated = root.get("manifest_version") if isinstance(root, dict) else None
    return Manifest(
        source.path,
        form,
        str(stated) if isinstance(stated, str) else None,
        tuple(unique.values()),
        problems,
    )


def compress(versions: Sequence[str], order: Sequence[str] | None = None) -> str:
    """``2.3.0-2.5.0, 2.8.0``: runs of versions consecutive in ``order`` (default: the versions
    themselves, sorted), each written as its first and last."""
    wanted = set(versions)
    ranked = list(order) if order is not None else sorted(wanted, key=_sort_key)
    runs: list[list[str]] = []
    previous = False
    for version in ranked:
        if version in wanted:
            if previous:
                runs[-1].append(version)
            else:
                runs.append([version])
        previous = version in wanted
    listed = {v for run in runs for v in run}
    runs += [[v] for v in sorted(wanted - listed, key=_sort_key)]
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


def _sort_key(text: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else -1 for p in text.split("."))


__all__ = ["Entry", "Manifest", "ManifestRelease", "ManifestSource", "compress", "interpret", "read_manifest"]
