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


@contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Freeze the clock at ``moment`` for the duration of the block."""
    global _frozen
    previous, _frozen = _frozen, moment
    try:
        yield
    finally:
        _frozen = previous
