"""Every remaining operation through the web screens, the REST API and the CLI, each calling the one service
(R10, R11, R26, R33, R34, R36, R37)."""

import datetime as dt

import pytest
from django.core.management import CommandError

from bmnn.approvals.models import Request, RequestStatus
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.lifecycle.models import (
    Council,
    CouncilConfirmation,
    LevelChange,
    Notice,
    Provision,
    Recall,
    RecallItem,
)
from bmnn.registry.choices import Status
from bmnn.registry.models import Incident
from bmnn.registry.services import handover_confirm, handover_create
from tests.helpers import command

from .conftest import make_copies, world


def post_json(client, url, data):
    return client.post(url, data, content_type="application/json")


def cli(name, username, *args):
    """``bmnn <name> --as <username> ...``, authenticated by that person's API token."""
    return command(name, username, *args)


# --- Provision (R33, R34) ------------------------------------------------------------------------------------


def test_provision_to_a_vietnamese_organisation_through_the_screens_R33(client, cast, exam_paper):
    """R33: the request form with representative, purpose and commitment; the director decides; the clerk hands it
    over and the provision is recorded."""
    client.force_login(cast.officer)
    page = client.post(
        f"/so-bmnn/{exam_paper.pk}/de-nghi/cung-cap/",
        {
            "recipient_kind": "ORGANISATION",
            "recipient_name": "Thanh tra tỉnh",
            "representative": "",
            "purpose": "Thanh tra kỳ thi",
            "commitment": "Cam kết bảo vệ BMNN",
        },
    ).content.decode()
    assert "phải ghi: người đại diện" in page and not Request.objects.exists()
    client.post(
        f"/so-bmnn/{exam_paper.pk}/de-nghi/cung-cap/",
        {
            "recipient_kind": "ORGANISATION",
            "recipient_name": "Thanh tra tỉnh",
            "representative": "Ông Bình",
            "purpose": "Thanh tra kỳ thi",
            "commitment": "Cam kết bảo vệ BMNN",
        },
    )
    request = Request.objects.get()
    client.force_login(cast.director)
    detail = client.get(f"/de-nghi/{request.pk}/").content.decode()
    assert "Người đại diện" in detail and "Ông Bình" in detail and "Cam kết bảo vệ BMNN" in detail
    client.post(f"/de-nghi/{request.pk}/quyet-dinh/", {"approve": "1"})
    client.force_login(cast.clerk)
    assert "Giao BMNN cho bên nhận" in client.get(f"/de-nghi/{request.pk}/").content.decode()
    client.post(f"/de-nghi/{request.pk}/thuc-hien/cung-cap/", {})
    assert Provision.objects.get().recipient_name == "Thanh tra tỉnh"
    assert AuditEvent.objects.get(action="lifecycle.provided").basis == "R33"


def test_foreign_provision_needs_the_no_third_party_commitment_through_api_and_cli_R34(client, cast, exam_paper):
    """R34: the foreign request form; without the commitment the API and the CLI answer in Vietnamese."""
    client.force_login(cast.officer)
    fields = {
        "recipient_name": "JICA",
        "nationality": "Nhật Bản",
        "passport": "TR1234567",
        "host_agency": "Sở Ngoại vụ",
        "purpose_kind": "INTERNATIONAL_COOPERATION",
        "purpose": "Hợp tác",
        "commitment": "Bảo vệ BMNN",
    }
    refused = post_json(client, f"/api/carriers/{exam_paper.pk}/foreign-provision-request/", fields)
    assert refused.status_code == 400 and refused.json()["rule"] == "R34"
    assert "bên thứ ba" in refused.json()["detail"]
    with pytest.raises(CommandError, match="bên thứ ba"):
        cli(
            "lifecycle",
            "chuyenvien",
            "foreign-provision-request",
            str(exam_paper.pk),
            *[f"{k}={v}" for k, v in fields.items()],
        )
    made = post_json(
        client, f"/api/carriers/{exam_paper.pk}/foreign-provision-request/", {**fields, "no_third_party": True}
    )
    assert made.status_code == 201 and made.json()["operation"] == "PROVIDE_FOREIGN"
    assert made.json()["payload"]["no_third_party"] is True


# --- Re-grade (R10) ------------------------------------------------------------------------------------------


def test_regrade_through_the_screens_and_the_cli_R10(client, cast, plan):
    """R10: the officer asks with list items; the director approves from the CLI; the clerk stamps it on screen."""
    client.force_login(cast.officer)
    client.post(
        f"/so-bmnn/{plan.pk}/de-nghi/dieu-chinh-do-mat/",
        {"items": [cast.exam_paper_item.pk], "reasons": "Nay chứa đề thi"},
    )
    request = Request.objects.get(operation="REGRADE")
    assert request.payload["new_level"] == Level.TOI_MAT
    assert "Đã phê duyệt" in cli("lifecycle", "giamdoc", "request-decide", str(request.pk), "approve=1")
    client.force_login(cast.clerk)
    client.post(f"/de-nghi/{request.pk}/thuc-hien/dieu-chinh-do-mat/", {})
    plan.refresh_from_db()
    assert plan.level == Level.TOI_MAT and "Điều chỉnh độ mật" in plan.marks[-1]
    assert LevelChange.objects.get().kind == LevelChange.Kind.REGRADE


# --- Councils (R11, R36) -------------------------------------------------------------------------------------


def test_a_destruction_council_through_the_screens_to_every_members_confirmation_R36(client, cast, exam_paper):
    """R36: set up by decision (chair from the holding agency, custodian a member), list, minutes, decision,
    destruction record with method, sequence and executors, confirmed by every member; then locked."""
    spare = make_copies(cast, exam_paper, 1)[0]
    client.force_login(cast.clerk)
    assert "Lập Hội đồng tiêu hủy" in client.get(f"/so-bmnn/{spare.pk}/").content.decode()
    form = client.get("/hoi-dong/moi/").content.decode()
    assert "Thành lập hội đồng" in form and f'value="{spare.pk}"' in form
    form = client.get(f"/so-bmnn/{spare.pk}/hoi-dong-tieu-huy/").content.decode()  # the record page's link
    assert "Lập Hội đồng tiêu hủy" in form and f'value="{spare.pk}" id="id_carriers_0" checked' in form
    data = {
        "purpose": "DESTROY",
        "carriers": [spare.pk],
        "setup_decision_ref": "40/QĐ-SGDĐT",
        "setup_date": clock.today().isoformat(),
        "chair": cast.deputy.pk,
        "members": [cast.officer.pk],
    }
    refused = client.post("/hoi-dong/moi/", data).content.decode()
    assert "Người trực tiếp quản lý BMNN phải là thành viên" in refused and not Council.objects.exists()
    response = client.post("/hoi-dong/moi/", {**data, "members": [cast.officer.pk, cast.clerk.pk]})
    council = Council.objects.get()
    assert response.url == f"/hoi-dong/{council.pk}/"
    assert "40/QĐ-SGDĐT" in client.get("/hoi-dong/").content.decode()
    client.force_login(cast.deputy)
    client.post(f"/hoi-dong/{council.pk}/bien-ban-hop/", {"minutes": "Đề thi dự phòng không còn dùng."})
    client.force_login(cast.exams_head)  # a MAT-only approver: no decision form, and a refusal if forced
    assert "Ghi quyết định" not in client.get(f"/hoi-dong/{council.pk}/").content.decode()
    assert client.get(f"/hoi-dong/{council.pk}/").status_code == 404  # not a member, cannot see the spare (S2)
    client.force_login(cast.director)
    page = client.get(f"/hoi-dong/{council.pk}/").content.decode()
    assert "Quyết định của người có thẩm quyền" in page and "giải mật một phần" not in page
    client.post(f"/hoi-dong/{council.pk}/quyet-dinh/", {"decision_ref": "41/QĐ-SGDĐT", "approve": "1"})
    client.force_login(cast.officer)
    record_form = client.get(f"/hoi-dong/{council.pk}/bien-ban-tieu-huy/").content.decode()
    assert "Phương pháp tiêu hủy" in record_form and "Thứ tự tiêu hủy" in record_form
    client.post(
        f"/hoi-dong/{council.pk}/bien-ban-tieu-huy/",
        {f"sequence_{spare.pk}": 1, f"method_{spare.pk}": "Nghiền bằng máy hủy", f"executors_{spare.pk}": "Lê Thị Chi"},
    )
    for member in (cast.officer, cast.clerk, cast.deputy):
        client.force_login(member)
        assert "Xác nhận biên bản tiêu hủy" in client.get(f"/hoi-dong/{council.pk}/").content.decode()
        client.post(f"/hoi-dong/{council.pk}/xac-nhan-tieu-huy/")
    spare.refresh_from_db()
    assert spare.status == Status.DESTROYED and CouncilConfirmation.objects.count() == 3
    page = client.get(f"/hoi-dong/{council.pk}/").content.decode()
    assert "Nghiền bằng máy hủy" in page and "Đã kết thúc" in page
    refused = client.post(f"/hoi-dong/{council.pk}/xac-nhan-tieu-huy/", follow=True).content.decode()
    assert "Hội đồng đã kết thúc" in refused
    client.force_login(cast.clerk)
    assert "Lập Hội đồng" not in client.get(f"/so-bmnn/{spare.pk}/").content.decode()


def test_a_destruction_council_through_the_api_R36(client, cast, exam_paper):
    """R36: the same steps as JSON, with the same Vietnamese refusals."""
    client.force_login(cast.clerk)
    made = post_json(
        client,
        "/api/councils/",
        {
            "purpose": "DESTROY",
            "carriers": [exam_paper.pk],
            "setup_decision_ref": "40/QĐ-SGDĐT",
            "setup_date": clock.today().isoformat(),
            "chair": cast.deputy.pk,
            "members": [cast.clerk.pk],
        },
    )
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    early = post_json(
        client,
        f"/api/councils/{pk}/destruction-record/",
        {f"sequence_{exam_paper.pk}": 1, f"method_{exam_paper.pk}": "Đốt", f"executors_{exam_paper.pk}": "Chi"},
    )
    assert early.status_code == 400 and "Chưa có quyết định" in early.json()["detail"]
    assert post_json(client, f"/api/councils/{pk}/minutes/", {"minutes": "Hết giá trị"}).status_code == 200
    refused = post_json(client, f"/api/councils/{pk}/decision/", {"decision_ref": "41", "approve": "1"})
    assert refused.status_code == 403 and refused.json()["rule"] == "R36"
    client.force_login(cast.director)
    assert (
        post_json(client, f"/api/councils/{pk}/decision/", {"decision_ref": "41/QĐ-SGDĐT", "approve": "1"}).json()[
            "decision_ref"
        ]
        == "41/QĐ-SGDĐT"
    )
    client.force_login(cast.clerk)
    recorded = post_json(
        client,
        f"/api/councils/{pk}/destruction-record/",
        {f"sequence_{exam_paper.pk}": 1, f"method_{exam_paper.pk}": "Đốt", f"executors_{exam_paper.pk}": "Chi"},
    )
    assert recorded.json()["entries"] == [
        {"sequence": 1, "carrier": exam_paper.pk, "method": "Đốt", "executors": "Chi"}
    ]
    assert post_json(client, f"/api/councils/{pk}/confirmations/", {}).json()["closed_at"] is None
    client.force_login(cast.deputy)
    assert post_json(client, f"/api/councils/{pk}/confirmations/", {}).json()["closed_at"] is not None
    exam_paper.refresh_from_db()
    assert exam_paper.status == Status.DESTROYED
    assert [c["id"] for c in client.get("/api/councils/").json()] == [pk]
    client.force_login(cast.outsider)
    assert client.get(f"/api/councils/{pk}/").status_code == 404


def test_a_partial_declassification_council_from_the_cli_R11(cast, exam_paper):
    """R11: set up, minutes, the head's partial decision naming the content; the record stays secret."""
    with pytest.raises(CommandError, match="Chủ tịch hội đồng phải là lãnh đạo"):
        cli(
            "lifecycle",
            "vanthu",
            "council-set-up",
            "purpose=DECLASSIFY",
            f"carriers={exam_paper.pk}",
            "setup_decision_ref=25/QĐ-SGDĐT",
            f"setup_date={clock.today()}",
            f"chair={cast.exams_head.pk}",
            f"members={cast.officer.pk}",
        )
    out = cli(
        "lifecycle",
        "vanthu",
        "council-set-up",
        "purpose=DECLASSIFY",
        f"carriers={exam_paper.pk}",
        "setup_decision_ref=25/QĐ-SGDĐT",
        f"setup_date={clock.today()}",
        f"chair={cast.deputy.pk}",
        f"members={cast.officer.pk},{cast.clerk.pk}",
    )
    council = Council.objects.get()
    assert f"số {council.pk}" in out
    cli("lifecycle", "phogiamdoc", "council-minutes", str(council.pk), "minutes=Công bố phần đáp án")
    cli(
        "lifecycle",
        "giamdoc",
        "council-decide",
        str(council.pk),
        "decision_ref=26/QĐ-SGDĐT",
        "approve=1",
        "partial_content=Phần đáp án môn Toán",
    )
    exam_paper.refresh_from_db()
    assert exam_paper.status == Status.IN_STORAGE and exam_paper.marks[-1].startswith("Giải mật một phần")
    change = LevelChange.objects.get()
    assert change.partial and change.declassified_content == "Phần đáp án môn Toán"
    assert f"[{council.pk}]" in cli("lifecycle", "vanthu", "councils")


# --- Emergency destruction (R37) -----------------------------------------------------------------------------


def test_emergency_destruction_is_offered_to_the_custodian_only_R37(client, cast, exam_paper):
    """R37: only the custodian sees the action; the report reaches the head's due list at once."""
    client.force_login(cast.director)
    assert "Tiêu hủy khẩn cấp" not in client.get(f"/so-bmnn/{exam_paper.pk}/").content.decode()
    refused = client.post(
        f"/so-bmnn/{exam_paper.pk}/tieu-huy-khan-cap/", {"reason": "Cháy", "method": "Đốt", "report": "Báo cáo"}
    ).content.decode()
    assert "Chỉ người đang trực tiếp quản lý" in refused
    client.force_login(cast.clerk)
    assert "Tiêu hủy khẩn cấp" in client.get(f"/so-bmnn/{exam_paper.pk}/").content.decode()
    client.post(
        f"/so-bmnn/{exam_paper.pk}/tieu-huy-khan-cap/",
        {"reason": "Cháy lan tới kho", "method": "Đốt tại chỗ", "report": "Kính báo cáo Giám đốc"},
    )
    exam_paper.refresh_from_db()
    assert exam_paper.status == Status.DESTROYED
    client.force_login(cast.director)
    assert "Báo cáo tiêu hủy khẩn cấp" in client.get("/viec-den-han/").content.decode()


# --- Recall (R26) --------------------------------------------------------------------------------------------


def test_recall_issued_on_screen_returns_confirmed_by_api_and_overdue_shown_R26(client, cast, exam_paper):
    """R26: a return-by date per holder; the recall page lists each copy; returns confirmed; overdue flagged."""
    copy = make_copies(cast, exam_paper, 1)[0]
    handover_confirm(
        actor=cast.officer, handover=handover_create(actor=cast.clerk, carrier=copy, to_person=cast.officer)
    )
    client.force_login(cast.clerk)
    past = client.post(
        f"/so-bmnn/{exam_paper.pk}/thu-hoi/", {"return_by": clock.today().isoformat(), "reason": "Thay đề"}
    ).content.decode()
    assert "Hạn trả tài liệu thu hồi phải sau ngày hôm nay" in past
    client.post(
        f"/so-bmnn/{exam_paper.pk}/thu-hoi/",
        {"return_by": (clock.today() + dt.timedelta(days=3)).isoformat(), "reason": "Thay đề"},
    )
    recall = Recall.objects.get()
    page = client.get(f"/thu-hoi/{recall.pk}/").content.decode()
    assert "Bản sao số 1" in page and str(cast.officer) in page and "Đang thu hồi" in page
    assert "Lập Hội đồng tiêu hủy" not in client.get(f"/so-bmnn/{exam_paper.pk}/").content.decode()
    item = RecallItem.objects.get(carrier=copy)
    client.force_login(cast.officer)  # the holder sees the recall but may not confirm their own return
    assert client.get(f"/api/recalls/{recall.pk}/").status_code == 200
    refused = post_json(client, f"/api/recall-items/{item.pk}/return/", {})
    assert refused.status_code == 403 and refused.json()["rule"] == "R26"
    with clock.frozen_at(clock.now() + dt.timedelta(days=5)):
        client.force_login(cast.clerk)
        assert "quá hạn" in client.get("/thu-hoi/").content.decode()
        assert "Tài liệu thu hồi chưa trả" in client.get("/viec-den-han/").content.decode()
        body = post_json(client, f"/api/recall-items/{item.pk}/return/", {}).json()
        assert [i["returned_at"] is not None for i in body["items"]] == [False, True]
        assert body["items"][0]["overdue"] is True
        original_item = RecallItem.objects.get(carrier=exam_paper)
        assert "Đã xác nhận" in cli("lifecycle", "vanthu", "recall-item-return", str(original_item.pk))
    recall.refresh_from_db()
    assert recall.closed_at is not None
    assert "đã thu hồi đủ" in cli("lifecycle", "vanthu", "recalls")


def test_recall_through_the_api_and_the_cli_refuses_a_second_open_recall_R26(client, cast, exam_paper):
    """R26: one open recall per record, refused in Vietnamese on every interface."""
    client.force_login(cast.clerk)
    return_by = (clock.today() + dt.timedelta(days=3)).isoformat()
    made = post_json(client, f"/api/carriers/{exam_paper.pk}/recall/", {"return_by": return_by, "reason": "Thay"})
    assert made.status_code == 201 and made.json()["return_by"] == return_by
    again = post_json(client, f"/api/carriers/{exam_paper.pk}/recall/", {"return_by": return_by, "reason": "Lại"})
    assert again.status_code == 400 and "chưa kết thúc" in again.json()["detail"]
    with pytest.raises(CommandError, match="chưa kết thúc"):
        cli("lifecycle", "vanthu", "recall-issue", str(exam_paper.pk), f"return_by={return_by}", "reason=Lại")


# --- Notices (R7, R10, R11) ----------------------------------------------------------------------------------


def test_pending_notices_are_listed_on_the_due_page_and_marked_sent_on_every_interface_R10(client, cast, plan):
    """R10: a re-grade owes a written notice to every recorded recipient; each is marked sent once."""
    from bmnn.approvals.services import request_decide
    from bmnn.lifecycle.services.regrade import regrade_apply, regrade_request

    request = regrade_request(actor=cast.officer, carrier=plan, item_ids=[cast.exam_paper_item.pk], reasons="A")
    request_decide(actor=cast.director, request=request, approve=True)
    regrade_apply(actor=cast.clerk, request=request)
    first, *rest = Notice.objects.order_by("pk")
    client.force_login(cast.clerk)
    page = client.get("/viec-den-han/").content.decode()
    assert "Thông báo điều chỉnh độ mật" in page and first.recipient in page
    client.post(f"/thong-bao/{first.pk}/da-gui/")
    first.refresh_from_db()
    assert first.sent_at is not None
    assert [n["id"] for n in client.get("/api/notices/").json()] == [n.pk for n in rest]
    twice = client.post(f"/thong-bao/{first.pk}/da-gui/", follow=True).content.decode()
    assert "đã được gửi" in twice
    if rest:
        assert post_json(client, f"/api/notices/{rest[0].pk}/sent/", {}).status_code == 200
    listed = cli("lifecycle", "vanthu", "notices")
    assert all(f"[{n.pk}]" in listed for n in rest[1:]) and f"[{first.pk}]" not in listed
    client.force_login(cast.outsider)
    assert post_json(client, f"/api/notices/{first.pk}/sent/", {}).status_code == 404


# --- State guards on the record page ------------------------------------------------------------------------


def test_the_record_page_offers_only_what_the_state_and_the_role_allow_R36(client, cast, exam_paper):
    """R36: no destruction council while out of storage, under an open recall or an open incident; nothing at all
    on a destroyed record; the officer never sees the council or recall actions."""
    client.force_login(cast.officer)
    page = client.get(f"/so-bmnn/{exam_paper.pk}/").content.decode()
    recall_link = f"/so-bmnn/{exam_paper.pk}/thu-hoi/"
    assert "Đề nghị sao, chụp" in page and "Lập Hội đồng tiêu hủy" not in page and recall_link not in page
    client.force_login(cast.clerk)
    page = client.get(f"/so-bmnn/{exam_paper.pk}/").content.decode()
    assert "Lập Hội đồng tiêu hủy" in page and recall_link in page
    incident = Incident.objects.create(
        carrier=exam_paper, kind="DISCLOSURE", description="Bì rách", found_by=cast.clerk, found_at=clock.now()
    )
    assert "Lập Hội đồng tiêu hủy" not in client.get(f"/so-bmnn/{exam_paper.pk}/").content.decode()
    before = world()
    refused = client.post(
        "/hoi-dong/moi/",
        {
            "purpose": "DESTROY",
            "carriers": [exam_paper.pk],
            "setup_decision_ref": "40/QĐ-SGDĐT",
            "setup_date": clock.today().isoformat(),
            "chair": cast.deputy.pk,
            "members": [cast.clerk.pk],
        },
    )
    assert "có sự cố chưa khắc phục xong" in refused.content.decode()
    assert world() == before
    incident.closed = True
    incident.save()
    exam_paper.status = Status.DESTROYED
    exam_paper.save()
    page = client.get(f"/so-bmnn/{exam_paper.pk}/").content.decode()
    assert 'class="actions"' not in page
    refused = client.post(
        f"/so-bmnn/{exam_paper.pk}/thu-hoi/",
        {"return_by": (clock.today() + dt.timedelta(days=3)).isoformat(), "reason": "Thay"},
    ).content.decode()
    assert "BMNN đã bị tiêu hủy" in refused
    assert RequestStatus.PENDING not in Request.objects.values_list("status", flat=True)
