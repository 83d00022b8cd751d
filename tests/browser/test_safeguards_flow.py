"""In a real browser: an officer records a loss, the director reads and prints the ad-hoc report (R40);
the clerk meets the off-boarding checklist (R39), refuses secret use of an Internet laptop (R29) and imports
a scan (P3)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bmnn.core import clock
from bmnn.registry.models import Incident
from bmnn.registry.services import outgoing_register
from bmnn.safeguards.models import Device, DeviceFinding
from bmnn.safeguards.services.staff import offboarding_start
from tests.browser.conftest import login, pick, sees, shot
from tests.conftest import outgoing_kwargs, unsigned


@pytest.mark.django_db(transaction=True)
def test_incident_reported_same_day_and_printed_R40(page, cast):
    """R40: recorded on the screen, in the head's queue at once, printable."""
    plan = outgoing_register(**outgoing_kwargs(cast))
    login(page, "chuyenvien")
    page.get_by_role("link", name="Sự cố lộ, mất").click()
    page.get_by_role("link", name="Ghi nhận vụ lộ, mất BMNN").click()
    pick(page, "Đơn vị xảy ra", "khao thi", cast.exams_division.name)
    page.get_by_label("Loại sự cố").select_option("LOSS")
    page.get_by_label("BMNN bị lộ, mất").select_option([str(plan.pk)])
    found = (clock.now() - dt.timedelta(hours=1)).astimezone(dt.timezone(dt.timedelta(hours=7)))
    page.get_by_label("Thời điểm phát hiện").fill(found.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Diễn biến sự việc").fill(
        "Sau cuộc họp tại trường, phát hiện thiếu một bản kế hoạch vận chuyển đề thi trong cặp tài liệu."
    )
    page.get_by_label("Biện pháp đã áp dụng ngay").fill("Rà soát phòng họp, báo cáo Giám đốc Sở")
    shot(page, "k1-01-incident-form")
    page.get_by_role("button", name="Ghi nhận và lập báo cáo").click()
    sees(page, "Đã ghi nhận sự cố")
    shot(page, "k1-02-incident-recorded")
    incident = Incident.objects.get()

    page.context.clear_cookies()
    login(page, "giamdoc")
    page.get_by_role("link", name="Sự cố lộ, mất").click()
    sees(page, "Báo cáo đột xuất gửi đến bạn")
    shot(page, "k1-03-head-queue")
    page.goto(f"/su-co/{incident.pk}/bao-cao-dot-xuat/")
    sees(page, "BÁO CÁO ĐỘT XUẤT")
    shot(page, "k1-04-adhoc-report-print")
    page.goto(f"/su-co/{incident.pk}/")
    assert page.get_by_role("link", name="Kết thúc xử lý sự cố").count() == 0  # not offered before the notice
    page.goto(f"/su-co/{incident.pk}/ket-thuc/")  # refused before any form is filled in
    sees(page, "Chưa thông báo cho cơ quan xác định độ mật")
    shot(page, "k1-05-close-refused")


@pytest.mark.django_db(transaction=True)
def test_offboarding_checklist_blocks_R39(page, cast):
    """R39: the person page lists what blocks leaving, and completion is refused."""
    outgoing_register(**outgoing_kwargs(cast, custodian=cast.officer))
    offboarding_start(actor=cast.director, person=cast.officer, reason="Chuyển công tác")
    unsigned(cast.junior)  # someone on the staff list has not signed yet (P4)
    login(page, "vanthu")
    page.get_by_role("link", name="Cán bộ, cam kết, tập huấn").click()
    sees(page, "Chưa ký cam kết")
    shot(page, "k1-06-staff")
    page.goto(f"/cong-tac-can-bo/{cast.officer.pk}/")
    sees(page, "Đang quản lý BMNN")
    assert page.get_by_role("button", name="Hoàn thành thủ tục và khóa tài khoản").count() == 0  # blocked: not offered
    page.goto(f"/cong-tac-can-bo/{cast.officer.pk}/hoan-thanh-thoi-viec/")  # refused at once
    sees(page, "Chưa thể hoàn thành")
    shot(page, "k1-07-offboarding-refused")
    cast.officer.refresh_from_db()
    assert cast.officer.is_active


@pytest.mark.django_db(transaction=True)
def test_device_register_refuses_internet_secret_use_and_imports_a_scan_R29(page, cast, tmp_path):
    """R29, P3: an Internet laptop, inspected, is still refused for secrets; its scan makes a finding."""
    login(page, "vanthu")
    page.get_by_role("link", name="Thiết bị").click()
    page.get_by_role("link", name="Đăng ký thiết bị").click()
    pick(page, "Đơn vị quản lý", "so giao duc", cast.department.name)
    page.get_by_label("Loại thiết bị").select_option("COMPUTER")
    page.get_by_label("Tên, nhãn hiệu").fill("Máy tính xách tay Lenovo ThinkPad")
    page.get_by_label("Kết nối").select_option("INTERNET")
    page.get_by_label("Nguồn gốc").select_option("GIFT")
    page.get_by_label("Cơ quan, tổ chức tặng, tài trợ").fill("Dự án hỗ trợ giáo dục")
    page.get_by_role("button", name="Đăng ký").click()
    sees(page, "Đã đăng ký thiết bị")
    device = Device.objects.get()
    page.get_by_role("link", name="Kiểm tra an ninh trước khi sử dụng").click()
    page.get_by_label("Ngày kiểm tra").fill(clock.today().isoformat())
    page.get_by_label("Người, đơn vị kiểm tra").fill("Phòng An ninh chính trị nội bộ, Công an tỉnh")
    page.get_by_role("button", name="Ghi kết quả kiểm tra").click()
    sees(page, "Đã ghi kết quả kiểm tra an ninh")
    page.get_by_role("link", name="Sử dụng cho BMNN").click()
    page.get_by_label("Sử dụng cho BMNN").select_option("1")
    page.get_by_role("button", name="Cập nhật", exact=True).click()
    sees(page, "Thiết bị có kết nối Internet không được dùng")
    shot(page, "k1-08-internet-refused")
    result = tmp_path / "quet.jsonl"
    result.write_text(
        "\n".join(
            json.dumps(r, ensure_ascii=False)
            for r in [
                {
                    "path": "C:/Users/khaothi/Documents/De thi HSG.docx",
                    "verdict": "secret",
                    "level": "TOI_MAT",
                    "marks": [{"kind": "level", "level": "TOI_MAT", "text": "TỐI MẬT", "location": "trang 1"}],
                    "error": None,
                },
                {"path": "C:/Users/khaothi/lich.xlsx", "verdict": "clean", "level": None, "marks": [], "error": None},
            ]
        ),
        encoding="utf-8",
    )
    page.goto(f"/thiet-bi/{device.pk}/")
    page.get_by_role("link", name="Nhập kết quả quét (bmnn-scan --format jsonl)").click()
    page.get_by_label("Tệp kết quả quét (bmnn-scan --format jsonl)").set_input_files(str(result))
    page.get_by_role("button", name="Nhập kết quả").click()
    sees(page, "1 tệp có dấu mật")
    shot(page, "k1-09-scan-imported")
    assert DeviceFinding.objects.filter(device=device).count() == 1
    page.get_by_role("link", name="Thiết bị", exact=True).click()
    shot(page, "k1-10-device-register")
