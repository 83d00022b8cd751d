"""Who may see and who may act on secret carriers (S2, R4, R38)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models import Q, QuerySet

from bmnn.core.levels import at_most, rank
from bmnn.org.models import Organisation, Person, Position

from .models import Assignment, Carrier, Handover

# Ids of a person's own records are sent as a list up to this many (S2, issue 17).
IDS_INLINE = 5000
# The person columns that are each a reason to see a carrier (S2).
PERSON_COLUMNS = ("custodian", "named_recipient", "decision_maker", "drafter")

_remembered: ContextVar[dict[tuple[Any, ...], list[Q]] | None] = ContextVar("bmnn_visibility_branches", default=None)


@contextmanager
def branches_remembered() -> Iterator[None]:
    """Within the block, each person's visibility branches are looked up once (S2, issue 17).

    For a request that changes nothing (a GET: ``bmnn.web.middleware.ReadOnlyVisibilityMiddleware``), whose
    lists, counts, panels and record checks would each repeat the look-up of the person's own records. Not
    for anything that writes: a hand-over made in the block would not be seen by the branches remembered.
    """
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


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
    return queryset.filter(Q(level__in=at_most(person.clearance)) & _any(branches)), branches


def visible_among(person: Person, ids: Iterable[Any], queryset: QuerySet[Carrier] | None = None) -> QuerySet[Carrier]:
    """``visible_carriers(person, queryset)`` for the records ``ids`` only (S2): a record's page, a few ids.

    The same reasons as ``visible_carriers``; for a clerk or head their own records outside the agency are
    looked up among ``ids`` only, inside the same query (a few index probes), instead of listing them all
    (for the department's clerk, ~1,400 hand-overs whose record's agency must be read, issue 17). When the
    request already remembers the person's branches (``branches_remembered``), those are used.
    """
    wanted = list(ids)
    queryset = (Carrier.objects.all() if queryset is None else queryset).filter(pk__in=wanted)
    if not getattr(person, "is_authenticated", False) or not person.clearance or not person.is_active:
        return queryset.none()
    remembered = _remembered.get()
    agency = _agency_seen_whole(person)
    if agency is None or (remembered is not None and _remembered_key(person) in remembered):
        branches = visibility_branches(person)
    else:
        branches = [Q(pk__in=own_ids_outside(person, agency, among=wanted)), Q(agency=agency)]
    return queryset.filter(Q(level__in=at_most(person.clearance)) & _any(branches))


def _remembered_key(person: Person) -> tuple[Any, ...]:
    return (person.pk, person.position, person.organisation_id)


def visibility_branches(person: Person) -> list[Q]:
    """The reasons ``person`` may see a carrier, one Q per index (S2); ``visible_carriers`` ORs them.

    Each person column is its own branch (indexed with the list order), the assignments and
    hand-overs to the person one branch of ids, the agency (for its clerk and head) another.
    PostgreSQL combines them with BitmapOr for a count; a list page asks each branch for its first
    rows in the list order and merges them (``registry.paging``), so no branch is read past one page.

    A clerk or head sees their agency whole, so of their own records only those outside it add
    anything: one branch of their ids (``own_ids_outside``), then the agency's branch, always last.
    The director decides every outgoing record of the department: as a branch of its own, that
    column would be walked for nothing whenever a filter leaves it empty (``direction=INCOMING``).
    """
    remembered = _remembered.get()
    key = _remembered_key(person)
    if remembered is not None and key in remembered:
        return list(remembered[key])
    agency = _agency_seen_whole(person)
    branches = _personal_branches(person) if agency is None else [*_own_outside(person, agency), Q(agency=agency)]
    if remembered is not None:
        remembered[key] = branches
    return list(branches)


def visible_parts(person: Person) -> list[QuerySet[Carrier]]:
    """Disjoint querysets whose union is ``visible_carriers(person)`` (S2), for counting.

    For an agency's clerk or head: the agency's records (an index-only scan of the agency's index)
    and, apart, what they see for a personal reason outside the agency. A count sums the parts.
    """
    return _parts(person)[1]


def counted_parts(person: Person) -> tuple[Organisation | None, list[QuerySet[Carrier]]]:
    """For counting what ``person`` sees (S2): the agency whose cleared records the agency counters give
    whole (None when there is none), and the parts of the visible set left to count by query."""
    agency, parts = _parts(person)
    return (agency, parts[1:]) if agency is not None else (None, parts)


def _parts(person: Person) -> tuple[Organisation | None, list[QuerySet[Carrier]]]:
    """The agency ``person`` sees whole (or None), and the disjoint parts of what they see: that agency's
    cleared records first, then their own cleared records outside it (when they have any)."""
    visible, branches = visible_carriers_and_branches(person)
    agency = _agency_seen_whole(person) if branches else None
    if agency is None:
        return None, [visible]
    cleared = Carrier.objects.filter(level__in=at_most(person.clearance))
    parts = [cleared.filter(agency=agency)]
    personal = branches[:-1]  # visibility_branches puts the agency's branch last
    if personal:
        parts.append(cleared.filter(_any(personal)).exclude(agency=agency))
    return agency, parts


def _any(branches: list[Q]) -> Q:
    reason = branches[0]
    for branch in branches[1:]:
        reason |= branch
    return reason


def _personal_branches(person: Person) -> list[Q]:
    branches = [Q(**{column: person}) for column in PERSON_COLUMNS]
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
    estimate it; past ``IDS_INLINE`` ids as the subquery itself (probed through a hash).
    """
    ids = received_ids(person)
    listed = list(ids[: IDS_INLINE + 1])
    if not listed:
        return None
    return Q(pk__in=ids) if len(listed) > IDS_INLINE else Q(pk__in=listed)


def _own_outside(person: Person, agency: Organisation) -> list[Q]:
    """The branches of what a clerk or head sees for a personal reason besides their ``agency`` (S2).

    One branch ``pk IN (...)`` of ``own_ids_outside`` when there are at most ``IDS_INLINE`` (none when
    there are none); past that, each person column and the received ids as their own branches, as for
    anyone else (the agency's branch covers whatever of them lies inside it).
    """
    listed = list(own_ids_outside(person, agency)[: IDS_INLINE + 1])
    if len(listed) > IDS_INLINE:
        return _personal_branches(person)
    return [Q(pk__in=listed)] if listed else []


def own_ids_outside(person: Person, agency: Organisation, among: list[Any] | None = None) -> QuerySet[Any]:
    """The ids of the carriers outside ``agency`` that ``person`` holds, is named on, decided, drafted, was
    assigned or was handed over (S2): one query of index scans, UNION ALL (an id may come twice).

    "Outside" is two ranges of each (person column, agency, id) index, ``agency < a`` and ``agency > a``
    (an agency is never null), read from the index alone: however many records the person has inside the
    agency, none is read. The assignments and hand-overs to the person (a few thousand at most, from their
    own indexes) each look their record's agency up (in the (id, agency) index). With ``among``, only
    those records are looked at.
    """
    carriers = Carrier.objects.order_by().values_list("pk", flat=True)
    if among is not None:
        carriers = carriers.filter(pk__in=among)
    outside = [
        carriers.filter(**{column: person, f"agency__{side}": agency.pk})
        for column in PERSON_COLUMNS
        for side in ("lt", "gt")
    ]
    assigned, handed = _received_parts(person)
    if among is not None:
        assigned, handed = assigned.filter(carrier_id__in=among), handed.filter(carrier_id__in=among)
    assigned, handed = assigned.exclude(carrier__agency=agency), handed.exclude(carrier__agency=agency)
    return assigned.union(handed, *outside, all=True)


def received_ids(person: Person) -> QuerySet[Any]:
    """The ids of the carriers assigned or handed over to ``person``: two index-only scans, UNION ALL (S2)."""
    assigned, handed = _received_parts(person)
    return assigned.union(handed, all=True)


def _received_parts(person: Person) -> tuple[QuerySet[Any], QuerySet[Any]]:
    assigned = Assignment.objects.filter(person=person).values_list("carrier_id", flat=True).order_by()
    handed = Handover.objects.filter(to_person=person).values_list("carrier_id", flat=True).order_by()
    return assigned, handed


def may_see_level(person: Person, level: str) -> bool:
    return bool(person.clearance) and rank(person.clearance) >= rank(level)


def is_register_keeper(person: Person, agency: Organisation) -> bool:
    """The agency's clerk (văn thư) keeps its registers; a unit without one names a clerk in the admin."""
    return person.agency() == agency and person.position == Position.CLERK and person.designated_for_secrets
