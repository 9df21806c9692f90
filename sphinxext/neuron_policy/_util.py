"""Small text helpers shared by the loader, the rules and the directives."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Iterable


def did_you_mean(word: str, options: Iterable[str], *, limit: int = 3) -> str:
    """`` (did you mean 'x'?)`` for the closest options, or an empty string."""
    choices = sorted(set(options))
    close = difflib.get_close_matches(word, choices, n=limit, cutoff=0.6)
    if not close:
        close = [c for c in choices if c.startswith(word) or word.startswith(c)][:limit]
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def default_as_of(configured: str | None = None) -> dt.date:
    """The as-of date: the configured one, else ``SOURCE_DATE_EPOCH`` (as Sphinx does), else today in UTC."""
    if configured:
        return dt.date.fromisoformat(configured)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.datetime.now(tz=dt.timezone.utc).date()
