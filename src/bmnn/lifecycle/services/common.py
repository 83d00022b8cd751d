"""Helpers shared by the lifecycle services: approved requests, marks and notices."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from bmnn.approvals.models import Request, RequestStatus
from bmnn.approvals.services import request_close, request_submit
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.text import Message
from bmnn.legal.deadlines import notice_due
from bmnn.org.models import Organisation, Person, Position
from bmnn.registry.choices import Status
from bmnn.registry.models import Carrier
from bmnn.registry.policies import is_register_keeper

from ..models import Notice


def submit(*, actor: Person, carrier: Carrier, operation: str, reasons: str, payload: dict[str, Any]) -> Request:
    """Open a request about ``carrier`` in its agency's queue."""
    return request_submit(
        actor=actor,
        subject=carrier,
        operation=operation,
        level=carrier.level,
        agency=carrier.agency,
        reasons=reasons,
        payload=payload,
    )


def approved_check(request: Request, *operations: str) -> Carrier:
    """The carrier of an approved request for one of ``operations`` (unlocked); refuse otherwise (R12)."""
    if request.operation not in operations:
        raise DomainError(_("The request is not for this kind of operation."))
    if request.status != RequestStatus.APPROVED:
        raise DomainError(
            _('Not possible yet: the request\'s status is "{status}".').format(status=request.get_status_display()),
            rule="R12",
        )
    if request.subject_type != ContentType.objects.get_for_model(Carrier):
        raise DomainError(_("The request is not attached to a state secret."))
    return Carrier.objects.get(pk=request.subject_id)


def approved(request: Request, *operations: str) -> Carrier:
    """Lock and return the carrier of an approved request for one of ``operations``; refuse otherwise."""
    approved_check(request, *operations)
    return Carrier.objects.select_for_update().get(pk=request.subject_id)


def require_custodian_or_keeper(actor: Person, carrier: Carrier, message: Message, rule: str) -> None:
    """Only the carrier's custodian or its agency's register keeper acts on it."""
    if actor.pk != carrier.custodian_id and not is_register_keeper(actor, carrier.agency):
        raise PermissionDenied(message, rule=rule)


def close(request: Request) -> None:
    request_close(request)


def add_mark(carrier: Carrier, text: str) -> None:
    carrier.marks = [*carrier.marks, text]


def recorded_recipients(carrier: Carrier) -> list[str]:
    """Everyone on record as holding the item: the "nơi nhận" lines, hand-over recipients, copy holders."""
    root = carrier.root
    names = [line.strip(" ;.-") for line in root.recipients.replace(";", "\n").splitlines()]
    names += [h.recipient_label for h in root.handovers.select_related("to_person", "to_unit")]
    # A destroyed copy has no holder left to notify.
    names += [
        str(c.custodian)
        for c in root.copies.exclude(status=Status.DESTROYED).select_related("custodian")
        if c.custodian_id
    ]
    seen: dict[str, None] = {}
    for name in names:
        if name and not name.lower().startswith("lưu"):
            seen.setdefault(name, None)
    return list(seen)


def open_notices(carrier: Carrier, kind: str, content: str, *, due: dt.date | None = None) -> list[Notice]:
    """Owe a written notice to every recorded recipient, due within the notice period (R7, R10, R11)."""
    due = due or notice_due(clock.today())
    return [
        Notice.objects.create(
            carrier=carrier, kind=kind, recipient=name, content=content, due=due, created_at=clock.now()
        )
        for name in recorded_recipients(carrier)
    ]


def head_of(agency: Organisation) -> Person | None:
    """The active head of ``agency``, to whom reports and reminders go."""
    return Person.objects.filter(organisation=agency, position=Position.HEAD, is_active=True).order_by("pk").first()
