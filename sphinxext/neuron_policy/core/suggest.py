""" "Did you mean" suggestions for names a user mistyped."""

from __future__ import annotations

import difflib
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
