"""Self-inspection in a real browser (P2): the department opens an inspection of a school with a named team,
answers the checklist with evidence, is refused a conclusion while a point not met has no remedy, records the
finding with remedy, owner and due date, concludes; the principal sees it overdue and closes it."""

from __future__ import annotations

import pytest

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.core.text import fold
from bmnn.org.models import Position
from bmnn.programme.choices import Answer, FindingStatus
from bmnn.programme.models import Finding, Inspection
from bmnn.programme.services import inspection_answer
from tests.browser.conftest import login, pick, sees, shot
from tests.conftest import ensure_reference_data, make_person
from tests.helpers import at

pytestmark = pytest.mark.browser

TEAM = "Đặng Văn Tâm – Chánh Thanh tra Sở – Trưởng đoàn\nLê Thị Chi – Văn thư – Thành viên"


@pytest.mark.django_db(transaction=True)
def test_a_self_inspection_finds_a_gap_that_is_remedied_P2(page, cast, settings, tmp_path):
    """P2 end to end on the screens, with screenshots inspection-*."""
    settings.MEDIA_ROOT = tmp_path / "media"
    ensure_reference_data()
    principal = make_person(
        "hieutruong", cast.school, Position.HEAD, Level.TOI_MAT, first="Quang", last="Trịnh Văn", title="Hiệu trưởng"
    )
    photo = tmp_path / "anh-tu-tai-lieu.jpg"
    photo.write_bytes(b"\xff\xd8 anh tu tai lieu")

    with clock.frozen_at(at(2026, 3, 2, 9)):
        login(page, "giamdoc")
        page.get_by_role("link", name="Tự kiểm tra").click()
        page.get_by_role("link", name="Mở đợt kiểm tra").click()
        pick(page, "Đơn vị được kiểm tra", fold(cast.school.name), cast.school.name)
        pick(page, "Đơn vị kiểm tra", fold(cast.department.name), cast.department.name)
        page.get_by_label("Đoàn kiểm tra").fill(TEAM)
        page.get_by_label("Ngày kiểm tra").fill("2026-03-02")
        page.get_by_label("Quyết định kiểm tra (số, ngày)").fill("Quyết định số 20/QĐ-SGDĐT ngày 25/02/2026")
        shot(page, "inspection-01-open-form")
        page.get_by_role("button", name="Mở đợt kiểm tra").click()
        page.wait_for_load_state()
        sees(page, "Đã mở đợt kiểm tra với 14 nội dung cần đánh giá.")
        sees(page, "Căn cứ: Luật Bảo vệ BMNN số 117/2025/QH15")
        shot(page, "inspection-02-checklist")
        inspection = Inspection.objects.get()
        answers = list(inspection.answers.all())
        storage = next(a for a in answers if "Nơi lưu giữ" in a.text)

        page.get_by_label(f"Kết quả nội dung {storage.order}", exact=True).select_option(Answer.NOT_MET)
        page.get_by_label(f"Ghi chú nội dung {storage.order}", exact=True).fill(
            "Tủ đựng tài liệu mật phòng hành chính không có khóa"
        )
        page.get_by_label(f"Minh chứng nội dung {storage.order}", exact=True).set_input_files(str(photo))
        page.locator(f"#noi-dung-{storage.order}").get_by_role("button", name="Lưu").click()
        page.wait_for_load_state()
        sees(page, f"Đã ghi kết quả nội dung {storage.order}.")
        page.get_by_label("Kết quả nội dung 1", exact=True).select_option(Answer.MET)
        page.locator("#noi-dung-1").get_by_role("button", name="Lưu").click()
        page.wait_for_load_state()
        for answer in answers[1:]:
            if answer.pk != storage.pk:
                inspection_answer(actor=cast.clerk, answer=answer, result=Answer.MET)
        page.reload()
        sees(page, "anh-tu-tai-lieu.jpg")
        sees(page, "Đã đánh giá 14/14 nội dung")
        page.locator(f"#noi-dung-{storage.order}").scroll_into_view_if_needed()
        shot(page, "inspection-03-answered-with-evidence")

        page.get_by_label("Kết luận kiểm tra").fill("Cơ bản thực hiện tốt.")
        page.get_by_role("button", name="Kết luận").click()
        page.wait_for_load_state()
        content = page.content()
        assert "Nội dung chưa đạt chưa có tồn tại và biện pháp khắc phục: 6." in content and "(P2)" not in content
        shot(page, "inspection-04-conclusion-refused")
        page.goto(f"/tu-kiem-tra/{inspection.pk}/")  # the refusal stays on the conclusion's own screen

        page.get_by_label("Nội dung kiểm tra").select_option(str(storage.pk))
        page.get_by_label("Tồn tại, hạn chế").fill("Tủ đựng tài liệu mật không có khóa")
        page.get_by_label("Biện pháp khắc phục").fill("Trang bị tủ sắt có khóa, giao văn thư giữ chìa")
        pick(page, "Người chịu trách nhiệm", "trinh van quang", f"{principal.get_full_name()} – {cast.school.name}")
        page.get_by_label("Hạn khắc phục").fill("2026-03-16")
        page.get_by_role("button", name="Ghi tồn tại").click()
        page.wait_for_load_state()
        sees(page, "Đã ghi tồn tại")
        page.get_by_label("Kết luận kiểm tra").fill("Cơ bản thực hiện tốt; một tồn tại phải khắc phục trước 16/3/2026.")
        page.get_by_role("button", name="Kết luận").click()
        page.wait_for_load_state()
        sees(page, "Đã kết luận đợt kiểm tra")
        shot(page, "inspection-05-concluded")

    finding = Finding.objects.get()
    with clock.frozen_at(at(2026, 3, 18, 9)):
        page.context.clear_cookies()
        login(page, "hieutruong")
        page.get_by_role("link", name="Bảng theo dõi của thủ trưởng").click()
        overdue = page.locator("#qua-han + div").inner_text()
        assert "Tủ đựng tài liệu mật không có khóa" in overdue and "quá hạn" in overdue
        shot(page, "inspection-06-head-dashboard")
        page.get_by_role("link", name="Tự kiểm tra").click()
        shot(page, "inspection-07-list-school")
        page.get_by_role("link", name="Tồn tại cần khắc phục").click()
        sees(page, "1 tồn tại đã quá hạn khắc phục.")
        shot(page, "inspection-08-findings-overdue")
        page.get_by_role("link", name="Tủ đựng tài liệu mật không có khóa").click()
        page.get_by_role("button", name="Xác nhận khắc phục xong").click()
        page.wait_for_load_state()
        sees(page, "Trường này là bắt buộc.")
        page.get_by_label("Kết quả khắc phục").fill("Đã trang bị tủ sắt có khóa ngày 17/3/2026; văn thư giữ chìa.")
        page.get_by_role("button", name="Xác nhận khắc phục xong").click()
        page.wait_for_load_state()
        sees(page, "Đã xác nhận khắc phục xong tồn tại.")
        shot(page, "inspection-09-finding-closed")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED and finding.closed_by == principal
