"""A meeting with secret content in a real browser: planned by the clerk, refused without the device control,
approved by the director, the exam paper issued and the room sealed, the close refused while the paper is out
(R35, S7)."""

import pytest

from bmnn.core import clock
from bmnn.lifecycle.models import Meeting, MeetingDocument
from tests.browser.conftest import login, pick, sees, shot
from tests.browser.test_lifecycle_flow import exam_paper, logout
from tests.lifecycle.conftest import at

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_two_day_toi_mat_meeting_from_plan_to_close_R35_S7(page, cast):
    """R35: approver, attendee list of cleared staff, closed room, equipment check, no recording devices (TOI_MAT),
    daily sealing, every document back before the close; S7: the planner cannot approve."""
    with clock.frozen_at(at(2026, 6, 15)):
        paper = exam_paper(cast)
        login(page, "vanthu")
        page.get_by_role("link", name="Hội nghị, hội thảo").click()
        page.get_by_role("link", name="Lập kế hoạch cuộc họp").click()
        page.get_by_label("Nội dung cuộc họp, hội nghị, hội thảo").fill("Họp Ban chỉ đạo thi tốt nghiệp THPT 2026")
        page.get_by_label("Độ mật của nội dung").select_option("TOI_MAT")
        page.get_by_label("Từ ngày").fill("2026-06-20")
        page.get_by_label("Đến ngày").fill("2026-06-21")
        page.get_by_label("Địa điểm").fill("Phòng họp kín tầng 3, trụ sở Sở")
        for typed, name in (("nguyen van an", "Nguyễn Văn An"), ("pham van", "Phạm Văn Dũng"), ("do thu", "Đỗ Thu Hà")):
            pick(page, "Thành phần dự họp", typed, name)
        page.get_by_label("Biên bản kiểm tra thiết bị").fill("Đã kiểm tra máy chiếu, âm thanh: không kết nối mạng")
        page.get_by_role("button", name="Lập kế hoạch cuộc họp").click()
        sees(page, "không mang thiết bị ghi âm, ghi hình, thu phát")
        assert not Meeting.objects.exists()
        shot(page, "meeting-1-refused-without-device-control")
        page.get_by_label("Kiểm soát không mang thiết bị ghi âm").check()
        page.get_by_role("button", name="Lập kế hoạch cuộc họp").click()
        sees(page, "Đã lập kế hoạch cuộc họp")
        assert "Phê duyệt cuộc họp" not in page.content()  # S7
        meeting = Meeting.objects.get()
        shot(page, "meeting-2-planned")
        logout(page)

        login(page, "giamdoc")
        page.get_by_role("link", name="Việc đến hạn").click()
        sees(page, "Cuộc họp có nội dung BMNN chờ bạn phê duyệt")
        shot(page, "meeting-3-due-awaiting-approval")
        page.get_by_role("link", name="Hội nghị, hội thảo").click()
        sees(page, "Chờ lãnh đạo phê duyệt")
        shot(page, "meeting-3-list-awaiting-approval")
        page.get_by_role("link", name="Họp Ban chỉ đạo thi tốt nghiệp THPT 2026").click()
        page.get_by_role("button", name="Phê duyệt cuộc họp").click()
        sees(page, "Đã phê duyệt cuộc họp.")
        logout(page)

    with clock.frozen_at(at(2026, 6, 20, 16)):
        login(page, "vanthu")
        page.goto(f"/hoi-nghi/{meeting.pk}/")
        page.get_by_label("Tài liệu BMNN phát tại cuộc họp").select_option(str(paper.pk))
        pick(page, "Người nhận (trong thành phần dự họp)", "do thu", "Đỗ Thu Hà")
        page.get_by_role("button", name="Phát tài liệu").click()
        sees(page, "Đã phát tài liệu")
        page.get_by_role("button", name="Niêm phong phòng họp hôm nay").click()
        sees(page, "Đã ghi biên bản niêm phong")
        shot(page, "meeting-4-issued-and-sealed")
        logout(page)

    with clock.frozen_at(at(2026, 6, 21, 17)):
        login(page, "vanthu")
        page.goto(f"/hoi-nghi/{meeting.pk}/")
        page.get_by_role("button", name="Kết thúc cuộc họp").click()
        sees(page, "Chưa thu lại tài liệu đã phát")
        meeting.refresh_from_db()
        assert meeting.closed_at is None
        shot(page, "meeting-5-close-refused")
        page.get_by_role("button", name="Thu lại").click()
        sees(page, "Đã thu lại tài liệu.")
        page.get_by_role("button", name="Kết thúc cuộc họp").click()
        sees(page, "Đã kết thúc cuộc họp")
        shot(page, "meeting-6-closed")
        page.get_by_role("link", name="Hội nghị, hội thảo").click()
        shot(page, "meeting-7-list")
    meeting.refresh_from_db()
    assert meeting.closed_at is not None and MeetingDocument.objects.get().returned_at is not None
