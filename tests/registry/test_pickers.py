"""Person pickers offer only people who could take the role (cleared, of the agency; custody to designated staff,
R38) looked up as you type; dates are shown and typed dd/mm/yyyy."""

import datetime as dt

from bmnn.core.levels import Level
from bmnn.core.roles import Position
from bmnn.registry.forms import OutgoingForm
from bmnn.registry.models import Carrier
from tests.conftest import make_person


def options(form, name):
    return {p.username for p in form.fields[name].queryset}


def test_people_offered_are_cleared_of_the_agency_and_designated_for_custody_R38(client, cast):
    uncleared = make_person("moi", cast.exams_division, Position.STAFF, "", first="Mới", last="Trần")
    undesignated = make_person("kocuthe", cast.exams_division, Position.STAFF, Level.MAT, first="Tư", last="Lê")
    form = OutgoingForm(actor=cast.clerk)
    for name in ("drafter", "decision_maker", "custodian"):
        offered = options(form, name)
        assert uncleared.username not in offered and cast.outsider.username not in offered, name
        assert cast.officer.username in offered
    assert undesignated.username in options(form, "drafter")
    assert undesignated.username not in options(form, "custodian")
    assert cast.deputy.username not in options(form, "custodian")  # the deputy is not designated here
    client.force_login(cast.clerk)
    page = client.get("/dang-ky-di/").content.decode()
    # The page lists no one: each picker looks up, as you type, whom this form offers (tests/web/test_lookup.py).
    assert "---------" not in page and f'<option value="{cast.officer.pk}"' not in page
    assert 'data-lookup="/api/lookup/people/?purpose=outgoing-register&amp;field=custodian"' in page


def test_dates_are_shown_and_typed_as_day_month_year(client, cast):
    client.force_login(cast.clerk)
    page = client.get("/dang-ky-di/").content.decode()
    assert 'placeholder="dd/mm/yyyy"' in page and 'type="date"' not in page
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
        "doc_date": "20/03/2026",
    }
    client.post("/dang-ky-di/", form)
    carrier = Carrier.objects.get()
    assert carrier.doc_date == dt.date(2026, 3, 20)
    assert "20/03/2026" in client.get(f"/so-bmnn/{carrier.pk}/").content.decode()
    refused = client.post("/dang-ky-di/", {**form, "doc_date": "03/20/2026"}).content.decode()
    assert "Nhập một ngày hợp lệ" in refused or "ngày hợp lệ" in refused
    assert Carrier.objects.count() == 1
