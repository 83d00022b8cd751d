"""The lifecycle screens in a real browser: requests, approvals, a destruction council to its last confirmation,
due items with notices and a recall (R12, R26, R36, S7)."""

import datetime as dt

import pytest

from bmnn.approvals.models import Request
from bmnn.approvals.services import request_decide
from bmnn.core import clock
from bmnn.lifecycle.models import Council, Notice, Recall
from bmnn.lifecycle.services.regrade import regrade_apply, regrade_request
from bmnn.registry.choices import Status
from bmnn.registry.services import handover_confirm, handover_create, outgoing_register
from tests.browser.conftest import login, pick, sees, shot
from tests.conftest import outgoing_kwargs
from tests.lifecycle.conftest import make_copies


def exam_paper(cast):
    return outgoing_register(
        **outgoing_kwargs(
            cast,
            item_ids=[cast.exam_paper_item.pk],
            copy_permitted=True,
            doc_type="Đề thi",
            symbol="ĐT-SGDĐT",
            abstract="Đề thi chính thức môn Toán, kỳ thi tốt nghiệp THPT năm 2026",
        )
    )


def logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/**")


@pytest.mark.django_db(transaction=True)
def test_a_copy_request_is_approved_from_the_queue_and_carried_out_R12_S7(page, cast):
    """R12, S7: the officer asks, the director approves from their queue (the officer cannot), the clerk copies."""
    paper = exam_paper(cast)
    login(page, "chuyenvien")
    page.goto(f"/so-bmnn/{paper.pk}/")
    shot(page, "10-record-actions-officer")
    page.get_by_role("link", name="Đề nghị sao, chụp").click()
    page.get_by_label("Hình thức").select_option("TRUE_COPY")
    page.get_by_label("Số bản đề nghị").fill("3")
    page.get_by_label("Nơi nhận bản sao").fill("Hội đồng thi tốt nghiệp THPT")
    page.get_by_label("Lý do").fill("Phát cho hội đồng thi")
    page.get_by_role("button", name="Gửi đề nghị").click()
    sees(page, "Đã gửi đề nghị")
    assert "Ghi quyết định" not in page.content()  # S7: no decision form for the requester
    shot(page, "11-request-sent")
    page.get_by_role("link", name="Đề nghị", exact=True).click()
    assert "Chờ phê duyệt" in page.locator("table.list").nth(1).inner_text()
    shot(page, "12-my-requests")
    logout(page)

    login(page, "giamdoc")
    page.get_by_role("link", name="Đề nghị 1").click()
    shot(page, "13-approval-queue")
    page.get_by_role("link", name="Cho phép sao, chụp").click()
    page.get_by_label("Phê duyệt").check()
    page.get_by_label("Ý kiến (bắt buộc khi từ chối)").fill("Đồng ý sao 3 bản")
    page.get_by_role("button", name="Ghi quyết định").click()
    sees(page, "Đã ghi quyết định.")
    shot(page, "14-request-approved")
    logout(page)

    login(page, "vanthu")
    page.goto(f"/de-nghi/{Request.objects.get().pk}/")
    page.get_by_label("Số bản đã sao").fill("3")
    page.get_by_role("button", name="Thực hiện sao, chụp").click()
    sees(page, "Đã thực hiện và vào sổ.")
    shot(page, "15-copies-made")
    assert paper.copies.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_destruction_council_from_set_up_to_the_last_members_confirmation_R36(page, cast):
    """R36: set-up decision with the chair and the custodian, minutes, the director's decision, the record with
    method and executors, every member's confirmation; the spare is then locked as destroyed."""
    paper = exam_paper(cast)
    spare = make_copies(cast, paper, 1)[0]
    login(page, "vanthu")
    page.goto(f"/so-bmnn/{spare.pk}/")
    shot(page, "20-record-actions-clerk")
    page.get_by_role("link", name="Lập Hội đồng tiêu hủy").click()
    page.get_by_label("Số quyết định thành lập").fill("40/QĐ-SGDĐT")
    pick(page, "Chủ tịch hội đồng (lãnh đạo cơ quan)", "tran thi", "Trần Thị Bình")
    pick(page, "Thành viên (gồm người trực tiếp quản lý BMNN)", "do thu", "Đỗ Thu Hà")
    page.get_by_role("button", name="Vào sổ quyết định thành lập").click()
    sees(page, "Người trực tiếp quản lý BMNN phải là thành viên hội đồng tiêu hủy")
    shot(page, "21-council-refused-without-custodian")
    assert page.locator(".lookup-chips .chip").all_inner_texts()[0].startswith("Đỗ Thu Hà")  # kept after the refusal
    pick(page, "Thành viên (gồm người trực tiếp quản lý BMNN)", "le thi chi", "Lê Thị Chi")
    page.get_by_role("button", name="Vào sổ quyết định thành lập").click()
    sees(page, "Đã vào sổ quyết định thành lập hội đồng.")
    council = Council.objects.get()
    shot(page, "22-council-set-up")
    logout(page)

    login(page, "phogiamdoc")
    page.goto(f"/hoi-dong/{council.pk}/")
    page.get_by_label("Biên bản họp hội đồng").fill("Bản sao số 1 không sử dụng; thống nhất đề nghị tiêu hủy.")
    page.get_by_role("button", name="Lưu biên bản họp").click()
    logout(page)

    login(page, "giamdoc")
    page.get_by_role("link", name="Hội đồng").click()
    shot(page, "23-councils-list")
    page.get_by_role("link", name="40/QĐ-SGDĐT").click()
    page.get_by_label("Số quyết định").fill("41/QĐ-SGDĐT")
    page.get_by_role("button", name="Ghi quyết định").click()
    sees(page, "Đã ghi quyết định.")
    logout(page)

    login(page, "chuyenvien")
    page.goto(f"/hoi-dong/{council.pk}/")
    page.get_by_role("link", name="Lập biên bản tiêu hủy").click()
    page.get_by_label("Phương pháp tiêu hủy").fill("Nghiền nhỏ bằng máy hủy tài liệu")
    page.get_by_label("Người thực hiện").fill("Lê Thị Chi; Đỗ Thu Hà")
    shot(page, "24-destruction-record-form")
    page.get_by_role("button", name="Lập biên bản tiêu hủy").click()
    page.get_by_role("button", name="Xác nhận biên bản tiêu hủy").click()
    sees(page, "Đã xác nhận biên bản tiêu hủy.")
    shot(page, "25-first-confirmation")
    logout(page)

    login(page, "vanthu")
    page.goto(f"/hoi-dong/{council.pk}/")
    page.get_by_role("button", name="Xác nhận biên bản tiêu hủy").click()
    logout(page)
    login(page, "phogiamdoc")
    page.goto(f"/hoi-dong/{council.pk}/")
    page.get_by_role("button", name="Xác nhận biên bản tiêu hủy").click()
    sees(page, "Đã kết thúc")
    shot(page, "26-council-closed")
    spare.refresh_from_db()
    assert spare.status == Status.DESTROYED
    logout(page)
    login(page, "vanthu")  # the clerk keeps the registers and sees the record: no action is offered any more
    page.goto(f"/so-bmnn/{spare.pk}/")
    sees(page, "Đã tiêu hủy")
    sees(page, "Tiêu hủy BMNN")
    assert page.locator("div.actions").count() == 0
    shot(page, "27-destroyed-record-locked")


@pytest.mark.django_db(transaction=True)
def test_due_items_notices_and_a_recall_R10_R26(page, cast):
    """R10: the notices a re-grade owes are listed and marked sent; R26: a recall with each holder's copy, the
    return confirmed on screen."""
    plan = outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))
    request = regrade_request(
        actor=cast.officer, carrier=plan, item_ids=[cast.exam_paper_item.pk], reasons="Nay chứa đề thi"
    )
    request_decide(actor=cast.director, request=request, approve=True)
    regrade_apply(actor=cast.clerk, request=request)
    paper = exam_paper(cast)
    copy = make_copies(cast, paper, 1)[0]
    handover_confirm(
        actor=cast.officer, handover=handover_create(actor=cast.clerk, carrier=copy, to_person=cast.officer)
    )
    login(page, "vanthu")
    page.goto("/viec-den-han/")
    shot(page, "30-due-with-notices")
    page.get_by_role("button", name="Đã gửi").first.click()
    sees(page, "Đã ghi nhận thông báo đã gửi.")
    assert Notice.objects.filter(sent_at__isnull=False).count() == 1

    page.goto(f"/so-bmnn/{paper.pk}/")
    page.locator("div.actions").get_by_role("link", name="Thu hồi").click()
    page.get_by_label("Hạn trả").fill((clock.today() + dt.timedelta(days=5)).isoformat())
    page.get_by_label("Lý do thu hồi").fill("Đề thi được thay bằng đề dự bị")
    shot(page, "31-recall-form")
    page.get_by_role("button", name="Thu hồi BMNN").click()
    sees(page, "Đã thu hồi")
    recall = Recall.objects.get()
    page.goto(f"/thu-hoi/{recall.pk}/")
    shot(page, "32-recall-detail")
    page.get_by_role("button", name="Xác nhận đã nhận lại").nth(1).click()
    sees(page, "Đã xác nhận nhận lại.")
    page.goto("/thu-hoi/")
    shot(page, "33-recalls-list")
    page.goto("/viec-den-han/")
    sees(page, "Tài liệu thu hồi chưa trả")
    shot(page, "34-due-after")
