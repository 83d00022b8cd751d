"""Take out of storage and return (R32)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.approvals.models import Request
from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.core.roles import Operation
from bmnn.org.models import Person
from bmnn.registry.choices import Status
from bmnn.registry.guards import guard
from bmnn.registry.models import Carrier

from ..models import Takeout
from .common import approved, approved_check, close, require_custodian_or_keeper, submit


def takeout_request_check(actor: Person, carrier: Carrier) -> None:
    """Only a record in storage is taken out (R32)."""
    guard(carrier, "takeout")


def takeout_request(
    *,
    actor: Person,
    carrier: Carrier,
    purpose: str,
    place: str,
    start: dt.date,
    due: dt.date,
    measures: str,
    abroad: bool = False,
) -> Request:
    """Ask to take a record out of storage, with every field R32 requires."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        takeout_request_check(actor, carrier)
        missing = [
            label
            for label, value in (("mục đích", purpose), ("địa điểm", place), ("biện pháp bảo vệ", measures))
            if not value.strip()
        ]
        if missing:
            raise DomainError(
                _("A take-out request must state: {missing}.").format(missing=", ".join(missing)), rule="R32"
            )
        if due < start or start < clock.today():
            raise DomainError(
                _("Invalid take-out period: the return date must be after the take-out date and not in the past."),
                rule="R32",
                field="due",
            )
        payload = {
            "name": actor.get_full_name(),
            "position": actor.title or actor.get_position_display(),
            "unit": str(actor.organisation),
            "item_type": carrier.doc_type,
            "abstract": "" if carrier.level == Level.TUYET_MAT else carrier.abstract,  # R18
            "level": carrier.level,
            "purpose": purpose.strip(),
            "place": place.strip(),
            "start": start.isoformat(),
            "due": due.isoformat(),
            "measures": measures.strip(),
            "abroad": abroad,
        }
        operation = Operation.TAKEOUT_ABROAD if abroad else Operation.TAKEOUT
        return submit(actor=actor, carrier=carrier, operation=operation, reasons=purpose, payload=payload)


def takeout_checkout_check(actor: Person, request: Request) -> None:
    """The custodian or the clerk hands over a record in storage, once the take-out is approved (R32)."""
    carrier = approved_check(request, Operation.TAKEOUT, Operation.TAKEOUT_ABROAD)
    guard(carrier, "takeout")
    require_custodian_or_keeper(
        actor, carrier, _("Only the manager or a clerk may hand over a document taken out."), "R32"
    )


def takeout_checkout(*, actor: Person, request: Request) -> Takeout:
    """Hand the record to the approved requester: it is "out of storage" until returned."""
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request.pk)
        carrier = approved(request, Operation.TAKEOUT, Operation.TAKEOUT_ABROAD)
        takeout_checkout_check(actor, request)
        takeout = Takeout.objects.create(
            request=request,
            carrier=carrier,
            taken_by=request.requester,
            checked_out_at=clock.now(),
            due=dt.date.fromisoformat(request.payload["due"]),
            abroad=bool(request.payload.get("abroad")),
        )
        carrier.status = Status.OUT_OF_STORAGE
        carrier.save(update_fields=["status"])
        close(request)
        record(
            actor,
            "lifecycle.takeout.checked_out",
            carrier,
            basis="R32",
            data={
                "takeout_id": takeout.pk,
                "taken_by": str(request.requester),
                "due": request.payload["due"],
                "place": request.payload["place"],
                "approver": str(request.decided_by),
            },
        )
    return takeout


def takeout_abroad_handover_check(actor: Person, takeout: Takeout) -> None:
    """A record taken abroad, still out and not yet handed over, is handed to the delegation's head by the
    person who took it out, or by the clerk (R32)."""
    if not takeout.abroad:
        raise DomainError(_("Only a state secret taken abroad is handed to the delegation head."), rule="R32")
    if takeout.returned_at is not None or takeout.handed_over_at is not None:
        raise DomainError(
            _("The handover to the delegation head is recorded already, or the document is back."), rule="R32"
        )
    if actor.pk != takeout.taken_by_id:
        carrier = Carrier.objects.get(pk=takeout.carrier_id)
        require_custodian_or_keeper(
            actor, carrier, _("Only whoever took it out or a clerk records the handover to the delegation head."), "R32"
        )


def takeout_abroad_handover(
    *, actor: Person, takeout: Takeout, delegation_head: str, handed_over_items: str, delegation_notice_ref: str
) -> Takeout:
    """Record the hand-over abroad: who handed over, to which head of delegation, when, what; and the written
    notice to that head (R32, R44)."""
    with transaction.atomic():
        takeout = Takeout.objects.select_for_update().get(pk=takeout.pk)
        takeout_abroad_handover_check(actor, takeout)
        missing = [
            label
            for label, value in (
                ("trưởng đoàn", delegation_head),
                ("BMNN bàn giao", handed_over_items),
                ("văn bản thông báo trưởng đoàn", delegation_notice_ref),
            )
            if not value.strip()
        ]
        if missing:
            raise DomainError(
                _("The handover record must state: {missing}.").format(missing=", ".join(missing)), rule="R32"
            )
        takeout.delegation_head, takeout.handed_over_items = delegation_head.strip(), handed_over_items.strip()
        takeout.delegation_notice_ref = delegation_notice_ref.strip()
        takeout.handed_over_at, takeout.handed_over_by = clock.now(), actor
        takeout.save()
        record(
            actor,
            "lifecycle.takeout.handed_over_abroad",
            takeout.carrier,
            basis="R32, R44",
            data={
                "takeout_id": takeout.pk,
                "by": str(actor),
                "to": takeout.delegation_head,
                "what": takeout.handed_over_items,
                "notice_ref": takeout.delegation_notice_ref,
            },
        )
    return takeout


def takeout_return_check(actor: Person, takeout: Takeout) -> None:
    """The custodian or the clerk receives back a record still out; abroad, once it was handed over (R32)."""
    if takeout.returned_at is not None:
        raise DomainError(_("This document has been returned."), rule="R32")
    if takeout.abroad and takeout.handed_over_at is None:
        raise DomainError(_("The handover to the delegation head for taking it abroad is not recorded."), rule="R32")
    carrier = Carrier.objects.get(pk=takeout.carrier_id)
    guard(carrier, "return")
    require_custodian_or_keeper(actor, carrier, _("Only the manager or a clerk may take the document back."), "R32")


def takeout_return(*, actor: Person, takeout: Takeout, closing_report: str) -> Takeout:
    """Receive the record back with the closing report (R32)."""
    with transaction.atomic():
        takeout = Takeout.objects.select_for_update().get(pk=takeout.pk)
        carrier = Carrier.objects.select_for_update().get(pk=takeout.carrier_id)
        takeout_return_check(actor, takeout)
        if not closing_report.strip():
            raise DomainError(
                _("A closing report is required when returning the document."), rule="R32", field="closing_report"
            )
        takeout.returned_at, takeout.received_back_by = clock.now(), actor
        takeout.closing_report = closing_report.strip()
        takeout.save()
        carrier.status = Status.IN_STORAGE
        carrier.save(update_fields=["status"])
        record(
            actor,
            "lifecycle.takeout.returned",
            carrier,
            basis="R32",
            data={"takeout_id": takeout.pk, "late": clock.local_date(takeout.returned_at) > takeout.due},
        )
    return takeout
