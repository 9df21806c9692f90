"""The two sides of a comparison: a data directory, a git revision of one (``REV:path``), or a
JSON export of an earlier build (``neuron-policy export json``), each read into a
:class:`~.snapshot.Snapshot`.

The CLI (``neuron-policy diff``) and the build (``neuron-lifecycle-changes``) read sides the same
way; a side that cannot be read raises :class:`~.loader.UnreadableInput` with the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import git_tree
from .export_snapshot import export_snapshot
from .lifecycle import Lifecycle
from .loader import FOLDERS, LoadResult, UnreadableInput, load
from .registry import Severity
from .snapshot import Snapshot, snapshot

SourceKind = Literal["directory", "revision", "export"]


@dataclass(frozen=True)
class Side:
    """One side of a comparison: what it states, and how many errors its data has (facts from
    files that could not be read are missing from it)."""

    snapshot: Snapshot
    kind: SourceKind
    errors: int = 0


def source_kind(text: str, base: Path) -> SourceKind:
    """What a side names: an existing directory, an existing file (an export), else ``REV:path``.

    Raises :class:`UnreadableInput` when it is none of them."""
    if not text.strip():
        raise UnreadableInput(text, "expected a data directory, REV:path or a JSON export, got nothing")
    path = base / text
    if path.is_dir():
        return "directory"
    if path.is_file():
        return "export"
    if ":" in text:
        try:
            git_tree.split_revision(text)
        except ValueError as exc:
            raise UnreadableInput(text, str(exc)) from None
        return "revision"
    raise UnreadableInput(text, "no such directory or file, and not a git revision (REV:path)")


def _from_data(result: LoadResult, source: str, as_of: dt.date, kind: SourceKind) -> Side:
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    return Side(snapshot(Lifecycle(result.data), as_of, source), kind, errors)


def read_side(text: str, *, base: Path, as_of: dt.date | None, default_as_of: dt.date) -> Side:
    """Read one side. ``base``: what relative paths (and git revisions) are resolved in; ``as_of``:
    the date its phases are taken on, else a git revision's commit date or an export's date, else
    ``default_as_of``."""
    kind = source_kind(text, base)
    if kind == "directory":
        return _from_data(load(base / text), text, as_of or default_as_of, kind)
    if kind == "revision":
        with git_tree.checkout(text, base) as (root, committed):
            result = load(root)
        return _from_data(result, text, as_of or committed or default_as_of, kind)
    return Side(export_snapshot(_read_export(base / text), text, as_of), kind)


#: Largest export read, in bytes: the export of a real lifecycle is well under a megabyte.
MAX_EXPORT_BYTES = 64 * 1024 * 1024


def _read_export(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_EXPORT_BYTES + 1)
    except OSError as exc:
        raise UnreadableInput(str(path), f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_EXPORT_BYTES:
        raise UnreadableInput(str(path), f"is more than {MAX_EXPORT_BYTES} bytes; an export is far smaller")
    return data


def _stat(path: Path) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return "-"
    return f"{info.st_size}:{info.st_mtime_ns}"


def fingerprint(text: str, base: Path) -> str:
    """A value that changes whenever what a side says may have: a git revision's tree, the names,
    sizes and times of a directory's data files, an export's size and time. An unreadable side's
    fingerprint says so (and changes when it becomes readable)."""
    try:
        kind = source_kind(text, base)
        if kind == "revision":
            return "revision " + git_tree.fingerprint(text, base)
    except UnreadableInput as exc:
        return f"unreadable {exc.reason}"
    path = base / text
    if kind == "export":
        return f"export {_stat(path)}"
    names = [*git_tree.TOP_FILES, *(f"{folder}/{entry}" for folder in FOLDERS for entry in _listing(path / folder))]
    digest = hashlib.sha256("\n".join(f"{name} {_stat(path / name)}" for name in sorted(names)).encode())
    return f"directory {digest.hexdigest()}"


def _listing(folder: Path) -> list[str]:
    try:
        return sorted(os.listdir(folder))
    except OSError:
        return []


__all__ = ["Side", "SourceKind", "fingerprint", "read_side", "source_kind"]
