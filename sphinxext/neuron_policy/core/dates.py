"""Calendar arithmetic and the as-of date, shared by the rules, the CLI and the build."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str) -> dt.date:
    """A date written exactly ``YYYY-MM-DD`` (``date.fromisoformat`` also takes ``20250301``)."""
    if not _DAY.fullmatch(text.strip()):
        raise ValueError(f"expected a date YYYY-MM-DD, got {text!r}")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a valid date") from None


def add_months(day: dt.date, months: int) -> dt.date | None:
    """``day`` plus calendar months, or None when that lies beyond the dates Python can hold.

    As ``day + relativedelta(months=months)`` answers: the same day of the month, or the month's
    last day if it is shorter (computed directly, as the rules ask for every release)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def default_as_of(configured: str | None = None) -> dt.date:
    """The as-of date: the configured one, else ``SOURCE_DATE_EPOCH`` (as Sphinx does), else today in UTC.

    Raises ValueError with the reason for a malformed date or ``SOURCE_DATE_EPOCH``.
    """
    if configured:
        return parse_day(configured)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise ValueError(f"SOURCE_DATE_EPOCH must be a number of seconds, got {epoch!r}") from None
    return dt.datetime.now(tz=dt.timezone.utc).date()
