"""Meetings with secret content through the web screens, the REST API and the CLI, each calling the one service
of lifecycle.services.meetings through lifecycle.operations (R35, S2, S7)."""

import datetime as dt

import pytest
from django.core.management import CommandError

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.lifecycle.forms import MeetingIssueForm
from bmnn.lifecycle.models import Meeting, MeetingDocument, MeetingSeal
from bmnn.lifecycle.services.meetings import meeting_approve, meeting_issue, meeting_plan
from bmnn.registry.choices import Status
from bmnn.registry.models import Carrier
from tests.helpers import operation_events

from .conftest import at
from .test_interfaces import cli, post_json

FIRST_DAY, LAST_DAY = dt.date(2026, 6, 20), dt.date(2026, 6, 21)
MEETING_EVENTS = [
    "lifecycle.meeting.planned",
    "lifecycle.meeting.approved",
    "lifecycle.meeting.document_issued",
    "lifecycle.meeting.sealed",
    "lifecycle.meeting.document_returned",
    "lifecycle.meeting.closed",
]


def fields(cast, **extra):
    """A two-day TOI_MAT meeting in the closed room, with the device control its level requires (R35)."""
    values = {
        "title": "Họp Ban chỉ đạo thi tốt nghiệp THPT",
        "level": Level.TOI_MAT,
        "starts_on": FIRST_DAY.isoformat(),
        "ends_on": LAST_DAY.isoformat(),
        "venue": "Phòng họp kín tầng 3",
        "attendees": [cast.director.pk, cast.exams_head.pk, cast.officer.pk],
        "equipment_check": "Đã kiểm tra máy chiếu, âm thanh: không kết nối mạng",
        "no_devices_control": True,
    }
    values.update(extra)
    return values


def meeting_world():
    """What a refused meeting operation must leave as it was."""
    return {
        "audit": operation_events().count(),
        "meetings": list(Meeting.objects.values_list("pk", "approved_by", "approved_at", "closed_at").order_by("pk")),
        "documents": list(MeetingDocument.objects.values_list("pk", "returned_at").order_by("pk")),
        "seals": list(MeetingSeal.objects.values_list("pk", "day").order_by("pk")),
    }


def events():
    return list(
        AuditEvent.objects.filter(action__startswith="lifecycle.meeting")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_a_meeting_through_the_screens_from_plan_to_close_R35(client, cast, exam_paper):
    """R35: the clerk plans the meeting with its controls; the director approves it (never the planner, S7); the
    exam paper is issued to an attendee, the room sealed after day one, the close refused while the paper is out
    and allowed once it is back."""
    client.force_login(cast.clerk)
    with clock.frozen_at(at(2026, 6, 15)):
        assert "Hội nghị, hội thảo" in client.get("/hoi-nghi/").content.decode()
        form = client.get("/hoi-nghi/moi/").content.decode()
        assert "Thành phần dự họp" in form and "Biên bản kiểm tra thiết bị" in form
        response = client.post("/hoi-nghi/moi/", fields(cast))
        meeting = Meeting.objects.get()
        assert response.url == f"/hoi-nghi/{meeting.pk}/"
        page = client.get(response.url).content.decode()
        assert "Chờ lãnh đạo phê duyệt" in page and "Phê duyệt cuộc họp" not in page  # S7: not the planner
        assert "Phát tài liệu" not in page  # not approved yet
        client.force_login(cast.director)
        assert "chờ bạn phê duyệt" in client.get("/viec-den-han/").content.decode()
        page = client.get(f"/hoi-nghi/{meeting.pk}/").content.decode()
        assert "Phê duyệt cuộc họp" in page
        client.post(f"/hoi-nghi/{meeting.pk}/phe-duyet/", follow=True)
    meeting.refresh_from_db()
    assert meeting.approved_by == cast.director
    client.force_login(cast.clerk)
    with clock.frozen_at(at(2026, 6, 20)):
        page = client.get(f"/hoi-nghi/{meeting.pk}/").content.decode()
        assert "Phát tài liệu cho người dự họp" in page and "Niêm phong phòng họp hôm nay" in page
        client.post(f"/hoi-nghi/{meeting.pk}/phat-tai-lieu/", {"carrier": exam_paper.pk, "to": cast.officer.pk})
        client.post(f"/hoi-nghi/{meeting.pk}/niem-phong/")
    issued = MeetingDocument.objects.get()
    assert issued.issued_to == cast.officer and MeetingSeal.objects.get().day == FIRST_DAY
    with clock.frozen_at(at(2026, 6, 21, 17)):
        page = client.get(f"/hoi-nghi/{meeting.pk}/").content.decode()
        assert "còn 1 tài liệu chưa thu lại" in page
        assert meeting.title in client.get("/viec-den-han/").content.decode()  # due to close today
        before = meeting_world()
        refused = client.post(f"/hoi-nghi/{meeting.pk}/ket-thuc/", follow=True).content.decode()
        assert "Chưa thu lại tài liệu đã phát" in refused and "(R35)" not in refused
        assert meeting_world() == before
        client.post(f"/hoi-nghi/tai-lieu/{issued.pk}/thu-lai/")
        done = client.post(f"/hoi-nghi/{meeting.pk}/ket-thuc/", follow=True).content.decode()
    assert "Đã kết thúc cuộc họp" in done
    meeting.refresh_from_db()
    assert meeting.closed_at is not None
    assert events() == MEETING_EVENTS
    assert "Đã kết thúc" in client.get("/hoi-nghi/").content.decode()
    client.force_login(cast.outsider)  # S2: another department neither lists nor opens it
    assert client.get(f"/hoi-nghi/{meeting.pk}/").status_code == 404
    assert meeting.title not in client.get("/hoi-nghi/").content.decode()


def test_a_plan_without_the_controls_its_level_requires_is_refused_on_screen_and_changes_nothing_R35(client, cast):
    """R35: a TOI_MAT meeting without the device control, or off-site without the police check request, is refused
    with the Vietnamese reason; nothing is recorded."""
    client.force_login(cast.clerk)
    before = meeting_world()
    page = client.post("/hoi-nghi/moi/", fields(cast, no_devices_control="")).content.decode()
    assert "không mang thiết bị ghi âm, ghi hình, thu phát" in page and "(R35)" not in page
    page = client.post("/hoi-nghi/moi/", fields(cast, offsite=True, venue="Khách sạn Sông Hàn")).content.decode()
    assert "công an kiểm tra an ninh" in page
    assert meeting_world() == before and not Meeting.objects.exists()


def test_a_meeting_through_the_api_with_the_same_refusals_R35_S7(client, cast, exam_paper):
    """R35, S7: the same steps as JSON; the planner cannot approve; the close is refused while a paper is out."""
    client.force_login(cast.clerk)
    before = meeting_world()
    refused = post_json(client, "/api/meetings/", fields(cast, offsite=True))
    assert refused.status_code == 400 and refused.json()["rule"] == "R35"
    assert "công an kiểm tra an ninh" in refused.json()["detail"] and meeting_world() == before
    made = post_json(client, "/api/meetings/", fields(cast, offsite=True, police_check_ref="12/SGDĐT-VP"))
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    own = post_json(client, f"/api/meetings/{pk}/approval/", {})
    assert own.status_code == 403 and own.json()["rule"] == "S7"
    client.force_login(cast.director)
    assert [m["id"] for m in client.get("/api/due/").json()["meetings_to_approve"]] == [pk]
    assert post_json(client, f"/api/meetings/{pk}/approval/", {}).json()["approved_by"] == str(cast.director)
    client.force_login(cast.clerk)
    with clock.frozen_at(at(2026, 6, 20)):
        outsider = post_json(client, f"/api/meetings/{pk}/documents/", {"carrier": exam_paper.pk, "to": cast.junior.pk})
        assert outsider.status_code == 400 and "to" in outsider.json()  # not on the attendee list
        issued = post_json(
            client, f"/api/meetings/{pk}/documents/", {"carrier": exam_paper.pk, "to": cast.officer.pk}
        ).json()["documents"]
        assert [d["issued_to"] for d in issued] == [str(cast.officer)]
        assert post_json(client, f"/api/meetings/{pk}/seals/", {}).json()["seals"][0]["day"] == "2026-06-20"
    with clock.frozen_at(at(2026, 6, 21, 17)):
        before = meeting_world()
        early = post_json(client, f"/api/meetings/{pk}/close/", {})
        assert early.status_code == 400 and early.json()["rule"] == "R35"
        assert "Chưa thu lại tài liệu" in early.json()["detail"] and meeting_world() == before
        assert client.get("/api/due/").json()["meetings"] == [
            {"id": pk, "title": made.json()["title"], "ends_on": "2026-06-21", "documents_out": 1}
        ]
        post_json(client, f"/api/meeting-documents/{issued[0]['id']}/return/", {})
        assert post_json(client, f"/api/meetings/{pk}/close/", {}).json()["closed_at"] is not None
    assert [m["id"] for m in client.get("/api/meetings/").json()] == [pk]
    assert events() == MEETING_EVENTS
    client.force_login(cast.outsider)
    assert client.get(f"/api/meetings/{pk}/").status_code == 404
    assert client.get("/api/meetings/").json() == []


def test_a_meeting_from_the_cli_refuses_an_attendee_without_clearance_and_a_close_without_the_seal_R35(
    cast, exam_paper
):
    """R35: only staff cleared for the level attend; every day but the last is sealed before the close."""
    values = fields(cast)
    args = [f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in values.items()]
    before = meeting_world()
    with pytest.raises(CommandError, match="Người dự họp"):
        cli("lifecycle", "vanthu", "meeting-plan", *args, f"attendees={cast.officer.pk},{cast.junior.pk}")
    assert meeting_world() == before
    out = cli("lifecycle", "vanthu", "meeting-plan", *args)
    meeting = Meeting.objects.get()
    assert f"số {meeting.pk}" in out
    with pytest.raises(CommandError, match="không được tự phê duyệt"):
        cli("lifecycle", "vanthu", "meeting-approve", str(meeting.pk))
    cli("lifecycle", "giamdoc", "meeting-approve", str(meeting.pk))
    with clock.frozen_at(at(2026, 6, 20)):
        cli(
            "lifecycle",
            "vanthu",
            "meeting-issue",
            str(meeting.pk),
            f"carrier={exam_paper.pk}",
            f"to={cast.exams_head.pk}",
        )
    issued = MeetingDocument.objects.get()
    with clock.frozen_at(at(2026, 6, 21, 17)):
        cli("lifecycle", "vanthu", "meeting-document-return", str(issued.pk))
        before = meeting_world()
        with pytest.raises(CommandError, match="niêm phong phòng họp các ngày: 20/06/2026"):
            cli("lifecycle", "vanthu", "meeting-close", str(meeting.pk))
        assert meeting_world() == before
    listing = cli("lifecycle", "vanthu", "meetings")
    assert f"[{meeting.pk}]" in listing and "đã phê duyệt" in listing and "đã thu lại" in listing
    assert events() == [
        "lifecycle.meeting.planned",
        "lifecycle.meeting.approved",
        "lifecycle.meeting.document_issued",
        "lifecycle.meeting.document_returned",
    ]


def test_a_higher_level_document_is_not_offered_at_a_mat_meeting_R35(client, cast, exam_paper, plan):
    """R35: a MAT meeting neither offers nor accepts the TOI_MAT exam paper."""
    client.force_login(cast.clerk)
    client.post(
        "/hoi-nghi/moi/",
        fields(cast, level=Level.MAT, no_devices_control="", starts_on="2026-06-20", ends_on="2026-06-20"),
    )
    meeting = Meeting.objects.get()
    client.force_login(cast.director)
    client.post(f"/hoi-nghi/{meeting.pk}/phe-duyet/")
    client.force_login(cast.clerk)
    form = client.get(f"/hoi-nghi/{meeting.pk}/phat-tai-lieu/").content.decode()
    offered = form.split('name="carrier"')[1].split("</select>")[0]
    assert f'value="{plan.pk}"' in offered and f'value="{exam_paper.pk}"' not in offered
    before = meeting_world()
    client.post(f"/hoi-nghi/{meeting.pk}/phat-tai-lieu/", {"carrier": exam_paper.pk, "to": cast.officer.pk})
    assert meeting_world() == before


def test_a_destroyed_record_is_never_issued_at_a_meeting_R35_R36(cast, exam_paper):
    """R36: no operation on a destroyed item; the issue form does not offer it and the service refuses it."""
    meeting = meeting_plan(
        actor=cast.clerk,
        title="Họp Ban chỉ đạo",
        level=Level.TOI_MAT,
        starts_on=FIRST_DAY,
        ends_on=FIRST_DAY,
        venue="Phòng họp kín",
        attendees=[cast.officer],
        equipment_check="Đã kiểm tra",
        no_devices_control=True,
    )
    meeting_approve(actor=cast.director, meeting=meeting)
    Carrier.objects.filter(pk=exam_paper.pk).update(status=Status.DESTROYED)
    exam_paper.refresh_from_db()
    assert exam_paper not in MeetingIssueForm(subject=meeting, actor=cast.clerk).fields["carrier"].queryset
    before = meeting_world()
    with pytest.raises(DomainError, match="đã bị tiêu hủy") as refused:
        meeting_issue(actor=cast.clerk, meeting=meeting, carrier=exam_paper, to=cast.officer)
    assert refused.value.rule == "R36" and meeting_world() == before
