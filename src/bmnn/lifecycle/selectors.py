"""Reads of the lifecycle for a person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When

from bmnn.approvals.models import Request
from bmnn.approvals.selectors import request_get_for_user as approvals_request_get
from bmnn.catalog.models import ListStatus, SecretListItem
from bmnn.core import clock
from bmnn.core.errors import NotFound
from bmnn.core.levels import at_most
from bmnn.org.models import Person, Position
from bmnn.registry.choices import LIVE_STATUSES, IncidentKind
from bmnn.registry.disclosure import HIDDEN, Disclosure
from bmnn.registry.guards import ALLOWED
from bmnn.registry.models import Carrier, Incident
from bmnn.registry.policies import is_register_keeper, visible_carriers

from .models import (
    CopyJob,
    Council,
    DelistingReview,
    EmergencyDestruction,
    LevelChange,
    Meeting,
    MeetingDocument,
    Notice,
    Recall,
    RecallItem,
    Reminder,
    Takeout,
)

LIVE = list(LIVE_STATUSES)  # the same list as the due-date index's condition (registry.Carrier)


def reminders_for(person: Person) -> QuerySet[Reminder]:
    """Open reminders for the person; a unit head also sees those of their unit's people."""
    mine = Q(person=person)
    if person.position in (Position.HEAD, Position.DEPUTY_HEAD, Position.DIVISION_HEAD) and person.organisation:
        mine |= Q(person__organisation_id__in=person.organisation.subtree_ids())
    return Reminder.objects.filter(mine, done_at__isnull=True).select_related("person", "carrier").order_by("due")


def open_takeouts(person: Person) -> QuerySet[Takeout]:
    """Take-outs not yet returned, of the records the person may see (S2)."""
    return (
        Takeout.objects.filter(returned_at__isnull=True, carrier__in=visible_carriers(person))
        .select_related("carrier", "taken_by")
        .order_by("due")
    )


def overdue_for(person: Person, today: dt.date, limit: int) -> tuple[list[Reminder | Takeout | Notice], int]:
    """The ``limit`` oldest overdue reminders, take-outs and notices of a person, by due date, and how many there are.

    Each list applies its own visibility (S2); only ``limit`` rows of each are read, so a head with thousands of
    extension reminders after a sweep costs what one with thirty does (issue 17).
    """
    lists: list[QuerySet[Any]] = [
        reminders_for(person).filter(due__lt=today),
        open_takeouts(person).filter(due__lt=today),
        pending_notices(person).filter(due__lt=today),
    ]
    oldest = [item for rows in lists for item in rows.order_by("due", "pk")[:limit]]
    return sorted(oldest, key=lambda item: item.due)[:limit], sum(rows.count() for rows in lists)


def reminders_shown(person: Person, reminders: list[Reminder]) -> list[Reminder]:
    """The reminders as ``person`` may read them (S2): a head's list holds their unit's people's reminders too,
    and one about a record the head may not see keeps its date and person but neither names nor links the
    record. One visibility query for the list; the masked rows are for display and never saved."""
    shown = Disclosure(person).may_see_ids([r.carrier_id for r in reminders])
    for reminder in reminders:
        if reminder.carrier_id is not None and reminder.carrier_id not in shown:
            reminder.text, reminder.carrier_id = f"Nhắc việc về {HIDDEN}", None
    return reminders


def due_summary(person: Person) -> dict[str, Any]:
    """Everything due for a person: reminders, take-outs, notices, recalls, meetings to close (S2 applied)."""
    today = clock.today()
    visible = visible_carriers(person)
    return {
        "reminders": reminders_shown(person, list(reminders_for(person))),
        "takeouts": list(open_takeouts(person)),
        "notices": list(pending_notices(person)),
        "recall_items": list(
            RecallItem.objects.filter(
                Q(carrier__in=visible) | Q(holder=person), returned_at__isnull=True, recall__closed_at__isnull=True
            )
            .distinct()
            .select_related("recall", "carrier", "holder")
            .order_by("recall__return_by", "pk")
        ),
        # R35: a meeting past its last day is closed once every document is back and every day sealed.
        "meetings": list(
            meetings_visible_to(person)
            .filter(approved_at__isnull=False, closed_at__isnull=True, ends_on__lte=today)
            .order_by("ends_on", "pk")
        ),
        "meetings_to_approve": list(meetings_to_approve(person)),
        # R37: emergency destruction reports the head has not yet acknowledged (overdue from the next day).
        "emergencies": list(
            EmergencyDestruction.objects.filter(reported_to=person, acknowledged_at__isnull=True)
            .select_related("carrier", "custodian")
            .order_by("destroyed_at")
        ),
        # R25: notices owed to the senders of receipts that did not match (due the day found).
        "sender_notices": list(
            Incident.objects.filter(
                kind=IncidentKind.RECEIPT_MISMATCH, carrier__in=visible, sender_notified_at__isnull=True
            )
            .select_related("carrier")
            .order_by("found_at", "pk")
        ),
        # R32: records taken abroad not yet handed to the delegation's head (due the day they leave).
        "abroad_handovers": list(
            Takeout.objects.filter(
                Q(carrier__in=visible) | Q(taken_by=person),
                abroad=True,
                handed_over_at__isnull=True,
                returned_at__isnull=True,
            )
            .distinct()
            .select_related("carrier", "taken_by")
            .order_by("checked_out_at")
        ),
        # R48: records citing only repealed items, waiting for this head's decision.
        "delistings": list(delistings_to_decide(person)),
        "items_to_map": list(items_to_map(person)),
        "today": today,
    }


def delistings_to_decide(person: Person) -> QuerySet[DelistingReview]:
    """Proposals waiting for the head of the agency holding the record (R48)."""
    if not person.is_authenticated or person.position != Position.HEAD:
        return DelistingReview.objects.none()
    return (
        DelistingReview.objects.filter(agency_id=person.organisation_id, status=DelistingReview.Status.PENDING)
        .select_related("carrier")
        .order_by("proposed_at", "pk")
    )


def delisting_get_for_user(person: Person, pk: int) -> DelistingReview:
    """A proposal opens for the head of the holding agency, or whoever sees its record (S2)."""
    if not person.is_authenticated:
        raise NotFound()
    mine = Q(carrier__in=visible_carriers(person))
    if person.position == Position.HEAD:
        mine |= Q(agency_id=person.organisation_id)
    review = DelistingReview.objects.filter(mine, pk=pk).select_related("carrier").first()
    if review is None:
        raise NotFound()
    return review


def items_to_map(person: Person) -> QuerySet[SecretListItem]:
    """Items of superseded lists, not yet mapped, that live records of the clerk's agency cite (R48)."""
    agency = person.agency() if person.is_authenticated else None
    if agency is None or not is_register_keeper(person, agency):
        return SecretListItem.objects.none()
    return (
        SecretListItem.objects.filter(
            secret_list__status=ListStatus.SUPERSEDED,
            repealed=False,
            replaced_by__isnull=True,
            carriers__agency_id__in=agency.subtree_ids(),
            carriers__status__in=LIVE,
        )
        .distinct()
        .select_related("secret_list")
        .order_by("secret_list", "level", "number")
    )


def list_item_get_for_user(person: Person, pk: int) -> SecretListItem:
    """Lists of state secrets are published decisions: any signed-in person may open an item."""
    item = (
        SecretListItem.objects.filter(pk=pk).select_related("secret_list").first() if person.is_authenticated else None
    )
    if item is None:
        raise NotFound()
    return item


def emergency_get_for_user(person: Person, pk: int) -> EmergencyDestruction:
    """An emergency destruction opens for the head it was reported to, its custodian, or whoever sees the record."""
    emergency = (
        EmergencyDestruction.objects.filter(pk=pk)
        .filter(Q(reported_to=person) | Q(custodian=person) | Q(carrier__in=visible_carriers(person)))
        .select_related("carrier")
        .first()
    )
    if emergency is None:
        raise NotFound()
    return emergency


def due_count(person: Person) -> int:
    return reminders_for(person).count()


def carrier_lifecycle(carrier: Carrier) -> dict[str, Any]:
    """What the record page shows of the lifecycle."""
    root = carrier.root
    return {
        "copies": root.copies.exclude(pk=carrier.pk).select_related("custodian").order_by("copy_number"),
        "copy_jobs": CopyJob.objects.filter(original=root).select_related("operator"),
        "takeouts": carrier.takeouts.select_related("taken_by", "received_back_by"),
        "open_takeout": carrier.takeouts.filter(returned_at__isnull=True).first(),
        "changes": LevelChange.objects.filter(carrier=root).select_related("decided_by"),
        "notices": Notice.objects.filter(carrier=root).select_related("sent_by"),
    }


def takeout_get_for_user(person: Person, pk: int) -> Takeout:
    """A take-out opens for whoever may see its record (S2)."""
    takeout = Takeout.objects.filter(pk=pk, carrier__in=visible_carriers(person)).select_related("carrier").first()
    if takeout is None:
        raise NotFound()
    return takeout


def request_get_for_user(person: Person, pk: int) -> Request:
    """A request opens for its requester, its decider, a competent approver, or whoever may see its record."""
    try:
        return approvals_request_get(person, pk)
    except NotFound:
        request = Request.objects.filter(pk=pk).select_related("agency", "requester", "decided_by").first()
        if request is not None and visible_carriers(person).filter(pk=request.subject_id).exists():
            return request
        raise


# Councils, recalls and notices: who may see them (S2).

# Leaders first, as an agency lists its people: head, deputies, division heads, clerk, staff.
BY_RANK = (
    Case(*[When(position=p, then=Value(n)) for n, p in enumerate(Position.values)], default=Value(99)),
    "last_name",
    "first_name",
)


def council_candidates(person: Person) -> tuple[QuerySet[Carrier], QuerySet[Person]]:
    """What a set-up form offers: the live records the person sees, and the cleared people of their agency."""
    carriers = visible_carriers(person).filter(status__in=ALLOWED["declassify"][1]).order_by("-pk")
    agency = person.agency() if person.is_authenticated else None
    people = Person.objects.filter(is_active=True, organisation_id__in=agency.subtree_ids() if agency else [])
    return carriers, people.exclude(clearance="").order_by(*BY_RANK)


def councils_visible_to(person: Person) -> QuerySet[Council]:
    """A council opens for its members, its creator and decider, and whoever sees every listed record (S2)."""
    hidden = Carrier.objects.filter(councils=OuterRef("pk")).exclude(pk__in=visible_carriers(person).values("pk"))
    return (
        Council.objects.filter(
            Q(members=person)
            | Q(created_by=person)
            | Q(decided_by=person)
            | (Q(carriers__isnull=False) & ~Exists(hidden))
        )
        .distinct()
        .select_related("agency", "chair", "decided_by")
        .order_by("-setup_date", "-pk")
    )


def council_get_for_user(person: Person, pk: int) -> Council:
    council = councils_visible_to(person).filter(pk=pk).first()
    if council is None:
        raise NotFound()
    return council


def council_detail(council: Council) -> dict[str, Any]:
    """What the council page shows: members (chair first) with their confirmations, the list, the record."""
    members = sorted(council.members.order_by(*BY_RANK), key=lambda m: m.pk != council.chair_id)  # chair first
    confirmed = {c.member_id: c.confirmed_at for c in council.confirmations.all()}
    listed = list(council.carriers.order_by("pk"))
    entries = list(council.entries.select_related("carrier").prefetch_related("files").order_by("sequence"))
    return {
        "council": council,
        "listed": listed,
        "members": [(m, confirmed.get(m.pk)) for m in members],
        "entries": entries,
        "electronic": [(e, f) for e in entries for f in e.files.all()],  # R36: each electronic item
        "changes": list(
            LevelChange.objects.filter(
                basis__endswith=council.setup_decision_ref, kind=LevelChange.Kind.COUNCIL, carrier__in=listed
            )
        ),
    }


def recalls_visible_to(person: Person) -> QuerySet[Recall]:
    """Recalls of records the person sees, or in which they hold a copy (S2)."""
    return (
        Recall.objects.filter(Q(carrier__in=visible_carriers(person)) | Q(items__holder=person))
        .distinct()
        .select_related("carrier", "issued_by")
        .annotate(returned_count=Count("items", filter=Q(items__returned_at__isnull=False), distinct=True))
        .order_by("-closed_at", "return_by", "-pk")
    )


def recall_get_for_user(person: Person, pk: int) -> Recall:
    recall = recalls_visible_to(person).filter(pk=pk).first()
    if recall is None:
        raise NotFound()
    return recall


def recall_item_get_for_user(person: Person, pk: int) -> RecallItem:
    item = RecallItem.objects.filter(pk=pk, recall__in=recalls_visible_to(person)).select_related("recall").first()
    if item is None:
        raise NotFound()
    return item


def notice_get_for_user(person: Person, pk: int) -> Notice:
    notice = Notice.objects.filter(pk=pk, carrier__in=visible_carriers(person)).select_related("carrier").first()
    if notice is None:
        raise NotFound()
    return notice


def pending_notices(person: Person) -> QuerySet[Notice]:
    """Written notices still owed on records the person sees (R7, R9, R10, R11)."""
    return (
        Notice.objects.filter(sent_at__isnull=True, carrier__in=visible_carriers(person))
        .select_related("carrier")
        .order_by("due", "pk")
    )


# Meetings with secret content (R35).


def _leads_meetings(person: Person, agency: Any) -> bool:
    """The agency's head or deputy approves its meetings; its clerk keeps their documents (R35)."""
    return agency is not None and (
        is_register_keeper(person, agency)
        or (person.organisation_id == agency.pk and person.position in (Position.HEAD, Position.DEPUTY_HEAD))
    )


def meetings_visible_to(person: Person) -> QuerySet[Meeting]:
    """A meeting opens for its attendees, its organiser and approver, and its agency's leaders and clerk (S2)."""
    mine = Q(attendees=person) | Q(created_by=person) | Q(approved_by=person)
    agency = person.agency() if person.is_authenticated else None
    if _leads_meetings(person, agency):
        mine |= Q(agency=agency)
    return (
        Meeting.objects.filter(mine)
        .distinct()
        .select_related("agency", "created_by", "approved_by")
        .annotate(
            out_count=Count("documents", filter=Q(documents__returned_at__isnull=True), distinct=True),
            attendee_count=Count("attendees", distinct=True),
        )
        .order_by("closed_at", "-starts_on", "-pk")
    )


def meetings_to_approve(person: Person) -> QuerySet[Meeting]:
    """Meetings of the person's agency waiting for its head or deputy; never their own plan (R35, S7)."""
    if person.position not in (Position.HEAD, Position.DEPUTY_HEAD):
        return Meeting.objects.none()
    return (
        meetings_visible_to(person)
        .filter(agency_id=person.organisation_id, approved_at__isnull=True, closed_at__isnull=True)
        .exclude(created_by=person)
        .order_by("starts_on", "pk")
    )


def meeting_get_for_user(person: Person, pk: int) -> Meeting:
    meeting = meetings_visible_to(person).filter(pk=pk).first()
    if meeting is None:
        raise NotFound()
    return meeting


def meeting_document_get_for_user(person: Person, pk: int) -> MeetingDocument:
    issued = (
        MeetingDocument.objects.filter(pk=pk, meeting__in=meetings_visible_to(person))
        .select_related("meeting", "carrier", "issued_to")
        .first()
    )
    if issued is None:
        raise NotFound()
    return issued


def meeting_issuable(meeting: Meeting, person: Person) -> tuple[QuerySet[Carrier], QuerySet[Person]]:
    """What the issue form offers: records in storage the person sees, no higher than the meeting; attendees."""
    carriers = (
        visible_carriers(person)
        .filter(status__in=ALLOWED["handover"][1], level__in=at_most(meeting.level))
        .order_by("-pk")
    )
    return carriers, meeting.attendees.order_by(*BY_RANK)


def meeting_detail(meeting: Meeting) -> dict[str, Any]:
    """What the meeting page shows: attendees, documents issued and still out, the daily seals (R35)."""
    today = clock.today()
    seals = {s.day: s for s in meeting.seals.select_related("sealed_by")}
    documents = list(meeting.documents.select_related("carrier", "issued_to").order_by("issued_at", "pk"))
    return {
        "meeting": meeting,
        "today": today,
        "attendees": list(meeting.attendees.order_by(*BY_RANK)),
        "documents": documents,
        "outstanding": [d for d in documents if d.returned_at is None],
        "days": [(day, seals.get(day)) for day in meeting.days_to_seal()],
        "unsealed": [day for day in meeting.days_to_seal() if day not in seals and day < today],
    }
