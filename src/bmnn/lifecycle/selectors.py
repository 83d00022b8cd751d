"""Reads of the lifecycle for a person."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bmnn.approvals.models import Request
from bmnn.approvals.selectors import request_get_for_user as approvals_request_get
from bmnn.core import clock
from bmnn.core.errors import NotFound
from bmnn.org.models import Person, Position
from bmnn.registry.models import Carrier
from bmnn.registry.policies import visible_carriers

from .models import CopyJob, LevelChange, Notice, Reminder, Takeout


def reminders_for(person: Person) -> QuerySet[Reminder]:
    """Open reminders for the person; a unit head also sees those of their unit's people."""
    mine = Q(person=person)
    if person.position in (Position.HEAD, Position.DEPUTY_HEAD, Position.DIVISION_HEAD) and person.organisation_id:
        mine |= Q(person__organisation_id__in=person.organisation.subtree_ids())
    return Reminder.objects.filter(mine, done_at__isnull=True).select_related("person", "carrier").order_by("due")


def due_summary(person: Person) -> dict[str, Any]:
    """Everything due for a person: reminders, overdue take-outs, notices to send (S2 applied)."""
    today = clock.today()
    visible = visible_carriers(person)
    return {
        "reminders": list(reminders_for(person)),
        "takeouts": list(Takeout.objects.filter(returned_at__isnull=True, carrier__in=visible)
                         .select_related("carrier", "taken_by").order_by("due")),
        "notices": list(Notice.objects.filter(sent_at__isnull=True, carrier__in=visible)
                        .select_related("carrier").order_by("due")),
        "today": today,
    }


def due_count(person: Person) -> int:
    return reminders_for(person).count()


def carrier_lifecycle(carrier: Carrier) -> dict[str, Any]:
    """What the record page shows of the lifecycle."""
    root = carrier.root
    return {
        "copies": root.copies.select_related("custodian").order_by("copy_number"),
        "copy_jobs": CopyJob.objects.filter(original=root).select_related("operator"),
        "takeouts": carrier.takeouts.select_related("taken_by", "received_back_by"),
        "open_takeout": carrier.takeouts.filter(returned_at__isnull=True).first(),
        "changes": LevelChange.objects.filter(carrier=root).select_related("decided_by"),
        "notices": Notice.objects.filter(carrier=root).select_related("sent_by"),
    }


def request_get_for_user(person: Person, pk: int) -> Request:
    """A request opens for its requester, its decider, a competent approver, or whoever may see its record."""
    try:
        return approvals_request_get(person, pk)
    except NotFound:
        request = Request.objects.filter(pk=pk).select_related("agency", "requester", "decided_by").first()
        if request is not None and visible_carriers(person).filter(pk=request.subject_id).exists():
            return request
        raise
