"""Hand-over with the recipient's signature (R22, R23)."""

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.registry.choices import HandoverStatus, Status
from bmnn.registry.services import handover_confirm, handover_create, incoming_receive, outgoing_register
from tests.conftest import outgoing_kwargs


def test_handover_stays_in_transit_until_the_recipient_signs_R23(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover = handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    carrier.refresh_from_db()
    assert carrier.status == Status.IN_TRANSIT and handover.number == 1 and handover.envelope_letter == "C"
    with pytest.raises(PermissionDenied) as refused:
        handover_confirm(actor=cast.exams_head, handover=handover)
    assert refused.value.rule == "R23"
    handover_confirm(actor=cast.officer, handover=handover)
    carrier.refresh_from_db()
    handover.refresh_from_db()
    assert carrier.status == Status.IN_STORAGE and carrier.custodian == cast.officer
    assert handover.status == HandoverStatus.CONFIRMED and handover.confirmed_by == cast.officer
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions[-2:] == ["registry.handover.created", "registry.handover.confirmed"]


def test_no_second_handover_while_in_transit_R23(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    with pytest.raises(DomainError):
        handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.exams_head)


def test_the_recipient_must_be_cleared_for_the_level_S2(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk]))
    with pytest.raises(PermissionDenied):
        handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.junior)
    carrier.refresh_from_db()
    assert carrier.status == Status.IN_STORAGE and not carrier.handovers.exists()


def test_envelope_letters_and_two_envelopes_for_tuyet_mat_R22(cast):
    cast.clerk.clearance = cast.director.clearance = Level.TUYET_MAT
    cast.clerk.save()
    cast.director.save()
    top = incoming_receive(actor=cast.clerk, sender="UBND tỉnh", doc_number="1/UBND-NC", level=Level.TUYET_MAT)
    secret = outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk]))
    a = handover_create(actor=cast.clerk, carrier=top, to_person=cast.director)
    b = handover_create(actor=cast.clerk, carrier=secret, to_person=cast.director)
    assert (a.envelope_letter, a.envelope_count) == ("A", 2)
    assert (b.envelope_letter, b.envelope_count) == ("B", 1)


def test_a_unit_signs_through_its_designated_clerk_R23_R38(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover = handover_create(actor=cast.clerk, carrier=carrier, to_unit=cast.exams_division)
    handover_confirm(actor=cast.officer, handover=handover)  # designated staff of the unit
    carrier.refresh_from_db()
    assert carrier.custodian == cast.officer


def test_only_the_custodian_or_clerk_hands_over(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    with pytest.raises(PermissionDenied):
        handover_create(actor=cast.officer, carrier=carrier, to_person=cast.exams_head)
