"""Read a data directory into the model, reporting every problem as a ``schema`` finding.

No Sphinx import: the CLI and the Sphinx build call :func:`load` the same way. Only files under
the data directory are read, and nothing in them is ever executed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from packaging.version import Version

from . import _yaml
from ._util import did_you_mean
from ._yaml import YBad, YMap, YNode, YScalar, YSeq
from .findings import Finding, Severity
from .model import (
    DEFAULT_CATEGORIES,
    DEPENDENCY_ID_PATTERN,
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
from .phases import DEPENDENCY_PHASES, SDK_PHASES
from .registry import RULES
from .schema import CHANNELS, SHAPES
from .values import (
    choice,
    parse_date,
    parse_effective,
    parse_int,
    parse_sdk_version,
    parse_spec,
    parse_subject_text,
    parse_text,
    pattern,
)

T = TypeVar("T")
_DEP_ID = re.compile(DEPENDENCY_ID_PATTERN)
_KIND_NAMES = {YMap: "a mapping", YSeq: "a list", YScalar: "a scalar", YBad: "an unreadable value"}


class UnreadableInput(Exception):
    """The data directory or a file in it cannot be read at all (CLI exit status 2)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class LoadResult:
    """The loaded data (whatever could be read) and the ``schema`` findings, in file order."""

    data: PolicyData
    findings: tuple[Finding, ...] = ()


class _Reader:
    """Converts one file's tree, collecting ``schema`` findings instead of stopping at the first."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings

    def error(self, message: str, loc: Loc) -> None:
        self.findings.append(Finding("schema", Severity.ERROR, loc, message))

    def mapping(self, node: YNode | None, shape_name: str, what: str) -> dict[str, YNode] | None:
        """The mapping's values by key, after checking unknown and missing keys."""
        if not isinstance(node, YMap):
            if node is not None and not isinstance(node, YBad):
                self._wrong_type(node, "a mapping", what)
            return None
        shape = SHAPES[shape_name]
        values: dict[str, YNode] = {}
        for key, value in node.items:
            if key.value not in shape.keys:
                self.error(
                    f"unknown key {key.value!r} in {what}{did_you_mean(key.value, shape.keys)}; "
                    f"allowed: {', '.join(shape.keys)}",
                    key.loc,
                )
                continue
            values[key.value] = value
        for f in shape.fields:
            if f.required and (f.name not in values or _is_null(values[f.name])):
                self.error(f"missing required key {f.name!r} in {what} ({f.doc.rstrip('.').lower()})", node.loc)
        return values

    def _wrong_type(self, node: YNode, expected: str, what: str) -> None:
        got = _KIND_NAMES[type(node)]
        if isinstance(node, YScalar):
            got = "nothing" if node.is_null else f"the scalar {node.value!r}"
        self.error(f"{what}: expected {expected}, got {got}", node.loc)

    def scalar(self, node: YNode | None, what: str, expected: str) -> YScalar | None:
        if node is None or isinstance(node, YBad) or _is_null(node):
            return None
        if not isinstance(node, YScalar):
            self._wrong_type(node, expected, what)
            return None
        return node

    def convert(self, node: YNode | None, what: str, expected: str, parse: Callable[[str], T]) -> Located[T] | None:
        """A scalar converted by ``parse`` (which raises ValueError with the reason)."""
        scalar = self.scalar(node, what, expected)
        if scalar is None:
            return None
        loc = Loc(scalar.loc.path, scalar.loc.line, scalar.text_column)
        try:
            return Located(parse(scalar.value), loc)
        except ValueError as exc:
            self.error(f"{what}: {exc}", loc)
            return None

    def items(self, node: YNode | None, what: str) -> tuple[YNode, ...]:
        if node is None or isinstance(node, YBad) or _is_null(node):
            return ()
        if not isinstance(node, YSeq):
            self._wrong_type(node, "a list", what)
            return ()
        return node.items


def _is_null(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.is_null


def _read_policy(node: YNode | None, path: str, reader: _Reader) -> Policy:
    start = Loc(path, 1, 1)
    values = reader.mapping(node, "policy", path) or {}
    name = reader.convert(values.get("sdk"), "sdk", "a string", parse_text)
    min_support = reader.convert(values.get("min_support_months"), "min_support_months", "a number", parse_int)
    notice = reader.convert(values.get("eos_notice_months"), "eos_notice_months", "a number", parse_int)
    conda: Located[Version] | None
    if "conda_last_version" in values:
        conda = reader.convert(values["conda_last_version"], "conda_last_version", "a version", parse_sdk_version)
    else:
        conda = Located(Version("1.13.0"), start)
    categories: tuple[Located[str], ...] = tuple(Located(c, start) for c in DEFAULT_CATEGORIES)
    if "categories" in values:
        read = (
            reader.convert(item, "category", "a string", pattern(_DEP_ID, "a category id ([a-z0-9-])"))
            for item in reader.items(values["categories"], "categories")
        )
        categories = tuple(c for c in read if c is not None)
    return Policy(
        name or Located("SDK", start),
        min_support or Located(12, start),
        notice or Located(3, start),
        conda,
        categories,
        start,
    )


def _read_sdk(node: YNode | None, path: str, reader: _Reader) -> tuple[list[SdkRelease], list[SdkEndOfSupport]]:
    values = reader.mapping(node, "sdk", path) or {}
    releases: list[SdkRelease] = []
    seen: dict[Version, Loc] = {}
    for item in reader.items(values.get("releases"), "releases"):
        fields = reader.mapping(item, "release", "a release")
        if fields is None:
            continue
        version = reader.convert(fields.get("version"), "version", "a version", parse_sdk_version)
        released = reader.convert(fields.get("released"), "released", "a date", parse_date)
        channels = _read_channels(fields.get("channels"), item.loc, reader)
        phase = reader.convert(fields.get("phase"), "phase", "a phase id", choice(tuple(SDK_PHASES), "SDK phase"))
        if version is None or released is None:
            continue
        if version.value in seen:
            reader.error(
                f"duplicate SDK version {version.value} (first at line {seen[version.value].line})", version.loc
            )
            continue
        seen[version.value] = version.loc
        releases.append(SdkRelease(version, released, channels, phase, item.loc))
    entries: list[SdkEndOfSupport] = []
    for item in reader.items(values.get("end_of_support"), "end_of_support"):
        fields = reader.mapping(item, "sdk-eos", "an end_of_support entry")
        if fields is None:
            continue
        versions = reader.convert(fields.get("versions"), "versions", "a specifier", parse_spec)
        announced = reader.convert(fields.get("announced"), "announced", "a date", parse_date)
        effective = reader.convert(fields.get("effective"), "effective", "a date", parse_date)
        label = reader.convert(fields.get("announcement"), "announcement", "a label", parse_text)
        if versions and announced and effective:
            entries.append(SdkEndOfSupport(versions, announced, effective, label, item.loc))
    return releases, entries


def _read_channels(node: YNode | None, default_loc: Loc, reader: _Reader) -> tuple[Located[str], ...]:
    if node is None:
        return (Located("pip", default_loc),)
    channels: list[Located[str]] = []
    for item in reader.items(node, "channels"):
        channel = reader.convert(item, "channel", "a channel", choice(CHANNELS, "channel"))
        if channel is None:
            continue
        if any(c.value == channel.value for c in channels):
            reader.error(f"channel {channel.value!r} is listed twice", channel.loc)
            continue
        channels.append(channel)
    return tuple(channels)


def _read_milestone(node: YNode | None, shape: str, what: str, reader: _Reader) -> Milestone | None:
    fields = reader.mapping(node, shape, what)
    if fields is None or node is None:
        return None
    return Milestone(
        reader.convert(fields.get("announced"), "announced", "a date", parse_date),
        reader.convert(fields.get("effective"), "effective", "a date or SDK version", parse_effective),
        reader.convert(fields.get("announcement"), "announcement", "a label", parse_text),
        node.loc,
    )


def _read_dependency(
    node: YNode | None, dep_id: str, path: str, categories: Sequence[str], reader: _Reader
) -> Dependency | None:
    values = reader.mapping(node, "dependency", path)
    if values is None or node is None:
        return None
    title = reader.convert(values.get("title"), "title", "a string", parse_text)
    category = reader.convert(values.get("category"), "category", "a category", choice(tuple(categories), "category"))
    versions: list[DependencyVersion] = []
    seen: dict[str, Loc] = {}
    for item in reader.items(values.get("versions"), "versions"):
        fields = reader.mapping(item, "dependency-version", f"a {dep_id} version")
        if fields is None:
            continue
        version = reader.convert(fields.get("version"), "version", "a string", parse_text)
        sdk = reader.convert(fields.get("sdk"), "sdk", "a specifier", parse_spec)
        upstream = reader.convert(fields.get("upstream_eol"), "upstream_eol", "a date", parse_date)
        maintenance = _read_milestone(fields.get("maintenance"), "maintenance", "maintenance", reader)
        eos = _read_milestone(fields.get("end_of_support"), "dependency-eos", "end_of_support", reader)
        phase = reader.convert(
            fields.get("phase"), "phase", "a phase id", choice(tuple(DEPENDENCY_PHASES), "dependency phase")
        )
        if version is None or sdk is None:
            continue
        if version.value in seen:
            reader.error(
                f"duplicate {dep_id} version {version.value!r} (first at line {seen[version.value].line})", version.loc
            )
            continue
        seen[version.value] = version.loc
        versions.append(DependencyVersion(dep_id, version, sdk, upstream, maintenance, eos, phase, item.loc))
    if title is None or category is None:
        return None
    return Dependency(dep_id, title, category, tuple(versions), path, node.loc)


def _read_waivers(node: YNode | None, path: str, reader: _Reader) -> list[Waiver]:
    values = reader.mapping(node, "waivers", path) or {}
    waivers: list[Waiver] = []
    rule_ids = tuple(RULES)
    for item in reader.items(values.get("waivers"), "waivers"):
        fields = reader.mapping(item, "waiver", "a waiver")
        if fields is None:
            continue
        rule = reader.convert(fields.get("rule"), "rule", "a rule id", choice(rule_ids, "rule"))
        subject = reader.convert(fields.get("subject"), "subject", "a subject", parse_subject_text)
        reason = reader.convert(fields.get("reason"), "reason", "a string", parse_text)
        until = reader.convert(fields.get("until"), "until", "a date", parse_date)
        if rule and subject and reason:
            waivers.append(Waiver(rule, subject, reason, until, item.loc))
    return waivers


def _read_file(root: Path, rel: str, findings: list[Finding]) -> YNode | None:
    path = root / rel
    try:
        real = path.resolve()
        if root.resolve() not in real.parents:
            findings.append(
                Finding(
                    "schema",
                    Severity.ERROR,
                    Loc(rel, 1, 1),
                    "the file lies outside the data directory (a symbolic link?)",
                )
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(str(path), exc.strerror or str(exc)) from exc
    tree, errors = _yaml.parse(data, rel)
    findings.extend(Finding("schema", Severity.ERROR, e.loc, e.message) for e in errors)
    return tree


def load(data_dir: str | os.PathLike[str]) -> LoadResult:
    """Load and validate a data directory. Raises :class:`UnreadableInput` if it cannot be read."""
    root = Path(data_dir)
    if not root.is_dir():
        raise UnreadableInput(str(root), "not a directory")
    findings: list[Finding] = []
    reader = _Reader(findings)
    files: list[str] = []

    policy_tree = None
    if (root / "policy.yaml").exists():
        files.append("policy.yaml")
        policy_tree = _read_file(root, "policy.yaml", findings)
    policy = _read_policy(policy_tree, "policy.yaml", reader)

    releases: list[SdkRelease] = []
    entries: list[SdkEndOfSupport] = []
    if (root / "sdk.yaml").exists():
        files.append("sdk.yaml")
        sdk_tree = _read_file(root, "sdk.yaml", findings)
        if sdk_tree is not None:
            releases, entries = _read_sdk(sdk_tree, "sdk.yaml", reader)
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
            tree = _read_file(root, rel, findings)
            if tree is not None:
                dep = _read_dependency(tree, entry.stem, rel, categories, reader)
                if dep is not None:
                    dependencies.append(dep)

    waivers: list[Waiver] = []
    if (root / "waivers.yaml").exists():
        files.append("waivers.yaml")
        tree = _read_file(root, "waivers.yaml", findings)
        if tree is not None:
            waivers = _read_waivers(tree, "waivers.yaml", reader)

    data = PolicyData(policy, tuple(releases), tuple(entries), tuple(dependencies), tuple(waivers), tuple(files))
    return LoadResult(data, tuple(sorted(findings, key=Finding.sort_key)))
