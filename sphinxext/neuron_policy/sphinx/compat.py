"""Version shims: every difference between the supported Sphinx (5.3 to 9.x) and docutils versions."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import sphinx
from docutils import nodes
from sphinx import locale
from sphinx.util.i18n import format_date as _format_date

if TYPE_CHECKING:
    from sphinx.application import Sphinx

N = TypeVar("N", bound=nodes.Node)

SPHINX_VERSION: tuple[int, ...] = tuple(sphinx.version_info[:2])


def findall(node: nodes.Node, cls: type[N]) -> Iterator[N]:
    """``Node.findall`` (docutils >= 0.18) or the older ``traverse``."""
    if hasattr(node, "findall"):
        yield from node.findall(cls)
    else:  # pragma: no cover - docutils < 0.18
        yield from node.traverse(cls)


@functools.lru_cache(maxsize=4096)
def format_date(fmt: str, day: dt.date, language: str | None) -> str:
    """Sphinx's babel-backed strftime, so month names follow the project's ``language``.

    Cached: a page of tables formats the same few dates hundreds of times (the benchmarks'
    profile showed this call as half the extension's time); the result depends only on the
    arguments.
    """
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    return _format_date(fmt, date=moment, language=language or "en")


def add_message_catalog(app: Sphinx, catalog: str, locale_dir: str) -> None:
    """Register the extension's catalog for this application's ``language``.

    ``sphinx.locale`` keeps one translator per catalog for the whole process and only ever adds
    fallbacks to it, so a second application in the same process (another language, or English
    after Japanese) would go on translating with the first one's messages. Start from none.
    """
    locale.translators.pop(("general", catalog), None)
    app.add_message_catalog(catalog, locale_dir)


def shows_warning_types(app: Sphinx) -> bool:
    """Whether Sphinx itself appends ``[type.subtype]`` to warnings (``show_warning_types``, 7.3+)."""
    return bool(getattr(app.config, "show_warning_types", False))


def config_value_kwargs(description: str) -> dict[str, Any]:
    """``add_config_value(description=...)`` exists from Sphinx 7.4."""
    return {"description": description} if SPHINX_VERSION >= (7, 4) else {}
