"""The tasks that used to never close: the pending-classification decision (R5) and the head's acknowledgement of
an emergency destruction (R37), each a declared operation with its audit event and its overdue flag."""

import datetime as dt

import pytest
from django.core.management.base import CommandError

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.lifecycle.models import EmergencyDestruction, Reminder
from bmnn.lifecycle.services.classification import classification_decide, classification_pending
from bmnn.lifecycle.services.councils import destroy_emergency, emergency_acknowledge
from tests.helpers import at, command

from .conftest import world


def pending(cast):
    return classification_pending(
        actor=cast.clerk,
        sender="Trường THPT Chuyên",
        doc_number="Không số",
        doc_type="Báo cáo",
        abstract="Dự kiến phương án vận chuyển đề thi",
        item_ids=[cast.exam_logistics_item.pk],
        handler=cast.exams_head,
    )


def test_the_pending_classification_task_closes_with_the_recorded_decision_R5(client, cast):
    """R5: the next day the task shows overdue on the handler's due page; the officer is refused the decision on
    the screen and through the API; the handler records the director's decision: TOI_MAT from the exam-paper item,
    twenty years from today, the task is done, audited; a second decision is refused."""
    with clock.frozen_at(at(2026, 6, 1)):
        carrier = pending(cast)
    with clock.frozen_at(at(2026, 6, 2)):
        client.force_login(cast.exams_head)
        due = client.get("/viec-den-han/").content.decode()
        assert "Xác định độ mật thông tin nhận từ" in due and "quá hạn" in due
        body = {"items": [cast.exam_paper_item.pk], "decision_maker": cast.director.pk, "decision_ref": "31/QĐ-SGDĐT"}
        client.force_login(cast.officer)
        before = world()
        refused = client.post(f"/api/carriers/{carrier.pk}/classification/", body, content_type="application/json")
        assert refused.status_code == 404 and world() == before  # the officer does not see it (S2)
        with pytest.raises(PermissionDenied) as not_theirs:
            classification_decide(
                actor=cast.officer,
                carrier=carrier,
                item_ids=[cast.exam_paper_item.pk],
                decision_maker=cast.director,
                decision_ref="31/QĐ-SGDĐT",
            )
        assert not_theirs.value.rule == "R5" and world() == before
        client.force_login(cast.exams_head)
        page = client.get(f"/so-bmnn/{carrier.pk}/").content.decode()
        assert f"/so-bmnn/{carrier.pk}/xac-dinh-do-mat/" in page
        answer = client.post(f"/api/carriers/{carrier.pk}/classification/", body, content_type="application/json")
        assert answer.status_code == 200, answer.content
        carrier.refresh_from_db()
        assert carrier.level == Level.TOI_MAT and carrier.decision_maker == cast.director
        assert carrier.determination_date == dt.date(2026, 6, 2) and carrier.protection_until == dt.date(2046, 6, 2)
        assert carrier.marks[-1] == "Đã xác định độ mật: Tối mật (văn bản số 31/QĐ-SGDĐT)"
        assert Reminder.objects.get(key=f"classify:{carrier.pk}").done_at is not None
        event = AuditEvent.objects.get(action="lifecycle.classification.decided")
        assert event.data["old_level"] == Level.MAT and event.data["level"] == Level.TOI_MAT
        assert "Xác định độ mật thông tin nhận từ" not in client.get("/viec-den-han/").content.decode()
        assert f"/so-bmnn/{carrier.pk}/xac-dinh-do-mat/" not in client.get(f"/so-bmnn/{carrier.pk}/").content.decode()
        with pytest.raises(DomainError, match="không có việc xác định độ mật"):
            classification_decide(
                actor=cast.exams_head,
                carrier=carrier,
                item_ids=[cast.exam_paper_item.pk],
                decision_maker=cast.director,
                decision_ref="32/QĐ-SGDĐT",
            )


def test_the_head_acknowledges_the_emergency_destruction_report_once_R37(client, cast, exam_paper):
    """R37: the report waits on the director's due page, overdue the next day; the clerk cannot acknowledge it;
    the director does (by command), the task closes, the acknowledgement is audited, and not twice."""
    with clock.frozen_at(at(2026, 6, 1)):
        emergency = destroy_emergency(
            actor=cast.clerk,
            carrier=exam_paper,
            reason="Cháy lan tới kho lưu trữ",
            method="Đốt tại chỗ",
            report="Kính báo cáo Giám đốc: đã tiêu hủy khẩn cấp.",
        )
    with clock.frozen_at(at(2026, 6, 2)):
        client.force_login(cast.director)
        due = client.get("/viec-den-han/").content.decode()
        assert "Báo cáo tiêu hủy khẩn cấp chờ bạn ghi nhận" in due and "quá hạn" in due
        assert f"/tieu-huy-khan-cap/{emergency.pk}/ghi-nhan/" in due
        before = world()
        with pytest.raises(PermissionDenied) as refused:
            emergency_acknowledge(actor=cast.clerk, emergency=emergency, direction="Đã biết")
        assert refused.value.rule == "R37"
        with pytest.raises(CommandError, match="Chỉ người đứng đầu nhận báo cáo"):
            command("lifecycle", "vanthu", "emergency-acknowledge", str(emergency.pk), "direction=Đã biết")
        assert world() == before
        command(
            "lifecycle",
            "giamdoc",
            "emergency-acknowledge",
            str(emergency.pk),
            "direction=Kiểm điểm việc bảo quản kho; báo cáo Công an tỉnh",
        )
        emergency = EmergencyDestruction.objects.get(pk=emergency.pk)
        assert emergency.acknowledged_at is not None and emergency.direction.startswith("Kiểm điểm")
        assert Reminder.objects.get(key=f"emergency:{emergency.pk}").done_at is not None
        event = AuditEvent.objects.get(action="lifecycle.destroyed.emergency_acknowledged")
        assert event.basis == "R37" and event.data["late"] is True
        assert "Báo cáo tiêu hủy khẩn cấp chờ bạn ghi nhận" not in client.get("/viec-den-han/").content.decode()
        with pytest.raises(DomainError, match="đã được ghi nhận"):
            emergency_acknowledge(actor=cast.director, emergency=emergency, direction="Lần nữa")
