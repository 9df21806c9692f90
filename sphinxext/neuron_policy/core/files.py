"""Opening data files safely: only regular files under the data directory, never more than
:data:`MAX_FILE_BYTES`, and never a read that can block (a FIFO is refused, not opened for good).

Every refusal is a :class:`FileProblem` with a message that says why, which the loader reports
at the file, so a bad file never stops the rest of the data from being checked.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

#: Largest data file read, in bytes. Real data files are a few kilobytes; this bounds the time and
#: memory a mistaken or hostile file can cost.
MAX_FILE_BYTES = 4 * 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class FileProblem(Exception):
    """Why a data file cannot be read."""


def _what(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return exc.strerror or str(exc)


def exists(path: Path) -> bool:
    """Whether anything is at ``path`` (a dangling symbolic link counts: it is reported, not skipped)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # present, but it cannot even be examined: reading it says why
    return True


def read_regular(root: Path, path: Path) -> bytes:
    """The bytes of a regular file under ``root``; :class:`FileProblem` with the reason otherwise."""
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
        if link:
            try:
                real = path.resolve(strict=True)
            except FileNotFoundError:
                raise FileProblem(f"is a symbolic link to nothing ({os.readlink(path)})") from None
            except RuntimeError:  # Python < 3.13 reports a loop so
                raise FileProblem("is a loop of symbolic links") from None
            if root.resolve() not in real.parents:
                raise FileProblem("lies outside the data directory (a symbolic link?)")
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except FileProblem:
        raise
    except OSError as exc:
        raise FileProblem(f"cannot be read: {_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"is {_what(info.st_mode)}, not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise FileProblem(f"is {info.st_size} bytes; a data file may have at most {MAX_FILE_BYTES} bytes")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:  # it grew while being read
            raise FileProblem(f"is more than {MAX_FILE_BYTES} bytes; a data file may have at most {MAX_FILE_BYTES}")
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"cannot be read: {_reason(exc)}") from None
    finally:
        os.close(fd)
