"""Reads of the registry for a person; every one goes through the visibility policy (S2)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import NotFound
from bmnn.core.text import fold
from bmnn.org.models import Person

from .models import Carrier, Handover
from .policies import visible_carriers


def carriers_visible_to(person: Person) -> QuerySet[Carrier]:
    return visible_carriers(person).select_related("agency", "custodian", "custodian__organisation", "original")


def carrier_get_for_user(person: Person, pk: Any) -> Carrier:
    """Return the carrier, or raise NotFound alike for missing and forbidden (S2)."""
    try:
        return carriers_visible_to(person).get(pk=int(pk))
    except (Carrier.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def carrier_search(person: Person, *, q: str = "", level: str = "", status: str = "",
                   unit: Any = None, year: Any = None, direction: str = "") -> QuerySet[Carrier]:
    """Filter the visible carriers; ``q`` ignores case and diacritics ("tieu huy" finds "tiêu hủy")."""
    qs = carriers_visible_to(person)
    for word in fold(q).split():
        qs = qs.filter(search_text__contains=word)
    if level:
        qs = qs.filter(level=level)
    if status:
        qs = qs.filter(status=status)
    if direction:
        qs = qs.filter(direction=direction)
    if unit:  # a malformed unit or year matches nothing (it used to crash the query: a server error)
        qs = qs.filter(custodian__organisation_id=_number(unit)) if _number(unit) is not None else qs.none()
    if year:
        qs = qs.filter(reg_year=_number(year)) if _number(year) is not None else qs.none()
    return qs


def _number(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def carrier_counts(person: Person) -> dict[str, list[dict[str, Any]]]:
    """Counts by level, status and custodian's unit, over what ``person`` may see."""
    qs = visible_carriers(person).order_by()
    return {
        "level": list(qs.values("level").annotate(n=Count("pk")).order_by("level")),
        "status": list(qs.values("status").annotate(n=Count("pk")).order_by("status")),
        "unit": list(qs.values("custodian__organisation__name").annotate(n=Count("pk"))
                     .order_by("-n")[:15]),
    }


def carrier_history(carrier: Carrier) -> QuerySet[AuditEvent]:
    """Every audit event about the carrier, oldest first."""
    return AuditEvent.objects.filter(target_type="registry.carrier", target_id=str(carrier.pk)).order_by("seq")


def handovers_awaiting(person: Person) -> QuerySet[Handover]:
    """Hand-overs waiting for ``person`` to sign for, themselves or for their unit."""
    from .services.handover import pending_for

    return pending_for(person)


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
    made = AuditEvent.objects.filter(target_type="registry.carrier", target_id=str(carrier.original_id),
                                     action="lifecycle.copy.made").order_by("seq")
    return [e for e in made if carrier.copy_number in e.data.get("copy_numbers", [])]
