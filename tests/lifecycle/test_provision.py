"""Provision and transfer to Vietnamese (R33) and foreign (R34) parties."""

import pytest

from bmnn.approvals.models import RequestStatus
from bmnn.approvals.services import request_decide
from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.roles import Operation, Position
from bmnn.lifecycle.models import Provision, RecipientKind
from bmnn.lifecycle.services.provision import provision_execute, provision_request
from bmnn.registry.choices import Status
from bmnn.registry.models import Carrier
from tests.conftest import make_person

from .conftest import world

ORGANISATION = {"representative": "Ông Trần Văn Bình, Phó Chánh Thanh tra"}
PERSON = {"id_number": "001086000123", "address": "12 Lê Lợi, TP Thử Nghiệm", "position": "Thanh tra viên"}
FOREIGN = {
    "nationality": "Nhật Bản",
    "passport": "TR1234567",
    "host_agency": "Sở Ngoại vụ",
    "purpose_kind": "INTERNATIONAL_COOPERATION",
    "no_third_party": True,
}


def ask(cast, carrier, kind=RecipientKind.ORGANISATION, fields=ORGANISATION, **extra):
    values = dict(
        actor=cast.officer,
        carrier=carrier,
        recipient_kind=kind,
        recipient_name="Thanh tra tỉnh",
        fields=fields,
        purpose="Phục vụ thanh tra kỳ thi",
        commitment="Cam kết bảo vệ BMNN theo luật",
    )
    values.update(extra)
    return provision_request(**values)


def test_provision_to_an_organisation_decided_by_the_director_keeps_the_record_R33(cast, exam_paper):
    """R33: a complete request, a decision by a person with copying-level authority, the provision register."""
    request = ask(cast, exam_paper)
    assert request.operation == Operation.PROVIDE and request.level == Level.TOI_MAT
    assert request.payload["representative"] == ORGANISATION["representative"]
    assert request.payload["secret"] == str(exam_paper) and request.payload["commitment"]
    request_decide(actor=cast.director, request=request, approve=True)
    provision = provision_execute(actor=cast.clerk, request=request)
    assert provision.recipient_kind == RecipientKind.ORGANISATION and not provision.transfer
    assert provision.provided_by == cast.clerk
    exam_paper.refresh_from_db()
    request.refresh_from_db()
    assert exam_paper.status == Status.IN_STORAGE and request.status == RequestStatus.DONE
    event = AuditEvent.objects.get(action="lifecycle.provided")
    assert event.basis == "R33" and event.actor_id == cast.clerk.pk
    assert event.data["recipient"] == "Thanh tra tỉnh" and event.data["approver"] == str(cast.director)


def test_a_transfer_to_a_person_leaves_the_registry_as_provided_R33(cast, plan):
    """R33: an individual adds ID number, address and position; a transfer is not taken back."""
    request = ask(
        cast, plan, kind=RecipientKind.PERSON, fields=PERSON, transfer=True, recipient_name="Bà Nguyễn Thị Hoa"
    )
    request_decide(actor=cast.exams_head, request=request, approve=True)  # MAT: a division head may
    provision_execute(actor=cast.clerk, request=request)
    plan.refresh_from_db()
    assert plan.status == Status.PROVIDED
    assert AuditEvent.objects.get(action="lifecycle.provided").data["transfer"] is True
    with pytest.raises(DomainError, match="Không thể cung cấp, chuyển giao"):
        ask(cast, plan)


@pytest.mark.parametrize(
    ("kind", "fields", "missing"),
    [
        (RecipientKind.ORGANISATION, {}, "người đại diện"),
        (RecipientKind.PERSON, ORGANISATION, "số định danh cá nhân"),
        (RecipientKind.PERSON, {**PERSON, "address": " "}, "địa chỉ liên hệ"),
    ],
)
def test_a_request_missing_a_mandatory_field_is_refused_and_changes_nothing_R33(
    cast, exam_paper, kind, fields, missing
):
    """R33: organisation name, representative, secret, purpose, commitment; an individual's ID, address, position."""
    before = world()
    with pytest.raises(DomainError) as refused:
        ask(cast, exam_paper, kind=kind, fields=fields)
    assert refused.value.rule == "R33" and missing in refused.value.message
    with pytest.raises(DomainError, match="cam kết bảo vệ BMNN") as no_commitment:
        ask(cast, exam_paper, commitment="")
    assert no_commitment.value.rule == "R33"
    assert world() == before


def test_refusal_needs_written_reasons_and_a_mat_only_approver_may_not_decide_toi_mat_R33(cast, exam_paper):
    """R33: the decider needs copying-level authority for the level; a refusal carries written reasons."""
    request = ask(cast, exam_paper)
    before = world()
    for person in (cast.exams_head, cast.deputy, cast.outsider):
        with pytest.raises(PermissionDenied):
            request_decide(actor=person, request=request, approve=True)
    with pytest.raises(DomainError) as no_reasons:
        request_decide(actor=cast.director, request=request, approve=False)
    assert no_reasons.value.rule == "R33"
    assert world() == before
    request_decide(actor=cast.director, request=request, approve=False, reasons="Không thuộc phạm vi thanh tra")
    request.refresh_from_db()
    assert request.status == RequestStatus.REFUSED
    assert AuditEvent.objects.filter(action="approvals.request.refused").count() == 1
    with pytest.raises(DomainError, match="Từ chối"):
        provision_execute(actor=cast.clerk, request=request)
    assert not Provision.objects.exists()


def test_only_the_custodian_or_the_clerk_hands_the_secret_over_R33(cast, exam_paper):
    request = ask(cast, exam_paper)
    request_decide(actor=cast.director, request=request, approve=True)
    before = world()
    with pytest.raises(PermissionDenied) as refused:
        provision_execute(actor=cast.outsider, request=request)
    assert refused.value.rule == "R33"
    assert world() == before
    assert not Provision.objects.exists()


def test_foreign_provision_through_the_host_agency_decided_by_the_province_R34(cast, exam_paper):
    """R34: nationality and passport, the Vietnamese host agency, a cooperation or duty purpose, no third party;
    TOI_MAT decided by the provincial head, not by the department's director."""
    chairman = make_person("chutich", cast.department.parent, Position.HEAD, Level.TOI_MAT, title="Chủ tịch UBND tỉnh")
    request = ask(cast, exam_paper, kind=RecipientKind.FOREIGN, fields=FOREIGN, recipient_name="JICA")
    assert request.operation == Operation.PROVIDE_FOREIGN
    assert request.payload["host_agency"] == "Sở Ngoại vụ" and request.payload["no_third_party"] is True
    with pytest.raises(PermissionDenied):
        request_decide(actor=cast.director, request=request, approve=True)
    request_decide(actor=chairman, request=request, approve=True)
    provision = provision_execute(actor=cast.clerk, request=request)
    assert provision.recipient_kind == RecipientKind.FOREIGN
    assert AuditEvent.objects.get(action="lifecycle.provided").basis == "R34"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({**FOREIGN, "host_agency": ""}, "cơ quan Việt Nam chủ trì"),
        ({**FOREIGN, "passport": ""}, "số hộ chiếu"),
        ({**FOREIGN, "purpose_kind": "TOURISM"}, "hợp tác quốc tế"),
        ({**FOREIGN, "no_third_party": False}, "bên thứ ba"),
    ],
)
def test_a_foreign_request_without_the_terms_of_the_law_is_refused_R34(cast, exam_paper, fields, words):
    """R34: the host agency, an allowed purpose and the no-third-party commitment are required."""
    before = world()
    with pytest.raises(DomainError) as refused:
        ask(cast, exam_paper, kind=RecipientKind.FOREIGN, fields=fields)
    assert refused.value.rule == "R34" and words in refused.value.message
    assert world() == before


def test_tuyet_mat_to_a_foreign_party_is_refused_as_no_one_here_may_decide_R34(cast, plan):
    """R34: TUYET_MAT abroad only by the General Secretary, the President, the Prime Minister or the NA Chairman."""
    Carrier.objects.filter(pk=plan.pk).update(level=Level.TUYET_MAT, abstract="")
    plan.refresh_from_db()
    before = world()
    with pytest.raises(DomainError) as refused:
        ask(cast, plan, kind=RecipientKind.FOREIGN, fields=FOREIGN)
    assert refused.value.rule == "R34" and "Thủ tướng" in refused.value.message
    assert world() == before
