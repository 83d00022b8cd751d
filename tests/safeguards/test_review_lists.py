"""Lists of incidents answer in a fixed number of queries, however many rows (R40, S2)."""

from __future__ import annotations

import datetime as dt

from bmnn.core import clock
from bmnn.registry.choices import IncidentKind
from bmnn.safeguards.services.incidents import incident_record, remedy_add


def _incidents(cast, plan, count: int) -> None:
    for n in range(count):
        incident = incident_record(
            actor=cast.officer,
            unit=cast.exams_division,
            kind=IncidentKind.LOSS,
            carriers=[plan],
            description=f"Mất bản số {n}",
            found_at=clock.now() - dt.timedelta(hours=1),
        )
        remedy_add(
            actor=cast.clerk,
            incident=incident,
            action="Truy tìm",
            owner=cast.officer,
            due_on=clock.today() + dt.timedelta(days=3),
        )


def test_r40_incident_api_lists_have_no_query_per_row(client, cast, plan, django_assert_max_num_queries):
    """R40: 20 incidents with their records and remedies, and the director's queue of their 20 ad-hoc
    reports, answer in a bounded number of queries."""
    _incidents(cast, plan, 20)
    client.force_login(cast.clerk)
    client.get("/api/incidents/")  # warm the per-process caches: the count is of the rows' queries
    with django_assert_max_num_queries(12):
        incidents = client.get("/api/incidents/").json()
    assert len(incidents) == 20 and all(row["remedies"][0]["owner"] for row in incidents)
    client.force_login(cast.director)
    with django_assert_max_num_queries(10):
        reports = client.get("/api/incident-reports/awaiting/").json()
    assert len(reports) == 20 and all(row["to_head"] for row in reports)


def test_r40_incident_screen_list_has_no_query_per_row(client, cast, plan, django_assert_max_num_queries):
    """R40: the incident list screen of 20 incidents answers in a bounded number of queries."""
    _incidents(cast, plan, 20)
    client.force_login(cast.clerk)
    with django_assert_max_num_queries(25):
        answer = client.get("/su-co/")
    assert answer.status_code == 200


def test_p3_device_lists_have_no_query_per_row(client, cast, django_assert_max_num_queries):
    """P3: 20 devices list on the screen and in the API in a bounded number of queries."""
    from bmnn.safeguards.choices import Connection, DeviceKind
    from bmnn.safeguards.services.devices import device_register

    for n in range(20):
        device_register(
            actor=cast.clerk,
            unit=cast.exams_division,
            kind=DeviceKind.COMPUTER,
            name=f"Máy {n}",
            connection=Connection.STANDALONE,
        )
    client.force_login(cast.clerk)
    client.get("/thiet-bi/")  # warm the per-process caches: the count is of the rows' queries
    with django_assert_max_num_queries(25):
        assert client.get("/thiet-bi/").status_code == 200
    with django_assert_max_num_queries(10):
        assert len(client.get("/api/devices/").json()) == 20


def test_p3_device_page_with_many_resolved_findings_has_no_query_per_row(
    client, cast, standalone_pc, django_assert_max_num_queries
):
    """P3: a device whose scan found 30 secret-marked files, all resolved, shows them in a bounded number of
    queries (who resolved each is loaded with the findings)."""
    import json

    from bmnn.safeguards.services.scans import finding_resolve, scan_import

    rows = [{"path": f"D:/tai-lieu/{n}.docx", "verdict": "secret", "level": "MAT", "marks": []} for n in range(30)]
    scan = scan_import(
        actor=cast.clerk,
        device=standalone_pc,
        filename="ket-qua.jsonl",
        data="\n".join(json.dumps(r) for r in rows).encode(),
    )
    for finding in scan.findings.all():
        finding_resolve(actor=cast.clerk, finding=finding, remedy="Đã chuyển sang máy tính độc lập")
    client.force_login(cast.clerk)
    client.get(f"/thiet-bi/{standalone_pc.pk}/")  # warm the per-process caches: the count is of the rows' queries
    with django_assert_max_num_queries(22):
        page = client.get(f"/thiet-bi/{standalone_pc.pk}/")
    assert page.content.decode().count("Đã chuyển sang máy tính độc lập") == 30
