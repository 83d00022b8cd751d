"""The Django admin changes nothing about people, units and delegations without an audit event naming each field
changed with its old and new value; what would grant access becomes a request the head decides (S7)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core.levels import Level
from bmnn.core.roles import Operation, Position
from bmnn.org.models import AccessKind, AccessRequest, AccessStatus, Delegation, Person
from tests.admin_forms import admin_form


@pytest.fixture
def admin_user(db):
    """The technical administrator: a superuser with no unit and no clearance."""
    return Person.objects.create_superuser(username="quantri", password="mat-khau-thu-nghiem")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def change(client, person, **values):
    url = reverse("admin:org_person_change", args=[person.pk])
    data = admin_form(client, url)
    data.update(values)
    return client.post(url, data)


def events(action, target=None):
    found = AuditEvent.objects.filter(action=action)
    if target is not None:
        found = found.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
    return list(found.order_by("seq"))


def said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_change_of_position_unit_and_active_status_is_audited_with_old_and_new_values(admin_client, cast):
    answer = change(
        admin_client, cast.junior, position=Position.DIVISION_HEAD, organisation=cast.school.pk, is_active=""
    )
    assert answer.status_code == 302
    person = Person.objects.get(pk=cast.junior.pk)
    assert (person.position, person.organisation, person.is_active) == (Position.DIVISION_HEAD, cast.school, False)
    [event] = events("org.person.changed", person)
    assert event.actor_id == Person.objects.get(username="quantri").pk
    assert event.data["changes"] == {
        "position": {"old": "STAFF", "new": "DIVISION_HEAD"},
        "organisation": {"old": cast.exams_division.name, "new": cast.school.name},
        "is_active": {"old": True, "new": False},
    }


def test_an_unchanged_save_writes_no_event(admin_client, cast):
    assert change(admin_client, cast.officer).status_code == 302
    assert events("org.person.changed") == []


def test_lowering_a_clearance_applies_at_once_and_is_audited(admin_client, cast):
    change(admin_client, cast.officer, clearance=Level.MAT)
    assert Person.objects.get(pk=cast.officer.pk).clearance == Level.MAT
    [event] = events("org.person.changed", cast.officer)
    assert event.data["changes"] == {"clearance": {"old": "TOI_MAT", "new": "MAT"}}


def test_raising_a_clearance_in_the_admin_files_a_request_and_changes_nothing_yet_S7(admin_client, cast):
    answer = change(
        admin_client,
        cast.junior,
        clearance=Level.TOI_MAT,
        title="Chuyên viên chính",
        request_reasons="Được giao soạn đề thi",
    )
    assert answer.status_code == 302
    person = Person.objects.get(pk=cast.junior.pk)
    assert person.clearance == Level.MAT  # not granted by the administrator
    assert person.title == "Chuyên viên chính"  # the rest of the change is applied
    [request] = AccessRequest.objects.all()
    assert (request.kind, request.person, request.requester.username, request.status) == (
        AccessKind.CLEARANCE,
        person,
        "quantri",
        AccessStatus.PENDING,
    )
    assert request.payload == {"clearance": "TOI_MAT"} and request.reasons == "Được giao soạn đề thi"
    [filed] = events("org.access.requested", person)
    assert filed.data["changes"] == {"clearance": {"old": "MAT", "new": "TOI_MAT"}}
    [edited] = events("org.person.changed", person)
    assert edited.data["changes"] == {"title": {"old": "", "new": "Chuyên viên chính"}}
    assert any("chỉ áp dụng khi người có thẩm quyền phê duyệt" in m for m in said(answer))


def test_the_superuser_cannot_grant_itself_a_clearance_S7(admin_client, admin_user, cast):
    answer = change(admin_client, admin_user, clearance=Level.TUYET_MAT)
    assert answer.status_code == 302
    assert Person.objects.get(pk=admin_user.pk).clearance == ""
    assert not AccessRequest.objects.exists()
    assert events("org.access.requested") == []
    assert (
        'Không áp dụng thay đổi "được tiếp cận đến độ": Không ai được tự đề nghị cấp quyền tiếp cận BMNN cho '
        "chính mình." in said(answer)
    )


def test_a_designation_in_the_admin_needs_the_heads_decision_R38_S7(admin_client, cast):
    outsider_staff = Person.objects.create_user(username="moi", password="x", organisation=cast.exams_division)
    change(
        admin_client,
        outsider_staff,
        designated_for_secrets="on",
        designation_ref="20/QĐ-SGDĐT",
        designation_date="2026-03-02",
    )
    person = Person.objects.get(pk=outsider_staff.pk)
    assert not person.designated_for_secrets and person.designation_ref == ""
    [request] = AccessRequest.objects.filter(kind=AccessKind.DESIGNATION)
    assert request.payload == {"designation_ref": "20/QĐ-SGDĐT", "designation_date": "2026-03-02"}
    [filed] = events("org.access.requested", person)
    assert filed.data["changes"] == {
        "designation_ref": {"old": "", "new": "20/QĐ-SGDĐT"},
        "designation_date": {"old": None, "new": "2026-03-02"},
    }


def test_a_password_set_in_the_admin_is_audited_without_its_value(admin_client, cast):
    url = reverse("admin:auth_user_password_change", args=[cast.officer.pk])
    answer = admin_client.post(
        url, {"password1": "Mat-khau-moi-2026!", "password2": "Mat-khau-moi-2026!", "usable_password": "true"}
    )
    assert answer.status_code == 302
    assert Person.objects.get(pk=cast.officer.pk).check_password("Mat-khau-moi-2026!")
    [event] = events("org.person.password_changed", cast.officer)
    assert event.data["changes"] == {"password": {"old": "(ẩn)", "new": "(ẩn)"}}
    assert "pbkdf2" not in str(event.data)


def test_a_person_is_never_deleted_in_the_admin(admin_client, cast):
    answer = admin_client.post(f"/admin/org/person/{cast.junior.pk}/delete/", {"post": "yes"})
    assert answer.status_code == 403
    assert Person.objects.filter(pk=cast.junior.pk).exists()


def test_an_organisation_change_is_audited_with_old_and_new_values(admin_client, cast):
    url = reverse("admin:org_organisation_change", args=[cast.school.pk])
    data = admin_form(admin_client, url)
    data.update(symbol="THPTCHUYEN")
    assert admin_client.post(url, data).status_code == 302
    [event] = events("org.organisation.changed", cast.school)
    assert event.data["changes"] == {"symbol": {"old": "THPTC", "new": "THPTCHUYEN"}}


def delegation_form(cast, **overrides):
    data = {
        "grantor": cast.director.pk,
        "deputy": cast.deputy.pk,
        "document_ref": "05/UQ-SGDĐT",
        "scope": "Cho phép sao, chụp tài liệu Mật, Tối mật",
        "operations": '["COPY"]',
        "max_level": "TOI_MAT",
        "valid_from": "2026-01-01",
        "valid_until": "2026-12-31",
        "reasons": "Giám đốc đi công tác dài ngày",
    }
    data.update(overrides)
    return data


def test_a_delegation_typed_in_the_admin_is_a_request_until_the_grantor_approves_R13_S7(admin_client, client, cast):
    answer = admin_client.post("/admin/org/delegation/add/", delegation_form(cast))
    assert answer.status_code == 302
    assert not Delegation.objects.exists()
    [request] = AccessRequest.objects.filter(kind=AccessKind.DELEGATION)
    assert request.person == cast.deputy and request.payload["grantor"] == cast.director.pk
    assert events("org.access.requested", cast.deputy)

    # Another head (not the grantor) cannot approve it; the grantor does, through the API.
    client.force_login(cast.deputy)
    refused = client.post(f"/api/access-requests/{request.pk}/approve/", {}, content_type="application/json")
    assert refused.status_code == 403
    assert "Không ai được tự quyết định" in refused.json()["detail"]
    client.force_login(cast.director)
    answer = client.post(
        f"/api/access-requests/{request.pk}/approve/", {"reasons": "Đồng ý"}, content_type="application/json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "APPROVED"
    delegation = Delegation.objects.get()
    assert (delegation.grantor, delegation.deputy, delegation.operations) == (
        cast.director,
        cast.deputy,
        [Operation.COPY],
    )
    [granted] = events("org.delegation.granted", delegation)
    assert granted.data["changes"]["document_ref"] == {"old": None, "new": "05/UQ-SGDĐT"}


def test_a_delegation_is_revoked_from_the_admin_with_an_audit_event_R13(admin_client, cast):
    delegation = Delegation.objects.create(
        grantor=cast.director,
        deputy=cast.deputy,
        document_ref="05/UQ",
        scope="Sao, chụp",
        operations=[Operation.COPY],
        max_level=Level.MAT,
        valid_from="2026-01-01",
        valid_until="2026-12-31",
    )
    answer = admin_client.post("/admin/org/delegation/", {"action": "revoke", "_selected_action": [delegation.pk]})
    assert answer.status_code == 302
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None
    [event] = events("org.delegation.revoked", delegation)
    assert event.data["changes"]["revoked_at"]["old"] is None
    # Delegations are not edited in place: a wider one would bypass the grantor.
    assert (
        admin_client.post(
            f"/admin/org/delegation/{delegation.pk}/change/", delegation_form(cast, max_level="TUYET_MAT")
        ).status_code
        == 403
    )


def test_an_account_created_in_the_admin_is_audited_without_its_password(admin_client, cast):
    secret = "Khoa-so-an-toan-2026!"
    answer = admin_client.post(
        "/admin/org/person/add/",
        {"username": "moi", "password1": secret, "password2": secret, "usable_password": "true"},
    )
    assert answer.status_code == 302
    person = Person.objects.get(username="moi")
    [event] = events("org.person.changed", person)
    assert event.data["created"] is True
    assert event.data["changes"]["username"] == {"old": None, "new": "moi"}
    assert event.data["changes"]["password"] == {"old": "(ẩn)", "new": "(ẩn)"}
    assert event.data["changes"]["clearance"] == {"old": None, "new": ""}


def test_a_group_of_admin_permissions_is_audited(admin_client):
    answer = admin_client.post("/admin/auth/group/add/", {"name": "Kỹ thuật"})
    assert answer.status_code == 302
    [event] = events("org.group.changed")
    assert event.data["created"] is True and event.data["changes"]["name"] == {"old": None, "new": "Kỹ thuật"}
