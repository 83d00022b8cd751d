"""Receiving incoming secrets (R18, R24, R25, S3)."""

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.registry.choices import HandoverStatus, IncidentKind, Status, Urgency
from bmnn.registry.models import Carrier, Incident
from bmnn.registry.services import handover_confirm, incoming_receive, incoming_sign_off


def receive(cast, **overrides):
    values = dict(actor=cast.clerk, sender="Bộ Giáo dục và Đào tạo", doc_number="215/BGDĐT-QLCL",
                  level=Level.MAT, doc_type="Công văn", abstract="Hướng dẫn bảo quản đề thi")
    values.update(overrides)
    return incoming_receive(**values)


def test_incoming_gets_the_next_incoming_number_R19_R24(cast):
    first, second = receive(cast), receive(cast, doc_number="216/BGDĐT-QLCL")
    assert (first.reg_number, second.reg_number) == (1, 2)
    assert first.status == Status.IN_STORAGE and first.custodian == cast.clerk
    assert AuditEvent.objects.filter(action="registry.incoming.registered").count() == 2


def test_named_envelope_is_registered_by_its_outer_marks_and_routed_unopened_R24(cast):
    envelope = receive(cast, abstract="", named_recipient=cast.director, doc_number="Bì số 17")
    assert envelope.unopened and envelope.abstract == "" and envelope.status == Status.IN_TRANSIT
    handover = envelope.handovers.get()
    assert handover.to_person == cast.director and handover.named_only
    assert AuditEvent.objects.filter(action="registry.incoming.routed_unopened").exists()
    handover_confirm(actor=cast.director, handover=handover)
    envelope.refresh_from_db()
    assert envelope.custodian == cast.director and envelope.status == Status.IN_STORAGE


def test_an_unopened_envelope_has_no_abstract_R24(cast):
    with pytest.raises(DomainError) as refused:
        receive(cast, named_recipient=cast.director)
    assert refused.value.rule == "R24" and not Carrier.objects.exists()


def test_flash_envelope_for_an_absent_person_goes_to_the_head_R24(cast):
    cast.officer.absent = True
    cast.officer.save()
    envelope = receive(cast, abstract="", named_recipient=cast.officer, urgency=Urgency.HOA_TOC)
    assert envelope.handovers.get().to_person == cast.director
    normal = receive(cast, abstract="", named_recipient=cast.officer, doc_number="Bì số 18")
    assert normal.handovers.get().to_person == cast.officer


def test_a_count_mismatch_holds_the_item_and_reports_an_incident_R25(cast):
    held = receive(cast, expected_count=3, received_count=2)
    assert held.status == Status.HELD and held.reg_number is None
    incident = Incident.objects.get()
    assert incident.kind == IncidentKind.RECEIPT_MISMATCH and incident.reported_to == cast.director
    assert "số lượng nhận 2" in incident.description
    assert {"registry.incoming.held", "registry.incident.opened"} <= set(
        AuditEvent.objects.values_list("action", flat=True))


def test_no_sign_off_until_the_mismatch_is_fixed_R25(cast):
    held = receive(cast, packaging_intact=False)
    with pytest.raises(DomainError) as refused:
        incoming_sign_off(actor=cast.clerk, carrier=held, expected_count=1, received_count=1,
                          packaging_intact=False)
    assert refused.value.rule == "R25"
    held.refresh_from_db()
    assert held.status == Status.HELD and held.reg_number is None
    signed = incoming_sign_off(actor=cast.clerk, carrier=held, expected_count=1, received_count=1,
                               packaging_intact=True)
    assert signed.status == Status.IN_STORAGE and signed.reg_number == 1


def test_someone_outside_the_register_cannot_receive(cast):
    from bmnn.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        receive(cast, actor=cast.director)
    assert not Carrier.objects.exists() and not AuditEvent.objects.exists()


def test_the_named_recipient_signs_for_the_routed_envelope_only_R23(cast):
    envelope = receive(cast, abstract="", named_recipient=cast.director)
    handover = envelope.handovers.get()
    from bmnn.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        handover_confirm(actor=cast.clerk, handover=handover)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING
