"""Plans in a real browser (P1): the director writes a plan, hands tasks to a school and a division, issues it;
the school's head reports with an evidence file; the director sees the units × tasks matrix with an overdue
flag, and returns the report for more work."""

from __future__ import annotations

import pytest

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.core.text import fold
from bmnn.documents.samples import text_pdf
from bmnn.org.models import Position
from bmnn.programme.choices import PlanStatus, TaskStatus
from bmnn.programme.models import Occurrence, Plan
from tests.browser.conftest import login, pick, sees, shot
from tests.conftest import make_person
from tests.helpers import at

pytestmark = pytest.mark.browser


def _write_plan(page) -> None:
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Lập kế hoạch").click()
    pick(page, "Cơ quan, đơn vị ban hành", "so giao duc", "Sở Giáo dục và Đào tạo")
    page.get_by_label("Ký hiệu").fill("KH-SGDĐT")
    page.get_by_label("Địa danh").fill("Thử Nghiệm")
    page.get_by_label("Ngày ban hành").fill("2026-03-02")
    page.get_by_label("Tên kế hoạch (trích yếu)").fill("Công tác bảo vệ bí mật nhà nước năm 2026")
    page.get_by_label("Căn cứ (văn bản được triển khai)").fill(
        "Luật Bảo vệ bí mật nhà nước số 117/2025/QH15\nChỉ thị số 32/CT-TTg ngày 21/10/2025"
    )
    page.get_by_label("Mục đích, yêu cầu").fill("Bảo đảm tuyệt đối an toàn bí mật nhà nước của ngành.")
    page.get_by_label("Nội dung công tác").fill(
        "Tuyên truyền, phổ biến Luật Bảo vệ BMNN\nTự kiểm tra công tác bảo vệ BMNN tại các đơn vị"
    )
    page.get_by_label("Chức vụ người ký").fill("Giám đốc")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Văn An")
    shot(page, "programme-01-plan-form")
    page.get_by_role("button", name="Lưu dự thảo").click()
    sees(page, "Đã lập dự thảo kế hoạch")


def _add_task(page, title: str, units: list[str], *, due: str = "", recurrence: str = "NONE") -> None:
    page.locator("form.op #id_title").fill(title)
    for unit in units:
        pick(page, "Đơn vị chủ trì", fold(unit), unit)
    if due:
        page.get_by_label("Thời hạn").fill(due)
    page.get_by_label("Định kỳ").select_option(recurrence)
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    sees(page, "Đã giao nhiệm vụ.")


@pytest.mark.django_db(transaction=True)
def test_plan_written_issued_reported_and_followed_in_the_matrix_P1(page, cast):
    """P1 end to end: write, assign (lead units, due date and a quarterly report), issue, report, matrix, return."""
    make_person(
        "hieutruong", cast.school, Position.HEAD, Level.TOI_MAT, first="Quang", last="Trịnh Văn", title="Hiệu trưởng"
    )
    with clock.frozen_at(at(2026, 3, 2)):
        login(page, "giamdoc")
        _write_plan(page)
        _add_task(
            page,
            "Tự kiểm tra công tác bảo vệ BMNN tại đơn vị",
            ["Trường THPT Chuyên", "Phòng Khảo thí và Quản lý chất lượng"],
            due="2026-03-20",
        )
        _add_task(page, "Báo cáo tình hình bảo vệ BMNN", ["Trường THPT Chuyên"], recurrence="QUARTERLY")
        shot(page, "programme-02-draft-with-tasks")
        page.get_by_label("Số kế hoạch").fill("15")
        page.get_by_role("button", name="Ban hành").click()
        sees(page, "Đã ban hành kế hoạch")
        plan = Plan.objects.get()
        assert plan.status == PlanStatus.ISSUED and plan.reference == "15/KH-SGDĐT"
        sees(page, "Quý I/2026: chưa báo cáo")
        shot(page, "programme-03-issued-matrix")

        page.context.clear_cookies()
        login(page, "hieutruong")
        page.get_by_role("link", name="Nhiệm vụ được giao").first.click()
        sees(page, "Tự kiểm tra công tác bảo vệ BMNN tại đơn vị")
        shot(page, "programme-04-unit-tasks")
        page.get_by_role("link", name="Tự kiểm tra công tác bảo vệ BMNN tại đơn vị").click()
        page.get_by_label("Kết quả thực hiện").fill("Đã tự kiểm tra ngày 10/3/2026 theo danh mục; lập biên bản.")
        page.get_by_label("Đã hoàn thành nhiệm vụ").check()
        page.get_by_label("Tệp minh chứng").set_input_files(
            files=[
                {
                    "name": "bien-ban-tu-kiem-tra.pdf",
                    "mimeType": "application/pdf",
                    "buffer": text_pdf("Biên bản tự kiểm tra"),
                }
            ]
        )  # a real file: every upload is checked
        page.get_by_role("button", name="Gửi báo cáo").click()
        sees(page, "Đã gửi báo cáo tiến độ.")
        sees(page, "bien-ban-tu-kiem-tra.pdf")
        shot(page, "programme-05-unit-reported")

    with clock.frozen_at(at(2026, 3, 23)):  # after the due date: the division has not reported
        page.context.clear_cookies()
        login(page, "giamdoc")
        page.goto(f"/ke-hoach/{plan.pk}/")
        content = page.content()
        assert "Hạn 20/03/2026: hoàn thành" in content and "Hạn 20/03/2026: chưa báo cáo, quá hạn" in content
        shot(page, "programme-06-owner-matrix")
        page.get_by_role("link", name="Hạn 20/03/2026: hoàn thành").click()
        page.get_by_label("Lý do trả lại").fill("Đề nghị gửi kèm biên bản có chữ ký của đoàn kiểm tra.")
        page.get_by_role("button", name="Trả lại").click()
        sees(page, "Đã trả lại báo cáo")
        shot(page, "programme-07-returned")
    done = Occurrence.objects.get(assignment__unit=cast.school, assignment__task__order=1)
    assert done.status == TaskStatus.RETURNED
