"""How generated text names subjects ("SDK 2.19.x", "Python 3.8"), and the keys under which
pages record what they show ("sdk 2.19.0", "sdk <2.20", "python 3.8"). Used by the rules, the
CLI and the build alike."""

from __future__ import annotations

from collections.abc import Iterable

from packaging.version import Version


def sdk_key(version: Version | str) -> str:
    """The subject string of one SDK release: ``sdk 2.19.0``."""
    return f"sdk {version}"


def sdk_range_key(spec_text: str) -> str:
    """The key of an SDK end-of-support entry: ``sdk <2.20``."""
    return f"sdk {spec_text}"


def sdk_name(version: Version | str) -> str:
    """``SDK 2.19.0``."""
    return f"SDK {version}"


def sdk_range_name(versions: Iterable[Version], spec_text: str) -> str:
    """An SDK end-of-support entry: ``SDK 2.19.x`` when it ends one minor, else ``SDK versions <2.20``."""
    minors = {v.release[:2] for v in versions}
    if len(minors) == 1:
        major, minor = next(iter(minors))
        return f"SDK {major}.{minor}.x"
    return f"SDK versions {spec_text}"


def dependency_version_name(title: str, version: str) -> str:
    """``Python 3.8``: the dependency's title and the version as written."""
    return f"{title} {version}"
