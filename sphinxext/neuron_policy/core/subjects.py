"""Subjects: how directives, roles, waivers and findings name what they are about (SPEC 4).

``sdk 2.19.0`` (or a bare ``2.19.0``), ``sdk <specifier>``, ``<dependency-id> <version>`` and
``<dependency-id>``. The same strings are the keys under which pages record what they show.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from packaging.specifiers import SpecifierSet
from packaging.version import Version

from .suggest import did_you_mean
from .values import DEPENDENCY_ID, SDK_VERSION, SPECIFIER, parse_specifier

SubjectKind = Literal["sdk", "dependency"]
_SDK_VERSION = re.compile(SDK_VERSION)
_DEPENDENCY_ID = re.compile(DEPENDENCY_ID)
_MINOR = re.compile(r"[0-9]+\.[0-9]+")
#: A subject string, as JSON Schema can say it (the converter is :func:`parse_subject_text`).
SUBJECT = (
    rf"\s*(?:sdk\s+(?:{SDK_VERSION}|{SPECIFIER})|{SDK_VERSION}|(?!sdk(?:\s|$)){DEPENDENCY_ID}(?:\s+\S[\s\S]*)?)\s*"
)


@dataclass(frozen=True)
class Subject:
    """What a finding is about: SDK releases (or an EOS entry's specifier), or a dependency version."""

    kind: SubjectKind
    name: str
    versions: tuple[str, ...] = ()
    spec: str | None = None
    #: The platforms the finding is about; empty: every platform (or none is declared).
    platforms: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.spec is not None:
            return f"{self.name} {self.spec}"
        return " ".join([self.name, *self.versions[:1]])


class SubjectError(ValueError):
    """A subject string that cannot be read, or that names nothing in the data."""


class UnreadableSubject(SubjectError):
    """A subject whose data file could not be read: not the author's mistake, and already reported."""


@dataclass(frozen=True)
class Query:
    """A parsed subject string: what a directive, role or waiver refers to."""

    kind: SubjectKind
    name: str
    version: str | None = None
    spec: SpecifierSet | None = None
    text: str = ""

    def matches(self, subject: Subject) -> bool:
        """Whether a finding's subject falls under this query (used by waivers)."""
        if subject.kind != self.kind or subject.name != self.name:
            return False
        if self.kind == "dependency":
            return self.version is None or self.version in subject.versions
        if self.version is not None:
            return self.version in subject.versions
        if self.spec is not None:
            if subject.spec is not None and SpecifierSet(subject.spec) == self.spec:
                return True
            return bool(subject.versions) and all(
                self.spec.contains(Version(v), prereleases=True) for v in subject.versions
            )
        return True


def parse_subject(text: str, *, allow_spec: bool = True) -> Query:
    """Read a subject string; raise :class:`SubjectError` with a reason when it cannot be read."""
    words = text.strip().split(None, 1)
    if not words:
        raise SubjectError("empty subject")
    head, rest = words[0], (words[1].strip() if len(words) > 1 else "")
    if _SDK_VERSION.fullmatch(head) and not rest:
        return Query("sdk", "sdk", version=head, text=text.strip())
    if head == "sdk":
        if not rest:
            raise SubjectError("'sdk' needs a version or a specifier, e.g. 'sdk 2.19.0' or 'sdk <2.20'")
        if _SDK_VERSION.fullmatch(rest):
            return Query("sdk", "sdk", version=rest, text=text.strip())
        if not allow_spec:
            hint = f" (did you mean 'sdk {rest}.0'?)" if _MINOR.fullmatch(rest) else ""
            raise SubjectError(f"expected an SDK version X.Y.Z after 'sdk', got {rest!r}{hint}")
        try:
            return Query("sdk", "sdk", spec=parse_specifier(rest), text=text.strip())
        except ValueError:
            hint = ""
            if _MINOR.fullmatch(rest):
                hint = f" (did you mean 'sdk {rest}.0' for the release, or 'sdk =={rest}.*' for the minor?)"
            raise SubjectError(f"{rest!r} is neither an SDK version X.Y.Z nor a PEP 440 specifier{hint}") from None
    if not _DEPENDENCY_ID.fullmatch(head):
        raise SubjectError(
            f"{head!r} is not a dependency or software id ([a-z0-9][a-z0-9-]*), an SDK version or 'sdk <specifier>'"
        )
    return Query("dependency", head, version=rest or None, text=text.strip())


def parse_subject_text(value: str) -> str:
    """The converter of a subject in the data: the text, stripped, if it reads as a subject."""
    try:
        parse_subject(value)
    except SubjectError as exc:
        raise ValueError(str(exc)) from None
    return value.strip()


#: The folders of one file per subject, ``<folder>/<id>.yaml``: dependencies (by version) and
#: other Neuron software. An id names a file in one of them.
SUBJECT_FOLDERS = ("dependencies", "software")


def id_files(subject_id: str) -> tuple[str, ...]:
    """The files a subject id could be written in."""
    return tuple(f"{folder}/{subject_id}.yaml" for folder in SUBJECT_FOLDERS)


def subject_files(text: str) -> tuple[str, ...]:
    """The data files a subject string draws on, whether or not it names something that exists."""
    words = text.split()
    if words and _DEPENDENCY_ID.fullmatch(words[0]) and words[0] != "sdk":
        return ("sdk.yaml", *id_files(words[0]))
    return ("sdk.yaml",)


def unknown_reason(
    query: Query, sdk_versions: list[str], dependencies: dict[str, list[str]], software: Sequence[str] = ()
) -> str | None:
    """Why a parsed subject names nothing that exists (with the closest names), or None if it does."""
    if query.kind == "sdk":
        if query.version is not None and query.version not in sdk_versions:
            return f"SDK version {query.version} is not in sdk.yaml{did_you_mean(query.version, sdk_versions)}"
        return None
    if query.name not in dependencies:
        what = "dependency or software" if software else "dependency"
        return f"no {what} {query.name!r}{did_you_mean(query.name, [*dependencies, *software])}"
    versions = dependencies[query.name]
    if query.version is not None and query.version not in versions:
        return (
            f"{query.name} has no version {query.version!r}"
            f"{did_you_mean(query.version, versions)}; known: {', '.join(versions)}"
        )
    return None
