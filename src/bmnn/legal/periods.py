"""Protection periods (R6): the answer in force on a given day."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right

from django.utils.translation import gettext as _

from bmnn.core.errors import DomainError

from .models import EnvelopeLetter, ProtectionPeriod


def protection_years(level: str, on: dt.date) -> int:
    """Return the base protection period in years for ``level`` on day ``on`` (R6)."""
    row = ProtectionPeriod.objects.filter(level=level, effective_from__lte=on).order_by("-effective_from").first()
    if row is None:
        raise DomainError(_("No protection period is configured for this classification level."), rule="R6")
    return row.years


def add_years(day: dt.date, years: int) -> dt.date:
    """Return ``day`` plus ``years``; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def days(key: str, on: dt.date) -> int:
    """Return the duration parameter ``key`` in force on ``on`` (R7, R10, R11)."""
    from .models import Duration

    row = Duration.objects.filter(key=key, effective_from__lte=on).order_by("-effective_from").first()
    if row is None:
        raise DomainError(_("The parameter {key} is not configured.").format(key=key))
    return row.days


class Durations:
    """Every duration parameter read in one query; ``days(key, on)`` then answers from memory.

    For a job that asks the same questions for thousands of records (``bmnn deadlines run``): the
    answers are those of ``days`` (the version in force on ``on``), without a query per record.
    """

    def __init__(self) -> None:
        from .models import Duration

        self._versions: dict[str, list[tuple[dt.date, int]]] = {}
        for key, since, value in Duration.objects.order_by("key", "effective_from").values_list(
            "key", "effective_from", "days"
        ):
            self._versions.setdefault(key, []).append((since, value))

    def days(self, key: str, on: dt.date) -> int:
        versions = self._versions.get(key, [])
        index = bisect_right(versions, (on, float("inf"))) - 1
        if index < 0:
            raise DomainError(_("The parameter {key} is not configured.").format(key=key))
        return versions[index][1]

    def longest(self, key: str) -> int:
        """The longest value ``key`` ever had (0 when unset): how far ahead a sweep must look."""
        return max((value for _since, value in self._versions.get(key, [])), default=0)


def envelope_letter(level: str, on: dt.date) -> str:
    """Return the envelope letter in force for ``level`` on day ``on`` (R22); refuse when none is configured."""
    row = EnvelopeLetter.objects.filter(level=level, effective_from__lte=on).order_by("-effective_from").first()
    if row is None:
        raise DomainError(_("No envelope letter mark is configured for this classification level."), rule="R22")
    return row.letter
