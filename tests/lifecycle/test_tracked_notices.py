"""Tracked items on the due page: the notice to the sender of a mismatched receipt (R25) and the hand-over of a
record taken abroad to the delegation's head, with its notice (R32)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from bmnn.approvals.services import request_decide
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.lifecycle.models import Takeout
from bmnn.lifecycle.services.takeout import (
    takeout_abroad_handover,
    takeout_checkout,
    takeout_request,
    takeout_return,
)
from bmnn.org.models import Position
from bmnn.registry.models import Incident
from bmnn.registry.services import incoming_notify_sender, incoming_receive, incoming_sign_off, outgoing_register
from tests.conftest import make_person, outgoing_kwargs

from .conftest import at, world


def run() -> str:
    out = io.StringIO()
    call_command("deadlines", "run", stdout=out)
    return out.getvalue()


def due_page(client, person) -> str:
    client.force_login(person)
    return client.get(reverse("lifecycle:due")).content.decode()


def test_the_notice_to_the_sender_of_a_mismatch_is_tracked_until_recorded_R25(cast, client):
    """R25: a mismatch drafts the notice to the sender; it stays on the clerk's due page (overdue from the next
    day, flagged once) until the clerk records it sent, audited; others are refused."""
    with clock.frozen_at(at(2026, 3, 2)):
        held = incoming_receive(
            actor=cast.clerk,
            sender="UBND tỉnh",
            doc_number="7/UBND",
            level=Level.MAT,
            abstract="Chỉ đạo",
            expected_count=2,
            received_count=1,
        )
        url = reverse("ops:incoming-notify-sender", args=[held.pk])
        assert url in due_page(client, cast.clerk)
        incoming_sign_off(actor=cast.clerk, carrier=held, expected_count=2, received_count=2, packaging_intact=True)
        assert url in due_page(client, cast.clerk)  # signed off, still owed
    with clock.frozen_at(at(2026, 3, 3)):
        assert "sender_notices_overdue (R25)" in run()
        run()
        assert AuditEvent.objects.filter(action="registry.incoming.sender_notice_overdue").count() == 1
        assert "quá hạn" in due_page(client, cast.clerk)
        before = world()
        for person in (cast.director, cast.officer, cast.outsider):
            with pytest.raises(PermissionDenied):
                incoming_notify_sender(actor=person, carrier=held, notice_ref="12/SGDĐT-VP")
        with pytest.raises(DomainError) as no_ref:
            incoming_notify_sender(actor=cast.clerk, carrier=held, notice_ref=" ")
        assert no_ref.value.field == "notice_ref"
        assert world() == before
        incident = incoming_notify_sender(actor=cast.clerk, carrier=held, notice_ref="12/SGDĐT-VP ngày 03/3/2026")
        assert incident.sender_notified_by == cast.clerk and incident.sender_notice.startswith("Đề nghị UBND tỉnh")
        event = AuditEvent.objects.get(action="registry.incoming.sender_notified")
        assert event.basis == "R25" and event.data["late"] is True
        assert url not in due_page(client, cast.clerk)
        with pytest.raises(DomainError):  # recorded once
            incoming_notify_sender(actor=cast.clerk, carrier=held, notice_ref="13/SGDĐT-VP")
    assert Incident.objects.get(pk=incident.pk).sender_notice_ref == "12/SGDĐT-VP ngày 03/3/2026"


def abroad_takeout(cast) -> Takeout:
    """A record taken abroad, approved by the province's chairman (R32), checked out by the clerk."""
    chairman = make_person("chutich", cast.department.parent, Position.HEAD, Level.TUYET_MAT, title="Chủ tịch")
    carrier = outgoing_register(**outgoing_kwargs(cast))
    request = takeout_request(
        actor=cast.officer,
        carrier=carrier,
        purpose="Hội thảo khảo thí quốc tế",
        place="Singapore",
        start=clock.today(),
        due=clock.today() + dt.timedelta(days=5),
        measures="Cặp có khóa, luôn mang theo người",
        abroad=True,
    )
    request_decide(actor=chairman, request=request, approve=True)
    return takeout_checkout(actor=cast.clerk, request=request)


def test_a_record_taken_abroad_is_handed_to_the_delegation_head_with_a_notice_R32(cast, client):
    """R32: abroad, the hand-over to the delegation's head (who, to whom, when, what) and its written notice are
    recorded before the record can come back; the missing step is on the due page, flagged overdue once."""
    with clock.frozen_at(at(2026, 4, 6)):
        takeout = abroad_takeout(cast)
        url = reverse("ops:takeout-abroad-handover", args=[takeout.pk])
        assert url in due_page(client, cast.officer)
        with pytest.raises(DomainError) as not_yet:
            takeout_return(actor=cast.clerk, takeout=takeout, closing_report="Đã dùng xong")
        assert not_yet.value.rule == "R32"
    with clock.frozen_at(at(2026, 4, 7)):
        assert "abroad_handovers_overdue (R32)" in run()
        run()
        assert AuditEvent.objects.filter(action="lifecycle.takeout.handover_overdue").count() == 1
        before = world()
        with pytest.raises(PermissionDenied):
            takeout_abroad_handover(
                actor=cast.junior,
                takeout=takeout,
                delegation_head="Ông A",
                handed_over_items="KH-SGDĐT, 1 bản",
                delegation_notice_ref="15/SGDĐT",
            )
        with pytest.raises(DomainError) as missing:
            takeout_abroad_handover(
                actor=cast.officer,
                takeout=takeout,
                delegation_head="Ông A",
                handed_over_items="KH-SGDĐT, 1 bản",
                delegation_notice_ref=" ",
            )
        assert missing.value.rule == "R32"
        assert world() == before
        takeout_abroad_handover(
            actor=cast.officer,
            takeout=takeout,
            delegation_head="Ông Nguyễn Văn B, Phó Giám đốc, trưởng đoàn",
            handed_over_items="Kế hoạch KH-SGDĐT, bản số 1, 3 trang",
            delegation_notice_ref="15/SGDĐT-KT ngày 06/4/2026",
        )
        takeout.refresh_from_db()
        assert takeout.handed_over_by == cast.officer and takeout.handed_over_at == clock.now()
        event = AuditEvent.objects.get(action="lifecycle.takeout.handed_over_abroad")
        assert event.data["to"].startswith("Ông Nguyễn Văn B") and event.data["notice_ref"].startswith("15/")
        assert url not in due_page(client, cast.officer)
        with pytest.raises(DomainError):  # once
            takeout_abroad_handover(
                actor=cast.officer,
                takeout=takeout,
                delegation_head="x",
                handed_over_items="x",
                delegation_notice_ref="x",
            )
        takeout_return(actor=cast.clerk, takeout=takeout, closing_report="Đã dùng xong, nguyên vẹn")


def test_a_domestic_take_out_has_no_hand_over_abroad_R32(cast):
    """R32: the hand-over to a delegation's head is only for records taken abroad."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    request = takeout_request(
        actor=cast.officer,
        carrier=carrier,
        purpose="Họp",
        place="Hà Nội",
        start=clock.today(),
        due=clock.today() + dt.timedelta(days=1),
        measures="Cặp khóa",
    )
    request_decide(actor=cast.director, request=request, approve=True)
    takeout = takeout_checkout(actor=cast.clerk, request=request)
    with pytest.raises(DomainError) as refused:
        takeout_abroad_handover(
            actor=cast.officer, takeout=takeout, delegation_head="A", handed_over_items="B", delegation_notice_ref="C"
        )
    assert refused.value.rule == "R32"
