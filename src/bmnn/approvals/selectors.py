"""Queues: what waits for an approver, and the state of a requester's own requests."""

from __future__ import annotations

from django.db.models import QuerySet

from bmnn.core import clock
from bmnn.core.errors import NotFound
from bmnn.core.levels import at_most
from bmnn.org.models import Person

from .models import Request, RequestStatus
from .policies import decision_basis


def requests_awaiting(person: Person) -> list[Request]:
    """Pending requests ``person`` is competent to decide (not their own: S7)."""
    if not person.is_authenticated or not person.organisation_id:
        return []
    candidates = (
        Request.objects.filter(status=RequestStatus.PENDING, level__in=at_most(person.clearance))
        .exclude(requester=person)
        .select_related("agency", "requester")
    )
    today = clock.today()
    return [
        r for r in candidates if decision_basis(person, operation=r.operation, level=r.level, agency=r.agency, on=today)
    ]


def requests_of(person: Person) -> QuerySet[Request]:
    return Request.objects.filter(requester=person).select_related("decided_by", "agency")


def request_get_for_user(person: Person, pk: int) -> Request:
    """The requester, the decider, or someone competent to decide may open a request."""
    request = Request.objects.filter(pk=pk).select_related("agency", "requester", "decided_by").first()
    if request is None:
        raise NotFound()
    if person.pk in (request.requester_id, request.decided_by_id):
        return request
    if request.status == RequestStatus.PENDING and request in requests_awaiting(person):
        return request
    raise NotFound()
