"""The one place that says what time it is, so tests can move time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """Return the current aware datetime (or the frozen one in tests)."""
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    """Return today's date in the installation's time zone."""
    return timezone.localdate(now())


def local_date(moment: dt.datetime) -> dt.date:
    """The agency's local date of ``moment``: the date the law counts (series years, deadlines, windows)."""
    return timezone.localdate(moment)


def start_of(day: dt.date) -> dt.datetime:
    """The first moment of ``day`` in the installation's time zone: "before today" for stored moments."""
    return dt.datetime.combine(day, dt.time(), tzinfo=timezone.get_current_timezone())


def this_year() -> int:
    """The agency's local year now: the year of every register series and report (R19, R41)."""
    return today().year


@contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Freeze the clock at ``moment`` for the duration of the block.

    The moment is held in UTC, as ``timezone.now()`` returns it in production, so code that reads a date or a
    year off ``now()`` without converting to local time is caught by the tests (R19)."""
    global _frozen
    if timezone.is_naive(moment):
        raise ValueError("clock.frozen_at needs an aware datetime")
    previous, _frozen = _frozen, moment.astimezone(dt.UTC)
    try:
        yield
    finally:
        _frozen = previous
