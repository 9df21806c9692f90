"""What the generated sentences share: the caller's translation function and a date term.

The notices (:mod:`.notice`) and the list of changes (:mod:`.change_sentences`) build sentences as
parts that a renderer turns into text or nodes; a date is one such part in both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .model import PolicyDate

#: A translation function: the build passes its ``neuron_policy`` catalog, plain text keeps English.
Translate = Callable[[str], str]


def english(message: str) -> str:
    """The translation function that keeps every message as written (English)."""
    return message


@dataclass(frozen=True)
class DateTerm:
    """A date, which a renderer formats (and keeps on one line)."""

    value: PolicyDate | dt.date
