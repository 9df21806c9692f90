"""Directive options and arguments: converters with messages an author can act on, and an option
table that lets no problem escape to docutils.

docutils reports a bad option value, an unknown option or a wrong number of arguments as its own
error (type ``docutils``), which ``suppress_warnings`` cannot name and which does not fail the
build. So the extension's directives take whatever docutils would refuse, and check it
themselves: every such problem becomes a located finding of the extension's own rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from docutils.parsers.rst import directives
from packaging.specifiers import SpecifierSet

from ..core import did_you_mean, parse_date, parse_day, parse_specifier

Converter = Callable[[str | None], Any]


@dataclass(frozen=True)
class BadOption:
    """An option the directive cannot take, kept so ``run`` can report it as a finding."""

    message: str


def _given(argument: str | None, what: str) -> str:
    if argument is None or not argument.strip():
        raise ValueError(f"expected {what}, got nothing")
    return argument.strip()


def id_list(choices: Sequence[str]) -> Converter:
    """Comma- or space-separated ids, each one of ``choices``."""

    def convert(argument: str | None) -> list[str]:
        items = [item for item in (argument or "").replace(",", " ").split() if item]
        if not items:
            raise ValueError(f"expected one or more of {', '.join(choices)}, got nothing")
        unknown = [item for item in items if item not in choices]
        if unknown:
            hint = did_you_mean(unknown[0], choices)
            raise ValueError(f"unknown {', '.join(map(repr, unknown))}{hint}; expected some of {', '.join(choices)}")
        return items

    return convert


def choice(choices: Sequence[str]) -> Converter:
    """One of ``choices``."""

    def convert(argument: str | None) -> str:
        value = _given(argument, "one of " + ", ".join(choices))
        if value not in choices:
            raise ValueError(
                f"unknown value {value!r}{did_you_mean(value, choices)}; expected one of {', '.join(choices)}"
            )
        return value

    return convert


def count(what: str) -> Converter:
    """A whole number, 1 or more, of ``what``."""

    def convert(argument: str | None) -> int:
        value = _given(argument, f"a number of {what}")
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"expected a whole number of {what}, 1 or more; got {value!r}")
        return int(value)

    return convert


def specifier(argument: str | None) -> SpecifierSet:
    return parse_specifier(_given(argument, "a PEP 440 specifier such as '>=2.19, <2.22'"))


def iso_date(argument: str | None) -> dt.date:
    value = _given(argument, "a date YYYY-MM-DD")
    try:
        return parse_day(value)
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}") from None


def month_or_day(argument: str | None) -> dt.date:
    """A date YYYY-MM-DD, or a month YYYY-MM (its first day)."""
    value = _given(argument, "a date YYYY-MM-DD or a month YYYY-MM")
    try:
        return parse_date(value).earliest
    except ValueError:
        raise ValueError(f"expected a date YYYY-MM-DD or a month YYYY-MM, got {value!r}") from None


def text(argument: str | None) -> str:
    return _given(argument, "a value")


def flag(argument: str | None) -> None:
    if argument and argument.strip():
        raise ValueError(f"takes no value, got {argument.strip()!r}")


def classes(argument: str | None) -> list[str]:
    try:
        return list(directives.class_option(_given(argument, "one or more class names")))
    except ValueError as exc:
        raise ValueError(str(exc)) from None


class LenientOptions(dict[str, Callable[[str], Any]]):
    """An option table that accepts every name: a known option is converted, and a value its
    converter rejects or an unknown name becomes a :class:`BadOption` for ``run`` to report."""

    def __init__(self, spec: Mapping[str, Converter]) -> None:
        super().__init__({name: self._wrap(name, convert) for name, convert in spec.items()})
        self.known = tuple(sorted(spec))

    @staticmethod
    def _wrap(name: str, convert: Converter) -> Converter:
        def wrapped(argument: str | None) -> Any:
            try:
                return convert(argument)
            except (ValueError, TypeError) as exc:
                return BadOption(str(exc))

        return wrapped

    def _unknown(self, name: str) -> Converter:
        hint = did_you_mean(name, self.known)
        message = f"unknown option{hint}; it takes {', '.join(':' + k + ':' for k in self.known) or 'no options'}"
        return lambda argument: BadOption(message)

    def __missing__(self, name: str) -> Converter:
        return self._unknown(name)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str)

    def get(self, name: str, default: Any = None) -> Any:
        return self[name]

    def __bool__(self) -> bool:
        return True
