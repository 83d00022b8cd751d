"""The agencies' record counters (issue 17): read by the counts, rebuilt by `bmnn counters rebuild`.

The counters (``AgencyCount``) are kept by database triggers in the transaction that writes a record, so
the dashboard and the count endpoint read a few hundred rows instead of grouping an agency's records.
A rebuild recomputes them from the records, under a lock that holds writers back meanwhile, and leaves
an audit event by the system saying how many counters it corrected.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Value
from django.db.models.functions import Coalesce

from bmnn.audit.chain import record

from ..models import AgencyCount, Carrier

Key = tuple[int, int, str, str]


@dataclass(frozen=True)
class Rebuilt:
    counters: int  # counters after the rebuild (one per agency, custodian, level and status in use)
    corrected: int  # counters that were missing, extra or wrong before


def actual_counts() -> dict[Key, int]:
    """The counts the records give now: (agency, custodian or 0, level, status) -> records."""
    rows = (
        Carrier.objects.order_by()
        .annotate(key=Coalesce("custodian_id", Value(0)))
        .values_list("agency_id", "key", "level", "status")
        .annotate(n=Count("pk"))
    )
    return {(a, k, lv, st): n for a, k, lv, st, n in rows}


def stored_counts() -> dict[Key, int]:
    """The counters as kept, leaving out those at zero."""
    rows = AgencyCount.objects.filter(n__gt=0).values_list("agency_id", "custodian_key", "level", "status", "n")
    return {(a, k, lv, st): n for a, k, lv, st, n in rows}


def counters_rebuild() -> Rebuilt:
    """Recompute every counter from the records (a repair after a restore or a bulk load), audited as the system."""
    with transaction.atomic():
        if connection.vendor == "postgresql":  # writers wait; readers go on
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {Carrier._meta.db_table} IN SHARE MODE")
        before, actual = stored_counts(), actual_counts()
        corrected = sum(1 for key in before.keys() | actual.keys() if before.get(key) != actual.get(key))
        AgencyCount.objects.all().delete()
        AgencyCount.objects.bulk_create(
            [
                AgencyCount(agency_id=a, custodian_key=k, level=lv, status=st, n=n)
                for (a, k, lv, st), n in actual.items()
            ],
            batch_size=2000,
        )
        record(None, "registry.counters.rebuilt", data={"counters": len(actual), "corrected": corrected})
    return Rebuilt(len(actual), corrected)
