"""Gapless register numbers (R19, S4)."""

from __future__ import annotations

from django.db import connection

from bmnn.audit import state
from bmnn.org.models import Organisation

from ..models import RegisterSeries

_COUNT_ON = (
    "SET last_number = last_number + 1 WHERE agency_id = %s AND kind = %s AND year = %s RETURNING id, last_number"
)


def _next_sql() -> str:
    """One statement takes the row lock, counts on and returns the number: the lock queues concurrent
    registrations until their commit, so the fewer round trips after it, the more registrations per second."""
    table = connection.ops.quote_name(RegisterSeries._meta.db_table)
    return f"UPDATE {table} {_COUNT_ON}"  # the model's table; the values are parameters


def take_number(agency: Organisation, kind: str, year: int) -> int:
    """Take the next number of ``kind`` for ``agency`` in ``year``.

    Call it last, inside the registering transaction, after every read and check: the row lock queues
    concurrent registrations until commit, and a rollback returns the number (no gap).
    """
    sql = _next_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [agency.pk, kind, year])
        row = cursor.fetchone()
        if row is None:  # the year's first number: open the series, then count on under its lock
            RegisterSeries.objects.get_or_create(agency=agency, kind=kind, year=year)
            cursor.execute(sql, [agency.pk, kind, year])
            row = cursor.fetchone()
    pk, number = row
    state.touch(RegisterSeries, pk)  # S5: the series' new state goes into the next audit event
    return int(number)
