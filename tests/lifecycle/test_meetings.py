"""A meeting with secret content: approver, cleared attendees, venue, equipment check, device control, guard plan,
daily sealing, and every document back before it closes (R35, S7)."""

import datetime as dt

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.lifecycle.models import Meeting, MeetingSeal
from bmnn.lifecycle.services.meetings import (
    meeting_approve,
    meeting_close,
    meeting_issue,
    meeting_plan,
    meeting_return,
    meeting_seal,
)

from .conftest import at


def plan(cast, **extra):
    values = dict(
        actor=cast.clerk,
        title="Họp Ban chỉ đạo thi tốt nghiệp THPT",
        level=Level.TOI_MAT,
        starts_on=dt.date(2026, 6, 20),
        ends_on=dt.date(2026, 6, 21),
        venue="Phòng họp kín tầng 3",
        attendees=[cast.director, cast.exams_head, cast.officer],
        equipment_check="Đã kiểm tra máy chiếu, âm thanh: không kết nối mạng",
        no_devices_control=True,
    )
    values.update(extra)
    return meeting_plan(**values)


def test_a_two_day_toi_mat_meeting_from_plan_to_close_R35(cast, exam_paper):
    """R35: approved by the director, documents issued to attendees, the room sealed after day one, and the meeting
    closes only when every document is back; each step audited."""
    with clock.frozen_at(at(2026, 6, 15)):
        meeting = plan(cast)
        with pytest.raises(PermissionDenied) as own:
            meeting_approve(actor=cast.clerk, meeting=meeting)
        assert own.value.rule == "S7"
        with pytest.raises(PermissionDenied):
            meeting_approve(actor=cast.exams_head, meeting=meeting)
        meeting_approve(actor=cast.director, meeting=meeting)
    with clock.frozen_at(at(2026, 6, 20)):
        with pytest.raises(DomainError, match="không có trong danh sách"):
            meeting_issue(actor=cast.clerk, meeting=meeting, carrier=exam_paper, to=cast.junior)
        issued = meeting_issue(actor=cast.clerk, meeting=meeting, carrier=exam_paper, to=cast.officer)
        meeting_seal(actor=cast.clerk, meeting=meeting)
    with clock.frozen_at(at(2026, 6, 21, 17)):
        with pytest.raises(DomainError, match="Chưa thu lại tài liệu") as out:
            meeting_close(actor=cast.clerk, meeting=meeting)
        assert out.value.rule == "R35"
        meeting_return(actor=cast.clerk, issued=issued)
        meeting_close(actor=cast.clerk, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.closed_at is not None and meeting.approved_by == cast.director
    assert list(
        AuditEvent.objects.filter(action__startswith="lifecycle.meeting")
        .order_by("seq")
        .values_list("action", flat=True)
    ) == [
        "lifecycle.meeting.planned",
        "lifecycle.meeting.approved",
        "lifecycle.meeting.document_issued",
        "lifecycle.meeting.sealed",
        "lifecycle.meeting.document_returned",
        "lifecycle.meeting.closed",
    ]


def test_a_day_without_sealing_blocks_the_close_R35(cast):
    """R35: a multi-day meeting keeps a daily room-sealing log."""
    with clock.frozen_at(at(2026, 6, 15)):
        meeting = plan(cast)
        meeting_approve(actor=cast.director, meeting=meeting)
    with clock.frozen_at(at(2026, 6, 21)), pytest.raises(DomainError, match="niêm phong phòng họp các ngày: 20/06"):
        meeting_close(actor=cast.clerk, meeting=meeting)
    assert not MeetingSeal.objects.exists() and Meeting.objects.get().closed_at is None


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"no_devices_control": False}, "không mang thiết bị ghi âm"),
        ({"offsite": True}, "công an kiểm tra an ninh"),
        ({"equipment_check": " "}, "biên bản kiểm tra thiết bị"),
        ({"level": Level.TUYET_MAT}, "phương án bảo vệ"),
    ],
)
def test_a_meeting_without_the_controls_its_level_requires_is_refused_R35(cast, extra, words):
    """R35: TOI_MAT and TUYET_MAT ban recording and transmitting devices; off-site needs a police check request;
    an equipment check record always; TUYET_MAT adds a guard plan and the attendees' security check."""
    with pytest.raises(DomainError, match=words) as refused:
        plan(cast, **extra)
    assert refused.value.rule == "R35" and not Meeting.objects.exists()


def test_only_staff_cleared_for_the_level_attend_R35(cast):
    """R35: the attendee list holds authorised staff only (clearance at least the meeting's level)."""
    with pytest.raises(DomainError, match="Người dự họp"):
        plan(cast, attendees=[cast.officer, cast.junior])
    assert not Meeting.objects.exists()
