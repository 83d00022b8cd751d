"""Routine destruction through a council (R36) and emergency destruction by the custodian (R37)."""

import datetime as dt

import pytest

from bmnn.approvals.services import request_decide
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.lifecycle.models import CouncilConfirmation, CouncilPurpose, DestructionEntry, EmergencyDestruction, Reminder
from bmnn.lifecycle.services.copying import copy_request
from bmnn.lifecycle.services.councils import (
    council_decide,
    council_minutes,
    council_set_up,
    destroy_emergency,
    destruction_confirm,
    destruction_record,
)
from bmnn.lifecycle.services.protection import extension_request
from bmnn.lifecycle.services.provision import provision_request
from bmnn.lifecycle.services.recall import recall_issue
from bmnn.lifecycle.services.regrade import regrade_request
from bmnn.lifecycle.services.takeout import takeout_checkout, takeout_request
from bmnn.registry.choices import CopyForm, Status
from bmnn.registry.services import handover_create, incoming_receive, incoming_sign_off

from .conftest import world


def set_up(cast, carriers, **extra):
    values = dict(
        actor=cast.clerk,
        purpose=CouncilPurpose.DESTROY,
        carriers=carriers,
        setup_decision_ref="40/QĐ-SGDĐT",
        setup_date=clock.today(),
        chair=cast.deputy,
        members=[cast.clerk, cast.officer],
    )
    values.update(extra)
    return council_set_up(**values)


def decided(cast, carriers):
    council = set_up(cast, carriers)
    council_minutes(actor=cast.deputy, council=council, minutes="Đề thi dự phòng không còn giá trị sử dụng.")
    council_decide(actor=cast.director, council=council, decision_ref="41/QĐ-SGDĐT")
    return council


def test_destruction_by_council_minutes_decision_record_and_every_members_signature_R36(cast, plan, exam_paper):
    """R36: set-up decision, list, minutes, the decision, a record with method, sequence, executors; locked when
    every member has confirmed."""
    council = decided(cast, [plan, exam_paper])
    assert AuditEvent.objects.get(action="lifecycle.council.decided").data["level"] == Level.TOI_MAT
    rows = destruction_record(
        actor=cast.clerk,
        council=council,
        entries=[
            (exam_paper, "Nghiền nhỏ bằng máy hủy tài liệu", "Lê Thị Chi; Đỗ Thu Hà"),
            (plan, "Đốt", "Lê Thị Chi"),
        ],
    )
    assert [(r.sequence, r.carrier) for r in rows] == [(1, exam_paper), (2, plan)]
    recorded = AuditEvent.objects.get(action="lifecycle.destruction.recorded").data["entries"]
    assert recorded[0]["document_number"] == exam_paper.doc_number and recorded[0]["method"].startswith("Nghiền")
    destruction_confirm(actor=cast.deputy, council=council)
    destruction_confirm(actor=cast.clerk, council=council)
    plan.refresh_from_db()
    assert plan.status == Status.IN_STORAGE  # one signature is still missing
    destruction_confirm(actor=cast.officer, council=council)
    plan.refresh_from_db()
    exam_paper.refresh_from_db()
    council.refresh_from_db()
    assert plan.status == exam_paper.status == Status.DESTROYED and council.closed_at is not None
    assert AuditEvent.objects.filter(action="lifecycle.destruction.confirmed").count() == 3
    destroyed = AuditEvent.objects.filter(action="lifecycle.destroyed").order_by("seq")
    assert [e.target_id for e in destroyed] == [str(exam_paper.pk), str(plan.pk)]
    assert destroyed[0].basis == "R36" and len(destroyed[0].data["signed_by"]) == 3


def test_a_mat_only_approver_cannot_decide_a_destruction_R36(cast, plan):
    """R36: only a person with TUYET_MAT or TOI_MAT copying authority decides; a division head cannot, even for MAT."""
    council = set_up(cast, [plan])
    council_minutes(actor=cast.deputy, council=council, minutes="Đề nghị tiêu hủy.")
    before = world()
    for person in (cast.exams_head, cast.deputy, cast.clerk, cast.outsider):
        with pytest.raises(PermissionDenied) as refused:
            council_decide(actor=person, council=council, decision_ref="41/QĐ-SGDĐT")
        assert refused.value.rule == "R36"
    assert "Người đứng đầu (Sở, ban, ngành)" in refused.value.message
    assert world() == before
    council.refresh_from_db()
    assert council.decided_at is None


def test_the_chair_leads_the_holding_agency_and_the_custodian_sits_on_the_council_R36(cast, plan):
    """R36: chair = a leader of the holding agency; members include the direct custodian."""
    before = world()
    with pytest.raises(DomainError) as division_chair:
        set_up(cast, [plan], chair=cast.exams_head)
    assert division_chair.value.rule == "R36"
    with pytest.raises(DomainError) as no_custodian:
        set_up(cast, [plan], members=[cast.officer])
    assert no_custodian.value.rule == "R36" and str(cast.clerk) in no_custodian.value.message
    with pytest.raises(PermissionDenied):
        set_up(cast, [plan], actor=cast.outsider)
    assert world() == before


def test_no_destruction_out_of_storage_in_transit_under_recall_or_open_incident_R36(cast, plan, exam_paper):
    """R36: items on hold are refused, each with its reason in Vietnamese."""
    takeout = takeout_request(
        actor=cast.officer,
        carrier=plan,
        purpose="Họp",
        place="Phòng họp",
        start=clock.today(),
        due=clock.today() + dt.timedelta(days=1),
        measures="Kèm cán bộ",
    )
    request_decide(actor=cast.director, request=takeout, approve=True)
    takeout_checkout(actor=cast.clerk, request=takeout)
    recall_issue(
        actor=cast.clerk,
        carrier=exam_paper,
        return_by=clock.today() + dt.timedelta(days=5),
        reason="Đề thi bị thay thế",
    )
    held = incoming_receive(
        actor=cast.clerk,
        sender="Bộ GDĐT",
        doc_number="9/BGDĐT",
        level=Level.MAT,
        doc_type="Công văn",
        expected_count=2,
        received_count=1,
    )
    incoming_sign_off(actor=cast.clerk, carrier=held, received_count=2, expected_count=2, packaging_intact=True)
    sent = incoming_receive(
        actor=cast.clerk, sender="Bộ GDĐT", doc_number="10/BGDĐT", level=Level.MAT, doc_type="Công văn"
    )
    handover_create(actor=cast.clerk, carrier=sent, to_person=cast.officer)
    before = world()
    for carrier, words in (
        (plan, "Đang mang ra khỏi nơi lưu giữ"),
        (exam_paper, "đang bị thu hồi"),
        (held, "sự cố chưa khắc phục"),
        (sent, "Đang giao, chờ ký nhận"),
    ):
        with pytest.raises(DomainError, match=words):
            set_up(cast, [carrier])
    assert world() == before


def test_the_record_comes_after_the_decision_and_only_members_sign_it_R36(cast, plan, exam_paper):
    """R36: no record before the decision; the record lists each item once; members sign once each."""
    council = set_up(cast, [plan, exam_paper])
    with pytest.raises(DomainError, match="Chưa có quyết định"):
        destruction_record(actor=cast.clerk, council=council, entries=[(plan, "Đốt", "Chi")])
    council_minutes(actor=cast.deputy, council=council, minutes="Đề nghị tiêu hủy.")
    council_decide(actor=cast.director, council=council, decision_ref="41/QĐ-SGDĐT")
    with pytest.raises(DomainError, match="Chưa có biên bản tiêu hủy"):
        destruction_confirm(actor=cast.clerk, council=council)
    with pytest.raises(DomainError, match="đúng và đủ"):
        destruction_record(actor=cast.clerk, council=council, entries=[(plan, "Đốt", "Chi")])
    with pytest.raises(DomainError, match="phương pháp"):
        destruction_record(actor=cast.clerk, council=council, entries=[(plan, "Đốt", "Chi"), (exam_paper, "", "")])
    with pytest.raises(PermissionDenied):
        destruction_record(
            actor=cast.outsider, council=council, entries=[(plan, "Đốt", "Chi"), (exam_paper, "Đốt", "Chi")]
        )
    assert not DestructionEntry.objects.exists()
    destruction_record(actor=cast.officer, council=council, entries=[(plan, "Đốt", "Chi"), (exam_paper, "Đốt", "Chi")])
    destruction_confirm(actor=cast.clerk, council=council)
    before = world()
    with pytest.raises(DomainError, match="đã xác nhận"):
        destruction_confirm(actor=cast.clerk, council=council)
    for person in (cast.director, cast.outsider, cast.exams_head):
        with pytest.raises(PermissionDenied) as refused:
            destruction_confirm(actor=person, council=council)
        assert refused.value.rule == "R36"
    assert world() == before
    assert CouncilConfirmation.objects.count() == 1


def test_destroyed_items_are_locked_against_every_operation_R36(cast, plan):
    """R36: once destroyed, nothing more can be done with the item."""
    council = decided(cast, [plan])
    destruction_record(actor=cast.clerk, council=council, entries=[(plan, "Đốt", "Chi")])
    for member in (cast.deputy, cast.clerk, cast.officer):
        destruction_confirm(actor=member, council=council)
    today = clock.today()
    attempts = [
        lambda: copy_request(
            actor=cast.officer, carrier=plan, form=CopyForm.TRUE_COPY, count=1, recipients="A", reasons="B"
        ),
        lambda: takeout_request(
            actor=cast.officer, carrier=plan, purpose="A", place="B", start=today, due=today, measures="C"
        ),
        lambda: provision_request(
            actor=cast.officer,
            carrier=plan,
            recipient_kind="ORGANISATION",
            recipient_name="A",
            fields={"representative": "B"},
            purpose="C",
            commitment="D",
        ),
        lambda: extension_request(actor=cast.officer, carrier=plan, new_until=today, reasons="A"),
        lambda: regrade_request(actor=cast.officer, carrier=plan, item_ids=[cast.exam_paper_item.pk], reasons="A"),
        lambda: recall_issue(actor=cast.clerk, carrier=plan, return_by=today + dt.timedelta(days=3), reason="A"),
        lambda: handover_create(actor=cast.clerk, carrier=plan, to_person=cast.officer),
        lambda: set_up(cast, [plan]),
        lambda: destroy_emergency(actor=cast.clerk, carrier=plan, reason="A", method="B", report="C"),
    ]
    before = world()
    for attempt in attempts:
        with pytest.raises(DomainError, match="tiêu hủy"):
            attempt()
    assert world() == before


def test_emergency_destruction_by_the_custodian_with_an_immediate_report_to_the_head_R37(cast, exam_paper):
    """R37: only the custodian; destroyed at once; the written report goes to the head as a task."""
    before = world()
    for person in (cast.officer, cast.director, cast.outsider):
        with pytest.raises(PermissionDenied) as refused:
            destroy_emergency(actor=person, carrier=exam_paper, reason="Cháy", method="Đốt", report="Báo cáo")
        assert refused.value.rule == "R37"
    with pytest.raises(DomainError) as no_report:
        destroy_emergency(actor=cast.clerk, carrier=exam_paper, reason="Cháy lan tới kho", method="Đốt", report=" ")
    assert no_report.value.rule == "R37" and "báo cáo bằng văn bản" in no_report.value.message
    assert world() == before
    emergency = destroy_emergency(
        actor=cast.clerk,
        carrier=exam_paper,
        reason="Cháy lan tới kho lưu trữ",
        method="Đốt tại chỗ",
        report="Kính báo cáo Giám đốc: đã tiêu hủy khẩn cấp đề thi.",
    )
    exam_paper.refresh_from_db()
    assert exam_paper.status == Status.DESTROYED
    assert emergency.reported_to == cast.director and EmergencyDestruction.objects.count() == 1
    task = Reminder.objects.get(key=f"emergency:{emergency.pk}")
    assert task.person == cast.director and task.carrier == exam_paper and task.due == clock.today()
    event = AuditEvent.objects.get(action="lifecycle.destroyed.emergency")
    assert event.actor_id == cast.clerk.pk and event.basis == "R37"
    assert event.data["reported_to"] == str(cast.director) and event.data["report"].startswith("Kính báo cáo")


def test_emergency_destruction_is_allowed_out_of_storage_R37(cast, plan):
    """R37: the custodian acts wherever the item is when keeping it would cause harm."""
    takeout = takeout_request(
        actor=cast.clerk,
        carrier=plan,
        purpose="Họp",
        place="Phòng họp",
        start=clock.today(),
        due=clock.today(),
        measures="Kèm cán bộ",
    )
    request_decide(actor=cast.director, request=takeout, approve=True)
    takeout_checkout(actor=cast.clerk, request=takeout)
    destroy_emergency(actor=cast.clerk, carrier=plan, reason="Bị tấn công", method="Xé nhỏ", report="Báo cáo")
    plan.refresh_from_db()
    assert plan.status == Status.DESTROYED
