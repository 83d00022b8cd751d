"""Gapless register numbers (R19, S4)."""

from __future__ import annotations

from django.db import connection

from bmnn.audit import state
from bmnn.org.models import Organisation

from ..models import RegisterSeries

_COUNT_ON = "SET last_number = last_number + 1 WHERE agency_id = %s AND kind = %s AND year = %s RETURNING id"


def _next_sql() -> tuple[str, tuple[str, ...]]:
    """One statement takes the row lock, counts on and returns the new row: the lock queues concurrent
    registrations until their commit, so the fewer round trips after it, the more registrations per second.
    It returns the columns of the series' state (S5), so the audit event need not read the row back."""
    meta = RegisterSeries._meta
    tracked = state.tracked(meta.label_lower)
    columns = tracked.columns if tracked is not None else ("last_number",)
    names = {f.attname: f.column or f.attname for f in meta.concrete_fields}
    quoted = ", ".join(connection.ops.quote_name(names[c]) for c in columns)
    table = connection.ops.quote_name(meta.db_table)
    return f"UPDATE {table} {_COUNT_ON}, {quoted}", columns  # the model's names; the values are parameters


def take_number(agency: Organisation, kind: str, year: int) -> int:
    """Take the next number of ``kind`` for ``agency`` in ``year``.

    Call it last, inside the registering transaction, after every read and check: the row lock queues
    concurrent registrations until commit, and a rollback returns the number (no gap).
    """
    sql, columns = _next_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [agency.pk, kind, year])
        row = cursor.fetchone()
        if row is None:  # the year's first number: open the series, then count on under its lock
            RegisterSeries.objects.get_or_create(agency=agency, kind=kind, year=year)
            cursor.execute(sql, [agency.pk, kind, year])
            row = cursor.fetchone()
    pk, *values = row
    state.touch(RegisterSeries, pk, values)  # S5: the series' new state goes into the next audit event
    return int(values[columns.index("last_number")])
