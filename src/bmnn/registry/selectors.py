"""Reads of the registry for a person; every one goes through the visibility policy (S2)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from bmnn.audit.models import AuditEvent
from bmnn.catalog.models import SecretListItem
from bmnn.core.errors import NotFound
from bmnn.core.levels import at_most
from bmnn.core.text import fold
from bmnn.org.models import Person

from .choices import Direction
from .models import AgencyCount, Carrier, Handover
from .paging import Page, keyset_page, offset_page, with_branches, with_rank
from .policies import counted_parts, visible_among, visible_carriers, visible_carriers_and_branches

UNIT = "custodian__organisation__name"

# R42: the day a record counts on: its receipt for the incoming register, its registration for the outgoing one.
REGISTER_DAY = {Direction.INCOMING: "received_at", Direction.OUTGOING: "created_at"}


def registered(
    direction: str, start: dt.date | None = None, end: dt.date | None = None, queryset: QuerySet[Carrier] | None = None
) -> QuerySet[Carrier]:
    """The one definition of "registered" every official output counts (R42: annual report, statistics
    register, dashboard): originals entered in the register (numbered), counted on their local register day."""
    qs = (Carrier.objects.all() if queryset is None else queryset).filter(
        direction=direction, original__isnull=True, reg_number__isnull=False
    )
    field = REGISTER_DAY[Direction(direction)]
    if start is not None:
        qs = qs.filter(**{f"{field}__date__gte": start})
    if end is not None:
        qs = qs.filter(**{f"{field}__date__lte": end})
    return qs


CARRIER_RELATED = ("agency", "custodian", "custodian__organisation", "original")


def carriers_visible_to(person: Person) -> QuerySet[Carrier]:
    return visible_carriers(person).select_related(*CARRIER_RELATED)


def carrier_get_for_user(person: Person, pk: Any) -> Carrier:
    """Return the carrier, or raise NotFound alike for missing and forbidden (S2)."""
    try:
        wanted = int(pk)
        return visible_among(person, [wanted]).select_related(*CARRIER_RELATED).get()
    except (Carrier.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def carrier_search(
    person: Person,
    *,
    q: str = "",
    level: str = "",
    status: str = "",
    unit: Any = None,
    year: Any = None,
    direction: str = "",
) -> QuerySet[Carrier]:
    """Filter the visible carriers; ``q`` ignores case and diacritics ("tieu huy" finds "tiêu hủy")."""
    # Each row's items are printed (API) with their list's decision number: fetched in two queries, not 2 per row.
    visible, branches = visible_carriers_and_branches(person)
    qs = visible.select_related("agency", "custodian", "custodian__organisation").prefetch_related(
        Prefetch("items", queryset=SecretListItem.objects.select_related("secret_list"))
    )
    words = fold(q).split()
    together = Q(search_text__contains=" ".join(words))
    for word in words:  # PostgreSQL answers each LIKE from the trigram index (migration 0005)
        qs = qs.filter(search_text__contains=word)
    if words:  # ranked: the words as typed, together, first; then the newest
        qs = qs.annotate(
            phrase=Case(
                When(together, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        ).order_by("-phrase", "-created_at", "-pk")
    if level:
        qs = qs.filter(level=level)
    if status:
        qs = qs.filter(status=status)
    if direction:
        qs = qs.filter(direction=direction)
    if unit:  # a malformed unit or year matches nothing (it used to crash the query: a server error)
        qs = qs.filter(custodian__organisation=_number(unit)) if _number(unit) is not None else qs.none()
    if year:
        qs = qs.filter(reg_year=_number(year)) if _number(year) is not None else qs.none()
    qs = with_branches(qs, branches)
    return with_rank(qs, together) if words else qs


def carrier_page(queryset: QuerySet[Carrier], params: Mapping[str, Any]) -> Page:
    """One page of a list from ``carrier_search``: by keyset in the list order, by offset when ranked."""
    if "phrase" in queryset.query.annotations:
        return offset_page(queryset, params)
    return keyset_page(queryset, params)


def _number(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def carrier_counts(person: Person) -> dict[str, list[dict[str, Any]]]:
    """Counts by level, status and custodian's unit, over what ``person`` may see.

    The agency a clerk or head sees whole is read from its counters (issue 17: a few hundred rows, not
    its records); the rest of the visible set is grouped by query, one pass per disjoint part.
    """
    by: dict[str, Counter[Any]] = {"level": Counter(), "status": Counter(), UNIT: Counter()}
    agency, parts = counted_parts(person)
    if agency is not None:
        counted = list(
            AgencyCount.objects.filter(agency=agency, level__in=at_most(person.clearance), n__gt=0).values_list(
                "custodian_key", "level", "status", "n"
            )
        )
        units = dict(Person.objects.filter(pk__in={key for key, *_ in counted}).values_list("pk", "organisation__name"))
        for key, level, status, n in counted:
            by["level"][level] += n
            by["status"][status] += n
            by[UNIT][units.get(key)] += n
    for part in parts:
        for row in part.order_by().values("level", "status", UNIT).annotate(n=Count("pk")):
            for column, counter in by.items():
                counter[row[column]] += row["n"]
    top = sorted(by[UNIT].items(), key=lambda kv: (-kv[1], kv[0] or ""))[:15]
    return {
        "level": [{"level": k, "n": n} for k, n in sorted(by["level"].items())],
        "status": [{"status": k, "n": n} for k, n in sorted(by["status"].items())],
        "unit": [{UNIT: k, "n": n} for k, n in top],
    }


def carrier_history(carrier: Carrier) -> QuerySet[AuditEvent]:
    """Every audit event about the carrier, oldest first."""
    return AuditEvent.objects.filter(target_type="registry.carrier", target_id=str(carrier.pk)).order_by("seq")


def handovers_awaiting(person: Person) -> QuerySet[Handover]:
    """Hand-overs waiting for ``person`` to sign for, themselves or for their unit.

    S2: only those whose record the person is cleared for; a TUYET_MAT record handed to a unit waits for its
    TUYET_MAT-cleared members, and its number and level are not shown to the others (they could not sign).
    """
    from .services.handover import pending_for

    return pending_for(person).filter(carrier__level__in=at_most(getattr(person, "clearance", "")))


def handover_awaiting_get_for_user(person: Person, pk: int) -> Handover:
    """A hand-over awaiting this person's signature; any other answers like a missing one (S2)."""
    handover = handovers_awaiting(person).filter(pk=pk).first()
    if handover is None:
        raise NotFound()
    return handover


def copy_origin_events(carrier: Carrier) -> list[AuditEvent]:
    """The original's audit event that made this copy (R16), so a copy's history starts where it was made."""
    if carrier.original_id is None:
        return []
    made = AuditEvent.objects.filter(
        target_type="registry.carrier", target_id=str(carrier.original_id), action="lifecycle.copy.made"
    ).order_by("seq")
    return [e for e in made if carrier.copy_number in e.data.get("copy_numbers", [])]
