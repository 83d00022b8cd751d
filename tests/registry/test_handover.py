"""Hand-over with the recipient's signature (R22, R23)."""

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.org.models import Position
from bmnn.registry.choices import HandoverStatus, Status
from bmnn.registry.selectors import handovers_awaiting
from bmnn.registry.services import handover_confirm, handover_create, incoming_receive, outgoing_register
from tests.conftest import make_person, outgoing_kwargs
from tests.helpers import clear_for_tuyet_mat, tuyet_mat_item, world


def test_handover_stays_in_transit_until_the_recipient_signs_R23(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover = handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    carrier.refresh_from_db()
    assert carrier.status == Status.IN_TRANSIT and handover.number == 1 and handover.envelope_letter == "C"
    with pytest.raises(PermissionDenied) as refused:
        handover_confirm(actor=cast.exams_head, handover=handover)
    assert refused.value.rule == "R23"
    handover_confirm(actor=cast.officer, handover=handover)
    carrier.refresh_from_db()
    handover.refresh_from_db()
    assert carrier.status == Status.IN_STORAGE and carrier.custodian == cast.officer
    assert handover.status == HandoverStatus.CONFIRMED and handover.confirmed_by == cast.officer
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions[-2:] == ["registry.handover.created", "registry.handover.confirmed"]


def test_no_second_handover_while_in_transit_R23(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    with pytest.raises(DomainError):
        handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.exams_head)


def test_the_recipient_must_be_cleared_for_the_level_S2(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk]))
    with pytest.raises(PermissionDenied):
        handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.junior)
    carrier.refresh_from_db()
    assert carrier.status == Status.IN_STORAGE and not carrier.handovers.exists()


def test_envelope_letters_and_two_envelopes_for_tuyet_mat_R22(cast):
    cast.clerk.clearance = cast.director.clearance = Level.TUYET_MAT
    cast.clerk.save()
    cast.director.save()
    top = incoming_receive(actor=cast.clerk, sender="UBND tỉnh", doc_number="1/UBND-NC", level=Level.TUYET_MAT)
    secret = outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk]))
    a = handover_create(actor=cast.clerk, carrier=top, to_person=cast.director)
    b = handover_create(actor=cast.clerk, carrier=secret, to_person=cast.director)
    assert (a.envelope_letter, a.envelope_count) == ("A", 2)
    assert (b.envelope_letter, b.envelope_count) == ("B", 1)


def test_a_unit_signs_through_its_designated_clerk_R23_R38(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover = handover_create(actor=cast.clerk, carrier=carrier, to_unit=cast.exams_division)
    handover_confirm(actor=cast.officer, handover=handover)  # designated staff of the unit
    carrier.refresh_from_db()
    assert carrier.custodian == cast.officer


def test_only_the_custodian_or_clerk_hands_over(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    with pytest.raises(PermissionDenied):
        handover_create(actor=cast.officer, carrier=carrier, to_person=cast.exams_head)


# Delivery register entries, their audit trail, and refusals that change nothing -------------------------------


def test_the_delivery_register_entry_and_its_signature_are_audited_R22_R23(cast):
    """R23: a delivery-register entry, in transit and still the giver's until the named recipient signs."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover = handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer, note="Giao tận tay")
    year = clock.today().year
    assert (handover.agency, handover.year, handover.number) == (cast.department, year, 1)
    assert (handover.from_person, handover.to_person, handover.status) == (
        cast.clerk,
        cast.officer,
        HandoverStatus.PENDING,
    )
    assert (handover.envelope_letter, handover.envelope_count, handover.named_only) == ("C", 1, False)
    carrier.refresh_from_db()
    assert (carrier.status, carrier.custodian) == (Status.IN_TRANSIT, cast.clerk)  # not theirs before signing
    assert list(handovers_awaiting(cast.officer)) == [handover]
    assert not handovers_awaiting(cast.exams_head).exists()
    created = AuditEvent.objects.get(action="registry.handover.created")
    assert (created.actor_id, created.basis, created.target_id) == (cast.clerk.pk, "R23", str(carrier.pk))
    assert created.data == {
        "handover_id": handover.pk,
        "delivery_number": f"1/{year}",
        "to": "Đỗ Thu Hà",
        "envelope_letter": "C",
        "envelopes": 1,
        "named_only": False,
    }

    handover_confirm(actor=cast.officer, handover=handover)
    signed = AuditEvent.objects.get(action="registry.handover.confirmed")
    assert (signed.actor_id, signed.basis) == (cast.officer.pk, "R23")
    assert signed.data == {"handover_id": handover.pk, "delivery_number": f"1/{year}", "signed_by": "Đỗ Thu Hà"}
    handover.refresh_from_db()
    assert handover.confirmed_at is not None and not handovers_awaiting(cast.officer).exists()


def test_nobody_but_the_named_recipient_signs_and_a_refusal_changes_nothing_R23(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover = handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    before = world()
    for other in (cast.clerk, cast.director, cast.exams_head, cast.junior, cast.outsider):
        with pytest.raises(PermissionDenied) as refused:
            handover_confirm(actor=other, handover=handover)
        assert refused.value.rule == "R23"
        assert refused.value.message == "Chỉ người nhận (hoặc văn thư của đơn vị nhận) mới được ký nhận."
    assert world() == before
    handover_confirm(actor=cast.officer, handover=handover)
    with pytest.raises(DomainError) as twice:
        handover_confirm(actor=cast.officer, handover=handover)
    assert (twice.value.rule, twice.value.message) == ("R23", "Lượt giao này đã được ký nhận.")


def test_delivery_numbers_run_on_and_a_refused_handover_takes_none_R23(cast):
    first, second = (outgoing_register(**outgoing_kwargs(cast)) for _ in range(2))
    assert handover_create(actor=cast.clerk, carrier=first, to_person=cast.officer).number == 1
    before = world()
    with pytest.raises(PermissionDenied) as not_custodian:
        handover_create(actor=cast.director, carrier=second, to_person=cast.officer)
    assert not_custodian.value.rule == "R23"
    assert not_custodian.value.message == "Chỉ người đang quản lý hoặc văn thư của cơ quan mới được giao BMNN này."
    with pytest.raises(DomainError) as in_transit:
        handover_create(actor=cast.clerk, carrier=first, to_person=cast.exams_head)
    assert in_transit.value.rule == "R23"
    assert in_transit.value.message == 'Không thể giao: BMNN đang ở tình trạng "Đang giao, chờ ký nhận".'
    with pytest.raises(DomainError) as both:
        handover_create(actor=cast.clerk, carrier=second, to_person=cast.officer, to_unit=cast.exams_division)
    assert (both.value.rule, both.value.message) == ("R23", "Chọn đúng một người nhận hoặc một đơn vị nhận.")
    with pytest.raises(DomainError) as neither:
        handover_create(actor=cast.clerk, carrier=second)
    assert neither.value.rule == "R23"
    with pytest.raises(DomainError) as to_self:
        handover_create(actor=cast.clerk, carrier=second, to_person=cast.clerk)
    assert (to_self.value.rule, to_self.value.message) == ("R23", "Người nhận đang là người quản lý BMNN này.")
    with pytest.raises(DomainError) as no_envelope:
        handover_create(actor=cast.clerk, carrier=second, to_person=cast.officer, envelope_count=0)
    assert (no_envelope.value.rule, no_envelope.value.message) == ("R22", "Số bì phải ít nhất là 1.")
    assert world() == before
    assert handover_create(actor=cast.clerk, carrier=second, to_person=cast.officer).number == 2


def test_the_new_custodian_may_hand_it_on_and_the_old_one_may_not_R23(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover_confirm(
        actor=cast.officer, handover=handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    )
    carrier.refresh_from_db()
    onward = handover_create(actor=cast.officer, carrier=carrier, to_person=cast.exams_head)
    assert (onward.from_person, onward.number) == (cast.officer, 2)
    handover_confirm(actor=cast.exams_head, handover=onward)
    carrier.refresh_from_db()
    assert carrier.custodian == cast.exams_head
    with pytest.raises(PermissionDenied):
        handover_create(actor=cast.officer, carrier=carrier, to_person=cast.junior)


def test_a_tuyet_mat_record_travels_in_two_envelopes_marked_A_R22(cast):
    """R22: TUYET_MAT -> inner and outer envelope, letter A, whatever count was asked for."""
    clear_for_tuyet_mat(cast.clerk, cast.exams_head)
    item = tuyet_mat_item()
    top, other = (outgoing_register(**outgoing_kwargs(cast, item_ids=[item.pk], abstract="")) for _ in range(2))
    handover = handover_create(actor=cast.clerk, carrier=top, to_person=cast.exams_head, envelope_count=1)
    assert (handover.envelope_letter, handover.envelope_count) == ("A", 2)
    assert AuditEvent.objects.get(action="registry.handover.created").data["envelopes"] == 2
    with pytest.raises(PermissionDenied) as not_cleared:  # the officer is cleared for TOI_MAT only
        handover_create(actor=cast.clerk, carrier=other, to_person=cast.officer)
    assert not_cleared.value.rule == "S2"


def test_a_unit_signs_only_through_a_designated_cleared_member_R23_R38(cast):
    """R38: a unit's signature is its clerk's or a designated member's, cleared for the level."""
    carrier = outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk]))
    handover = handover_create(actor=cast.clerk, carrier=carrier, to_unit=cast.exams_division)
    undesignated = make_person("nhanvien", cast.exams_division, Position.STAFF, Level.TOI_MAT)
    before = world()
    with pytest.raises(PermissionDenied) as not_designated:
        handover_confirm(actor=undesignated, handover=handover)
    assert not_designated.value.rule == "R23"
    with pytest.raises(PermissionDenied) as not_cleared:
        handover_confirm(actor=cast.junior, handover=handover)  # designated, but MAT only
    assert (not_cleared.value.rule, not_cleared.value.message) == (
        "S2",
        "Người ký nhận không được tiếp cận BMNN độ Tối mật.",
    )
    with pytest.raises(PermissionDenied):
        handover_confirm(actor=cast.outsider, handover=handover)
    assert world() == before
    assert list(handovers_awaiting(cast.exams_head)) == [handover]
    handover_confirm(actor=cast.exams_head, handover=handover)
    carrier.refresh_from_db()
    assert (carrier.custodian, carrier.status) == (cast.exams_head, Status.IN_STORAGE)


def test_a_tuyet_mat_record_handed_to_a_unit_awaits_only_its_cleared_members_S2_R23(client, cast):
    """S2, R23: a TUYET_MAT record handed over to the exams division is not listed (nor its number shown) to the
    division's MAT-cleared designated officer, on the page, in the API or in the header count; a member cleared
    TUYET_MAT sees it and signs."""
    clear_for_tuyet_mat(cast.clerk)
    top = incoming_receive(actor=cast.clerk, sender="UBND tỉnh", doc_number="9/UBND-NC", level=Level.TUYET_MAT)
    handover_create(actor=cast.clerk, carrier=top, to_unit=cast.exams_division)
    assert not handovers_awaiting(cast.junior).exists()
    client.force_login(cast.junior)
    for url in ("/cho-ky-nhan/", "/api/handovers/awaiting/", "/"):
        body = client.get(url).content.decode()
        assert "9/UBND-NC" not in body and "TUYỆT MẬT" not in body, url
    clear_for_tuyet_mat(cast.officer)
    assert list(handovers_awaiting(cast.officer).values_list("carrier__doc_number", flat=True)) == ["9/UBND-NC"]
    client.force_login(cast.officer)
    assert "9/UBND-NC" in client.get("/api/handovers/awaiting/").content.decode()
