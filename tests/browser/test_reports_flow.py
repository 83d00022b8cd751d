"""Annual reports in a real browser: a school reports, the department aggregates and signs, the provincial
police import the signed package and refuse a tampered one (R41, R42, P5); the head's dashboard."""

import io
import zipfile

import pytest

from bmnn.audit.checkpoint import public_key_b64
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.reports import services
from bmnn.reports.models import ImportedReport, PeriodicReport
from tests.browser.conftest import login, sees, shot
from tests.helpers import at
from tests.reports.conftest import receive, tree  # noqa: F401  (fixture)


def _write_and_sign(page, situation: str) -> None:
    page.get_by_label("a) Đánh giá tình hình").fill(situation)
    page.get_by_label("b) Kết quả, ưu điểm").fill(
        "Thực hiện đúng quy trình nhận, lưu giữ, bàn giao đề thi.\n"
        "Hạn chế: máy soạn thảo chưa tách khỏi Internet, đã khắc phục."
    )
    page.get_by_label("d) Dự báo, phương hướng").fill("Đề nghị tập huấn nghiệp vụ cho văn thư vào quý I.")
    page.get_by_role("button", name="Lưu nội dung").click()
    page.wait_for_load_state()
    sees(page, "Đã lưu nội dung báo cáo.")
    page.get_by_role("button", name="Ký và gửi cấp trên").click()
    page.wait_for_load_state()
    sees(page, "Đã ký gửi báo cáo lên cấp trên")


@pytest.mark.django_db(transaction=True)
def test_reports_go_up_the_tree_and_a_tampered_package_is_refused(page, tree, tmp_path):  # noqa: F811
    """R41, R42, P5 end to end in the browser, with screenshots of each step."""
    receive(tree.school_clerk, Level.TOI_MAT, "12/BGDĐT-QLCL", at(2026, 3, 3))
    receive(tree.cast.clerk, Level.MAT, "35/UBND-VX", at(2026, 5, 5))
    with clock.frozen_at(at(2026, 12, 16)):
        login(page, "hieutruong")
        page.get_by_role("link", name="Báo cáo định kỳ").click()
        shot(page, "reports-01-list-school")
        page.get_by_role("button", name="Lập hoặc tính lại báo cáo").click()
        page.wait_for_load_state()
        sees(page, "Đã lập dự thảo báo cáo năm 2026")
        shot(page, "reports-02-draft-school")
        _write_and_sign(page, "Nhà trường quán triệt Luật Bảo vệ BMNN đến toàn thể cán bộ, giáo viên.")
        shot(page, "reports-03-submitted-school")

    with clock.frozen_at(at(2026, 12, 21)):
        page.context.clear_cookies()
        login(page, "giamdoc")
        page.get_by_role("link", name="Bảng theo dõi của thủ trưởng").click()
        sees(page, "Trường THPT Nguyễn Trãi chưa gửi báo cáo năm 2026")
        shot(page, "reports-04-head-dashboard")
        page.get_by_role("link", name="Báo cáo định kỳ").click()
        page.get_by_role("button", name="Lập hoặc tính lại báo cáo").click()
        page.wait_for_load_state()
        content = page.content()
        assert "Báo cáo của đơn vị cấp dưới" in content and "(P5)" not in content and "Chưa gửi báo cáo" in content
        _write_and_sign(page, "Công tác bảo vệ BMNN của ngành được triển khai đồng bộ.")
        shot(page, "reports-05-department-aggregated")
        page.get_by_role("link", name="Xem báo cáo").first.click()
        assert "Trường THPT Chuyên" in page.locator("h1").inner_text()
        shot(page, "reports-06-drill-down-school")
        page.go_back()
        with page.expect_download() as download:
            page.get_by_role("button", name="Xuất gói ký số").click()
        package = tmp_path / "goi.zip"
        download.value.save_as(package)

    services.trusted_key_register(actor=tree.admin, organisation=tree.department, public_key=public_key_b64())
    tampered = tmp_path / "goi-bi-sua.zip"
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(tampered, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "data.json":  # the department's own count of incoming MAT items, 1 -> 0
                changed = data.replace(b'"MAT": 1', b'"MAT": 0')
                assert changed != data
                data = changed
            target.writestr(name, data)
    with clock.frozen_at(at(2026, 12, 22)):
        page.context.clear_cookies()
        login(page, "canbocongan")
        page.get_by_role("link", name="Báo cáo định kỳ").click()
        page.get_by_label("Gói báo cáo ký số (.zip)").set_input_files(str(tampered))
        page.get_by_role("button", name="Kiểm tra chữ ký và nhập").click()
        page.wait_for_load_state()
        assert "Chữ ký số không hợp lệ" in page.content() and not ImportedReport.objects.exists()
        shot(page, "reports-07-tampered-refused")
        page.get_by_label("Gói báo cáo ký số (.zip)").set_input_files(str(package))
        page.get_by_role("button", name="Kiểm tra chữ ký và nhập").click()
        page.wait_for_load_state()
        sees(page, "Đã kiểm tra chữ ký số và nhập báo cáo năm 2026 của Sở Giáo dục và Đào tạo")
        shot(page, "reports-08-imported")
        page.get_by_role("link", name="Báo cáo định kỳ").click()
        page.get_by_role("button", name="Lập hoặc tính lại báo cáo").click()
        page.wait_for_load_state()
        sees(page, "Gói ký số, đã kiểm tra chữ ký")
        shot(page, "reports-09-police-aggregates-package")
    police = PeriodicReport.objects.get(organisation=tree.police)
    assert police.figures["subordinates"][0]["source"] == "imported"
    with zipfile.ZipFile(io.BytesIO(package.read_bytes())) as archive:
        assert set(archive.namelist()) == {"data.json", "data.sig", "bao-cao.pdf"}
