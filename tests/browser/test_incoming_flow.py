"""A clerk logs in, registers an incoming secret and finds it by a search without diacritics (R24, S2)."""

import pytest

from bmnn.registry.models import Carrier
from tests.browser.conftest import login, sees, shot


@pytest.mark.django_db(transaction=True)
def test_clerk_registers_incoming_and_finds_it_without_diacritics(page, cast):
    page.goto("/dang-nhap/")
    sees(page, "Đăng nhập")
    shot(page, "01-login")
    login(page, "vanthu")
    shot(page, "02-dashboard")

    page.get_by_role("link", name="Tiếp nhận đến").click()
    page.get_by_label("Nơi gửi").fill("Bộ Giáo dục và Đào tạo")
    page.get_by_label("Số, ký hiệu (trên văn bản hoặc ngoài bì)").fill("215/BGDĐT-QLCL")
    page.get_by_label("Độ mật (theo dấu)").select_option("TOI_MAT")
    page.get_by_label("Loại văn bản").fill("Công văn")
    page.get_by_label("Trích yếu").fill("Hướng dẫn tiêu hủy đề thi dự bị kỳ thi tốt nghiệp THPT")
    page.get_by_label("Nơi lưu giữ").fill("Tủ sắt số 2")
    shot(page, "03-incoming-form")
    page.get_by_role("button", name="Tiếp nhận").click()
    sees(page, "Đã vào sổ BMNN đến số 1/")
    shot(page, "04-incoming-registered")

    page.get_by_role("link", name="Sổ BMNN").click()
    page.get_by_placeholder("Tìm theo số, trích yếu").fill("tieu huy de thi du bi")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1
    assert "215/BGDĐT-QLCL" in rows.first.inner_text()
    shot(page, "05-search-without-diacritics")
    assert Carrier.objects.get().reg_number == 1


@pytest.mark.django_db(transaction=True)
def test_a_refused_registration_shows_the_reason_in_vietnamese_R18(page, cast):
    cast.clerk.clearance = "TUYET_MAT"
    cast.clerk.save()
    login(page, "vanthu")
    page.goto("/tiep-nhan-den/")
    page.get_by_label("Nơi gửi").fill("UBND tỉnh")
    page.get_by_label("Số, ký hiệu (trên văn bản hoặc ngoài bì)").fill("3/UBND-NC")
    page.get_by_label("Độ mật (theo dấu)").select_option("TUYET_MAT")
    page.get_by_label("Trích yếu").fill("Nội dung không được ghi")
    page.get_by_role("button", name="Tiếp nhận").click()
    sees(page, "Không được ghi trích yếu đối với BMNN độ Tuyệt mật")
    shot(page, "06-refused-tuyet-mat-abstract")
    assert not Carrier.objects.exists()
