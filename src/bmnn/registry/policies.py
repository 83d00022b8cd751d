"""Who may see and who may act on secret carriers (S2, R4, R38)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bmnn.core.levels import at_most, rank
from bmnn.org.models import Organisation, Person, Position

from .models import Assignment, Carrier, Handover


def visible_carriers(person: Person, queryset: QuerySet[Carrier] | None = None) -> QuerySet[Carrier]:
    """Restrict ``queryset`` to what ``person`` may see (S2).

    Clearance at least the level AND a reason: custody, an assignment, a hand-over
    to them, their name on the envelope, having decided the level, the clerk's
    register role for their agency, or the head's approval role for their agency.
    """
    queryset = Carrier.objects.all() if queryset is None else queryset
    if not getattr(person, "is_authenticated", False) or not person.clearance or not person.is_active:
        return queryset.none()
    return queryset.filter(level__in=at_most(person.clearance), pk__in=reason_ids(person))


def reason_ids(person: Person) -> QuerySet[Any]:
    """The ids of the carriers ``person`` has a reason to see, whatever their level (S2).

    One branch per reason, each answered by its own index (the agency's, each person column's,
    the assignments' and the hand-overs' by recipient), united with UNION ALL: one OR over the
    columns and two EXISTS would be evaluated row by row over the whole table.
    """
    branches: list[QuerySet[Any]] = [
        Carrier.objects.filter(custodian=person).values("pk"),
        Carrier.objects.filter(named_recipient=person).values("pk"),
        Carrier.objects.filter(decision_maker=person).values("pk"),
        Carrier.objects.filter(drafter=person).values("pk"),
        Assignment.objects.filter(person=person).values("carrier_id"),
        Handover.objects.filter(to_person=person).values("carrier_id"),
    ]
    agency = person.agency()
    if agency is not None and person.position in (Position.CLERK, Position.HEAD):
        branches.append(Carrier.objects.filter(agency=agency).values("pk"))
    first, *rest = (branch.order_by() for branch in branches)
    return first.union(*rest, all=True)


def may_see_level(person: Person, level: str) -> bool:
    return bool(person.clearance) and rank(person.clearance) >= rank(level)


def is_register_keeper(person: Person, agency: Organisation) -> bool:
    """The agency's clerk (văn thư) keeps its registers; a unit without one names a clerk in the admin."""
    return person.agency() == agency and person.position == Position.CLERK and person.designated_for_secrets
