"""A data directory as it was in a git revision (``REV:path``), written out to a temporary
directory for the loader to read like any other.

Git does the reading (``git rev-parse``, ``git ls-tree``, ``git cat-file --batch``); only the
files the loader reads are written (``policy.yaml``, ``sdk.yaml``, ``waivers.yaml`` and the
entries of ``dependencies/`` and ``software/``), with the same kinds they have in the tree, so
the loader reports a symbolic link, a directory or an oversized file there just as it would in a
working tree. Nothing is checked out and the repository is never changed.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .files import MAX_FILE_BYTES
from .loader import FOLDERS, UnreadableInput

#: The files of a data directory the loader reads, besides the entries of :data:`FOLDERS`.
TOP_FILES = ("policy.yaml", "sdk.yaml", "waivers.yaml")
#: Longest a git command may take, in seconds.
TIMEOUT = 60


@dataclass(frozen=True)
class Entry:
    """One entry of ``git ls-tree``."""

    mode: str
    kind: str
    object: str
    size: int | None
    path: str


def _git(args: list[str], cwd: Path, spec: str, *, stdin: bytes | None = None) -> bytes:
    """Run git; its output, or :class:`UnreadableInput` saying why it failed."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=TIMEOUT, check=False, env=env
        )
    except FileNotFoundError:
        raise UnreadableInput(spec, "git is not installed, so a revision cannot be read") from None
    except NotADirectoryError:
        raise UnreadableInput(spec, f"{cwd} is not a directory") from None
    except subprocess.TimeoutExpired:
        raise UnreadableInput(spec, f"git took more than {TIMEOUT} seconds") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise UnreadableInput(spec, message[-1] if message else f"git {args[0]} failed")
    return result.stdout


def split_revision(spec: str) -> tuple[str, str]:
    """``REV:path`` as (revision, path); ValueError if it is not written so."""
    rev, sep, path = spec.partition(":")
    if not sep or not rev.strip():
        raise ValueError(f"expected REV:path (a git revision and a directory in it), got {spec!r}")
    if rev.startswith("-"):
        raise ValueError(f"a revision does not start with '-': {spec!r}")
    return rev, path


def _resolve(spec: str, cwd: Path) -> tuple[str, dt.date | None]:
    """The tree ``REV:path`` names, and the commit date of REV (UTC) when REV is a commit."""
    rev, _path = split_revision(spec)
    try:
        _git(["rev-parse", "--git-dir"], cwd, spec)
    except UnreadableInput:
        raise UnreadableInput(spec, f"{cwd} is not in a git repository") from None
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd, spec).decode().strip()
    except UnreadableInput:
        raise UnreadableInput(spec, f"{rev!r} is not a revision of the repository") from None
    where = _path or "."
    try:
        tree = _git(["rev-parse", "--verify", "--quiet", spec], cwd, spec).decode().strip()
    except UnreadableInput:
        raise UnreadableInput(spec, f"no directory {where!r} in {rev}") from None
    kind = _git(["cat-file", "-t", tree], cwd, spec).decode().strip()
    if kind != "tree":
        raise UnreadableInput(spec, f"{where!r} in {rev} is a file, not a data directory")
    stamp = _git(["show", "-s", "--format=%ct", commit], cwd, spec).decode().strip()
    day = dt.datetime.fromtimestamp(int(stamp), tz=dt.timezone.utc).date() if stamp.isdigit() else None
    return tree, day


def fingerprint(spec: str, cwd: Path) -> str:
    """What ``REV:path`` resolves to now (its tree and commit date): equal while its data is."""
    tree, day = _resolve(spec, cwd)
    return f"{tree} {day}"


def _entries(tree: str, cwd: Path, spec: str) -> list[Entry]:
    out = _git(["ls-tree", "--full-tree", "-r", "-t", "-l", "-z", tree], cwd, spec)
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, obj, size = meta.decode().split()
        path = name.decode("utf-8", errors="surrogateescape")
        entries.append(Entry(mode, kind, obj, int(size) if size.isdigit() else None, path))
    return entries


def _wanted(entry: Entry) -> bool:
    parts = PurePosixPath(entry.path).parts
    if any(part in (".", "..") for part in parts):  # no tree git writes has them; never follow one
        return False
    if len(parts) == 1:
        return parts[0] in TOP_FILES or parts[0] in FOLDERS
    return len(parts) == 2 and parts[0] in FOLDERS


def _blobs(objects: list[str], cwd: Path, spec: str) -> dict[str, bytes]:
    """The contents of blobs, read in one ``git cat-file --batch``."""
    if not objects:
        return {}
    out = _git(["cat-file", "--batch"], cwd, spec, stdin="".join(f"{o}\n" for o in objects).encode())
    found: dict[str, bytes] = {}
    position = 0
    while position < len(out):
        end = out.index(b"\n", position)
        obj, _kind, size = out[position:end].decode().split()
        start = end + 1
        found[obj] = out[start : start + int(size)]
        position = start + int(size) + 1
    return found


def _write(root: Path, entries: list[Entry], blobs: dict[str, bytes]) -> None:
    for entry in sorted(entries, key=lambda e: e.path):
        target = root / entry.path
        if entry.kind == "tree":
            target.mkdir(exist_ok=True)
        elif entry.mode == "120000":  # a symbolic link: the loader decides whether to follow it
            os.symlink(os.fsdecode(blobs[entry.object]), target)
        elif entry.kind == "blob" and entry.object in blobs:
            target.write_bytes(blobs[entry.object])
        elif entry.kind == "blob":  # too large to read: the loader reports its size
            with open(target, "wb") as handle:
                handle.truncate(entry.size or 0)
        # a submodule (commit) holds no data the loader would read


@contextmanager
def checkout(spec: str, cwd: Path) -> Iterator[tuple[Path, dt.date | None]]:
    """The data directory ``REV:path`` (resolved in the repository at ``cwd``) as a temporary
    directory, and the commit date of REV; removed on exit. Raises :class:`UnreadableInput`."""
    try:
        tree, day = _resolve(spec, cwd)
    except ValueError as exc:
        raise UnreadableInput(spec, str(exc)) from None
    entries = [e for e in _entries(tree, cwd, spec) if _wanted(e)]
    small = [e.object for e in entries if e.kind == "blob" and (e.size or 0) <= MAX_FILE_BYTES]
    blobs = _blobs(sorted(set(small)), cwd, spec)
    with tempfile.TemporaryDirectory(prefix="neuron-policy-") as folder:
        root = Path(folder) / "data"
        root.mkdir()
        _write(root, entries, blobs)
        yield root, day


__all__ = ["checkout", "fingerprint", "split_revision"]
