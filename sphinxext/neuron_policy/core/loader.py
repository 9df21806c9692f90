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
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from packaging.version import Version

from . import yaml_tree
from .collector import collector_paused
from .findings import Finding
from .model import (
    Dependency,
    DependencyVersion,
    Loc,
    Located,
    Milestone,
    Policy,
    PolicyData,
    SdkEndOfSupport,
    SdkRelease,
    Waiver,
)
from .registry import RuleId
from .schema import KINDS, SHAPES, Field
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

    __slots__ = ("loc",)

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc

    if TYPE_CHECKING:  # the dict's get, typed as the builders use it: the value or None, of any type

        def get(self, name: str, /) -> Any: ...  # type: ignore[override]


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
                self.error(
                    f"unknown key {key.value!r} in {shape.what.format(**names)}"
                    f"{did_you_mean(key.value, shape.keys)}; allowed: {', '.join(shape.keys)}",
                    key.loc,
                )
                continue
            given[key.value] = value
        loc = node.loc
        for f in shape.fields:
            if f.required and (f.name not in given or _is_null(given[f.name])):
                self.error(
                    f"missing required key {f.name!r} in {shape.what.format(**names)} "
                    f"({f.doc.rstrip('.').lower()})",
                    loc,
                )
        record = Record(loc)
        for f in shape.fields:
            written = given.get(f.name)
            # absent with no default reads as None (a list reads as empty): most optional keys
            no_value = written is None and f.default is None and f.kind != "list"
            record[f.name] = None if no_value else self._field(written, f, loc, names)
        return record

    def _field(self, node: YNode | None, f: Field, at: Loc, names: Mapping[str, str]) -> Any:
        if f.kind == "mapping":
            assert f.item is not None
            absent = node is None or (_is_null(node) and not f.nullable)
            return None if absent else self.record(node, f.item, names)
        if f.kind == "list":
            assert f.item is not None
            if node is None or (_is_null(node) and not f.nullable):
                texts = f.default if isinstance(f.default, tuple) else ()
                return tuple(Located(_parsed(f.item, text), at) for text in texts)
            items = self._items(node, f.name)
            if f.item in SHAPES:
                return tuple(r for r in (self.record(item, f.item, names) for item in items) if r)
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


def _policy(record: Record) -> Policy:
    return Policy(
        sdk_name=record.get("sdk"),
        min_support_months=record.get("min_support_months"),
        eos_notice_months=record.get("eos_notice_months"),
        conda_last_version=record.get("conda_last_version"),
        categories=record.get("categories"),
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


def _milestone(record: Record | None) -> Milestone | None:
    if record is None:
        return None
    return Milestone(
        announced=record.get("announced"),
        effective=record.get("effective"),
        announcement=record.get("announcement"),
        loc=record.loc,
    )


def _dependency(
    record: Record, dep_id: str, path: str, categories: Sequence[str], reader: _Reader
) -> Dependency | None:
    title, category = record.get("title"), record.get("category")
    if category is not None:
        try:
            choice(tuple(categories), "category")(category.value)
        except ValueError as exc:
            reader.error(f"category: {exc}", category.loc)
            category = None
    versions: list[DependencyVersion] = []
    seen: dict[str, Loc] = {}
    for item in record.get("versions"):
        version, sdk = item.get("version"), item.get("sdk")
        if version is None or sdk is None:
            continue
        if version.value in seen:
            reader.error(
                f"duplicate {dep_id} version {version.value!r} (first at line {seen[version.value].line})", version.loc
            )
            continue
        seen[version.value] = version.loc
        versions.append(
            DependencyVersion(
                dependency=dep_id,
                version=version,
                sdk=sdk,
                upstream_eol=item.get("upstream_eol"),
                maintenance=_milestone(item.get("maintenance")),
                end_of_support=_milestone(item.get("end_of_support")),
                phase=item.get("phase"),
                loc=item.loc,
            )
        )
    if title is None or category is None:
        return None
    return Dependency(id=dep_id, title=title, category=category, versions=tuple(versions), path=path, loc=record.loc)


def _waivers(record: Record) -> Iterator[Waiver]:
    for item in record.get("waivers"):
        rule, subject, reason = item.get("rule"), item.get("subject"), item.get("reason")
        if rule and subject and reason:
            yield Waiver(
                rule=Located(RuleId(rule.value), rule.loc),
                subject=subject,
                reason=reason,
                until=item.get("until"),
                loc=item.loc,
            )


# -- files ---------------------------------------------------------------------------------------


def _read_file(root: Path, rel: str, findings: list[Finding], fast: bool | None) -> YNode | None:
    path = root / rel
    try:
        real = path.resolve()
        if root.resolve() not in real.parents:
            findings.append(
                Finding.of(RuleId.SCHEMA, Loc(rel, 1, 1), "the file lies outside the data directory (a symbolic link?)")
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(str(path), exc.strerror or str(exc)) from exc
    tree, errors = yaml_tree.parse(data, rel, fast=fast)
    findings.extend(Finding.of(RuleId.SCHEMA, e.loc, e.message) for e in errors)
    return tree


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


def _load(root: Path, fast: bool | None) -> LoadResult:
    findings: list[Finding] = []
    reader = _Reader(findings)
    files: list[str] = []

    policy_tree = None
    if (root / "policy.yaml").exists():
        files.append("policy.yaml")
        policy_tree = _read_file(root, "policy.yaml", findings, fast)
    start = Loc("policy.yaml", 1, 1)
    # A policy.yaml that is not a mapping is reported; the rules go on with the defaults.
    record = reader.record(policy_tree, "policy", at=start) or _Reader([]).record(None, "policy", at=start)
    assert record is not None
    policy = _policy(record)

    releases: list[SdkRelease] = []
    entries: list[SdkEndOfSupport] = []
    if (root / "sdk.yaml").exists():
        files.append("sdk.yaml")
        sdk = reader.record(_read_file(root, "sdk.yaml", findings, fast), "sdk")
        if sdk is not None:
            releases = list(_releases(sdk, reader))
            entries = list(_sdk_end_of_support(sdk))
    else:
        reader.error("sdk.yaml is missing: the data directory must list the SDK releases", Loc("sdk.yaml", 1, 1))

    dependencies: list[Dependency] = []
    categories = [c.value for c in policy.categories]
    dep_dir = root / "dependencies"
    if dep_dir.is_dir():
        for entry in sorted(dep_dir.iterdir(), key=lambda p: p.name):
            rel = f"dependencies/{entry.name}"
            if entry.suffix != ".yaml":
                if entry.suffix in (".yml", ".json"):
                    reader.error(f"dependency files are named <id>.yaml; {entry.name} is not read", Loc(rel, 1, 1))
                continue
            if not entry.is_file():
                reader.error(f"{entry.name} is not a file", Loc(rel, 1, 1))
                continue
            if not _DEP_ID.fullmatch(entry.stem) or entry.stem == "sdk":
                reason = (
                    "is reserved for the SDK itself"
                    if entry.stem == "sdk"
                    else "is not a dependency id ([a-z0-9][a-z0-9-]*)"
                )
                reader.error(f"{entry.stem!r} {reason}", Loc(rel, 1, 1))
                continue
            files.append(rel)
            dep_record = reader.record(_read_file(root, rel, findings, fast), "dependency", {"id": entry.stem})
            if dep_record is not None:
                dep = _dependency(dep_record, entry.stem, rel, categories, reader)
                if dep is not None:
                    dependencies.append(dep)

    waivers: list[Waiver] = []
    if (root / "waivers.yaml").exists():
        files.append("waivers.yaml")
        waiver_record = reader.record(_read_file(root, "waivers.yaml", findings, fast), "waivers")
        if waiver_record is not None:
            waivers = list(_waivers(waiver_record))

    data = PolicyData(
        policy=policy,
        releases=tuple(releases),
        end_of_support=tuple(entries),
        dependencies=tuple(dependencies),
        waivers=tuple(waivers),
        files=tuple(files),
    )
    return LoadResult(data, tuple(sorted(findings, key=Finding.sort_key)))
