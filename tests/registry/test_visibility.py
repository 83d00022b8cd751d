"""Who sees what (S2): clearance at least the level AND a reason; forbidden answers like missing."""

import pytest

from bmnn.core.errors import NotFound
from bmnn.core.levels import Level
from bmnn.registry.selectors import carrier_counts, carrier_get_for_user, carrier_search
from bmnn.registry.services import carrier_assign, outgoing_register
from tests.conftest import outgoing_kwargs


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
