"""Read a data directory into the model, reporting every problem as a ``schema`` finding.

Every file is read by its shape in :mod:`.schema` (keys, kinds, defaults), then built into the
model. No Sphinx import: the CLI and the Sphinx build call :func:`load` the same way. Only files
under the data directory are read, and nothing in them is ever executed.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from packaging.version import Version

from . import files, yaml_tree
from .collector import collector_paused
from .findings import Finding, printable
from .model import (
    Dependency,
    DependencyVersion,
    Kind,
    Loc,
    Located,
    ManifestMapping,
    ManifestPackage,
    Milestone,
    Platform,
    Policy,
    PolicyData,
    Post,
    RangePart,
    SdkEndOfSupport,
    SdkRelease,
    Software,
    SupportRange,
    Waiver,
)
from .phases import MILESTONE_PHASES
from .registry import RuleId
from .schema import KINDS, SHAPES, Field, Shape
from .subjects import SUBJECT_FOLDERS
from .suggest import did_you_mean
from .values import DEPENDENCY_ID, choice
from .yaml_tree import YBad, YMap, YNode, YScalar, YSeq

_DEP_ID = re.compile(DEPENDENCY_ID)
_KIND_NAMES = {YMap: "a mapping", YSeq: "a list", YScalar: "a scalar", YBad: "an unreadable value"}


class UnreadableInput(Exception):
    """The data directory cannot be read at all (CLI exit status 2)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class LoadResult:
    """The loaded data (whatever could be read) and the ``schema`` findings, in file order."""

    data: PolicyData
    findings: tuple[Finding, ...] = ()


class Record(dict[str, Any]):
    """A mapping read by its shape: converted values by key (absent keys hold their default),
    and where it is. A dict, so that ``get``, which the model builders call for every key, is the
    dict's own."""

    __slots__ = ("failed", "loc")

    def __init__(self, loc: Loc, values: Mapping[str, Any] | None = None, failed: frozenset[str] = frozenset()) -> None:
        super().__init__(values or ())
        self.loc = loc
        #: The keys whose values had a problem (reported): what they say is incomplete.
        self.failed = failed

    if TYPE_CHECKING:  # the dict's get, typed as the builders use it: the value or None, of any type

        def get(self, name: str, /) -> Any: ...  # type: ignore[override]


def _unknown_key(key: str, shape: Shape, what: str) -> str:
    """Why a key is not allowed: where it belongs (a nested mapping's key one level off), or the
    closest allowed keys."""
    parents = [f.name for f in shape.fields if f.item in SHAPES and key in SHAPES[str(f.item)].keys]
    if parents:
        return (
            f"unknown key {key!r} in {what}: it belongs under {' or '.join(parents)} (check its indentation); "
            f"allowed here: {', '.join(shape.keys)}"
        )
    return f"unknown key {key!r} in {what}{did_you_mean(key, shape.keys)}; allowed: {', '.join(shape.keys)}"


def _singular(name: str) -> str:
    return name[:-3] + "y" if name.endswith("ies") else name.removesuffix("s")


def _is_null(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.is_null


@functools.cache
def _keys(shape_name: str) -> frozenset[str]:
    return frozenset(SHAPES[shape_name].keys)


@functools.cache
def _parsed(kind_name: str, text: str) -> Any:
    """A default as written, read once: values are immutable, so every record may share it."""
    return KINDS[kind_name].parse(text)


def _default(f: Field, at: Loc) -> Located[Any] | None:
    return None if f.default is None else Located(_parsed(f.kind, str(f.default)), at)


_NO_NAMES: Mapping[str, str] = MappingProxyType({})
_PARSE = {name: kind.parse for name, kind in KINDS.items()}


class _Reader:
    """Reads trees by their shapes, collecting ``schema`` findings instead of stopping at the first."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings

    def error(self, message: str, loc: Loc) -> None:
        self.findings.append(Finding.of(RuleId.SCHEMA, loc, message))

    def _wrong_type(self, node: YNode, expected: str, what: str) -> None:
        got = _KIND_NAMES[type(node)]
        if isinstance(node, YScalar):
            got = "nothing" if node.is_null else f"the scalar {node.value!r}"
        self.error(f"{what}: expected {expected}, got {got}", node.loc)

    def record(
        self, node: YNode | None, shape_name: str, names: Mapping[str, str] | None = None, *, at: Loc | None = None
    ) -> Record | None:
        """A mapping of the shape, or None if it is not one. With ``at``, a missing mapping reads
        as an empty one there (a file that is optional, so its defaults apply)."""
        shape = SHAPES[shape_name]
        names = names or _NO_NAMES
        if not isinstance(node, YMap):
            if node is not None and not isinstance(node, YBad) and not (at is not None and _is_null(node)):
                self._wrong_type(node, "a mapping", shape.what.format(**names))
                return None
            if at is None or isinstance(node, YBad):
                return None
            node = YMap((), at)
        given: dict[str, YNode] = {}
        keys = _keys(shape_name)
        for key, value in node.items:
            if key.value not in keys:
                self.error(_unknown_key(key.value, shape, shape.what.format(**names)), key.loc)
                continue
            given[key.value] = value
        loc = node.loc
        for f in shape.fields:
            if f.required and (f.name not in given or _is_null(given[f.name])):
                what = shape.what.format(**names)
                self.error(f"missing required key {f.name!r} in {what} ({f.doc.rstrip('.').lower()})", loc)
        for group in shape.one_of:
            if not any(name in given and not _is_null(given[name]) for name in group):
                what = shape.what.format(**names)
                self.error(f"{what} needs {' or '.join(repr(name) for name in group)}", loc)
        record = Record(loc)
        failed: list[str] = []
        findings = self.findings
        for f in shape.fields:
            written = given.get(f.name)
            # absent with no default reads as None (a list or map reads as empty): most optional keys
            if written is None and f.default is None and f.kind not in ("list", "map"):
                record[f.name] = None
                continue
            before = len(findings)
            record[f.name] = self._field(written, f, loc, names)
            if len(findings) > before:
                failed.append(f.name)
        if failed:
            record.failed = frozenset(failed)
        return record

    def _field(self, node: YNode | None, f: Field, at: Loc, names: Mapping[str, str]) -> Any:
        absent = node is None or (_is_null(node) and not f.nullable)
        if f.kind == "mapping":
            assert f.item is not None
            return None if absent else self.record(node, f.item, names)
        if f.kind == "map":
            assert f.item is not None
            return () if absent else self._map(node, f, names)
        if f.kind == "range":
            return None if absent or node is None else self._range(node, f.name)
        if f.kind == "list":
            assert f.item is not None
            if absent:
                texts = f.default if isinstance(f.default, tuple) else ()
                return tuple(Located(_parsed(f.item, text), at) for text in texts)
            items = self._items(node, f.name)
            if f.item in SHAPES:
                return tuple(r for r in (self.record(item, f.item, names) for item in items) if r is not None)
            return self._scalars(items, f)
        if f.nullable and node is not None and _is_null(node):
            return None
        # Absent, null, unreadable or invalid (reported): the rules go on with the default, if any.
        return self.scalar(node, f.name, f.kind) or _default(f, at)

    def scalar(self, node: YNode | None, what: str, kind_name: str) -> Located[Any] | None:
        """A scalar converted by its kind (None if absent, null, unreadable or invalid)."""
        if isinstance(node, YScalar):
            if node.is_null:
                return None
            loc = Loc(node.path, node.line, node.text_column)
            try:
                return Located(_PARSE[kind_name](node.value), loc)
            except ValueError as exc:
                self.error(f"{what}: {exc}", loc)
                return None
        if node is not None and not isinstance(node, YBad):
            self._wrong_type(node, KINDS[kind_name].expected, what)
        return None

    def _map(self, node: YNode | None, f: Field, names: Mapping[str, str]) -> tuple[tuple[Located[str], Any], ...]:
        """A mapping from ids to values of the field's item: ((id, value), ...) in file order."""
        assert f.item is not None
        if node is None or isinstance(node, YBad) or _is_null(node):
            return ()
        if not isinstance(node, YMap):
            self._wrong_type(node, "a mapping", f.name)
            return ()
        entries: list[tuple[Located[str], Any]] = []
        for key, value in node.items:
            if key.is_null:
                keys = "ids" if f.key == "id" else "names"
                self.error(f"{f.name}: expected {_singular(f.name)} {keys} as keys, got nothing", key.loc)
                continue
            name = self.scalar(key, f"{_singular(f.name)} {'id' if f.key == 'id' else 'name'}", f.key)
            if name is None:
                continue
            item = self.record(value, f.item, names) if f.item in SHAPES else self.scalar(value, name.value, f.item)
            if item is not None:
                entries.append((name, item))
        return tuple(entries)

    def _range(self, node: YNode, what: str) -> tuple[Record, ...] | None:
        """A support range: one specifier, or a list of specifiers and range parts, as records of
        the range-part shape."""
        if isinstance(node, YScalar):
            spec = self.scalar(node, what, "specifier")
            return None if spec is None else (Record(spec.loc, {"range": spec, "platforms": ()}),)
        parts: list[Record] = []
        for item in self._items(node, what):
            if isinstance(item, YScalar):
                spec = self.scalar(item, what, "specifier")
                if spec is not None:
                    parts.append(Record(spec.loc, {"range": spec, "platforms": ()}))
                continue
            part = self.record(item, "range-part")
            if part is not None and part.get("range") is not None:
                parts.append(part)
        if isinstance(node, YSeq) and not node.items:
            self.error(f"{what}: expected a specifier or a list of range parts, got an empty list", node.loc)
        return tuple(parts) or None

    def _items(self, node: YNode | None, what: str) -> tuple[YNode, ...]:
        if node is None or isinstance(node, YBad) or _is_null(node):
            return ()
        if not isinstance(node, YSeq):
            self._wrong_type(node, "a list", what)
            return ()
        return node.items

    def _scalars(self, items: Sequence[YNode], f: Field) -> tuple[Located[Any], ...]:
        assert f.item is not None
        what = _singular(f.name)
        values: list[Located[Any]] = []
        for item in items:
            value = self.scalar(item, what, f.item)
            if value is None:
                continue
            if f.unique and any(v.value == value.value for v in values):
                self.error(f"{what} {value.value!r} is listed twice", value.loc)
                continue
            values.append(value)
        return tuple(values)


# -- building the model from records -------------------------------------------------------------


#: The kind of ``dependencies/<id>.yaml`` when policy.yaml declares no kinds: the seed policy.
DEFAULT_DEPENDENCY_PHASES = ("upcoming", "supported", "announced", "maintenance", "end-of-support")


def _default_dependency_kind(at: Loc) -> Kind:
    return Kind(
        id="dependency",
        title=Located("Dependency software", at),
        phases=tuple(Located(p, at) for p in DEFAULT_DEPENDENCY_PHASES),
        notice_months=None,
        overlap_months=None,
        complete=True,
        loc=at,
    )


def _kinds(entries: tuple[tuple[Located[str], Record], ...], at: Loc) -> tuple[Kind, ...]:
    kinds = [
        Kind(
            id=name.value,
            title=record.get("title") or Located(name.value, name.loc),
            phases=record.get("phases"),
            notice_months=record.get("notice_months"),
            overlap_months=record.get("overlap_months"),
            complete="phases" not in record.failed,
            loc=name.loc,
        )
        for name, record in entries
    ]
    if not any(kind.id == "dependency" for kind in kinds):
        kinds.insert(0, _default_dependency_kind(at))
    return tuple(kinds)


def _policy(record: Record) -> Policy:
    return Policy(
        unreadable=frozenset(record.failed & {"platforms", "kinds", "categories"}),
        sdk_name=record.get("sdk"),
        min_support_months=record.get("min_support_months"),
        eos_notice_months=record.get("eos_notice_months"),
        conda_last_version=record.get("conda_last_version"),
        categories=record.get("categories"),
        platforms=tuple(Platform(id=name.value, title=title, loc=name.loc) for name, title in record.get("platforms")),
        kinds=_kinds(record.get("kinds"), record.loc),
        loc=record.loc,
    )


def _releases(record: Record, reader: _Reader) -> Iterator[SdkRelease]:
    seen: dict[Version, Loc] = {}
    for item in record.get("releases"):
        version, released = item.get("version"), item.get("released")
        if version is None or released is None:
            continue
        if version.value in seen:
            reader.error(
                f"duplicate SDK version {version.value} (first at line {seen[version.value].line})", version.loc
            )
            continue
        seen[version.value] = version.loc
        yield SdkRelease(
            version=version, released=released, channels=item.get("channels"), phase=item.get("phase"), loc=item.loc
        )


def _sdk_end_of_support(record: Record) -> Iterator[SdkEndOfSupport]:
    for item in record.get("end_of_support"):
        versions, announced, effective = item.get("versions"), item.get("announced"), item.get("effective")
        if versions and announced and effective:
            yield SdkEndOfSupport(
                versions=versions,
                announced=announced,
                effective=effective,
                announcement=item.get("announcement"),
                loc=item.loc,
            )


class _Builder:
    """Builds model records that name things policy.yaml declares (platforms, kinds, categories),
    reporting each unknown name at its place."""

    def __init__(self, reader: _Reader, policy: Policy, *, trusted: bool) -> None:
        self.reader = reader
        self.policy = policy
        # Names policy.yaml should declare but could not (the file, or that key, had a problem):
        # none is called wrong, and platforms are dropped, since nothing can be computed for them.
        unknown = {"platforms", "kinds", "categories"} if not trusted else policy.unreadable
        self.unknown: frozenset[str] = frozenset(unknown)

    def _known(self, value: Located[str], options: Sequence[str], what: str, key: str) -> bool:
        if key in self.unknown or value.value in options:
            return True
        hint = did_you_mean(value.value, options)
        listed = ", ".join(options) if options else "none"
        self.reader.error(f"unknown {what} {value.value!r}{hint}; policy.yaml declares {listed}", value.loc)
        return False

    def platforms(self, values: tuple[Located[str], ...]) -> tuple[Located[str], ...]:
        if "platforms" in self.unknown:
            return ()
        ids = self.policy.platform_ids()
        return tuple(v for v in values if self._known(v, ids, "platform", "platforms"))

    def kind(self, value: Located[str] | None) -> Located[str] | None:
        if value is None:
            return None
        return value if self._known(value, [k.id for k in self.policy.kinds], "kind", "kinds") else None

    def category(self, value: Located[str] | None) -> Located[str] | None:
        if value is None or "categories" in self.unknown:
            return value
        try:
            choice(tuple(c.value for c in self.policy.categories), "category")(value.value)
        except ValueError as exc:
            self.reader.error(f"category: {exc}", value.loc)
            return None
        return value

    def support(self, parts: tuple[Record, ...] | None, at: Loc) -> SupportRange | None:
        if not parts:
            return None
        if "platforms" in self.unknown:  # only what holds everywhere can be said
            parts = tuple(p for p in parts if not p.get("platforms")) or parts
        return SupportRange(
            parts=tuple(
                RangePart(
                    spec=part.get("range"),
                    platforms=self.platforms(part.get("platforms")),
                    returns=part.get("return"),
                    reason=part.get("reason"),
                    loc=part.loc,
                )
                for part in parts
            ),
            loc=at,
        )

    def milestone(self, record: Record | None) -> Milestone | None:
        if record is None:
            return None
        posts = [
            Post(date=p.get("date"), kind=p.get("kind"), label=p.get("label"), title=p.get("title"), loc=p.loc)
            for p in record.get("announcements")
            if p.get("date") is not None
        ]
        announced = record.get("announced")
        if announced is not None:  # the short form: one announcement
            posts.insert(
                0, Post(date=announced, kind=None, label=record.get("announcement"), title=None, loc=record.loc)
            )
        posts.sort(key=lambda post: post.date.value.earliest)
        return Milestone(
            effective=record.get("effective"),
            posts=tuple(posts),
            platforms=self.platforms(record.get("platforms")),
            use=record.get("use"),
            loc=record.loc,
        )

    def dependency(self, record: Record, dep_id: str, path: str) -> Dependency | None:
        title, category = record.get("title"), self.category(record.get("category"))
        kind = self.kind(record.get("kind"))
        versions: list[DependencyVersion] = []
        seen: dict[str, Loc] = {}
        for item in record.get("versions"):
            version, support = item.get("version"), self.support(item.get("sdk"), item.loc)
            if version is None or support is None:
                continue
            if version.value in seen:
                self.reader.error(
                    f"duplicate {dep_id} version {version.value!r} (first at line {seen[version.value].line})",
                    version.loc,
                )
                continue
            seen[version.value] = version.loc
            versions.append(
                DependencyVersion(
                    dependency=dep_id,
                    version=version,
                    support=support,
                    upstream_eol=item.get("upstream_eol"),
                    maintenance=self.milestone(item.get("maintenance")),
                    end_of_support=self.milestone(item.get("end_of_support")),
                    phase=item.get("phase"),
                    loc=item.loc,
                )
            )
        if title is None or category is None or kind is None:
            return None
        return Dependency(
            id=dep_id, title=title, category=category, kind=kind, versions=tuple(versions), path=path, loc=record.loc
        )

    def software(self, record: Record, item_id: str, path: str) -> Software | None:
        title, kind = record.get("title"), self.kind(record.get("kind"))
        if kind is not None and kind.value == "dependency":
            self.reader.error("kind: dependency software is described in dependencies/<id>.yaml, by version", kind.loc)
            kind = None
        milestones = []
        for key, phase in MILESTONE_PHASES.items():
            milestone = self.milestone(record.get(key))
            if milestone is not None:
                milestones.append((phase, milestone))
        if title is None or kind is None:
            return None
        return Software(
            id=item_id,
            title=title,
            kind=kind,
            support=self.support(record.get("sdk"), record.loc),
            platforms=self.platforms(record.get("platforms")),
            milestones=tuple(milestones),
            path=path,
            loc=record.loc,
        )

    def manifest(self, record: Record, dependencies: Mapping[str, str]) -> ManifestMapping:
        """The manifest mapping; each dependency it names must be a file of dependencies/
        (``dependencies`` maps every subject id to its file, readable or not)."""

        def dependency(value: Located[str] | None) -> Located[str] | None:
            if value is None or dependencies.get(value.value, "").startswith("dependencies/"):
                return value
            known = sorted(k for k, path in dependencies.items() if path.startswith("dependencies/"))
            if value.value in dependencies:
                why = f"{value.value!r} is Neuron software ({dependencies[value.value]}), not a dependency"
            else:
                why = f"no dependency {value.value!r}{did_you_mean(value.value, known)}; dependencies/ has " + (
                    ", ".join(known) or "none"
                )
            self.reader.error(f"dependency: {why}", value.loc)
            return None

        packages = []
        for name, item in record.get("packages"):
            packages.append(
                ManifestPackage(
                    name=name,
                    dependency=dependency(item.get("dependency")),
                    version_part=item.get("version"),
                    platforms=self.platforms(item.get("platforms")),
                    loc=item.loc,
                )
            )
        python = record.get("python")
        instances = tuple((name, platform) for name, platform in record.get("instances") if self.platforms((platform,)))
        return ManifestMapping(
            instances=instances,
            platforms=self.platforms(record.get("platforms")),
            packages=tuple(packages),
            python=dependency(python.get("dependency")) if python else None,
            legacy_python=python.get("legacy") if python else None,
            loc=record.loc,
        )

    def waivers(self, record: Record) -> Iterator[Waiver]:
        for item in record.get("waivers"):
            rule, subject, reason = item.get("rule"), item.get("subject"), item.get("reason")
            if rule and subject and reason:
                yield Waiver(
                    rule=Located(RuleId(rule.value), rule.loc),
                    subject=subject,
                    reason=reason,
                    until=item.get("until"),
                    platforms=self.platforms(item.get("platforms")),
                    loc=item.loc,
                )


# -- files ---------------------------------------------------------------------------------------


class _Files:
    """Reads the data directory's files into trees, noting which are present and which are broken."""

    def __init__(self, root: Path, reader: _Reader, fast: bool | None) -> None:
        self.root, self.reader, self.fast = root, reader, fast
        self.present: list[str] = []
        self.broken: set[str] = set()

    def blocked(self, rel: str, message: str) -> None:
        """A file that cannot be read at all: the cause of every gap it leaves."""
        self.broken.add(rel)
        self.reader.findings.append(replace(Finding.of(RuleId.SCHEMA, Loc(rel, 1, 1), message), blocking=True))

    def tree(self, rel: str, *, required: bool = False) -> YNode | None:
        path = self.root / rel
        if not files.exists(path):
            if required:
                self.blocked(rel, f"{rel} is missing: the data directory must list the SDK releases")
            return None
        self.present.append(rel)
        try:
            data = files.read_regular(self.root, path)
        except files.FileProblem as exc:
            self.blocked(rel, f"{PurePosixPath(rel).name} {exc}")
            return None
        tree, errors = yaml_tree.parse(data, rel, fast=self.fast)
        if tree is None:
            self.broken.add(rel)
        for error in errors:
            finding = Finding.of(RuleId.SCHEMA, error.loc, error.message, hints=error.hints)
            self.reader.findings.append(replace(finding, blocking=tree is None))
        return tree

    def folder_files(self, name: str) -> list[str]:
        """``<name>/<entry>`` of every entry of a folder of the data directory, by name."""
        folder = self.root / name
        if not files.exists(folder):
            return []
        if not folder.is_dir():
            self.blocked(name, f"{name} is not a directory")
            return []
        if self.root.resolve() not in folder.resolve().parents:
            self.blocked(name, f"{name} lies outside the data directory (a symbolic link?)")
            return []
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            self.blocked(name, f"{name} cannot be read: {exc.strerror or exc}")
            return []
        return [f"{name}/{entry}" for entry in names]


@collector_paused
def load(data_dir: str | os.PathLike[str], *, libyaml: bool | None = None) -> LoadResult:
    """Load and validate a data directory. Raises :class:`UnreadableInput` if it cannot be read.

    ``libyaml`` chooses PyYAML's C parser (default: when it is installed); the results are the
    same either way.
    """
    root = Path(data_dir)
    if not root.is_dir():
        raise UnreadableInput(str(root), "not a directory")
    return _load(root, libyaml)


#: The shape of the files of each subject folder.
FOLDERS = dict(zip(SUBJECT_FOLDERS, ("dependency", "software"), strict=True))


def _load(root: Path, fast: bool | None) -> LoadResult:
    findings: list[Finding] = []
    reader = _Reader(findings)
    source = _Files(root, reader, fast)

    start = Loc("policy.yaml", 1, 1)
    policy_tree = source.tree("policy.yaml")
    # A policy.yaml that is not a mapping is reported; the rules go on with the defaults.
    record = reader.record(policy_tree, "policy", at=start)
    if record is None:  # reported; the rules that need its parameters stay quiet
        source.broken.add("policy.yaml")
        record = _Reader([]).record(None, "policy", at=start)
    assert record is not None
    policy = _policy(record)
    # With a policy.yaml that cannot be read, its names are unknown: none is called wrong.
    build = _Builder(reader, policy, trusted="policy.yaml" not in source.broken)

    releases: list[SdkRelease] = []
    entries: list[SdkEndOfSupport] = []
    sdk = reader.record(source.tree("sdk.yaml", required=True), "sdk")
    if sdk is not None:
        releases = list(_releases(sdk, reader))
        entries = list(_sdk_end_of_support(sdk))
    else:
        source.broken.add("sdk.yaml")

    dependencies: list[Dependency] = []
    software: list[Software] = []
    taken: dict[str, str] = {}
    for folder, shape in FOLDERS.items():
        for rel in source.folder_files(folder):
            stem = _subject_file(rel, reader)
            if stem is None:
                continue
            if stem in taken:
                reader.error(
                    f"{stem!r} is taken by {taken[stem]}: ids are unique across {', '.join(FOLDERS)}", Loc(rel, 1, 1)
                )
                continue
            taken[stem] = rel
            record = reader.record(source.tree(rel), shape, {"id": stem})
            item: Dependency | Software | None = None
            if record is not None:
                item = (
                    build.dependency(record, stem, rel) if shape == "dependency" else build.software(record, stem, rel)
                )
            if item is None:  # reported; pages and waivers that name it stay quiet until it is fixed
                source.broken.add(rel)
            elif isinstance(item, Dependency):
                dependencies.append(item)
            else:
                software.append(item)

    waivers: list[Waiver] = []
    waiver_tree = source.tree("waivers.yaml")
    waiver_record = reader.record(waiver_tree, "waivers")
    if waiver_record is not None:
        waivers = list(build.waivers(waiver_record))
    elif waiver_tree is not None:
        source.broken.add("waivers.yaml")

    manifest: ManifestMapping | None = None
    manifest_tree = source.tree("manifest.yaml")
    manifest_record = reader.record(manifest_tree, "manifest")
    if manifest_record is not None:
        manifest = build.manifest(manifest_record, taken)
    elif manifest_tree is not None:
        source.broken.add("manifest.yaml")

    data = PolicyData(
        policy=policy,
        releases=tuple(releases),
        end_of_support=tuple(entries),
        dependencies=tuple(dependencies),
        software=tuple(software),
        waivers=tuple(waivers),
        manifest=manifest,
        files=tuple(source.present),
        broken=frozenset(source.broken),
    )
    return LoadResult(data, tuple(sorted(findings, key=Finding.sort_key)))


def _subject_file(rel: str, reader: _Reader) -> str | None:
    """The id a file of a subject folder names (its stem), or None when it is not one (reported
    for a name that looks meant to be one)."""
    folder, name = rel.split("/", 1)
    stem, suffix = name.rsplit(".", 1) if "." in name else (name, "")
    if suffix != "yaml":
        if suffix in ("yml", "json"):
            reader.error(f"files in {folder}/ are named <id>.yaml; {name} is not read", Loc(rel, 1, 1))
        return None
    if not _DEP_ID.fullmatch(stem) or stem == "sdk":
        reason = "is reserved for the SDK itself" if stem == "sdk" else "is not an id ([a-z0-9][a-z0-9-]*)"
        reader.error(f"'{printable(stem)}' {reason}", Loc(rel, 1, 1))
        return None
    return stem
