"""Scalar converters for the loader: each takes the text as written and returns the value, or
raises ValueError with the reason (which the loader reports at the value's line and column)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from ._util import did_you_mean
from .model import SDK_VERSION_PATTERN, Effective, PolicyDate, Spec
from .subjects import SubjectError, parse_subject

_DATE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ]|\s+)[0-9]")
_SDK_VERSION = re.compile(SDK_VERSION_PATTERN)
_MINOR_OR_PATCH = re.compile(r"[0-9]+\.[0-9]+(\.[0-9]+)?")
_INT = re.compile(r"[0-9]+")


def parse_text(value: str) -> str:
    if not value.strip():
        raise ValueError("expected a non-empty string")
    return value


#: Longest period a policy parameter may name: a century.
MAX_MONTHS = 1200


def parse_int(value: str) -> int:
    if not _INT.fullmatch(value):
        raise ValueError(f"expected a whole number of months, got {value!r}")
    if int(value) > MAX_MONTHS:
        raise ValueError(f"expected at most {MAX_MONTHS} months, got {value}")
    return int(value)


def parse_date(value: str) -> PolicyDate:
    match = _DATE.fullmatch(value)
    if not match:
        if _DATETIME.match(value):
            raise ValueError(f"expected a date YYYY-MM-DD, got the date-time {value!r}")
        raise ValueError(f"expected a date YYYY-MM-DD or YYYY-MM, got {value!r}")
    year, month, day = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
    try:
        dt.date(year, month, day or 1)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid date ({exc})") from None
    return PolicyDate(year, month, day)


def parse_sdk_version(value: str) -> Version:
    if not _SDK_VERSION.fullmatch(value):
        raise ValueError(f"expected an SDK version X.Y.Z, got {value!r}")
    return Version(value)


def parse_spec(value: str) -> Spec:
    if not value.strip():
        raise ValueError("expected a PEP 440 specifier such as '>=2.19, <2.22', got an empty string")
    try:
        return Spec(value, SpecifierSet(value))
    except InvalidSpecifier:
        raise ValueError(f"{value!r} is not a PEP 440 specifier (e.g. '>=2.19, <2.22')") from None


def parse_effective(value: str) -> Effective:
    if _MINOR_OR_PATCH.fullmatch(value):
        return Version(value)
    try:
        return parse_date(value)
    except ValueError:
        raise ValueError(f"expected a date (YYYY-MM-DD or YYYY-MM) or an SDK version, got {value!r}") from None


def choice(options: Sequence[str], kind: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in options:
            raise ValueError(
                f"unknown {kind} {value!r}{did_you_mean(value, options)}; expected one of {', '.join(options)}"
            )
        return value

    return parse


def pattern(regex: re.Pattern[str], what: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if not regex.fullmatch(value):
            raise ValueError(f"expected {what}, got {value!r}")
        return value

    return parse


def parse_subject_text(value: str) -> str:
    try:
        parse_subject(value)
    except SubjectError as exc:
        raise ValueError(str(exc)) from None
    return value.strip()
