"""Hand-over to a person or unit, pending until the recipient signs for it (R22, R23)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.legal.periods import envelope_letter
from bmnn.org.models import Organisation, Person, Position

from ..choices import HandoverStatus, SeriesKind, Status
from ..models import Carrier, Handover
from ..policies import is_register_keeper
from .common import require_cleared, require_custodian
from .numbering import take_number


def open_handover(
    *,
    actor: Person,
    carrier: Carrier,
    to_person: Person | None,
    to_unit: Organisation | None,
    named_only: bool,
    envelope_count: int,
    note: str,
) -> Handover:
    """Create the delivery-register entry; the carrier is in transit until signed for."""
    if (to_person is None) == (to_unit is None):
        raise DomainError(_("Choose exactly one recipient official or one recipient unit."), rule="R23")
    if to_person is not None:
        require_cleared(to_person, carrier.level, _("The recipient"))
        # R38, P4: the recipient becomes the custodian: designated in writing, commitment signed. A named
        # envelope (R24) goes through here too, so an undesignated named recipient is refused at receipt.
        require_custodian(to_person, _("The recipient"))
        if to_person.pk == carrier.custodian_id:
            raise DomainError(_("The recipient is already the custodian of this state secret."), rule="R23")
    if envelope_count < 1:
        raise DomainError(_("The number of envelopes must be at least 1."), rule="R22")
    if carrier.level == Level.TUYET_MAT:
        envelope_count = max(envelope_count, 2)  # R22: inner and outer envelope
    year = clock.today().year
    letter = envelope_letter(carrier.level, clock.today())  # R22: dated legal data, not code
    handover = Handover.objects.create(
        carrier=carrier,
        agency=carrier.agency,
        year=year,
        number=take_number(carrier.agency, SeriesKind.DELIVERY, year),
        from_person=actor,
        to_person=to_person,
        to_unit=to_unit,
        envelope_letter=letter,
        envelope_count=envelope_count,
        named_only=named_only,
        note=note,
        handed_at=clock.now(),
    )
    carrier.status = Status.IN_TRANSIT
    carrier.save(update_fields=["status"])
    record(
        actor,
        "registry.handover.created",
        carrier,
        basis="R23",
        data={
            "handover_id": handover.pk,
            "delivery_number": f"{handover.number}/{year}",
            "to": handover.recipient_label,
            "envelope_letter": handover.envelope_letter,
            "envelopes": envelope_count,
            "named_only": named_only,
        },
    )
    return handover


def handover_check(actor: Person, carrier: Carrier) -> None:
    """Only its custodian or the agency's register keeper hands over a carrier, and only from storage (R23)."""
    if actor.pk != carrier.custodian_id and not is_register_keeper(actor, carrier.agency):
        raise PermissionDenied(
            _("Only the current custodian or the agency's clerk may hand over this state secret."), rule="R23"
        )
    if carrier.status != Status.IN_STORAGE:
        raise DomainError(
            _('Cannot hand over: the state secret is in status "{status}".').format(
                status=carrier.get_status_display()
            ),
            rule="R23",
        )


def handover_create(
    *,
    actor: Person,
    carrier: Carrier,
    to_person: Person | None = None,
    to_unit: Organisation | None = None,
    named_only: bool = False,
    envelope_count: int = 1,
    note: str = "",
) -> Handover:
    """Hand a carrier over to a person or a unit; pending until signed for (R23)."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        handover_check(actor, carrier)
        return open_handover(
            actor=actor,
            carrier=carrier,
            to_person=to_person,
            to_unit=to_unit,
            named_only=named_only,
            envelope_count=envelope_count,
            note=note,
        )


def may_sign_for(person: Person, handover: Handover) -> bool:
    """The named recipient signs; for a unit, its clerk or designated staff do."""
    if handover.to_person_id is not None:
        return handover.to_person_id == person.pk
    return person.organisation_id == handover.to_unit_id and (
        person.position == Position.CLERK or person.designated_for_secrets
    )


def handover_confirm_check(actor: Person, handover: Handover) -> None:
    """The recipient (or the receiving unit's clerk or designated staff) signs, once, if cleared (R23, R38)."""
    if not may_sign_for(actor, handover):
        raise PermissionDenied(_("Only the recipient (or the recipient unit's clerk) may sign for it."), rule="R23")
    if handover.status != HandoverStatus.PENDING:
        raise DomainError(_("This handover has already been signed for."), rule="R23")
    require_cleared(actor, handover.carrier.level, _("The person signing for it"))
    # R38, P4: whoever signs becomes the custodian (checked again: a designation may have ended meanwhile).
    require_custodian(
        actor,
        _("The person signing for the unit") if handover.to_unit_id is not None else _("The person signing for it"),
    )


def handover_confirm(
    *, actor: Person, handover: Handover, received_count: int | None = None, envelope_intact: bool | None = None
) -> Handover:
    """The recipient signs for the carrier: it leaves transit and they become its custodian (R23).

    ``received_count`` and ``envelope_intact`` are what the recipient confirmed on receipt (the web, API and
    command line ask for them for TOI_MAT and TUYET_MAT items); given, they must match the hand-over and are
    kept in the audit event.
    """
    with transaction.atomic():
        handover = Handover.objects.select_for_update().select_related("carrier").get(pk=handover.pk)
        handover_confirm_check(actor, handover)
        if received_count is not None and received_count != handover.envelope_count:
            raise DomainError(
                _(
                    "The number of envelopes received ({received}) differs from the delivery slip ({expected}): "
                    "do not sign, draw up a record and report to the head."
                ).format(received=received_count, expected=handover.envelope_count),
                rule="R23",
                field="received_count",
            )
        if envelope_intact is False:
            raise DomainError(
                _("The envelope is not intact: do not sign, draw up a record and report to the head."),
                rule="R23",
                field="envelope_intact",
            )
        handover.status = HandoverStatus.CONFIRMED
        handover.confirmed_by = actor
        handover.confirmed_at = clock.now()
        handover.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        carrier = handover.carrier
        carrier.custodian = actor
        carrier.status = Status.IN_STORAGE
        carrier.save(update_fields=["custodian", "status"])
        record(
            actor,
            "registry.handover.confirmed",
            carrier,
            basis="R23",
            data={
                "handover_id": handover.pk,
                "delivery_number": f"{handover.number}/{handover.year}",
                "signed_by": str(actor),
                **({"received_count": received_count} if received_count is not None else {}),
                **({"envelope_intact": envelope_intact} if envelope_intact is not None else {}),
            },
        )
    return handover


def pending_for(person: Person) -> QuerySet[Handover]:
    """Hand-overs waiting for ``person``'s signature."""
    unit_clause = (
        Q(to_unit_id=person.organisation_id)
        if (person.position == Position.CLERK or person.designated_for_secrets)
        else Q(pk__in=[])
    )
    return (
        Handover.objects.filter(status=HandoverStatus.PENDING)
        .filter(Q(to_person=person) | unit_clause)
        .select_related("carrier", "from_person", "to_unit")
    )
