"""Who sees what (S2): clearance at least the level AND a reason; forbidden answers like missing."""

import pytest
from django.contrib.auth.models import AnonymousUser

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, NotFound, PermissionDenied
from bmnn.core.levels import Level
from bmnn.registry.models import Carrier
from bmnn.registry.policies import visible_carriers
from bmnn.registry.selectors import carrier_counts, carrier_get_for_user, carrier_search
from bmnn.registry.services import carrier_assign, handover_confirm, handover_create, outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import world


@pytest.fixture
def toi_mat(cast):
    return outgoing_register(**outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk], abstract="Đề thi Toán"))


def test_mat_clearance_never_sees_a_toi_mat_record_S2(cast, toi_mat):
    carrier_assign(actor=cast.clerk, carrier=toi_mat, person=cast.officer)  # a reason, but not the clearance
    with pytest.raises(NotFound) as forbidden:
        carrier_get_for_user(cast.junior, toi_mat.pk)
    with pytest.raises(NotFound) as missing:
        carrier_get_for_user(cast.junior, 999_999)
    assert str(forbidden.value) == str(missing.value)
    assert not carrier_search(cast.junior).exists() and not carrier_search(cast.junior, q="de thi").exists()
    assert carrier_counts(cast.junior)["level"] == []


def test_clearance_without_a_reason_is_not_enough_S2(cast, toi_mat):
    with pytest.raises(NotFound):
        carrier_get_for_user(cast.exams_head, toi_mat.pk)
    carrier_assign(actor=cast.clerk, carrier=toi_mat, person=cast.exams_head)
    assert carrier_get_for_user(cast.exams_head, toi_mat.pk) == toi_mat


def test_an_assignment_needs_the_clearance_S2(cast, toi_mat):
    from bmnn.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        carrier_assign(actor=cast.clerk, carrier=toi_mat, person=cast.junior)


def test_the_reasons_custody_decision_drafting_clerk_and_head_S2(cast, toi_mat):
    for person in (cast.clerk, cast.director, cast.officer):  # custodian clerk, decider, drafter
        assert carrier_get_for_user(person, toi_mat.pk) == toi_mat
    counts = carrier_counts(cast.director)
    assert counts["level"] == [{"level": Level.TOI_MAT, "n": 1}]


def test_another_agency_sees_nothing_S2(cast, toi_mat):
    assert not carrier_search(cast.outsider).exists()
    with pytest.raises(NotFound):
        carrier_get_for_user(cast.outsider, toi_mat.pk)


def test_an_inactive_account_sees_nothing_S2(cast, toi_mat):
    cast.clerk.is_active = False
    cast.clerk.save()
    assert not carrier_search(cast.clerk).exists()


# Clearance AND a reason, everywhere the registry is read ------------------------------------------------------


def test_a_reason_without_the_clearance_is_not_enough_S2(cast):
    """S2: the MAT-cleared junior drafted both records; the TOI_MAT one does not exist for them."""
    mat = outgoing_register(**outgoing_kwargs(cast, drafter=cast.junior, abstract="Kế hoạch vận chuyển đề thi"))
    toi_mat = outgoing_register(
        **outgoing_kwargs(
            cast, drafter=cast.junior, item_ids=[cast.exam_paper_item.pk], abstract="Kế hoạch in sao đề thi"
        )
    )
    assert carrier_get_for_user(cast.junior, mat.pk) == mat
    with pytest.raises(NotFound) as forbidden:
        carrier_get_for_user(cast.junior, toi_mat.pk)
    with pytest.raises(NotFound) as missing:
        carrier_get_for_user(cast.junior, toi_mat.pk + 1000)
    assert forbidden.value.message == missing.value.message == "Không tìm thấy hồ sơ."
    assert (forbidden.value.rule, type(forbidden.value)) == (missing.value.rule, type(missing.value))
    assert list(carrier_search(cast.junior)) == [mat]
    assert list(carrier_search(cast.junior, q="ke hoach de thi")) == [mat]
    assert not carrier_search(cast.junior, level=Level.TOI_MAT).exists()
    counts = carrier_counts(cast.junior)
    assert counts["level"] == [{"level": Level.MAT, "n": 1}] and counts["status"] == [{"status": "IN_STORAGE", "n": 1}]
    assert counts["unit"] == [{"custodian__organisation__name": cast.department.name, "n": 1}]


def test_cleared_but_without_a_reason_then_assigned_S2(cast, toi_mat):
    """S2: the exams head is cleared for TOI_MAT but sees the record only once assigned to it."""
    assert not carrier_search(cast.exams_head, q="de thi toan").exists()
    assert carrier_counts(cast.exams_head) == {"level": [], "status": [], "unit": []}
    with pytest.raises(NotFound):
        carrier_get_for_user(cast.exams_head, toi_mat.pk)

    assignment = carrier_assign(actor=cast.clerk, carrier=toi_mat, person=cast.exams_head)
    assert (assignment.carrier, assignment.person, assignment.assigned_by) == (toi_mat, cast.exams_head, cast.clerk)
    event = AuditEvent.objects.get(action="registry.carrier.assigned")
    assert (event.actor_id, event.basis, event.target_id) == (cast.clerk.pk, "S2", str(toi_mat.pk))
    assert event.data == {"person": "Phạm Văn Dũng"}
    assert carrier_get_for_user(cast.exams_head, toi_mat.pk) == toi_mat
    assert list(carrier_search(cast.exams_head, q="de thi toan")) == [toi_mat]
    assert carrier_counts(cast.exams_head)["level"] == [{"level": Level.TOI_MAT, "n": 1}]


def test_an_assignment_refused_for_who_assigns_or_who_is_assigned_changes_nothing_S2(cast, toi_mat):
    before = world()
    for actor in (cast.director, cast.officer, cast.outsider):  # not custodian, not the agency's clerk
        with pytest.raises(PermissionDenied) as refused:
            carrier_assign(actor=actor, carrier=toi_mat, person=cast.exams_head)
        assert (refused.value.rule, refused.value.message) == (
            "S2",
            "Chỉ người đang quản lý hoặc văn thư mới được phân công xử lý.",
        )
    with pytest.raises(PermissionDenied) as not_cleared:
        carrier_assign(actor=cast.clerk, carrier=toi_mat, person=cast.junior)
    assert (not_cleared.value.rule, not_cleared.value.message) == (
        "S2",
        "Người được phân công không được tiếp cận BMNN độ Tối mật.",
    )
    assert world() == before
    carrier_assign(actor=cast.clerk, carrier=toi_mat, person=cast.exams_head)
    with pytest.raises(DomainError, match="đã được phân công xử lý BMNN này"):
        carrier_assign(actor=cast.clerk, carrier=toi_mat, person=cast.exams_head)
    assert AuditEvent.objects.filter(action="registry.carrier.assigned").count() == 1


def test_the_recipient_of_a_handover_sees_what_they_must_sign_for_S2(cast, toi_mat):
    with pytest.raises(NotFound):
        carrier_get_for_user(cast.exams_head, toi_mat.pk)
    handover_create(actor=cast.clerk, carrier=toi_mat, to_person=cast.exams_head)
    assert carrier_get_for_user(cast.exams_head, toi_mat.pk) == toi_mat


def test_an_outsider_sees_nothing_anywhere_S2(cast, toi_mat):
    """S2: a TOI_MAT-cleared clerk of another agency has no reason to see our records."""
    outgoing_register(**outgoing_kwargs(cast))
    assert not carrier_search(cast.outsider, q="de thi").exists()
    assert carrier_counts(cast.outsider) == {"level": [], "status": [], "unit": []}
    for carrier in Carrier.objects.all():
        with pytest.raises(NotFound, match="Không tìm thấy hồ sơ"):
            carrier_get_for_user(cast.outsider, carrier.pk)


def test_no_clearance_or_no_login_sees_nothing_S2(cast, toi_mat):
    cast.director.clearance = ""
    cast.director.save()
    assert not carrier_search(cast.director).exists()  # the decision-maker, but cleared for nothing
    assert not visible_carriers(AnonymousUser()).exists()
    with pytest.raises(NotFound):
        carrier_get_for_user(cast.clerk, "not-a-number")


def test_who_may_assign_is_decided_on_the_current_custodian_not_a_stale_copy_S2(cast):
    """S2: after handing the record on, the former custodian's old copy of it grants no right to assign."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    handover_confirm(
        actor=cast.officer, handover=handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    )
    held_by_officer = Carrier.objects.get(pk=carrier.pk)
    handover_confirm(
        actor=cast.exams_head,
        handover=handover_create(actor=cast.officer, carrier=held_by_officer, to_person=cast.exams_head),
    )
    assert held_by_officer.custodian == cast.officer  # stale: the exams head holds it now
    before = world()
    with pytest.raises(PermissionDenied) as refused:
        carrier_assign(actor=cast.officer, carrier=held_by_officer, person=cast.junior)
    assert refused.value.rule == "S2" and world() == before
    assert carrier_assign(actor=cast.exams_head, carrier=carrier, person=cast.junior).person == cast.junior
