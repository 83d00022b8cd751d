"""The head's dashboard is the head's and the deputies', and names only what they may see (R41, R40, P3, S2)."""

from __future__ import annotations

import datetime as dt

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.safeguards.models import Device, DeviceFinding, ScanImport
from bmnn.safeguards.services.incidents import incident_record
from tests.helpers import at
from tests.reports.conftest import receive

SECRET_PATH = r"C:\Users\vanthu\De thi Toan chinh thuc.docx"


def _world(tree):
    """An open loss of a TUYET_MAT record and a TUYET_MAT file found on a PC, in the department."""
    c = tree.cast
    c.clerk.clearance = Level.TUYET_MAT
    c.clerk.save()
    top = receive(c.clerk, Level.TUYET_MAT, "140/QLCL-TCT", at(2026, 3, 3))
    mat = receive(c.clerk, Level.MAT, "77/BGDĐT-GDTrH", at(2026, 3, 3))
    with clock.frozen_at(at(2026, 5, 6)):
        incident_record(
            actor=c.clerk,
            unit=c.department,
            kind="LOSS",
            carriers=[top],
            description="Thất lạc khi vận chuyển",
            found_at=at(2026, 5, 6, 8),
        )
        incident_record(
            actor=c.clerk,
            unit=c.department,
            kind="DISCLOSURE",
            carriers=[mat],
            description="Lộ trên mạng",
            found_at=at(2026, 5, 6, 9),
        )
    device = Device.objects.create(
        unit=c.department,
        kind="PC",
        name="Máy tính văn thư",
        connection="STANDALONE",
        registered_by=c.clerk,
        registered_at=at(2026, 5, 1),
    )
    scan = ScanImport.objects.create(
        device=device,
        filename="ketqua.jsonl",
        imported_by=c.clerk,
        imported_at=at(2026, 5, 2),
        lines=1,
        secret_count=1,
        clean_count=0,
        error_count=0,
    )
    DeviceFinding.objects.create(
        scan=scan, device=device, unit=c.department, path=SECRET_PATH, level=Level.TUYET_MAT, marks=["TUYỆT MẬT"]
    )
    return top, mat


def test_only_heads_and_deputies_open_the_dashboard_R41_S2(client, tree):
    """R41, S2: staff with no clearance, MAT-only staff and the clerk are refused; the header offers no link."""
    _world(tree)
    c = tree.cast
    for person in (c.officer, c.junior, c.clerk, c.exams_head):
        client.force_login(person)
        with clock.frozen_at(at(2026, 5, 7)):
            response = client.get("/thu-truong/")
            home = client.get("/").content.decode()
        assert response.status_code == 403, person.username
        body = response.content.decode()
        assert "140/QLCL-TCT" not in body and "77/BGDĐT-GDTrH" not in body and SECRET_PATH not in body
        assert "Chỉ người đứng đầu hoặc cấp phó của cơ quan mới xem bảng theo dõi này." in body
        assert 'href="/thu-truong/"' not in home
    for person in (c.director, c.deputy):
        client.force_login(person)
        with clock.frozen_at(at(2026, 5, 7)):
            assert client.get("/thu-truong/").status_code == 200, person.username
            assert 'href="/thu-truong/"' in client.get("/").content.decode()


def test_the_dashboard_names_a_record_or_a_file_only_to_a_head_who_may_see_it_S2_R40_P3(client, tree):
    """S2, R40, P3: a TOI_MAT director sees the MAT incident's record, not the TUYET_MAT one's number nor the
    TUYET_MAT file's path; both are still counted. Cleared TUYET_MAT, the director sees them."""
    _world(tree)
    director = tree.cast.director
    client.force_login(director)
    with clock.frozen_at(at(2026, 5, 7)):
        page = client.get("/thu-truong/").content.decode()
    assert "77/BGDĐT-GDTrH (Mật)" in page
    assert "140/QLCL-TCT" not in page and "Tuyệt mật" not in page and SECRET_PATH not in page
    assert "BMNN ngoài phạm vi được xem" in page and "Tệp ngoài phạm vi được xem" in page
    assert '<div class="muted">Vụ lộ, mất chưa kết thúc</div><div class="big">2</div>' in page
    director.clearance = Level.TUYET_MAT
    director.save()
    with clock.frozen_at(at(2026, 5, 7)):
        page = client.get("/thu-truong/").content.decode()
    assert "140/QLCL-TCT (Tuyệt mật)" in page and "De thi Toan chinh thuc.docx" in page


def test_the_dashboard_costs_the_same_queries_for_3_overdue_reminders_as_for_30_S2(client, tree, monkeypatch):
    """Issue 17: a director with thousands of extension reminders; whether each names its record is decided in
    one query for the whole list (S2), not two per reminder. A reminder about a record the head may not see
    still hides it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bmnn.lifecycle.models import Reminder
    from bmnn.reports import dashboard

    monkeypatch.setattr(dashboard, "OVERDUE_SHOWN", 1000)  # every line shown: what is counted is the cost per line

    c = tree.cast
    c.clerk.clearance = Level.TUYET_MAT
    c.clerk.save()
    client.force_login(c.director)

    def remind(n: int) -> None:
        for i in range(n):
            carrier = receive(c.clerk, Level.MAT, f"{i}/UBND-NH{n}", at(2026, 3, 3))
            Reminder.objects.create(
                key=f"extend:{carrier.pk}:{n}",
                person=c.director,
                carrier=carrier,
                text=f"Xem xét gia hạn {carrier}",
                due=dt.date(2026, 4, 1),
                created_at=at(2026, 3, 4),
            )

    def queries() -> tuple[int, str]:
        with clock.frozen_at(at(2026, 5, 7)), CaptureQueriesContext(connection) as captured:
            response = client.get("/thu-truong/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    remind(3)
    few, _ = queries()
    remind(27)
    many, body = queries()
    assert many == few
    assert "Xem xét gia hạn 26/UBND-NH27" in body
    Reminder.objects.filter(person=c.director).update(person=c.deputy)
    hidden = receive(c.clerk, Level.TUYET_MAT, "9/UBND-MAT", at(2026, 3, 3))
    Reminder.objects.create(
        key="extend:hidden",
        person=c.director,
        carrier=hidden,
        text=f"Xem xét gia hạn {hidden}",
        due=dt.date(2026, 4, 1),
        created_at=at(2026, 3, 4),
    )
    c.director.clearance = Level.TOI_MAT
    c.director.save()
    _, body = queries()
    assert "9/UBND-MAT" not in body and "Nhắc việc về" in body


def test_the_due_page_and_api_hide_a_staff_reminder_about_a_record_the_head_may_not_see_S2(client, tree):
    """A head's due list holds their people's reminders (R7); one about a record above the head's clearance keeps
    its date but neither names nor links the record, on the page and in the API (S2)."""
    from bmnn.lifecycle.models import Reminder

    c = tree.cast
    c.clerk.clearance = Level.TUYET_MAT
    c.clerk.save()
    hidden = receive(c.clerk, Level.TUYET_MAT, "9/UBND-MAT", at(2026, 3, 3))
    seen = receive(c.clerk, Level.MAT, "8/UBND-NH", at(2026, 3, 3))
    for n, carrier in enumerate((hidden, seen)):
        Reminder.objects.create(
            key=f"extend:test{n}",
            person=c.deputy,
            carrier=carrier,
            text=f"Xem xét gia hạn {carrier}",
            due=dt.date(2026, 4, 1),
            created_at=at(2026, 3, 4),
        )
    c.director.clearance = Level.TOI_MAT
    c.director.save()
    client.force_login(c.director)
    page = client.get("/viec-den-han/").content.decode()
    assert "9/UBND-MAT" not in page and "Nhắc việc về BMNN ngoài phạm vi được xem" in page
    assert "8/UBND-NH" in page
    answer = client.get("/api/due/")
    assert answer.status_code == 200
    texts = {r["text"]: r["carrier"] for r in answer.json()["reminders"]}
    assert texts["Nhắc việc về BMNN ngoài phạm vi được xem"] is None and texts[f"Xem xét gia hạn {seen}"] == seen.pk
    assert "9/UBND-MAT" not in answer.content.decode()
