"""Only the head of the classifying agency extends a protection period, in person; a receiving agency follows the
extension notice and is offered no extension (R7)."""

import datetime as dt

import pytest
from django.core.management.base import CommandError

from bmnn.approvals.models import Request, RequestStatus
from bmnn.approvals.services import request_decide
from bmnn.core.errors import PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.roles import Operation
from bmnn.lifecycle.models import LevelChange
from bmnn.lifecycle.services.protection import extension_apply, extension_request
from bmnn.org.models import Delegation, Position
from bmnn.registry.services import incoming_receive
from tests.conftest import make_person
from tests.helpers import command

from .conftest import world

NEW_UNTIL = dt.date(2046, 6, 1)


@pytest.fixture
def received(cast):
    """A MAT plan received from the province, dated 1 June 2026: classified elsewhere."""
    return incoming_receive(
        actor=cast.clerk,
        sender="UBND tỉnh",
        doc_number="12/KH-UBND",
        level=Level.MAT,
        doc_type="Kế hoạch",
        abstract="Kế hoạch bảo vệ kỳ thi",
        doc_date=dt.date(2026, 6, 1),
    )


def test_a_receiving_agency_is_refused_the_extension_on_every_path_and_sees_the_notice_R7(client, cast, received):
    """R7: the record was classified by the province; the department's clerk is refused the request through the
    service, the screen, the API and the command, its page shows the notice line and no extension button, and
    nothing changes."""
    before = world()
    with pytest.raises(PermissionDenied) as refused:
        extension_request(actor=cast.clerk, carrier=received, new_until=NEW_UNTIL, reasons="Còn dùng")
    assert refused.value.rule == "R7"
    client.force_login(cast.clerk)
    page = client.get(f"/so-bmnn/{received.pk}/").content.decode()
    assert f"/so-bmnn/{received.pk}/de-nghi/gia-han/" not in page
    assert "thực hiện theo thông báo gia hạn của cơ quan đó" in page
    screen = client.post(
        f"/so-bmnn/{received.pk}/de-nghi/gia-han/", {"new_until": NEW_UNTIL.isoformat(), "reasons": "Còn dùng"}
    ).content.decode()
    assert "Chỉ cơ quan xác định độ mật mới được gia hạn" in screen
    answer = client.post(
        f"/api/carriers/{received.pk}/extension-request/",
        {"new_until": NEW_UNTIL.isoformat(), "reasons": "Còn dùng"},
        content_type="application/json",
    )
    assert answer.status_code == 403 and "cơ quan xác định độ mật" in answer.json()["detail"]
    with pytest.raises(CommandError, match="cơ quan xác định độ mật"):
        command(
            "lifecycle", "vanthu", "extension-request", str(received.pk), f"new_until={NEW_UNTIL}", "reasons=Còn dùng"
        )
    assert world() == before and not Request.objects.exists()


def test_a_deputy_with_a_delegation_cannot_decide_an_extension_R7(client, cast, plan):
    """R7: a delegation covering extensions does not let the deputy decide one; the head of the classifying agency
    decides it and the extension applies, and the deputy's refusal changed nothing."""
    Delegation.objects.create(
        grantor=cast.director,
        deputy=cast.deputy,
        document_ref="46/UQ-SGDĐT",
        scope="Gia hạn",
        operations=[Operation.EXTEND],
        max_level=Level.TOI_MAT,
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2099, 12, 31),
    )
    request = extension_request(actor=cast.clerk, carrier=plan, new_until=NEW_UNTIL, reasons="Còn dùng")
    before = world()
    with pytest.raises(PermissionDenied) as refused:
        request_decide(actor=cast.deputy, request=request, approve=True)
    assert refused.value.rule == "R12"
    client.force_login(cast.deputy)
    answer = client.post(f"/api/requests/{request.pk}/decide/", {"approve": "1"}, content_type="application/json")
    assert answer.status_code == 404  # not the deputy's to decide: answered like a missing request (S2)
    assert world() == before
    client.force_login(cast.director)  # the same endpoint, for the head
    answer = client.post(f"/api/requests/{request.pk}/decide/", {"approve": "1"}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    change = extension_apply(actor=cast.clerk, request=request)
    assert change.new_until == NEW_UNTIL and change.decided_by == cast.director


def test_the_head_of_a_receiving_agency_cannot_extend_nor_apply_a_decision_not_the_head_s_R7(cast, plan):
    """R7: the head of another agency cannot decide the department's extension; an approved request whose decider
    is not the classifying agency's head (an authority table changed by hand) is refused at execution."""
    request = extension_request(actor=cast.clerk, carrier=plan, new_until=NEW_UNTIL, reasons="Còn dùng")
    other_head = make_person("giamdocyte", cast.other_department, Position.HEAD, Level.TOI_MAT)
    with pytest.raises(PermissionDenied):
        request_decide(actor=other_head, request=request, approve=True)
    Request.objects.filter(pk=request.pk).update(status=RequestStatus.APPROVED, decided_by=cast.deputy)
    request.refresh_from_db()
    before = world()
    with pytest.raises(PermissionDenied) as refused:
        extension_apply(actor=cast.clerk, request=request)
    assert refused.value.rule == "R7" and world() == before and not LevelChange.objects.exists()
