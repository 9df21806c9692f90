"""Reading JSON with the position of every object, array and string, for located messages.

The standard library's own parser does the reading: its pure-Python scanner
(:func:`json.scanner.py_make_scanner`) takes the functions that parse an object, an array and a
string from its context, so this module hands it ones that also note where each value starts.
Keys and string values are still decoded by the C ``scanstring``; a 300 kB manifest reads in
tens of milliseconds. Numbers, booleans and null are plain Python values (a message about one
points at the object or array that holds it).
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .model import Loc


class JStr(str):
    """A string value, and the offset of its opening quote."""

    __slots__ = ("pos",)
    pos: int


class JList(list[Any]):
    """An array, and the offset of its ``[``."""

    __slots__ = ("pos",)
    pos: int


class JDict(dict[str, Any]):
    """An object, and the offset of its ``{``; a key written twice keeps its last value, as in
    :func:`json.loads`."""

    __slots__ = ("pos",)
    pos: int


_WHITESPACE = re.compile(r"[ \t\n\r]*")


class _Context:
    """What :func:`json.scanner.py_make_scanner` reads from a decoder, with positioned parsers."""

    def __init__(self) -> None:
        self.strict = True
        self.object_hook = None
        self.object_pairs_hook = JDict
        self.parse_float = float
        self.parse_int = int
        self.parse_constant = _constant
        self.memo: dict[str, str] = {}
        self.parse_object = _object
        self.parse_array = _array
        self.parse_string = _string
        # The pure-Python scanner: the C one does not call these parsers.
        self.scan_once: Callable[[str, int], tuple[Any, int]] = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _object(
    s_and_end: tuple[str, int],
    strict: bool,
    scan_once: Callable[[str, int], tuple[Any, int]],
    object_hook: Any,
    object_pairs_hook: Any,
    memo: dict[str, str],
) -> tuple[JDict, int]:
    value, end = json.decoder.JSONObject(s_and_end, strict, scan_once, None, JDict, memo)  # type: ignore[attr-defined]
    if not isinstance(value, JDict):  # ``{}`` is returned before the hook is called
        value = JDict(value)
    value.pos = s_and_end[1] - 1
    return value, end


def _array(s_and_end: tuple[str, int], scan_once: Callable[[str, int], tuple[Any, int]]) -> tuple[JList, int]:
    items, end = json.decoder.JSONArray(s_and_end, scan_once)  # type: ignore[attr-defined]
    value = JList(items)
    value.pos = s_and_end[1] - 1
    return value, end


def _string(text: str, end: int, strict: bool) -> tuple[JStr, int]:
    decoded, after = json.decoder.scanstring(text, end, strict)  # type: ignore[attr-defined]
    value = JStr(decoded)
    value.pos = end - 1
    return value, after


@dataclass(frozen=True)
class JsonError:
    """Why a file is not JSON, and where."""

    message: str
    loc: Loc


class Lines:
    """Offsets to 1-based lines and columns of one text."""

    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def loc(self, offset: int) -> Loc:
        line = bisect.bisect_right(self._starts, offset)
        return Loc(self.path, line, offset - self._starts[line - 1] + 1, base="file")

    def of(self, value: Any, fallback: Loc) -> Loc:
        """Where a value read by :func:`parse` starts (``fallback`` for numbers and the like)."""
        pos = getattr(value, "pos", None)
        return self.loc(pos) if isinstance(pos, int) else fallback


def parse(data: bytes, path: str) -> tuple[Any, Lines | None, JsonError | None]:
    """Read one JSON document: (the value, its line table, None), or (None, None, the error)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[: exc.start].decode("utf-8", errors="replace")
        lines = Lines(head, path)
        return (
            None,
            None,
            JsonError(
                f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                lines.loc(len(head)),
            ),
        )
    lines = Lines(text, path)
    start = _WHITESPACE.match(text, 0).end()  # type: ignore[union-attr]
    try:
        try:
            value, end = _Context().scan_once(text, start)
        except StopIteration as stop:
            raise json.JSONDecodeError("Expecting value", text, stop.value) from None
        end = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
    except json.JSONDecodeError as exc:
        return None, None, JsonError(f"invalid JSON: {exc.msg}", lines.loc(exc.pos))
    except ValueError as exc:  # NaN, Infinity
        return None, None, JsonError(f"invalid JSON: {exc}", lines.loc(start))
    except RecursionError:
        return None, None, JsonError("invalid JSON: nesting too deep", lines.loc(start))
    return value, lines, None
