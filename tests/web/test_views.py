"""The web screens drive the same services; refusals come back in Vietnamese."""

import pytest

from bmnn.core.levels import Level
from bmnn.registry.choices import Status
from bmnn.registry.models import Carrier
from bmnn.registry.services import handover_create, incoming_receive, outgoing_register
from tests.conftest import outgoing_kwargs


def test_login_page_is_vietnamese(client, db):
    page = client.get("/dang-nhap/").content.decode()
    assert "Đăng nhập" in page and "Mật khẩu" in page and 'lang="vi"' in page


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/so-bmnn/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_dashboard_counts_what_the_user_may_see(client, cast):
    outgoing_register(**outgoing_kwargs(cast))
    client.force_login(cast.clerk)
    page = client.get("/").content.decode()
    assert "BMNN bạn được xem" in page and "Đang lưu giữ" in page


def test_outgoing_form_registers_and_shows_number(client, cast):
    client.force_login(cast.clerk)
    form = {
        "items": [cast.exam_logistics_item.pk],
        "kind": "DOCUMENT",
        "medium": "PAPER",
        "doc_type": "Kế hoạch",
        "symbol": "KH-SGDĐT",
        "abstract": "Phương án in sao đề thi",
        "drafter": cast.officer.pk,
        "decision_maker": cast.director.pk,
        "recipients": "Phòng Khảo thí",
        "copies_issued": 2,
        "urgency": "NORMAL",
        "custodian": cast.clerk.pk,
        "storage_place": "Tủ 1",
    }
    response = client.post("/dang-ky-di/", form, follow=True)
    assert "Đã vào sổ BMNN đi số 1/KH-SGDĐT" in response.content.decode()
    assert Carrier.objects.get().reg_number == 1


def test_outgoing_form_without_list_item_is_refused_in_vietnamese_R2(client, cast):
    client.force_login(cast.clerk)
    form = {
        "kind": "DOCUMENT",
        "medium": "PAPER",
        "doc_type": "Kế hoạch",
        "symbol": "KH-SGDĐT",
        "drafter": cast.officer.pk,
        "decision_maker": cast.director.pk,
        "recipients": "Phòng Khảo thí",
        "copies_issued": 1,
        "urgency": "NORMAL",
        "custodian": cast.clerk.pk,
    }
    page = client.post("/dang-ky-di/", form).content.decode()
    assert "Phải chọn ít nhất một mục trong danh mục BMNN" in page
    assert not Carrier.objects.exists()


def test_incoming_form_with_count_mismatch_holds_the_item_R25(client, cast):
    client.force_login(cast.clerk)
    form = {
        "sender": "Bộ Giáo dục và Đào tạo",
        "doc_number": "12/BGDĐT-QLCL",
        "level": "MAT",
        "urgency": "NORMAL",
        "medium": "PAPER",
        "expected_count": 3,
        "received_count": 2,
        "packaging_intact": "on",
    }
    page = client.post("/tiep-nhan-den/", form, follow=True).content.decode()
    assert "Sai lệch số lượng" in page
    carrier = Carrier.objects.get()
    assert carrier.status == Status.HELD and carrier.reg_number is None


def test_forbidden_record_is_404_like_a_missing_one_S2(client, cast):
    secret = outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk]))
    assert secret.level == Level.TOI_MAT
    client.force_login(cast.junior)  # clearance MAT only
    forbidden = client.get(f"/so-bmnn/{secret.pk}/")
    missing = client.get("/so-bmnn/999999/")
    assert forbidden.status_code == missing.status_code == 404
    assert secret.doc_number not in client.get("/so-bmnn/").content.decode()


def test_recipient_signs_for_a_handover_from_the_awaiting_page_R23(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover = handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    client.force_login(cast.officer)
    assert carrier.doc_number in client.get("/cho-ky-nhan/").content.decode()
    client.post(f"/cho-ky-nhan/{handover.pk}/ky-nhan/")
    carrier.refresh_from_db()
    assert carrier.status == Status.IN_STORAGE and carrier.custodian == cast.officer


def test_someone_else_cannot_sign_for_it(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover = handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    client.force_login(cast.exams_head)
    assert client.post(f"/cho-ky-nhan/{handover.pk}/ky-nhan/").status_code == 404
    carrier.refresh_from_db()
    assert carrier.status == Status.IN_TRANSIT


@pytest.mark.parametrize("path", ["/don-vi/", "/can-bo/", "/cho-ky-nhan/", "/tiep-nhan-den/", "/dang-ky-di/"])
def test_every_screen_renders(client, cast, path):
    incoming_receive(
        actor=cast.clerk, sender="UBND tỉnh", doc_number="5/UBND-VX", level="MAT", abstract="Báo cáo tình hình"
    )
    client.force_login(cast.clerk)
    assert client.get(path).status_code == 200


def test_a_refusal_no_screen_expected_is_shown_in_vietnamese_not_as_a_server_error_R41(client, cast):
    """R41: with the report schedule removed by an administrator, the head's dashboard says what is missing."""
    from bmnn.reports.models import ReportSchedule

    ReportSchedule.objects.all().delete()
    client.force_login(cast.director)
    response = client.get("/thu-truong/")
    assert response.status_code == 400
    assert "Chưa cấu hình lịch báo cáo định kỳ" in response.content.decode()


def test_the_header_links_to_the_registers_only_for_those_who_keep_or_sign_them_R21(client, cast):
    """R21: the clerk and the head see "Sổ sách" in the header; an officer, whom the page would refuse, does not."""
    link = 'href="/so-sach/"'
    client.force_login(cast.clerk)
    assert link in client.get("/").content.decode()
    client.force_login(cast.officer)
    assert link not in client.get("/").content.decode() and client.get("/so-sach/").status_code == 404


def test_a_missing_page_answers_in_vietnamese(client, cast):
    """S2: a missing or forbidden record answers the same Vietnamese 404 page, with the header."""
    client.force_login(cast.officer)
    response = client.get("/so-bmnn/999999/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode() and "Đăng xuất" in response.content.decode()
