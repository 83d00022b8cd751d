"""An access request (a higher clearance, a designation, a delegation) is granted only by the head's decision,
on the screen, the API or the command line; the requester never decides, nor the person concerned (S7)."""

import pytest
from django.core.management.base import CommandError

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.operations import offered
from bmnn.org import services
from bmnn.org.models import AccessKind, AccessStatus, Person
from tests.helpers import command


@pytest.fixture
def admin_user(db):
    return Person.objects.create_superuser(username="quantri", password="mat-khau-thu-nghiem")


@pytest.fixture
def raise_junior(cast, admin_user):
    """The administrator asks for the junior officer to be cleared TOI_MAT."""
    return services.access_request_submit(
        actor=admin_user,
        person=cast.junior,
        kind=AccessKind.CLEARANCE,
        payload={"clearance": Level.TOI_MAT},
        reasons="Soạn đề thi",
    )


def test_the_head_approves_on_the_screen_and_the_clearance_is_granted_with_old_and_new_values(
    client, cast, raise_junior
):
    client.force_login(cast.director)
    page = client.get(f"/can-bo/de-nghi/{raise_junior.pk}/")
    assert page.status_code == 200
    assert "Được tiếp cận đến độ Tối mật" in page.content.decode()
    assert [op.slug for op in page.context["operations"]] == ["access-approve", "access-refuse"]
    answer = client.post(f"/can-bo/de-nghi/{raise_junior.pk}/phe-duyet/", {"reasons": "Đồng ý"})
    assert answer.status_code == 302
    assert Person.objects.get(pk=cast.junior.pk).clearance == Level.TOI_MAT
    raise_junior.refresh_from_db()
    assert (raise_junior.status, raise_junior.decided_by) == (AccessStatus.APPROVED, cast.director)
    event = AuditEvent.objects.get(action="org.access.approved")
    assert event.actor_id == cast.director.pk
    assert event.data["changes"] == {"clearance": {"old": "MAT", "new": "TOI_MAT"}}


def test_the_requester_cannot_decide_their_own_request_S7(client, cast, admin_user, raise_junior):
    client.force_login(admin_user)
    assert client.get(f"/can-bo/de-nghi/{raise_junior.pk}/").context["operations"] == []
    answer = client.post(f"/api/access-requests/{raise_junior.pk}/approve/", {}, content_type="application/json")
    assert answer.status_code == 403
    assert answer.json()["detail"] == "Người đề nghị không được tự quyết định đề nghị của mình."
    assert Person.objects.get(pk=cast.junior.pk).clearance == Level.MAT


def test_no_one_decides_their_own_access_even_a_head_S7(cast, admin_user):
    request = services.access_request_submit(
        actor=admin_user, person=cast.director, kind=AccessKind.CLEARANCE, payload={"clearance": Level.TUYET_MAT}
    )
    with pytest.raises(PermissionDenied, match="Không ai được tự quyết định"):
        services.access_request_approve(actor=cast.director, request=request)
    assert Person.objects.get(pk=cast.director.pk).clearance == Level.TOI_MAT


def test_no_one_asks_for_their_own_access_S7(cast):
    with pytest.raises(PermissionDenied, match="tự đề nghị"):
        services.access_request_submit(
            actor=cast.clerk, person=cast.clerk, kind=AccessKind.CLEARANCE, payload={"clearance": Level.TUYET_MAT}
        )
    assert not AuditEvent.objects.filter(action="org.access.requested").exists()


def test_only_a_competent_head_decides(client, cast, raise_junior):
    """A deputy, a clerk, a head of another agency: refused, and the page offers them nothing."""
    for person in (cast.deputy, cast.clerk):
        with pytest.raises(PermissionDenied, match="không có thẩm quyền"):
            services.access_request_approve(actor=person, request=raise_junior)
    other_head = Person.objects.create_user(
        username="giamdocyte",
        password="x",
        organisation=cast.other_department,
        position="HEAD",
        clearance=Level.TUYET_MAT,
    )
    with pytest.raises(PermissionDenied, match="không có thẩm quyền"):
        services.access_request_approve(actor=other_head, request=raise_junior)
    # The other agency's head does not even see it: forbidden answers as missing (S2).
    client.force_login(other_head)
    assert client.get(f"/can-bo/de-nghi/{raise_junior.pk}/").status_code == 404
    assert client.get(f"/api/access-requests/{raise_junior.pk}/").status_code == 404
    assert client.get("/api/access-requests/").json()["count"] == 0
    client.force_login(cast.director)
    assert client.get(f"/api/access-requests/{raise_junior.pk}/").json()["what"] == "Được tiếp cận đến độ Tối mật"
    assert Person.objects.get(pk=cast.junior.pk).clearance == Level.MAT


def test_a_head_grants_no_clearance_above_their_own(cast, admin_user):
    request = services.access_request_submit(
        actor=admin_user, person=cast.junior, kind=AccessKind.CLEARANCE, payload={"clearance": Level.TUYET_MAT}
    )
    assert offered(cast.director, "access-request", request) == []
    with pytest.raises(PermissionDenied):
        services.access_request_approve(actor=cast.director, request=request)


def test_the_head_refuses_on_the_command_line_with_reasons(cast, raise_junior):
    with pytest.raises(CommandError, match="Từ chối phải nêu rõ lý do"):
        command("org", "giamdoc", "access-refuse", str(raise_junior.pk))
    out = command("org", "giamdoc", "access-refuse", str(raise_junior.pk), "reasons=Chưa cần thiết")
    assert "Đã từ chối đề nghị." in out
    raise_junior.refresh_from_db()
    assert raise_junior.status == AccessStatus.REFUSED
    assert Person.objects.get(pk=cast.junior.pk).clearance == Level.MAT
    assert AuditEvent.objects.filter(action="org.access.refused", actor_id=cast.director.pk).exists()
    # Decided once: a second decision is refused.
    with pytest.raises(CommandError, match="Từ chối"):
        command("org", "giamdoc", "access-approve", str(raise_junior.pk))


def test_the_head_approves_a_designation_on_the_command_line_R38(cast, admin_user):
    newcomer = Person.objects.create_user(username="moi", password="x", organisation=cast.exams_division)
    request = services.access_request_submit(
        actor=admin_user,
        person=newcomer,
        kind=AccessKind.DESIGNATION,
        payload={"designation_ref": "20/QĐ-SGDĐT", "designation_date": "2026-03-02"},
    )
    assert f"[{request.pk}]" in command("org", "giamdoc", "access-requests")
    assert "Đã phê duyệt" in command("org", "giamdoc", "access-approve", str(request.pk))
    newcomer.refresh_from_db()
    assert (newcomer.designated_for_secrets, newcomer.designation_ref) == (True, "20/QĐ-SGDĐT")
    event = AuditEvent.objects.get(action="org.access.approved")
    assert event.data["changes"]["designated_for_secrets"] == {"old": False, "new": True}


def test_a_request_that_could_never_be_granted_is_refused_when_filed_R13_R38(cast, admin_user):
    """A delegation to someone who is not a deputy, a designation without its written decision: refused at once."""
    with pytest.raises(DomainError, match="Chỉ ủy quyền cho cấp phó"):
        services.access_request_submit(
            actor=admin_user,
            person=cast.clerk,
            kind=AccessKind.DELEGATION,
            payload={
                "grantor": cast.director.pk,
                "document_ref": "05/UQ",
                "scope": "Sao, chụp",
                "operations": ["COPY"],
                "max_level": "MAT",
                "valid_from": "2026-01-01",
                "valid_until": "2026-12-31",
            },
        )
    with pytest.raises(DomainError, match="phải có số văn bản"):
        services.access_request_submit(
            actor=admin_user,
            person=cast.junior,
            kind=AccessKind.DESIGNATION,
            payload={"designation_ref": " ", "designation_date": "2026-03-02"},
        )
    assert not AuditEvent.objects.filter(action="org.access.requested").exists()
