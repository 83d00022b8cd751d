"""R18 after re-grading: copies of a record's abstract are served only as its CURRENT level allows.

A take-out asked while the plan was MAT copied its abstract into the request's payload and its audit event.
Once the plan is TUYET_MAT, no read serves that abstract any more: the request in the API (mine, awaiting, one),
the request page, the record's history, and the audit log in the admin (S2: there, a superuser with no
clearance sees no event data of a secret record even before the re-grade).
"""

from __future__ import annotations

import datetime as dt

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.lifecycle.services.takeout import takeout_request
from bmnn.org.models import Person
from bmnn.registry.models import Carrier
from tests.helpers import clear_for_tuyet_mat

ABSTRACT = "Phương án vận chuyển đề thi tốt nghiệp THPT năm 2026"  # outgoing_kwargs' abstract


def _takeout(cast, plan):
    return takeout_request(
        actor=cast.officer,
        carrier=plan,
        purpose="Họp Hội đồng thi",
        place="Trường THPT A",
        start=clock.today(),
        due=clock.today() + dt.timedelta(days=2),
        measures="Cặp có khóa, mang theo người",
    )


def _reads(client, cast, plan, request) -> dict[str, str]:
    out = {}
    client.force_login(cast.officer)
    out["mine"] = client.get("/api/requests/").content.decode()
    out["one"] = client.get(f"/api/requests/{request.pk}/").content.decode()
    out["page"] = client.get(f"/de-nghi/{request.pk}/").content.decode()
    client.force_login(cast.director)
    out["awaiting"] = client.get("/api/requests/awaiting/").content.decode()
    out["history"] = client.get(f"/api/carriers/{plan.pk}/history/").content.decode()
    return out


def test_an_abstract_copied_while_mat_is_not_served_once_the_record_is_tuyet_mat_R18(client, cast, plan):
    """R18: before the re-grade every read shows the abstract the request copied; after it (the record is
    TUYET_MAT and its own abstract blank, as the re-grade leaves it), none does, though storage is unchanged."""
    clear_for_tuyet_mat(cast.officer, cast.director)
    request = _takeout(cast, plan)
    before = _reads(client, cast, plan, request)
    for where, body in before.items():
        assert ABSTRACT in body, where
    Carrier.objects.filter(pk=plan.pk).update(level=Level.TUYET_MAT, abstract="")
    after = _reads(client, cast, plan, request)
    for where, body in after.items():
        assert ABSTRACT not in body, where
    request.refresh_from_db()
    assert request.payload["abstract"] == ABSTRACT  # the copy stays as made; only its reading is filtered
    assert AuditEvent.objects.filter(action="approvals.request.submitted").get().data["abstract"] == ABSTRACT


def test_the_admin_audit_log_shows_no_event_data_of_a_secret_record_to_the_superuser_S2(client, cast, plan):
    """S2: the technical superuser (no clearance) lists and opens the audit events: the record's number and the
    abstract are not shown; the director, who may see the record, reads them in the admin as staff."""
    _takeout(cast, plan)
    admin = Person.objects.create_superuser(username="quantri", password="mat-khau-thu-nghiem")
    client.force_login(admin)
    listing = client.get("/admin/audit/auditevent/").content.decode()
    event = AuditEvent.objects.get(action="approvals.request.submitted")
    detail = client.get(f"/admin/audit/auditevent/{event.pk}/change/").content.decode()
    for body in (listing, detail):
        assert ABSTRACT not in body and "Không hiển thị (ngoài phạm vi được xem)" in body
    assert client.get(f"/admin/audit/auditevent/?q={plan.doc_number}").status_code == 200
    cast.director.is_staff = cast.director.is_superuser = True
    cast.director.save()
    client.force_login(cast.director)
    detail = client.get(f"/admin/audit/auditevent/{event.pk}/change/").content.decode()
    assert ABSTRACT in detail
