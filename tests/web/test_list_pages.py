"""The registry list, its API and its counts: keyset pages, capped counts, a constant number of queries (issue 17).

Scenario: the department's register holds 10, then 200 records kept by different people, each with its
list items, some handed over; the clerk pages through them on the screen and in the API.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bmnn.core.levels import Level
from bmnn.registry import paging
from bmnn.registry.models import Carrier, Handover
from tests.helpers import VN


def fill_register(cast: Any, count: int, *, start: int = 0) -> list[Carrier]:
    """``count`` MAT/TOI_MAT records of the department, kept by four people in turn, every third handed over."""
    keepers = [cast.clerk, cast.officer, cast.exams_head, cast.director]
    base = dt.datetime(2026, 1, 5, 8, tzinfo=VN)
    rows = Carrier.objects.bulk_create(
        [
            Carrier(
                agency=cast.department,
                direction="OUTGOING",
                reg_year=2026,
                reg_number=start + n + 1,
                doc_number=f"{start + n + 1}/KH-SGDĐT",
                issuing_body="Sở",
                doc_type="Kế hoạch",
                abstract=f"Kế hoạch thi số {start + n + 1}",
                search_text=f"ke hoach thi so {start + n + 1}",
                level=Level.MAT if n % 2 else Level.TOI_MAT,
                custodian=keepers[n % 4],
                drafter=cast.officer,
                decision_maker=cast.director,
                created_at=base + dt.timedelta(minutes=(start + n) // 2),
            )  # pairs share a moment: ties by id
            for n in range(count)
        ]
    )
    for carrier in rows:
        carrier.items.set([cast.exam_paper_item if carrier.level == Level.TOI_MAT else cast.exam_logistics_item])
    Handover.objects.bulk_create(
        [
            Handover(
                carrier=c,
                agency=cast.department,
                year=2026,
                number=start + i + 1,
                from_person=cast.clerk,
                to_person=cast.officer,
                envelope_letter="A",
                handed_at=c.created_at,
                status="CONFIRMED",
            )
            for i, c in enumerate(rows[::3])
        ]
    )
    return rows


def queries_for(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/so-bmnn/",
        "/so-bmnn/?q=ke+hoach",
        "/so-bmnn/?page=2",
        "/api/carriers/",
        "/api/carriers/?level=MAT",
        "/api/carriers/counts/",
        "/",
    ],
)
def test_a_list_costs_the_same_queries_for_10_records_as_for_200(client, cast, url):
    client.force_login(cast.clerk)
    first = 30 if "page=2" in url else 10  # a second page needs a first one full
    fill_register(cast, first)
    queries_for(client, url)  # the process's first request also fills caches (content types, parameters)
    few = queries_for(client, url)
    fill_register(cast, 200 - first, start=first)
    assert queries_for(client, url) == few


def test_the_api_prints_each_record_with_its_items_and_keeper(client, cast):
    fill_register(cast, 3)
    client.force_login(cast.clerk)
    body = client.get("/api/carriers/").json()
    assert body["count"] == 3 and body["count_capped"] is False
    first = body["results"][0]
    assert first["items"] == [
        str(cast.exam_paper_item) if first["level"] == "TOI_MAT" else str(cast.exam_logistics_item)
    ]
    assert first["custodian"]


def test_following_next_walks_every_visible_record_once_in_the_list_order_S2(client, cast):
    rows = fill_register(cast, 60)
    client.force_login(cast.clerk)
    expected = list(
        Carrier.objects.filter(pk__in=[c.pk for c in rows])
        .order_by("-created_at", "-pk")
        .values_list("doc_number", flat=True)
    )
    seen, url, pages = [], "/so-bmnn/", 0
    while url:
        html = client.get(url).content.decode()
        pages += 1
        seen += re.findall(r'<a href="/so-bmnn/\d+/">([^<]+)</a>', html)
        found = re.search(r'<a href="\?([^"]*)">Sau »</a>', html)
        url = "/so-bmnn/?" + found.group(1).replace("&amp;", "&") if found else ""
        assert pages <= 3
    assert seen == expected and pages == 3
    assert "after=" in client.get("/so-bmnn/").content.decode()


def test_previous_from_a_keyset_page_returns_the_same_rows_as_the_way_there(client, cast):
    fill_register(cast, 80)
    client.force_login(cast.clerk)
    first = client.get("/so-bmnn/").context["page"]
    second = client.get(f"/so-bmnn/?{first.next_params}").context["page"]
    third = client.get(f"/so-bmnn/?{second.next_params}").context["page"]
    assert (first.number, second.number, third.number) == (1, 2, 3) and "before=" in third.previous_params
    back = client.get(f"/so-bmnn/?{third.previous_params}").context["page"]
    assert [c.pk for c in back] == [c.pk for c in second] and back.number == 2
    home = client.get(f"/so-bmnn/?{back.previous_params}").context["page"]
    assert [c.pk for c in home] == [c.pk for c in first] and not home.has_previous


def test_a_bare_page_number_and_a_malformed_cursor_still_answer(client, cast):
    fill_register(cast, 30)
    client.force_login(cast.clerk)
    second = client.get("/so-bmnn/?page=2").context["page"]
    assert second.number == 2 and len(second) == 5 and not second.has_next
    for bad in ("after=abc", "before=1.2.3", "after=99999999999999999999999.1", "page=x"):
        response = client.get(f"/so-bmnn/?{bad}")
        assert response.status_code == 200 and response.context["page"].number == 1, bad


def test_counts_above_the_cap_say_more_than_instead_of_counting_everything(client, cast, monkeypatch):
    fill_register(cast, 30)
    client.force_login(cast.clerk)
    assert "30 kết quả" in client.get("/so-bmnn/").content.decode()
    monkeypatch.setattr(paging, "COUNT_CAP", 20)
    monkeypatch.setattr("bmnn.registry.pagination.COUNT_CAP", 20)
    html = client.get("/so-bmnn/").content.decode()
    assert "Hơn 20 kết quả" in html and "30 kết quả" not in html
    body = client.get("/api/carriers/").json()
    assert body["count"] == 20 and body["count_capped"] is True and len(body["results"]) == 30


def test_a_capped_api_list_still_pages_and_refuses_a_page_past_the_end(client, cast, monkeypatch):
    from bmnn.registry.pagination import CappedPageNumberPagination

    fill_register(cast, 30)
    client.force_login(cast.clerk)
    monkeypatch.setattr("bmnn.registry.pagination.COUNT_CAP", 5)
    monkeypatch.setattr(CappedPageNumberPagination, "page_size", 10)
    pages = [client.get(f"/api/carriers/?page={n}").json() for n in (1, 2, 3)]
    assert [len(p["results"]) for p in pages] == [10, 10, 10]
    assert pages[0]["next"] and pages[1]["next"] and pages[2]["next"] is None
    assert client.get("/api/carriers/?page=4").status_code == 404


def test_search_ranks_the_words_together_first_then_the_newest(cast):
    from bmnn.registry.selectors import carrier_search

    rows = fill_register(cast, 3)
    Carrier.objects.filter(pk=rows[0].pk).update(search_text="de thi chinh thuc")
    Carrier.objects.filter(pk=rows[1].pk).update(search_text="thi tuyen de xuat")
    Carrier.objects.filter(pk=rows[2].pk).update(search_text="thi tuyen de xuat moi")
    found = [c.pk for c in carrier_search(cast.clerk, q="Đề thi")]
    assert found == [rows[0].pk, rows[2].pk, rows[1].pk]
    assert [c.pk for c in carrier_search(cast.junior, q="de thi")] == []


def test_a_page_looks_the_persons_own_records_up_once_however_many_lists_it_shows_S2(client, cast):
    """The home page counts, lists what the clerk holds and the newest records and checks what is due, each
    through the visibility policy; on a GET the policy looks the clerk's own records up once (issue 17)."""
    fill_register(cast, 10)
    client.force_login(cast.clerk)
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    lookups = [q for q in captured.captured_queries if '"registry_assignment"' in q["sql"] and "UNION" in q["sql"]]
    assert len(lookups) == 1


def test_what_a_read_remembers_of_a_person_lasts_only_as_long_as_the_read_S2(cast):
    """Within a read the person's branches are remembered; the next read (or any write) sees a hand-over."""
    from bmnn.registry.policies import branches_remembered, visible_carriers

    elsewhere = Carrier.objects.create(
        agency=cast.other_department,
        direction="INCOMING",
        issuing_body="Bộ",
        doc_type="Công văn",
        level=Level.MAT,
        created_at=dt.datetime(2026, 1, 5, 8, tzinfo=VN),
    )
    officer = cast.officer
    with branches_remembered():
        assert not visible_carriers(officer).filter(pk=elsewhere.pk).exists()
        Carrier.objects.filter(pk=elsewhere.pk).update(custodian=officer)
        assert visible_carriers(officer).filter(pk=elsewhere.pk).exists()  # a person column is no snapshot
        Carrier.objects.filter(pk=elsewhere.pk).update(custodian=None)
        Handover.objects.create(
            carrier=elsewhere,
            agency=cast.other_department,
            year=2026,
            number=1,
            from_person=cast.clerk,
            to_person=officer,
            envelope_letter="A",
            handed_at=elsewhere.created_at,
            status="CONFIRMED",
        )
        assert not visible_carriers(officer).filter(pk=elsewhere.pk).exists()  # the ids were remembered
    assert visible_carriers(officer).filter(pk=elsewhere.pk).exists()


def test_the_directors_home_page_costs_the_same_queries_for_3_overdue_reminders_as_for_30_S2(client, cast):
    """Issue 17, S2: the home page lists the overdue reminders of the director's people too, in one
    visibility query for them all; one about a record above his clearance neither names nor links it."""
    from bmnn.core import clock
    from bmnn.lifecycle.models import Reminder
    from tests.helpers import at

    def remind(rows: list[Carrier]) -> None:
        Reminder.objects.bulk_create(
            Reminder(
                key=f"extend:{c.pk}",
                person=cast.officer,
                carrier=c,
                text=f"Xem xét gia hạn {c.doc_number}",
                due=dt.date(2026, 4, 1),
                created_at=at(2026, 3, 4),
            )
            for c in rows
        )

    def home() -> tuple[int, str]:
        with clock.frozen_at(at(2026, 5, 7)), CaptureQueriesContext(connection) as captured:
            response = client.get("/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    cast.director.clearance = Level.MAT
    cast.director.save()
    client.force_login(cast.director)
    remind(fill_register(cast, 3))
    with clock.frozen_at(at(2026, 5, 7)):
        client.get("/")  # the process's first request also fills caches (content types, parameters)
    few, _ = home()
    remind(fill_register(cast, 27, start=3))
    many, page = home()
    assert many == few
    assert "Xem xét gia hạn 29/KH-SGDĐT" in page  # record 29 is MAT: the director sees it
    assert "30/KH-SGDĐT" not in page  # record 30 is TOI_MAT: neither its reminder's text nor its number
    assert "Nhắc việc về BMNN ngoài phạm vi được xem" in page


def test_a_read_looks_each_units_subtree_up_once_and_a_new_unit_is_seen_after_it(cast):
    """Issue 17: a GET's panels, header and links share one look-up of a unit's subtree; what a read
    remembers lasts only as long as the read."""
    from bmnn.org.models import Organisation, OrgKind, subtrees_remembered

    with subtrees_remembered():
        with CaptureQueriesContext(connection) as first:
            before = cast.department.subtree_ids()
        with CaptureQueriesContext(connection) as again:
            assert cast.department.subtree_ids() == before
        assert len(first) > 0 and len(again) == 0
        school = Organisation.objects.create(
            name="Trường THPT mới", kind=OrgKind.SCHOOL, parent=cast.department, keeps_register=True
        )
        assert school.pk not in cast.department.subtree_ids()  # a snapshot: GET creates no unit
    assert school.pk in cast.department.subtree_ids()
    with subtrees_remembered():
        assert school.pk in cast.department.subtree_ids()
