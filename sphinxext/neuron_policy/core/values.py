"""How each scalar of the data is written: one regular expression per form (which the JSON Schema
uses too) and the converter that reads it. A converter takes the text as written and returns the
value, or raises ValueError with the reason, which the loader reports at the value's position."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from .model import Effective, PolicyDate, Spec
from .suggest import did_you_mean

#: An SDK version as the data writes it: X.Y.Z.
SDK_VERSION = r"[0-9]+\.[0-9]+\.[0-9]+"
#: A dependency (and category) id, which is also the name of its file: dependencies/<id>.yaml.
DEPENDENCY_ID = r"[a-z0-9][a-z0-9-]*"
#: A day or a month, as JSON Schema can say it (the converter also checks the calendar).
DATE = r"[0-9]{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?"
#: An SDK version in a milestone: X.Y or X.Y.Z.
MINOR_OR_PATCH = r"[0-9]+\.[0-9]+(?:\.[0-9]+)?"
_RELEASE = r"[0-9]+(?:\.[0-9]+)*"
_CLAUSE = rf"(?:(?:==|!=)\s*{_RELEASE}(?:\.\*)?|~=\s*[0-9]+(?:\.[0-9]+)+|(?:<=|>=|<|>)\s*{_RELEASE})"
#: A PEP 440 specifier over SDK versions: comma-separated clauses on plain release numbers.
SPECIFIER = rf"\s*{_CLAUSE}(?:\s*,\s*{_CLAUSE})*\s*"
#: A number of months.
MONTHS = r"[0-9]+"
#: Longest period a policy parameter may name: a century.
MAX_MONTHS = 1200
#: Text that is not blank.
NON_BLANK = r"\S"
#: A package name as the release manifests write it (``torch-neuronx``, ``mx_neuron``, ``libnrt.so``).
PACKAGE_NAME = r"[A-Za-z0-9][A-Za-z0-9._+-]*"

_DAY_OR_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ]|\s+)[0-9]")
_SDK_VERSION = re.compile(SDK_VERSION)
_MINOR_OR_PATCH = re.compile(MINOR_OR_PATCH)
_SPECIFIER = re.compile(SPECIFIER)
_MONTHS = re.compile(MONTHS)


def parse_text(value: str) -> str:
    if not value.strip():
        raise ValueError("expected a non-empty string")
    return value


def parse_months(value: str) -> int:
    if not _MONTHS.fullmatch(value):
        raise ValueError(f"expected a whole number of months, got {value!r}")
    if int(value) > MAX_MONTHS:
        raise ValueError(f"expected at most {MAX_MONTHS} months, got {value}")
    return int(value)


def parse_date(value: str) -> PolicyDate:
    match = _DAY_OR_MONTH.fullmatch(value)
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


def parse_specifier(value: str) -> SpecifierSet:
    """A specifier over SDK versions: clauses such as ``>=2.19``, ``<2.22``, ``~=2.5``, ``==2.19.*``."""
    if not value.strip():
        raise ValueError("expected a PEP 440 specifier such as '>=2.19, <2.22', got an empty string")
    if not _SPECIFIER.fullmatch(value):
        raise ValueError(f"{value!r} is not a PEP 440 specifier over SDK versions (e.g. '>=2.19, <2.22')")
    try:
        return SpecifierSet(value)
    except InvalidSpecifier:  # pragma: no cover - the pattern admits only valid specifiers
        raise ValueError(f"{value!r} is not a PEP 440 specifier (e.g. '>=2.19, <2.22')") from None


def parse_spec(value: str) -> Spec:
    return Spec(value, parse_specifier(value))


def parse_effective(value: str) -> Effective:
    if _MINOR_OR_PATCH.fullmatch(value):
        return Version(value)
    try:
        return parse_date(value)
    except ValueError:
        raise ValueError(f"expected a date (YYYY-MM-DD or YYYY-MM) or an SDK version, got {value!r}") from None


def choice(options: Sequence[str], kind: str) -> Callable[[str], str]:
    """A converter that takes one of ``options``."""

    def parse(value: str) -> str:
        if value not in options:
            raise ValueError(
                f"unknown {kind} {value!r}{did_you_mean(value, options)}; expected one of {', '.join(options)}"
            )
        return value

    return parse


def pattern(regex: str, what: str) -> Callable[[str], str]:
    """A converter that takes text matching ``regex`` whole."""
    compiled = re.compile(regex)

    def parse(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"expected {what}, got {value!r}")
        return value

    return parse
