"""The lifecycle screens: request, approval queue, decision, execution (R12, R32, R33, S7)."""

import datetime as dt
import re

from bmnn.approvals.models import Request, RequestStatus
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.registry.choices import Status
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs
from tests.lifecycle.conftest import make_copies


def exam_paper(cast):
    return outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk], copy_permitted=True))


def test_copy_request_goes_through_the_queue_to_the_copy_register_R12(client, cast):
    carrier = exam_paper(cast)
    client.force_login(cast.officer)  # the drafter may see it (S2)
    client.post(
        f"/so-bmnn/{carrier.pk}/de-nghi/sao-chup/",
        {"form": "TRUE_COPY", "count": 2, "recipients": "Hội đồng thi", "reasons": "In sao"},
    )
    request = Request.objects.get()
    client.force_login(cast.director)
    queue = client.get("/de-nghi/").content.decode()
    assert "Cho phép sao, chụp" in queue and carrier.doc_number in queue
    client.post(f"/de-nghi/{request.pk}/quyet-dinh/", {"approve": "1", "reasons": "Đồng ý"})
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    client.force_login(cast.clerk)
    page = client.get(f"/de-nghi/{request.pk}/").content.decode()
    assert "Thực hiện sao, chụp" in page and "Số bản đề nghị" in page
    client.post(f"/de-nghi/{request.pk}/thuc-hien/sao-chup/", {"made": 2, "spoiled": 0})
    record_page = client.get(f"/so-bmnn/{carrier.pk}/").content.decode()
    assert "Sổ sao, chụp" in record_page and "Sao y" in record_page
    assert carrier.copies.count() == 2


def test_an_incompetent_approver_gets_a_vietnamese_refusal_R12(client, cast):
    carrier = exam_paper(cast)
    client.force_login(cast.officer)
    client.post(
        f"/so-bmnn/{carrier.pk}/de-nghi/sao-chup/",
        {"form": "TRUE_COPY", "count": 1, "recipients": "Hội đồng thi", "reasons": "In sao"},
    )
    request = Request.objects.get()
    client.force_login(cast.exams_head)  # a division head may approve MAT only
    assert request.pk not in [r.pk for r in client.get("/de-nghi/").context["awaiting"]]
    assert client.get(f"/de-nghi/{request.pk}/").status_code == 404
    response = client.post(f"/de-nghi/{request.pk}/quyet-dinh/", {"approve": "1"})
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING and carrier.level == Level.TOI_MAT


def test_take_out_and_return_with_a_closing_report_R32(client, cast):
    carrier = exam_paper(cast)
    client.force_login(cast.officer)
    today = clock.today()
    client.post(
        f"/so-bmnn/{carrier.pk}/de-nghi/mang-ra/",
        {
            "purpose": "In sao đề thi",
            "place": "Nhà in",
            "start": today.isoformat(),
            "due": (today + dt.timedelta(days=2)).isoformat(),
            "measures": "Hai cán bộ đi kèm, niêm phong",
        },
    )
    request = Request.objects.get()
    client.force_login(cast.director)
    client.post(f"/de-nghi/{request.pk}/quyet-dinh/", {"approve": "1"})
    client.force_login(cast.clerk)
    client.post(f"/de-nghi/{request.pk}/thuc-hien/mang-ra/", {})
    carrier.refresh_from_db()
    assert carrier.status == Status.OUT_OF_STORAGE
    page = client.get(f"/so-bmnn/{carrier.pk}/").content.decode()
    assert "Đang mang ra khỏi nơi lưu giữ" in page
    takeout = carrier.takeouts.get()
    client.post(f"/mang-ra/{takeout.pk}/tra/", {"closing_report": "Đã in xong, đủ số lượng"})
    carrier.refresh_from_db()
    assert carrier.status == Status.IN_STORAGE


def test_refusal_needs_written_reasons_R33(client, cast):
    carrier = exam_paper(cast)
    client.force_login(cast.officer)
    client.post(
        f"/so-bmnn/{carrier.pk}/de-nghi/gia-han/",
        {
            "new_until": carrier.protection_until.replace(year=carrier.protection_until.year + 5).isoformat(),
            "reasons": "Còn giá trị",
        },
    )
    request = Request.objects.get()
    client.force_login(cast.director)
    page = client.post(f"/de-nghi/{request.pk}/quyet-dinh/", {"approve": "0"}, follow=True).content.decode()
    assert "Từ chối phải nêu rõ lý do" in page
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_due_page_renders(client, cast):
    client.force_login(cast.director)
    assert "Việc đến hạn" in client.get("/viec-den-han/").content.decode()


def test_a_copys_page_starts_its_history_where_it_was_made_R16(client, cast, exam_paper):
    """R16: a copy's page names its original, its drafter and decider, the job that made it, and the other
    copies only."""
    first, second = make_copies(cast, exam_paper, 2)
    client.force_login(cast.clerk)
    page = client.get(f"/so-bmnn/{second.pk}/").content.decode()
    assert "Bản sao số 2 của" in page and f'href="/so-bmnn/{exam_paper.pk}/"' in page
    assert str(exam_paper.drafter) in page and str(exam_paper.decision_maker) in page
    assert "Sao, chụp BMNN (vào sổ sao, chụp)" in page.split("Lịch sử")[-1]
    others = page.split("Các bản sao khác")[1].split("</table>")[0]
    assert f'href="/so-bmnn/{first.pk}/"' in others and f'href="/so-bmnn/{second.pk}/"' not in others


def test_every_record_link_on_a_record_page_opens_for_whoever_sees_it_S2(client, cast, exam_paper):
    """S2: copies held by others are listed, but linked only when the viewer may open them."""
    make_copies(cast, exam_paper, 2)
    for person in (cast.clerk, cast.officer, cast.director, cast.exams_head):
        client.force_login(person)
        page = client.get(f"/so-bmnn/{exam_paper.pk}/")
        if page.status_code != 200:
            continue
        for link in set(re.findall(r'href="(/so-bmnn/\d+/)"', page.content.decode())):
            assert client.get(link).status_code == 200, (person.username, link)


def remind_director(cast, count: int) -> None:
    """``count`` overdue reminders of the director about one record, oldest first."""
    from bmnn.lifecycle.models import Reminder

    carrier = exam_paper(cast)
    for n in range(count):
        Reminder.objects.create(
            key=f"test:{n}",
            person=cast.director,
            carrier=carrier,
            text=f"Việc nhắc số {n:02d}",
            due=dt.date(2026, 4, 1) + dt.timedelta(days=n),
            created_at=clock.now(),
        )


def test_the_due_page_shows_reminders_a_page_at_a_time(client, cast):
    """Issue 17: after the first sweep over a decade a head has thousands of extension reminders (R7); the page
    lists 50 of them with the count and a link to the next page, not all of them at once."""
    remind_director(cast, 60)
    client.force_login(cast.director)
    first = client.get("/viec-den-han/").content.decode()
    second = client.get("/viec-den-han/?page=2").content.decode()
    assert "Nhắc việc (60)" in first and "Trang 1/2" in first and 'href="?page=2#nhac-viec"' in first
    assert first.count("Việc nhắc số") == 50 and "Việc nhắc số 49" in first and "Việc nhắc số 50" not in first
    assert second.count("Việc nhắc số") == 10 and "Việc nhắc số 59" in second


def test_the_home_page_and_the_heads_board_list_the_30_oldest_overdue_and_count_the_rest(client, cast):
    """Issue 17: the two summary pages stay small whatever the number of overdue reminders (R7); the due page
    lists them all."""
    remind_director(cast, 35)
    client.force_login(cast.director)
    with clock.frozen_at(dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)):
        home = client.get("/").content.decode()
        board = client.get("/thu-truong/").content.decode()
    for page in (home, board):
        assert page.count("Việc nhắc số") == 30 and "Việc nhắc số 29" in page and "Việc nhắc số 30" not in page
        assert "Và 5 việc quá hạn khác." in page
    assert "Quá hạn (35)" in home
