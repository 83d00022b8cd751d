"""The report lists answer in a bounded number of queries, however many reports the system holds (R41, P5, S2)."""

from __future__ import annotations

import datetime as dt

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.org.models import Organisation, OrgKind, Position
from bmnn.reports.models import PeriodicReport, ReportStatus
from bmnn.reports.tree import recipient_of
from tests.conftest import make_person
from tests.helpers import at


def _reports(tree, schools: int) -> None:
    """Submitted 2025 and 2026 reports of ``schools`` schools under the department and of as many
    units under the other department."""
    units = []
    for n in range(schools):
        units.append(
            (
                Organisation.objects.create(
                    name=f"Trường THCS số {n}", kind=OrgKind.SCHOOL, parent=tree.department, keeps_register=True
                ),
                tree.principal,
            )
        )
        units.append(
            (
                Organisation.objects.create(
                    name=f"Bệnh viện số {n}",
                    kind=OrgKind.DEPARTMENT,
                    parent=tree.cast.other_department,
                    keeps_register=True,
                ),
                tree.cast.outsider,
            )
        )
    for year in (2025, 2026):
        for unit, head in units:
            PeriodicReport.objects.create(
                organisation=unit,
                year=year,
                window_start=dt.date(year - 1, 12, 15),
                window_end=dt.date(year, 12, 14),
                due=dt.date(year, 12, 20),
                recipient=recipient_of(unit, year),
                status=ReportStatus.SUBMITTED,
                figures={},
                figures_at=clock.now(),
                created_by=head,
                created_at=clock.now(),
                submitted_by=head,
                submitted_at=clock.now(),
            )


def test_r41_p5_report_lists_have_no_query_per_report(client, tree, django_assert_max_num_queries):
    """R41, P5: the director sees the 40 reports his 20 schools sent him over two years, not the other
    department's 40, on the screen and in the API, with the status table of his 20 subordinates, in a
    bounded number of queries."""
    _reports(tree, 20)
    client.force_login(tree.cast.director)
    client.get("/api/reports/")  # the process's caches (legal parameters, token checks) warm, as in a running server
    with django_assert_max_num_queries(20):
        rows = client.get("/api/reports/").json()
    assert len(rows) == 40 and all(r["organisation"].startswith("Trường THCS") for r in rows)
    with django_assert_max_num_queries(56):  # 40 reports; the header asks a fixed few (its links by role)
        page = client.get("/bao-cao/")
    assert page.status_code == 200 and "Bệnh viện" not in page.content.decode()
    assert page.content.decode().count("Trường THCS số") >= 20  # the subordinates' status table


def _units(tree, first: int, count: int) -> None:
    """``count`` more schools under the department, as many under a district office under the province
    (they report to the province, not to the department) and as many departments beside it (they report
    to the provincial police, R41)."""
    district = Organisation.objects.filter(name="Phòng GD huyện").first() or Organisation.objects.create(
        name="Phòng GD huyện", kind=OrgKind.DISTRICT_OFFICE, parent=tree.province, keeps_register=True
    )
    for n in range(first, first + count):
        Organisation.objects.create(
            name=f"Trường THCS số {n}", kind=OrgKind.SCHOOL, parent=tree.department, keeps_register=True
        )
        Organisation.objects.create(
            name=f"Trường TH huyện số {n}", kind=OrgKind.SCHOOL, parent=district, keeps_register=True
        )
        Organisation.objects.create(
            name=f"Sở ngành số {n}", kind=OrgKind.DEPARTMENT, parent=tree.province, keeps_register=True
        )


def test_r41_p5_the_heads_board_costs_the_same_queries_for_2_subordinates_as_for_20(client, tree):
    """Issue 17: the board flags each subordinate that has not reported (R41) without a query per unit of
    the province; only the department's own schools are flagged to the director, the provincial police
    is flagged the departments beside it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def board(person) -> tuple[int, str]:
        client.force_login(person)
        with clock.frozen_at(at(2026, 12, 28)):
            client.get("/thu-truong/")  # the process's caches warm, as in a running server
            with CaptureQueriesContext(connection) as captured:
                response = client.get("/thu-truong/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    _units(tree, 0, 2)
    few, _ = board(tree.cast.director)
    _units(tree, 2, 18)
    many, page = board(tree.cast.director)
    assert many == few
    assert "Trường THCS số 19 chưa gửi báo cáo năm 2026" in page
    assert "Trường TH huyện số" not in page and "Sở ngành số" not in page
    police_head = make_person("giamdoc-ca", tree.police, Position.HEAD, Level.TUYET_MAT)
    _, page = board(police_head)
    assert "Sở ngành số 19 chưa gửi báo cáo năm 2026" in page and "Trường THCS số" not in page
