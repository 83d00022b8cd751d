"""Pickers that look people and units up as you type (core/lookup.py, api/lookup.py).

The look-up offers exactly whom the operation's form accepts (cleared, designated, of the agency: R38, S2),
matching Vietnamese names without diacritics; the server still refuses a forged choice; without the script
the typed name or login is resolved on submit.
"""

from bmnn.core import operations
from bmnn.core.levels import Level
from bmnn.core.roles import Position
from bmnn.registry.models import Carrier, Handover
from bmnn.registry.services import outgoing_register
from tests.conftest import make_person, outgoing_kwargs

PEOPLE = "/api/lookup/people/"


def _lookup(client, carrier, q, field="to_person", url=PEOPLE):
    return client.get(url, {"q": q, "purpose": "handover-create", "field": field, "subject": carrier.pk})


def _found(response):
    assert response.status_code == 200, response.content
    return [row["label"] for row in response.json()["results"]]


def test_typing_without_diacritics_finds_only_whom_the_hand_over_may_go_to_R38_S2(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    make_person("moi", cast.exams_division, Position.STAFF, "", first="Thu", last="Đỗ")  # not cleared
    client.force_login(cast.clerk)
    assert _found(_lookup(client, carrier, "do thu")) == [
        "Đỗ Thu Hà – Chuyên viên (Phòng Khảo thí và Quản lý chất lượng)"
    ]
    assert _found(_lookup(client, carrier, "NGUYEN VAN an")) == ["Nguyễn Văn An – Giám đốc Sở (Sở Giáo dục và Đào tạo)"]
    assert _found(_lookup(client, carrier, "chuyenvien"))  # the login is matched too
    assert _found(_lookup(client, carrier, "hoang lan")) == []  # another department's clerk
    assert _found(_lookup(client, carrier, "moi")) == []  # uncleared
    units = _found(_lookup(client, carrier, "khao thi", field="to_unit", url="/api/lookup/units/"))
    assert units == ["Phòng Khảo thí và Quản lý chất lượng"]


def test_a_look_up_answers_twenty_at_most_and_says_there_are_more(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    for n in range(25):
        make_person(f"nv{n}", cast.exams_division, Position.STAFF, Level.TOI_MAT, first=f"Minh{n}", last="Nguyễn Văn")
    client.force_login(cast.clerk)
    response = _lookup(client, carrier, "nguyen van")
    assert len(_found(response)) == 20 and response.json()["more"] is True
    assert len(_found(_lookup(client, carrier, "nguyen van minh1"))) == 11  # Minh1, Minh10..Minh19


def test_no_look_up_for_whoever_may_not_start_the_operation_or_see_its_subject_R23(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    client.force_login(cast.officer)  # neither its custodian nor the register keeper
    refused = _lookup(client, carrier, "")
    assert refused.status_code == 403 and "results" not in refused.json()
    client.force_login(cast.outsider)  # another department: the record is not found
    assert _lookup(client, carrier, "").status_code == 404
    client.force_login(cast.clerk)
    assert (
        client.get(PEOPLE, {"q": "", "purpose": "handover-create", "field": "note", "subject": carrier.pk}).status_code
        == 404
    )  # not a picker
    assert client.get(PEOPLE, {"q": "", "purpose": "no-such-operation", "field": "to_person"}).status_code == 404
    assert _lookup(client, carrier, "", url="/api/lookup/units/").status_code == 404  # a person field
    client.logout()
    assert _lookup(client, carrier, "").status_code == 401


def test_a_forged_choice_is_refused_in_vietnamese_and_nothing_is_handed_over_S2(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    client.force_login(cast.clerk)
    response = client.post(f"/so-bmnn/{carrier.pk}/giao/", {"to_person": cast.outsider.pk, "envelope_count": 1})
    assert response.status_code == 400
    assert f"Không tồn tại (mã {cast.outsider.pk})" in response.content.decode()
    assert not Handover.objects.exists()
    assert Carrier.objects.get(pk=carrier.pk).status == "IN_STORAGE"


def test_without_the_script_a_typed_name_or_login_is_resolved_on_submit(client, cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    make_person("dothu2", cast.exams_division, Position.STAFF, Level.TOI_MAT, first="Hải", last="Đỗ Thu")
    client.force_login(cast.clerk)
    url = f"/so-bmnn/{carrier.pk}/giao/"
    several = client.post(url, {"to_person_text": "do thu", "envelope_count": 1}).content.decode()
    assert "Có 2 người khớp «do thu»" in several and not Handover.objects.exists()
    nobody = client.post(url, {"to_person_text": "hoang lan", "envelope_count": 1}).content.decode()
    assert "Không tìm thấy «hoang lan» trong danh sách được chọn." in nobody and not Handover.objects.exists()
    client.post(url, {"to_person_text": "Đỗ Thu Hà", "envelope_count": 1})
    assert Handover.objects.get().to_person == cast.officer


def test_every_operation_form_draws_its_fields_one_way_with_dates_as_day_month_year(db):
    for op in operations.load().values():
        form = op.make_form(None, None)
        for name in [n for n, f in form.fields.items() if getattr(f, "queryset", ()) is None]:
            del form.fields[name]  # chosen among what the actor may choose: no list without an actor
        html = str(form)
        visible = [f for f in form if not f.is_hidden]
        assert html.count('<div class="field') == len(visible), op.slug
        for bound in visible:
            if bound.help_text:
                assert f'id="{bound.auto_id}_helptext"' in html, (op.slug, bound.name)
            if bound.field.__class__.__name__ == "DateField":
                assert 'placeholder="dd/mm/yyyy"' in str(bound), (op.slug, bound.name)


def test_the_search_and_register_filters_look_units_up_as_the_page_allows_S2(client, cast):
    """S2: the unit filters of the records search and of a register print are pickers, not lists of every unit; the
    look-up offers the units the filter accepts, and nothing to whom may not open the register print."""
    outgoing_register(**outgoing_kwargs(cast))
    units = "/api/lookup/units/"
    client.force_login(cast.clerk)
    for purpose, field, page in (
        ("records-search", "unit", "/so-bmnn/"),
        ("register-print", "don_vi", "/so-sach/so-di/2026/"),
    ):
        html = client.get(page).content.decode()
        assert f'name="{field}_text"' in html and f'<select name="{field}"' not in html, page
        assert _found(client.get(units, {"q": "khao thi", "purpose": purpose, "field": field})) == [
            "Phòng Khảo thí và Quản lý chất lượng"
        ]
        assert _found(client.get(units, {"q": "so y te", "purpose": purpose, "field": field})) == []  # another tree
    client.force_login(cast.officer)  # may search what they see, may not print the agency's registers
    assert _found(client.get(units, {"q": "khao thi", "purpose": "records-search", "field": "unit"}))
    assert client.get(units, {"q": "khao thi", "purpose": "register-print", "field": "don_vi"}).status_code == 404


def test_without_the_script_a_typed_unit_filters_the_search_S2(client, cast):
    """The unit typed into the search filter without the script is resolved among the units the person may see,
    and filters as the chosen unit does."""
    plan = outgoing_register(**outgoing_kwargs(cast))  # kept by the clerk, of the department itself
    client.force_login(cast.clerk)

    def listed(**params):
        page = client.get("/so-bmnn/", params)
        assert page.status_code == 200
        return plan.doc_number in page.content.decode()

    assert listed(unit=cast.department.pk) and listed(unit_text="so giao duc")
    assert not listed(unit=cast.exams_division.pk) and not listed(unit_text="phong khao thi")
