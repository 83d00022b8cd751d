"""Receive and register incoming secrets (R24, R25, R18, R19)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.org.models import Person, Position

from ..choices import Direction, IncidentKind, Medium, SeriesKind, Status, Urgency
from ..models import Carrier, Incident
from .common import (
    check_abstract,
    protection_end,
    refresh_search_text,
    require_cleared,
    require_custodian,
    require_register_keeper,
)
from .handover import open_handover
from .numbering import take_number


def incoming_receive(
    *,
    actor: Person,
    sender: str,
    doc_number: str,
    level: str,
    doc_type: str = "",
    abstract: str = "",
    doc_date: dt.date | None = None,
    item_ids: Sequence[int] = (),
    urgency: str = Urgency.NORMAL,
    medium: str = Medium.PAPER,
    named_recipient: Person | None = None,
    expected_count: int = 1,
    received_count: int = 1,
    packaging_intact: bool = True,
    storage_place: str = "",
    discrepancy_note: str = "",
) -> Carrier:
    """Record a received secret and, when counts and packaging match, register it.

    A named-recipient envelope is registered by its outer marks and routed unopened to
    the named person, or to the head when that person is away and it is flash (R24).
    A count or packaging mismatch holds the item unregistered and opens an incident
    reported to the head at once (R25).
    """
    if level not in Level.values:
        raise DomainError(_("Invalid secrecy level."), rule="R1", field="level")
    agency = actor.agency()
    if agency is None:
        raise DomainError(_("The account does not belong to any agency or unit."))
    with transaction.atomic():
        require_register_keeper(actor, agency)
        require_cleared(actor, level)
        require_custodian(
            actor, _("The person receiving and registering")
        )  # R38, P4: the receiving clerk holds the item
        if not sender.strip() or not doc_number.strip():
            raise DomainError(_("Record the sender and the number and code on the envelope or document."), rule="R24")
        unopened = named_recipient is not None
        if unopened and abstract.strip():
            raise DomainError(
                _(
                    'An envelope marked "Only the named person may open" is not opened: record only the marks '
                    "on the envelope, no abstract."
                ),
                rule="R24",
                field="abstract",
            )
        carrier = Carrier(
            agency=agency,
            direction=Direction.INCOMING,
            medium=medium,
            doc_number=doc_number.strip(),
            doc_date=doc_date,
            issuing_body=sender.strip(),
            sender=sender.strip(),
            doc_type=doc_type.strip() or ("Bì thư chưa bóc" if unopened else "Tài liệu"),
            abstract=check_abstract(level, abstract),  # R18
            level=level,
            urgency=urgency,
            named_recipient=named_recipient,
            unopened=unopened,
            custodian=actor,
            storage_place=storage_place,
            received_at=clock.now(),
            created_at=clock.now(),
        )
        if doc_date is not None:  # R6: the default period counted from the document's date
            carrier.determination_date = doc_date
            carrier.protection_until, _shorter = protection_end(level, doc_date, None, carrier.kind)
        mismatch = received_count != expected_count or not packaging_intact
        if mismatch:
            _hold(actor, carrier, expected_count, received_count, packaging_intact, discrepancy_note)
        else:
            _register(actor, carrier, basis="R24")
        if item_ids:
            carrier.items.set(item_ids)
        if named_recipient is not None and not mismatch:
            _route_unopened(actor, carrier, named_recipient)
    return carrier


def _register(actor: Person, carrier: Carrier, *, basis: str) -> None:
    carrier.reg_year = clock.today().year
    carrier.status = Status.IN_STORAGE
    refresh_search_text(carrier)
    # R19, S4: the number is taken last, just before the record is written: its lock is held until commit.
    carrier.reg_number = take_number(carrier.agency, SeriesKind.INCOMING, carrier.reg_year)
    carrier.save()
    record(
        actor,
        "registry.incoming.registered",
        carrier,
        basis=basis,
        data={
            "incoming_number": carrier.reg_number,
            "year": carrier.reg_year,
            "sender": carrier.sender,
            "doc_number": carrier.doc_number,
            "level": carrier.level,
        },
    )


def _hold(actor: Person, carrier: Carrier, expected: int, received: int, intact: bool, note: str) -> None:
    # R25: no sign-off while counts or packaging disagree; incident and report to the head at once.
    carrier.status = Status.HELD
    refresh_search_text(carrier)
    carrier.save()
    problems = []
    if received != expected:
        problems.append(f"số lượng nhận {received}, theo bì/phiếu gửi {expected}")
    if not intact:
        problems.append("bao bì có dấu hiệu bị bóc, tráo đổi hoặc hư hỏng")
    description = "; ".join(problems) + (f". {note.strip()}" if note.strip() else "")
    head = Person.objects.filter(organisation=carrier.agency, position=Position.HEAD, is_active=True).first()
    incident = Incident.objects.create(
        carrier=carrier,
        kind=IncidentKind.RECEIPT_MISMATCH,
        description=description,
        found_by=actor,
        found_at=clock.now(),
        reported_to=head,
        sender_notice=f"Đề nghị {carrier.sender} kiểm tra, bổ sung: {description}",
    )
    record(
        actor,
        "registry.incoming.held",
        carrier,
        basis="R25",
        data={"expected": expected, "received": received, "packaging_intact": intact},
    )
    record(
        actor,
        "registry.incident.opened",
        carrier,
        basis="R25",
        data={"incident_id": incident.pk, "reported_to": str(head) if head else "", "description": description},
    )


def _route_unopened(actor: Person, carrier: Carrier, named: Person) -> None:
    # R24: route unopened to the named person; if away and flash, to the head.
    recipient = named
    if named.absent and carrier.urgency == Urgency.HOA_TOC:
        head = Person.objects.filter(organisation=carrier.agency, position=Position.HEAD, is_active=True).first()
        recipient = head or named
    handover = open_handover(
        actor=actor,
        carrier=carrier,
        to_person=recipient,
        to_unit=None,
        named_only=True,
        envelope_count=1,
        note="Chuyển nguyên bì, chưa bóc",
    )  # R24
    record(
        actor,
        "registry.incoming.routed_unopened",
        carrier,
        basis="R24",
        data={"handover_id": handover.pk, "named_recipient": str(named), "routed_to": str(recipient)},
    )


def incoming_sign_off_check(actor: Person, carrier: Carrier) -> None:
    """Only the register keeper signs off, and only a receipt held for a mismatch (R25)."""
    require_register_keeper(actor, carrier.agency)
    if carrier.status != Status.HELD:
        raise DomainError(_("This state secret is not held on receipt."), rule="R25")


def incoming_sign_off(
    *, actor: Person, carrier: Carrier, received_count: int, expected_count: int, packaging_intact: bool
) -> Carrier:
    """Sign off a held receipt once the mismatch is fixed, and register it (R25)."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        incoming_sign_off_check(actor, carrier)
        if received_count != expected_count or not packaging_intact:
            raise DomainError(
                _("Cannot sign yet: the quantity or packaging still does not match. Remedy it before registering."),
                rule="R25",
            )
        _register(actor, carrier, basis="R25")
        if carrier.named_recipient is not None:
            _route_unopened(actor, carrier, carrier.named_recipient)
    return carrier


def _unsent_sender_notice(carrier: Carrier) -> Incident | None:
    return (
        Incident.objects.filter(carrier=carrier, kind=IncidentKind.RECEIPT_MISMATCH, sender_notified_at__isnull=True)
        .order_by("pk")
        .first()
    )


def incoming_notify_sender_check(actor: Person, carrier: Carrier) -> None:
    """The register keeper records the notice to the sender of a receipt that did not match (R25)."""
    require_register_keeper(actor, carrier.agency)
    if _unsent_sender_notice(carrier) is None:
        raise DomainError(_("No notice to the sender is waiting to be sent for this state secret."), rule="R25")


def incoming_notify_sender(*, actor: Person, carrier: Carrier, notice_ref: str, notice: str = "") -> Incident:
    """Record that the sender was notified of the mismatch: the tracked item on the due page closes (R25)."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        incoming_notify_sender_check(actor, carrier)
        if not notice_ref.strip():
            raise DomainError(_("Record the number of the notice to the sender."), rule="R25", field="notice_ref")
        pending = cast(Incident, _unsent_sender_notice(carrier))  # found: incoming_notify_sender_check
        incident = Incident.objects.select_for_update().get(pk=pending.pk)
        if notice.strip():
            incident.sender_notice = notice.strip()
        incident.sender_notice_ref, incident.sender_notified_at = notice_ref.strip(), clock.now()
        incident.sender_notified_by = actor
        incident.save(update_fields=["sender_notice", "sender_notice_ref", "sender_notified_at", "sender_notified_by"])
        record(
            actor,
            "registry.incoming.sender_notified",
            carrier,
            basis="R25",
            data={
                "incident_id": incident.pk,
                "sender": carrier.sender,
                "notice_ref": incident.sender_notice_ref,
                "notice": incident.sender_notice,
                "late": clock.local_date(incident.sender_notified_at) > clock.local_date(incident.found_at),
            },
        )
    return incident
