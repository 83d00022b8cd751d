"""Who may see and who may act on secret carriers (S2, R4, R38)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bmnn.core.levels import at_most, rank
from bmnn.org.models import Organisation, Person, Position

from .models import Assignment, Carrier, Handover

RECEIVED_IDS_INLINE = 5000


def visible_carriers(person: Person, queryset: QuerySet[Carrier] | None = None) -> QuerySet[Carrier]:
    """Restrict ``queryset`` to what ``person`` may see (S2).

    Clearance at least the level AND a reason: custody, an assignment, a hand-over
    to them, their name on the envelope, having decided the level, the clerk's
    register role for their agency, or the head's approval role for their agency.
    """
    return visible_carriers_and_branches(person, queryset)[0]


def visible_carriers_and_branches(
    person: Person,
    queryset: QuerySet[Carrier] | None = None,
) -> tuple[QuerySet[Carrier], list[Q]]:
    """``visible_carriers`` and the branches it ORs (none for a person who may see nothing) (S2)."""
    queryset = Carrier.objects.all() if queryset is None else queryset
    if not getattr(person, "is_authenticated", False) or not person.clearance or not person.is_active:
        return queryset.none(), []
    branches = visibility_branches(person)
    reason = branches[0]
    for branch in branches[1:]:
        reason |= branch
    return queryset.filter(Q(level__in=at_most(person.clearance)) & reason), branches


def visibility_branches(person: Person) -> list[Q]:
    """The reasons ``person`` may see a carrier, one Q per index (S2); ``visible_carriers`` ORs them.

    Each person column is its own branch (indexed with the list order), the assignments and
    hand-overs to the person one branch of ids, the agency (for its clerk and head) another.
    PostgreSQL combines them with BitmapOr for a count; a list page asks each branch for its first
    rows in the list order and merges them (``registry.paging``), so no branch is read past one page.
    """
    branches = _personal_branches(person)
    agency = _agency_seen_whole(person)
    if agency is not None:
        branches.append(Q(agency=agency))
    return branches


def visible_parts(person: Person) -> list[QuerySet[Carrier]]:
    """Disjoint querysets whose union is ``visible_carriers(person)`` (S2), for counting.

    For an agency's clerk or head: the agency's records (an index-only scan of the agency's index)
    and, apart, what they see for a personal reason outside the agency. A count sums the parts.
    """
    visible, branches = visible_carriers_and_branches(person)
    agency = _agency_seen_whole(person) if branches else None
    if agency is None:
        return [visible]
    cleared = Carrier.objects.filter(level__in=at_most(person.clearance))
    personal = branches[:-1]  # visibility_branches puts the agency's branch last
    reason = personal[0]
    for branch in personal[1:]:
        reason |= branch
    return [cleared.filter(agency=agency), cleared.filter(reason).exclude(agency=agency)]


def counted_parts(person: Person) -> tuple[Organisation | None, list[QuerySet[Carrier]]]:
    """For counting what ``person`` sees (S2): the agency whose cleared records the agency counters give
    whole (None when there is none), and the parts of the visible set left to count by query."""
    parts = visible_parts(person)
    agency = _agency_seen_whole(person) if len(parts) == 2 else None
    return (agency, parts[1:]) if agency is not None else (None, parts)


def _personal_branches(person: Person) -> list[Q]:
    branches = [Q(custodian=person), Q(named_recipient=person), Q(decision_maker=person), Q(drafter=person)]
    received = _received(person)
    if received is not None:
        branches.append(received)
    return branches


def _agency_seen_whole(person: Person) -> Organisation | None:
    """The agency whose every record ``person`` sees: the clerk's register role, the head's approvals (S2)."""
    agency = person.agency()
    return agency if agency is not None and person.position in (Position.CLERK, Position.HEAD) else None


def _received(person: Person) -> Q | None:
    """``pk IN (...)`` for the carriers assigned or handed over to ``person``; None when there is none.

    Sent as a list of ids when short, so PostgreSQL can combine it with the other indexes and
    estimate it; past ``RECEIVED_IDS_INLINE`` ids as the subquery itself (probed through a hash).
    """
    ids = received_ids(person)
    listed = list(ids[: RECEIVED_IDS_INLINE + 1])
    if not listed:
        return None
    return Q(pk__in=ids) if len(listed) > RECEIVED_IDS_INLINE else Q(pk__in=listed)


def received_ids(person: Person) -> QuerySet[Any]:
    """The ids of the carriers assigned or handed over to ``person``: two index-only scans, UNION ALL (S2)."""
    assigned = Assignment.objects.filter(person=person).values_list("carrier_id", flat=True).order_by()
    handed = Handover.objects.filter(to_person=person).values_list("carrier_id", flat=True).order_by()
    return assigned.union(handed, all=True)


def may_see_level(person: Person, level: str) -> bool:
    return bool(person.clearance) and rank(person.clearance) >= rank(level)


def is_register_keeper(person: Person, agency: Organisation) -> bool:
    """The agency's clerk (văn thư) keeps its registers; a unit without one names a clerk in the admin."""
    return person.agency() == agency and person.position == Position.CLERK and person.designated_for_secrets
