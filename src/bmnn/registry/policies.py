"""Who may see and who may act on secret carriers (S2, R4, R38)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

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
    reason = (
        Q(custodian=person)
        | Q(named_recipient=person)
        | Q(decision_maker=person)
        | Q(drafter=person)
        | Exists(Assignment.objects.filter(carrier=OuterRef("pk"), person=person))
        | Exists(Handover.objects.filter(carrier=OuterRef("pk"), to_person=person))
    )
    agency = person.agency()
    if agency is not None and person.position in (Position.CLERK, Position.HEAD):
        reason |= Q(agency=agency)
    return queryset.filter(Q(level__in=at_most(person.clearance)) & reason)


def may_see_level(person: Person, level: str) -> bool:
    return bool(person.clearance) and rank(person.clearance) >= rank(level)


def is_register_keeper(person: Person, agency: Organisation) -> bool:
    """The agency's clerk (văn thư) keeps its registers; a unit without one names a clerk in the admin."""
    return person.agency() == agency and person.position == Position.CLERK and person.designated_for_secrets
