"""Safe YAML reading: bytes to a small located tree, with every problem as a located message.

Scalars are never typed: the YAML is composed (not constructed) with the base resolver, so
``3.10``, ``no`` and ``1_000`` stay the strings written. libyaml's C parser is used when present;
on a syntax error the pure-Python parser is asked again so that messages do not depend on which
parser is installed.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import yaml

from .model import Loc

#: Nodes reached through aliases, per file, past which the file is rejected (alias bombs).
ALIAS_EXPANSION_LIMIT = 10_000
#: Deepest nesting accepted; real data is at most five levels deep.
MAX_DEPTH = 64

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_DEFAULT_TAGS = {yaml.ScalarNode: _STR_TAG, yaml.SequenceNode: _SEQ_TAG, yaml.MappingNode: _MAP_TAG}

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CBaseLoader

    class _FastLoader(CBaseLoader):
        """libyaml's parser and composer with the base resolver's answer given directly: it has
        no implicit or path resolvers, so a node without a tag gets its kind's default tag (the
        composer asks for every node, and this is most of what it does in Python)."""

        def resolve(self, kind: type[yaml.Node], value: str | None, implicit: object) -> str:
            return _DEFAULT_TAGS[kind]

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover
    _FastLoader = yaml.BaseLoader  # type: ignore[misc,assignment]
    HAVE_LIBYAML = False

_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class YScalar(NamedTuple):
    """A scalar as written; ``style`` is "" for plain, a quote for quoted, | or > for block scalars.

    A tuple with its position as numbers (the :class:`Loc` is made when asked for): the tree
    holds one of these for every scalar of the data, and most positions are never reported.
    """

    value: str
    style: str
    path: str
    line: int
    column: int

    @property
    def loc(self) -> Loc:
        return Loc(self.path, self.line, self.column)

    @property
    def plain(self) -> bool:
        return self.style == ""

    @property
    def is_null(self) -> bool:
        return self.style == "" and self.value in _NULLS

    @property
    def text_column(self) -> int:
        """Column of the value's first character: after an opening quote; a block scalar's indicator."""
        return self.column + (1 if self.style in ("'", '"') else 0)


class YSeq(NamedTuple):
    items: tuple[YNode, ...]
    loc: Loc


class YMap(NamedTuple):
    """A mapping with string keys, in file order; duplicates already reported and dropped."""

    items: tuple[tuple[YScalar, YNode], ...]
    loc: Loc

    def keys(self) -> Iterator[str]:
        return (key.value for key, _ in self.items)


class YBad(NamedTuple):
    """A value that could not be read; its problem is already reported, so readers skip it quietly."""

    loc: Loc


YNode = YScalar | YSeq | YMap | YBad


@dataclass(frozen=True)
class YamlError:
    """A problem found while reading a file (the loader turns these into ``schema`` findings)."""

    message: str
    loc: Loc
    hints: tuple[str, ...] = ()


class _Converter:
    """Composed nodes to the tree, with every problem reported. ``shared``: the text has anchors,
    so a node may be reached more than once (an alias), and what aliases reach is counted."""

    def __init__(self, path: str, *, shared: bool) -> None:
        self.path = path
        self.shared = shared
        self.errors: list[YamlError] = []
        self.expanded = 0
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.over_budget = False

    def loc(self, node: yaml.Node) -> Loc:
        mark = node.start_mark
        return Loc(self.path, mark.line + 1, mark.column + 1)

    def scalar(self, node: yaml.ScalarNode) -> YScalar | None:
        if node.tag != _STR_TAG:
            hints: tuple[str, ...] = ()
            if node.tag.startswith("!") and not node.tag.startswith("!!"):
                meant = f"{node.tag} {node.value}".strip()
                hints = (f"a value starting with '!' must be quoted in YAML: write \"{meant}\"",)
            self.errors.append(YamlError(f"YAML tag {node.tag!r} is not supported", self.loc(node), hints))
            return None
        mark = node.start_mark
        return YScalar(node.value, node.style or "", self.path, mark.line + 1, mark.column + 1)

    def convert(self, node: yaml.Node, depth: int = 0) -> YNode | None:
        key = id(node)
        if self.shared:
            if self.over_budget:
                return None
            if key in self.active:
                self.errors.append(YamlError("an alias refers to a node that contains it", self.loc(node)))
                return None
            if key in self.seen:
                self.expanded += 1
                if self.expanded > ALIAS_EXPANSION_LIMIT:
                    self.over_budget = True
                    self.errors.append(
                        YamlError(
                            f"aliases expand to more than {ALIAS_EXPANSION_LIMIT} nodes "
                            "(an alias bomb?); anchors are meant for small shared values",
                            self.loc(node),
                        )
                    )
                    return None
            self.seen.add(key)
        if depth > MAX_DEPTH:
            self.errors.append(YamlError(f"nesting deeper than {MAX_DEPTH} levels", self.loc(node)))
            return None
        if isinstance(node, yaml.ScalarNode):  # most nodes; nothing inside, so never active
            return self.scalar(node)
        if not self.shared:
            return self._convert(node, depth)
        self.active.add(key)
        try:
            return self._convert(node, depth)
        finally:
            self.active.discard(key)

    def _child(self, node: yaml.Node, depth: int) -> YNode | None:
        """``convert(node, depth)``, straight to :meth:`scalar` where nothing else can apply."""
        if not self.shared and depth <= MAX_DEPTH and isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        return self.convert(node, depth)

    def _convert(self, node: yaml.Node, depth: int) -> YNode | None:
        loc = self.loc(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self.errors.append(YamlError(f"YAML tag {node.tag!r} is not supported", loc))
                return None
            items = (self._child(item, depth + 1) for item in node.value)
            return YSeq(tuple(item for item in items if item is not None), loc)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                self.errors.append(YamlError(f"YAML tag {node.tag!r} is not supported", loc))
                return None
            return self._mapping(node, loc, depth)
        return None  # pragma: no cover - compose yields only the three kinds

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> YMap:
        own: dict[str, tuple[YScalar, YNode]] = {}
        merged: dict[str, tuple[YScalar, YNode]] = {}
        for key_node, value_node in node.value:
            if (
                key_node.value == "<<"
                and isinstance(key_node, yaml.ScalarNode)
                and key_node.tag in (_STR_TAG, _MERGE_TAG)
                and key_node.style in (None, "")
            ):
                for part in self._merge_sources(value_node, depth):
                    for key, value in part.items:
                        merged.setdefault(key.value, (key, value))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                self.errors.append(YamlError("mapping keys must be plain strings", self.loc(key_node)))
                continue
            mark = key_node.start_mark
            key = YScalar(key_node.value, key_node.style or "", self.path, mark.line + 1, mark.column + 1)
            if key.value in own:
                first = own[key.value][0].loc
                self.errors.append(YamlError(f"duplicate key {key.value!r} (first at line {first.line})", key.loc))
                continue
            converted = self._child(value_node, depth + 1)
            own[key.value] = (key, converted if converted is not None else YBad(self.loc(value_node)))
        items = dict(merged)
        items.update(own)
        return YMap(tuple(items.values()), loc)

    def _merge_sources(self, node: yaml.Node, depth: int) -> list[YMap]:
        value = self.convert(node, depth + 1)
        parts = value.items if isinstance(value, YSeq) else (value,)
        maps: list[YMap] = []
        for part in parts:
            if isinstance(part, YMap):
                maps.append(part)
            elif part is not None:
                self.errors.append(YamlError("a merge key ('<<') takes a mapping or a list of mappings", part.loc))
        return maps


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _decode(data: bytes, path: str) -> tuple[str | None, YamlError | None]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        head = data[: exc.start].decode("utf-8", errors="replace")
        line, column = _position(head, len(head))
        return None, YamlError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            Loc(path, line, column),
        )


#: A plain value that starts with a character YAML reads as an indicator (block scalar, tag,
#: anchor, alias, directive, reserved): ``sdk: >=3.0`` is the usual one.
_INDICATOR_VALUE = re.compile(r"(\s*(?:-\s+)*(?:[^\s#:'\"-][^:#]*?:\s+)?)([>|!&*%@`][^#]*?)\s*(?:#.*)?")


def _quote_hint(line: str) -> tuple[str, ...]:
    """A hint to quote the value, when the line's value starts with an indicator character."""
    match = _INDICATOR_VALUE.fullmatch(line)
    if not match or not match[2].strip():
        return ()
    value = match[2].strip()
    written = (match[1].strip() + " " if match[1].strip() else "") + '"' + value.replace('"', '\\"') + '"'
    return (f"a value starting with {value[0]!r} must be quoted in YAML: write {written}",)


def _syntax_error(text: str, exc: Exception, path: str) -> YamlError:
    if isinstance(exc, yaml.reader.ReaderError):
        line, column = _position(text, exc.position)
        what = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        return YamlError(f"invalid YAML: character {what} is not allowed", Loc(path, line, column))
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        if exc.context and exc.problem:
            problem = f"{problem} ({exc.context})"
        if mark is not None:
            lines = text.splitlines()
            hints = _quote_hint(lines[mark.line]) if mark.line < len(lines) else ()
            if not hints and 0 < mark.line <= len(lines):
                hints = _quote_hint(lines[mark.line - 1])
            return YamlError(f"invalid YAML: {problem}", Loc(path, mark.line + 1, mark.column + 1), hints)
        return YamlError(f"invalid YAML: {problem}", Loc(path, 1, 1))
    if isinstance(exc, RecursionError):
        return YamlError("invalid YAML: nesting too deep", Loc(path, 1, 1))
    return YamlError(f"invalid YAML: {exc}", Loc(path, 1, 1))


def parse(data: bytes, path: str, *, fast: bool | None = None) -> tuple[YNode | None, list[YamlError]]:
    """Read one YAML document; ``path`` is how locations name the file.

    ``fast`` chooses libyaml (default: when it is installed); the results are the same either way.
    """
    if fast is None or not HAVE_LIBYAML:
        fast = HAVE_LIBYAML
    text, error = _decode(data, path)
    if text is None:
        return None, [error] if error else []
    try:
        root = yaml.compose(text, Loader=_FastLoader if fast else yaml.BaseLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        if fast:  # ask the pure-Python parser, whose messages are the reference
            return parse(data, path, fast=False)
        return None, [_syntax_error(text, exc, path)]
    if root is None:
        return None, [YamlError("the file is empty", Loc(path, 1, 1))]
    converter = _Converter(path, shared="&" in text)  # no anchor, no alias: every node is reached once
    tree = converter.convert(root)
    return tree, converter.errors
