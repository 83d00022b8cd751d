"""Pickers of several people or units (core/lookup.py ``LookupMultipleChoice``): a training's attendees, a
council's members, a task's lead units.

The look-up offers whom the operation's form accepts, as for one person; without the script the names are
typed one per line and the server takes each line's one match, refusing a line that names several people or
no one (in Vietnamese, quoting the line) and refusing a forged id; a refused choice records nothing.
"""

from django import forms
from django.urls import reverse

from bmnn.core import clock, operations
from bmnn.core.lookup import LookupInput
from bmnn.core.roles import Position
from bmnn.lifecycle.models import Council
from bmnn.org.models import Organisation, Person
from bmnn.registry.services import outgoing_register
from bmnn.safeguards.models import TrainingSession
from tests.conftest import make_person, outgoing_kwargs
from tests.helpers import operation_events

TRAINING = reverse("ops:training-record")


def _training(**data):
    return {"title": "Phổ biến Luật Bảo vệ BMNN", "held_on": clock.today().strftime("%d/%m/%Y"), **data}


def _found(response):
    assert response.status_code == 200, response.content
    return [row["label"] for row in response.json()["results"]]


def test_the_attendees_picker_looks_people_of_the_agency_up_and_is_not_a_list_of_boxes_P4(client, cast):
    client.force_login(cast.clerk)
    page = client.get(TRAINING).content.decode()
    assert 'name="attendees_text"' in page and "data-lookup-multi=" in page
    assert 'type="checkbox" name="attendees"' not in page  # no one chosen yet: no list of the whole agency
    asked = {"purpose": "training-record", "field": "attendees"}
    assert _found(client.get("/api/lookup/people/", {**asked, "q": "do thu"})) == [str(cast.officer)]
    assert _found(client.get("/api/lookup/people/", {**asked, "q": "hoang lan"})) == []  # another department
    units = _found(client.get("/api/lookup/units/", {"purpose": "training-record", "field": "unit", "q": "khao thi"}))
    assert units == [cast.exams_division.name]


def test_without_the_script_attendees_named_one_per_line_are_each_resolved_P4(client, cast):
    client.force_login(cast.clerk)
    answer = client.post(
        TRAINING,
        _training(unit_text="so giao duc", attendees_text="do thu\n\n  vu minh khoa  \nle thi chi"),
    )
    session = TrainingSession.objects.get()
    assert answer.status_code == 302, answer.content.decode()
    assert session.unit == cast.department
    assert set(session.attendees.all()) == {cast.officer, cast.junior, cast.clerk}


def test_chosen_and_typed_attendees_together_each_counted_once_P4(client, cast):
    client.force_login(cast.clerk)
    client.post(
        TRAINING, _training(unit=cast.department.pk, attendees=[cast.officer.pk], attendees_text="chuyenvien\ncanbo")
    )
    assert set(TrainingSession.objects.get().attendees.all()) == {cast.officer, cast.junior}


def test_a_line_naming_several_people_or_no_one_is_refused_quoting_it_and_nothing_is_recorded_P4(client, cast):
    client.force_login(cast.clerk)
    before = operation_events().count()
    refused = client.post(
        TRAINING, _training(unit=cast.department.pk, attendees_text="do thu\nthi\nkhong co ai")
    ).content.decode()
    assert "Có 2 người khớp «thi»: gõ thêm họ tên hoặc gõ tên đăng nhập" in refused
    assert "Không tìm thấy «khong co ai» trong danh sách được chọn." in refused
    assert "do thu\nthi\nkhong co ai</textarea>" in refused  # the lines are given back to be corrected
    assert not TrainingSession.objects.exists() and operation_events().count() == before
    client.post(TRAINING, _training(unit=cast.department.pk, attendees_text="do thu\nle thi"))
    assert set(TrainingSession.objects.get().attendees.all()) == {cast.officer, cast.clerk}


def test_a_forged_attendee_or_unit_is_refused_in_vietnamese_and_nothing_is_recorded_P4(client, cast):
    client.force_login(cast.clerk)
    before = operation_events().count()
    forged = client.post(TRAINING, _training(unit=cast.department.pk, attendees=[cast.officer.pk, cast.outsider.pk]))
    assert forged.status_code == 400
    page = forged.content.decode()
    assert f"Không tồn tại (mã {cast.outsider.pk})." in page
    assert f'value="{cast.officer.pk}" checked' in page and str(cast.outsider) not in page  # the forged is not shown
    other_unit = client.post(TRAINING, _training(unit=cast.other_department.pk, attendees=[cast.officer.pk]))
    assert other_unit.status_code == 400
    api = client.post(
        "/api/trainings/",
        _training(unit=cast.department.pk, attendees=[cast.outsider.pk]),
        content_type="application/json",
    )
    assert api.status_code == 400 and "attendees" in api.json()
    assert not TrainingSession.objects.exists() and operation_events().count() == before


def test_council_members_typed_one_per_line_and_an_uncleared_member_refused_R36_S2(client, cast):
    """R36: the custodian named on a line makes the council; an uncleared colleague is not offered and a forged
    id for her is refused before the service runs."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    uncleared = make_person("moi", cast.exams_division, Position.STAFF, "", first="Thu", last="Đỗ")
    client.force_login(cast.clerk)
    url = f"/so-bmnn/{carrier.pk}/hoi-dong-tieu-huy/"
    asked = {"purpose": "destruction-council", "field": "members", "subject": carrier.pk}
    assert _found(client.get("/api/lookup/people/", {**asked, "q": "do thu"})) == [
        "Đỗ Thu Hà – Chuyên viên"  # the officer; the uncleared "Đỗ Thu" is not offered
    ]
    data = {
        "purpose": "DESTROY",
        "carriers": [carrier.pk],
        "setup_decision_ref": "40/QĐ-SGDĐT",
        "setup_date": clock.today().strftime("%d/%m/%Y"),
        "chair_text": "giamdoc",
    }
    before = operation_events().count()
    forged = client.post(url, {**data, "members": [uncleared.pk, cast.clerk.pk]})
    assert forged.status_code == 400 and f"Không tồn tại (mã {uncleared.pk})." in forged.content.decode()
    assert not Council.objects.exists() and operation_events().count() == before
    client.post(url, {**data, "members_text": "Lê Thị Chi\ndo thu ha"})
    council = Council.objects.get()
    assert council.chair == cast.director  # the chair sits on the council too
    assert set(council.members.all()) == {cast.director, cast.clerk, cast.officer}


def test_no_operation_offers_people_or_units_as_a_drop_down_or_a_list_of_boxes(cast):
    """Every choice of people or units in an operation's form is a picker, for any actor."""
    for op in operations.load().values():
        form = op.make_form(cast.director, None)
        for name, field in form.fields.items():
            queryset = getattr(field, "queryset", None)
            if isinstance(field, forms.ModelChoiceField) and getattr(queryset, "model", None) in (Person, Organisation):
                assert isinstance(field.widget, LookupInput), (op.slug, name)


def test_a_multiple_picker_is_drawn_with_its_chosen_as_ticked_chips_and_no_required_text_area(cast):
    op = operations.get("training-record")
    form = op.make_form(cast.clerk, None)
    form.initial = {"attendees": [cast.officer.pk, cast.junior.pk]}
    html = str(form["attendees"])
    assert html.count('type="checkbox" name="attendees"') == 2 and "Đỗ Thu Hà" in html and "Vũ Minh Khoa" in html
    assert 'aria-label="Đã chọn"' in html and "required" not in html.split("<textarea", 1)[1].split(">", 1)[0]
