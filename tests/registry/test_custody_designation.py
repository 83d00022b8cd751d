"""Custody only to staff designated in writing (R38) who have signed their commitment (P4): a hand-over, a named
envelope or a unit's signature that would make anyone else the custodian is refused on every path."""

import pytest
from django.core.management.base import CommandError

from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.org.models import Position
from bmnn.registry.choices import Status
from bmnn.registry.models import Handover
from bmnn.registry.services import handover_confirm, handover_create, incoming_receive, outgoing_register
from tests.conftest import make_person, outgoing_kwargs, sign_commitment, unsigned
from tests.helpers import command, world


@pytest.fixture
def plan(cast):
    return outgoing_register(**outgoing_kwargs(cast))


@pytest.fixture
def newcomer(cast):
    """A cleared member of the exams division, never designated for secret work."""
    return make_person("moi", cast.exams_division, Position.STAFF, Level.TOI_MAT, first="Mới", last="Ngô")


def test_a_hand_over_to_an_undesignated_person_is_refused_on_every_path_R38(client, cast, plan, newcomer):
    """R38: the service, the screen, the API and the command refuse to hand the plan to the newcomer; nothing
    changes, no delivery number is taken."""
    before = world()
    with pytest.raises(DomainError) as refused:
        handover_create(actor=cast.clerk, carrier=plan, to_person=newcomer)
    assert refused.value.rule == "R38" and "chưa được phân công bằng văn bản" in str(refused.value)
    client.force_login(cast.clerk)
    screen = client.post(f"/so-bmnn/{plan.pk}/giao/", {"to_person": newcomer.pk, "envelope_count": 1})
    assert screen.status_code == 400 and "chưa được phân công bằng văn bản" in screen.content.decode()
    answer = client.post(
        f"/api/carriers/{plan.pk}/handovers/",
        {"to_person": newcomer.pk, "envelope_count": 1},
        content_type="application/json",
    )
    assert answer.status_code == 400 and answer.json()["rule"] == "R38"
    with pytest.raises(CommandError, match="chưa được phân công"):
        command("registry", "vanthu", "handover-create", str(plan.pk), "to_person=moi")
    assert world() == before and not Handover.objects.exists()


def test_a_hand_over_to_someone_who_has_not_signed_the_commitment_is_refused_P4(client, cast, plan):
    """P4: the officer is designated but has not signed the commitment: refused through the service and the API;
    once signed, the same hand-over goes through and the officer signs for the plan."""
    unsigned(cast.officer)
    before = world()
    with pytest.raises(DomainError) as refused:
        handover_create(actor=cast.clerk, carrier=plan, to_person=cast.officer)
    assert refused.value.rule == "P4" and "chưa ký cam kết" in str(refused.value)
    client.force_login(cast.clerk)
    answer = client.post(
        f"/api/carriers/{plan.pk}/handovers/",
        {"to_person": cast.officer.pk, "envelope_count": 1},
        content_type="application/json",
    )
    assert answer.status_code == 400 and answer.json()["rule"] == "P4"
    assert world() == before
    sign_commitment(cast.officer)
    handover_confirm(
        actor=cast.officer, handover=handover_create(actor=cast.clerk, carrier=plan, to_person=cast.officer)
    )
    plan.refresh_from_db()
    assert plan.custodian == cast.officer and plan.status == Status.IN_STORAGE


def test_a_named_envelope_for_an_undesignated_person_is_refused_at_receipt_R38_R24(client, cast, newcomer):
    """R38, R24: an envelope "only the named person may open" would make the newcomer its custodian: the receipt
    is refused whole, on the service and the API, and no incoming number is taken."""
    before = world()
    with pytest.raises(DomainError) as refused:
        incoming_receive(
            actor=cast.clerk, sender="UBND tỉnh", doc_number="5/UBND-NC", level=Level.MAT, named_recipient=newcomer
        )
    assert refused.value.rule == "R38"
    client.force_login(cast.clerk)
    answer = client.post(
        "/api/carriers/incoming/",
        {"sender": "UBND tỉnh", "doc_number": "5/UBND-NC", "level": "MAT", "named_recipient": newcomer.pk},
        content_type="application/json",
    )
    assert answer.status_code == 400 and answer.json()["rule"] == "R38"
    assert world() == before


def test_a_unit_member_without_a_commitment_cannot_sign_for_the_unit_P4(cast, plan):
    """P4: the exams head is designated but has not signed: signing for the division is refused and the plan
    stays in transit; after signing the commitment, the signature goes through."""
    handover = handover_create(actor=cast.clerk, carrier=plan, to_unit=cast.exams_division)
    unsigned(cast.exams_head)
    before = world()
    with pytest.raises(DomainError) as refused:
        handover_confirm(actor=cast.exams_head, handover=handover)
    assert refused.value.rule == "P4" and world() == before
    sign_commitment(cast.exams_head)
    handover_confirm(actor=cast.exams_head, handover=handover)
    plan.refresh_from_db()
    assert plan.custodian == cast.exams_head
