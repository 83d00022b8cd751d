"""The REST API: the same services, refusals in Vietnamese with their rule, the same visibility (S2)."""

import pytest

from bmnn.registry.choices import HandoverStatus, Status
from bmnn.registry.models import Carrier, Handover
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import clear_for_tuyet_mat, operation_events, tuyet_mat_item, world

NOT_FOUND = {"detail": "Không tìm thấy hồ sơ."}


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def outgoing_body(cast, **overrides):
    body = {
        "items": [cast.exam_logistics_item.pk],
        "doc_type": "Kế hoạch",
        "symbol": "KH-SGDĐT",
        "abstract": "Kế hoạch vận chuyển đề thi",
        "drafter": cast.officer.pk,
        "decision_maker": cast.director.pk,
        "recipients": "Phòng Khảo thí; Lưu: VT",
        "copies_issued": 3,
        "custodian": cast.clerk.pk,
        "storage_place": "Tủ sắt số 1",
    }
    body.update(overrides)
    return body


def incoming_body(**overrides):
    body = {
        "sender": "Bộ Giáo dục và Đào tạo",
        "doc_number": "215/BGDĐT-QLCL",
        "level": "MAT",
        "doc_type": "Công văn",
        "abstract": "Hướng dẫn bảo quản đề thi",
    }
    body.update(overrides)
    return body


@pytest.fixture
def clerk_client(client, cast):
    client.force_login(cast.clerk)
    return client


# Authentication --------------------------------------------------------------------------------------------


def test_an_unauthenticated_caller_gets_401_and_changes_nothing(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    before = world()
    for response in (
        client.get("/api/carriers/"),
        client.get(f"/api/carriers/{carrier.pk}/"),
        client.get("/api/carriers/counts/"),
        client.get("/api/handovers/awaiting/"),
        post(client, "/api/carriers/outgoing/", outgoing_body(cast)),
        post(client, "/api/carriers/incoming/", incoming_body()),
        post(client, f"/api/carriers/{carrier.pk}/handovers/", {"to_person": cast.officer.pk}),
    ):
        assert response.status_code == 401
        assert response.json() == {"detail": "Cần đăng nhập."}
        assert response["WWW-Authenticate"] == 'Basic realm="BMNN"'
    assert world() == before


# Outgoing ---------------------------------------------------------------------------------------------------


def test_the_clerk_registers_an_outgoing_through_the_api_R3_R4(clerk_client, cast):
    """R3: a MAT and a TOI_MAT item give a TOI_MAT record; R4: the decision and its basis are stored."""
    response = post(
        clerk_client,
        "/api/carriers/outgoing/",
        outgoing_body(cast, items=[cast.exam_logistics_item.pk, cast.exam_paper_item.pk]),
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["reg_number"], body["doc_number"], body["direction"]) == (1, "1/KH-SGDĐT", "OUTGOING")
    assert (body["level"], body["level_label"]) == ("TOI_MAT", "Tối mật")
    assert (body["status"], body["status_label"]) == ("IN_STORAGE", "Đang lưu giữ")
    assert body["decision_basis"] == "Người đứng đầu: Giám đốc Sở" and body["custodian"] == "Lê Thị Chi"
    assert len(body["items"]) == 2 and body["abstract"] == "Kế hoạch vận chuyển đề thi"
    event = operation_events().get()
    assert event.action == "registry.outgoing.registered" and event.actor_id == cast.clerk.pk
    assert event.target_id == str(body["id"])


def test_an_outgoing_without_a_list_item_answers_400_in_vietnamese_R2(clerk_client, cast):
    """R2: the refusal reaches the caller with its message and rule; nothing is saved, no number taken."""
    before = world()
    response = post(clerk_client, "/api/carriers/outgoing/", outgoing_body(cast, items=[]))
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Phải chọn ít nhất một mục trong danh mục BMNN làm căn cứ xác định độ mật.",
        "rule": "R2",
        "field": "items",
    }
    assert world() == before
    assert post(clerk_client, "/api/carriers/outgoing/", outgoing_body(cast)).json()["reg_number"] == 1


def test_a_deputy_without_delegation_answers_400_R4_R13(clerk_client, cast):
    response = post(clerk_client, "/api/carriers/outgoing/", outgoing_body(cast, decision_maker=cast.deputy.pk))
    assert response.status_code == 400
    assert response.json()["rule"] == "R13" and response.json()["field"] == "decision_maker"
    assert response.json()["detail"].startswith("Cấp phó chỉ được quyết định độ mật khi có văn bản ủy quyền")
    assert not Carrier.objects.exists()


def test_a_tuyet_mat_abstract_answers_400_R18(clerk_client, cast):
    clear_for_tuyet_mat(cast.clerk)
    response = post(clerk_client, "/api/carriers/outgoing/", outgoing_body(cast, items=[tuyet_mat_item().pk]))
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Không được ghi trích yếu đối với BMNN độ Tuyệt mật.",
        "rule": "R18",
        "field": "abstract",
    }
    assert not Carrier.objects.exists() and not operation_events().exists()


def test_someone_who_does_not_keep_the_register_is_forbidden_R38(client, cast):
    client.force_login(cast.director)
    response = post(client, "/api/carriers/outgoing/", outgoing_body(cast))
    assert response.status_code == 403
    assert response.json()["rule"] == "R38" and "mới được vào sổ BMNN" in response.json()["detail"]
    assert not Carrier.objects.exists()


def test_malformed_input_is_answered_field_by_field_in_vietnamese(clerk_client, cast):
    response = post(
        clerk_client,
        "/api/carriers/outgoing/",
        {"items": [cast.exam_logistics_item.pk], "drafter": 999_999, "copies_issued": 1},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["doc_type"] == ["Trường này là bắt buộc."] and body["recipients"] == ["Trường này là bắt buộc."]
    assert body["drafter"] == ["Không tồn tại (mã 999999)."]
    assert not Carrier.objects.exists()


# Incoming ---------------------------------------------------------------------------------------------------


def test_the_clerk_registers_an_incoming_through_the_api_R24(clerk_client, cast):
    response = post(clerk_client, "/api/carriers/incoming/", incoming_body(doc_date="2026-03-10"))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["reg_number"], body["direction"], body["status"]) == (1, "INCOMING", "IN_STORAGE")
    assert (body["sender"], body["doc_number"]) == ("Bộ Giáo dục và Đào tạo", "215/BGDĐT-QLCL")
    assert body["protection_until"] == "2036-03-10"
    assert operation_events().get().action == "registry.incoming.registered"


def test_refused_receipts_answer_400_with_their_rule_R18_R24(clerk_client, cast):
    clear_for_tuyet_mat(cast.clerk)
    top = post(clerk_client, "/api/carriers/incoming/", incoming_body(level="TUYET_MAT"))
    assert top.status_code == 400 and top.json()["rule"] == "R18"
    assert top.json()["detail"] == "Không được ghi trích yếu đối với BMNN độ Tuyệt mật."
    opened = post(clerk_client, "/api/carriers/incoming/", incoming_body(named_recipient=cast.director.pk))
    assert opened.status_code == 400 and opened.json()["rule"] == "R24" and opened.json()["field"] == "abstract"
    assert not Carrier.objects.exists() and not operation_events().exists()


def test_a_named_envelope_is_routed_unopened_through_the_api_R24(client, cast):
    client.force_login(cast.clerk)
    response = post(
        client,
        "/api/carriers/incoming/",
        incoming_body(abstract="", doc_number="Bì số 17", named_recipient=cast.exams_head.pk),
    )
    assert response.status_code == 201
    assert response.json()["unopened"] is True and response.json()["status"] == "IN_TRANSIT"
    client.force_login(cast.exams_head)
    awaiting = client.get("/api/handovers/awaiting/").json()
    assert len(awaiting) == 1 and awaiting[0]["named_only"] is True


def test_a_mismatched_receipt_is_held_then_signed_off_through_the_api_R25(clerk_client, cast):
    held = post(clerk_client, "/api/carriers/incoming/", incoming_body(expected_count=3, received_count=2))
    assert held.status_code == 201
    assert (held.json()["status"], held.json()["reg_number"]) == ("HELD", None)
    url = f"/api/carriers/{held.json()['id']}/sign-off/"
    still_wrong = post(clerk_client, url, {"expected_count": 3, "received_count": 2, "packaging_intact": True})
    assert still_wrong.status_code == 400 and still_wrong.json()["rule"] == "R25"
    assert still_wrong.json()["detail"].startswith("Chưa thể ký nhận: số lượng hoặc bao bì vẫn chưa khớp.")
    assert Carrier.objects.get().reg_number is None
    fixed = post(clerk_client, url, {"expected_count": 3, "received_count": 3, "packaging_intact": True})
    assert fixed.status_code == 200
    assert (fixed.json()["status"], fixed.json()["reg_number"]) == ("IN_STORAGE", 1)


# Hand-over ----------------------------------------------------------------------------------------------------


def test_handover_is_created_by_the_clerk_and_confirmed_by_the_recipient_only_R22_R23(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    client.force_login(cast.clerk)
    created = post(client, f"/api/carriers/{carrier.pk}/handovers/", {"to_person": cast.officer.pk, "note": "Gấp"})
    assert created.status_code == 201, created.json()
    handover = created.json()
    assert (handover["number"], handover["envelope_letter"], handover["envelope_count"]) == (1, "C", 1)
    assert (handover["status"], handover["recipient"]) == ("PENDING", "Đỗ Thu Hà")
    assert client.get(f"/api/carriers/{carrier.pk}/").json()["status"] == "IN_TRANSIT"
    confirm = f"/api/handovers/{handover['id']}/confirm/"

    for intruder in (cast.clerk, cast.exams_head, cast.director):
        client.force_login(intruder)
        assert post(client, confirm, {}).json() == NOT_FOUND
    assert Handover.objects.get().status == HandoverStatus.PENDING

    client.force_login(cast.officer)
    confirmed = post(client, confirm, {})
    assert confirmed.status_code == 200
    assert (confirmed.json()["status"], confirmed.json()["confirmed_by"]) == ("CONFIRMED", "Đỗ Thu Hà")
    assert client.get(f"/api/carriers/{carrier.pk}/").json()["custodian"] == "Đỗ Thu Hà"
    assert post(client, confirm, {}).status_code == 404  # nothing left to sign


def test_a_refused_handover_answers_with_its_rule_R23_S2(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk]))
    client.force_login(cast.director)  # sees the agency's records but is not the custodian
    not_custodian = post(client, f"/api/carriers/{carrier.pk}/handovers/", {"to_person": cast.officer.pk})
    assert not_custodian.status_code == 403 and not_custodian.json()["rule"] == "R23"
    client.force_login(cast.clerk)
    not_cleared = post(client, f"/api/carriers/{carrier.pk}/handovers/", {"to_person": cast.junior.pk})
    assert not_cleared.status_code == 403 and not_cleared.json() == {
        "detail": "Người nhận không được tiếp cận BMNN độ Tối mật.",
        "rule": "S2",
    }
    no_one = post(client, f"/api/carriers/{carrier.pk}/handovers/", {})
    assert no_one.status_code == 400 and no_one.json()["rule"] == "R23"
    assert not Handover.objects.exists() and Carrier.objects.get().status == Status.IN_STORAGE


# Visibility -----------------------------------------------------------------------------------------------


def test_a_record_above_the_callers_clearance_answers_exactly_like_a_missing_one_S2(client, cast):
    """S2: the MAT-cleared junior drafted both records, but only the MAT one exists for them."""
    mat = outgoing_register(**outgoing_kwargs(cast, drafter=cast.junior, abstract="Kế hoạch vận chuyển đề thi"))
    toi_mat = outgoing_register(
        **outgoing_kwargs(
            cast, drafter=cast.junior, item_ids=[cast.exam_paper_item.pk], abstract="Đề thi chính thức môn Toán"
        )
    )
    missing = Carrier.objects.order_by("-pk").first().pk + 1000
    client.force_login(cast.junior)

    assert client.get(f"/api/carriers/{mat.pk}/").status_code == 200
    for suffix in ("", "history/"):
        forbidden = client.get(f"/api/carriers/{toi_mat.pk}/{suffix}")
        absent = client.get(f"/api/carriers/{missing}/{suffix}")
        assert forbidden.status_code == absent.status_code == 404
        assert forbidden.content == absent.content and forbidden.json() == NOT_FOUND
        assert forbidden["Content-Type"] == absent["Content-Type"]
    for suffix, data in (
        ("sign-off/", {"expected_count": 1, "received_count": 1, "packaging_intact": True}),
        ("handovers/", {"to_person": cast.officer.pk}),
    ):
        forbidden = post(client, f"/api/carriers/{toi_mat.pk}/{suffix}", data)
        absent = post(client, f"/api/carriers/{missing}/{suffix}", data)
        assert (
            (forbidden.status_code, forbidden.content) == (absent.status_code, absent.content) == (404, absent.content)
        )

    listed = client.get("/api/carriers/").json()
    assert listed["count"] == 1 and [c["id"] for c in listed["results"]] == [mat.pk]
    assert client.get("/api/carriers/?q=de thi chinh thuc").json()["count"] == 0
    assert client.get("/api/carriers/?level=TOI_MAT").json()["count"] == 0
    counts = client.get("/api/carriers/counts/").json()
    assert counts["level"] == [{"level": "MAT", "n": 1}]
    assert counts["status"] == [{"status": "IN_STORAGE", "n": 1}]


def test_an_outsider_from_another_agency_sees_nothing_through_the_api_S2(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    client.force_login(cast.outsider)
    assert client.get(f"/api/carriers/{carrier.pk}/").json() == NOT_FOUND
    assert client.get("/api/carriers/").json()["count"] == 0
    assert client.get("/api/carriers/counts/").json() == {"level": [], "status": [], "unit": []}


def test_search_through_the_api_ignores_diacritics_and_bad_filters(clerk_client, cast):
    outgoing_register(**outgoing_kwargs(cast, abstract="Kế hoạch vận chuyển đề thi"))
    found = clerk_client.get("/api/carriers/", {"q": "ke hoach van chuyen de thi"}).json()
    assert [c["doc_number"] for c in found["results"]] == ["1/KH-SGDĐT"]
    malformed = clerk_client.get("/api/carriers/", {"year": "năm nay", "unit": "x"})
    assert malformed.status_code == 200 and malformed.json()["count"] == 0
