"""Gapless register numbers (R19, S4)."""

from __future__ import annotations

from bmnn.org.models import Organisation

from ..models import RegisterSeries


def take_number(agency: Organisation, kind: str, year: int) -> int:
    """Take the next number of ``kind`` for ``agency`` in ``year``.

    Call it last, inside the registering transaction: the row lock queues concurrent
    registrations, and a rollback returns the number (no gap).
    """
    RegisterSeries.objects.get_or_create(agency=agency, kind=kind, year=year)
    series = RegisterSeries.objects.select_for_update().get(agency=agency, kind=kind, year=year)
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series.last_number
