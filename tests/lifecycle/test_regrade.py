"""Re-grading up or down on the list, by the head of the classifying agency, with mark and notices (R10)."""

import datetime as dt

import pytest

from bmnn.approvals.models import RequestStatus
from bmnn.approvals.services import request_decide
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.text import fold
from bmnn.lifecycle.models import LevelChange, Notice, NoticeKind
from bmnn.lifecycle.services.regrade import regrade_apply, regrade_request
from bmnn.registry.services import incoming_receive

from .conftest import make_copies, tuyet_mat_item, world


def test_regrade_up_on_the_list_changes_level_mark_copies_and_owes_notices_R10(cast, plan):
    """R10: a list basis, the head's decision, the adjustment mark, notices to every recorded recipient in 15 days."""
    copies = make_copies(cast, plan, 2)
    request = regrade_request(
        actor=cast.officer, carrier=plan, item_ids=[cast.exam_paper_item.pk], reasons="Kế hoạch nay kèm đề thi dự bị"
    )
    assert request.payload["new_level"] == Level.TOI_MAT and request.level == Level.TOI_MAT
    request_decide(actor=cast.director, request=request, approve=True)
    change = regrade_apply(actor=cast.clerk, request=request)
    plan.refresh_from_db()
    today = clock.today()
    mark = f"Điều chỉnh độ mật từ Mật thành Tối mật ngày {today:%d/%m/%Y}"
    assert plan.level == Level.TOI_MAT and plan.marks[-1] == mark
    assert list(plan.items.all()) == [cast.exam_paper_item]
    assert plan.protection_until == plan.determination_date.replace(year=plan.determination_date.year + 20)  # R6
    for copy in copies:
        copy.refresh_from_db()
        assert copy.level == Level.TOI_MAT and copy.marks[-1] == mark
        assert copy.protection_until == plan.protection_until
    assert change.kind == LevelChange.Kind.REGRADE and change.decided_by == cast.director
    assert (change.old_level, change.new_level) == (Level.MAT, Level.TOI_MAT)
    notices = Notice.objects.filter(carrier=plan, kind=NoticeKind.REGRADE)
    assert {n.recipient for n in notices} == {"Phòng Khảo thí", str(cast.clerk)}
    assert all(n.due == today + dt.timedelta(days=15) for n in notices)
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE
    event = AuditEvent.objects.get(action="lifecycle.regraded")
    assert event.basis == "R10" and event.data["new_level"] == Level.TOI_MAT
    assert event.data["decided_by"] == str(cast.director) and len(event.data["notices"]) == 2


def test_regrade_down_follows_the_lower_level_R10(cast, exam_paper):
    """R10: lowering is the same procedure; the period follows the new level (R6)."""
    request = regrade_request(
        actor=cast.officer,
        carrier=exam_paper,
        item_ids=[cast.exam_logistics_item.pk],
        reasons="Chỉ còn phương án vận chuyển",
    )
    request_decide(actor=cast.director, request=request, approve=True)
    regrade_apply(actor=cast.clerk, request=request)
    exam_paper.refresh_from_db()
    assert exam_paper.level == Level.MAT and "từ Tối mật thành Mật" in exam_paper.marks[-1]
    assert exam_paper.protection_until.year == exam_paper.determination_date.year + 10


def test_regrade_without_a_list_basis_or_to_the_same_level_is_refused_R10(cast, plan):
    """R10: the new level comes from usable list items and must differ from the current one."""
    before = world()
    with pytest.raises(DomainError) as no_items:
        regrade_request(actor=cast.officer, carrier=plan, item_ids=[], reasons="X")
    assert no_items.value.rule == "R2"
    with pytest.raises(DomainError) as same:
        regrade_request(actor=cast.officer, carrier=plan, item_ids=[cast.exam_logistics_item.pk], reasons="X")
    assert same.value.rule == "R10" and "trùng độ mật hiện tại" in same.value.message
    cast.exam_paper_item.repealed = True
    cast.exam_paper_item.save()
    with pytest.raises(DomainError) as repealed:
        regrade_request(actor=cast.officer, carrier=plan, item_ids=[cast.exam_paper_item.pk], reasons="X")
    assert repealed.value.rule == "R2"
    assert world() == before


def test_only_the_head_of_the_classifying_agency_decides_and_refusals_change_nothing_R10(cast, plan):
    """R10: whoever may classify the item decides (authority table REGRADE: the agency's head)."""
    request = regrade_request(actor=cast.officer, carrier=plan, item_ids=[cast.exam_paper_item.pk], reasons="X")
    before = world()
    for person in (cast.exams_head, cast.deputy, cast.clerk, cast.outsider):
        with pytest.raises(PermissionDenied):
            request_decide(actor=person, request=request, approve=True)
    with pytest.raises(DomainError, match="Chờ phê duyệt"):
        regrade_apply(actor=cast.clerk, request=request)
    assert world() == before
    request_decide(actor=cast.director, request=request, approve=True)
    before = world()
    with pytest.raises(PermissionDenied) as refused:
        regrade_apply(actor=cast.outsider, request=request)
    assert refused.value.rule == "R10"
    assert world() == before


def test_regrade_to_tuyet_mat_clears_the_abstract_of_the_record_and_its_copies_R10_R18(cast, plan):
    """R10 with R18: a TUYET_MAT record keeps no abstract, so the re-grade clears it."""
    copies = make_copies(cast, plan, 1)
    assert fold("vận chuyển") in plan.search_text
    item = tuyet_mat_item()
    cast.director.clearance = Level.TUYET_MAT
    cast.director.save()
    request = regrade_request(
        actor=cast.officer, carrier=plan, item_ids=[item.pk, cast.exam_paper_item.pk], reasons="Nâng độ mật"
    )
    assert request.level == Level.TUYET_MAT  # the decider must be competent for the higher level
    request_decide(actor=cast.director, request=request, approve=True)
    regrade_apply(actor=cast.clerk, request=request)
    plan.refresh_from_db()
    copies[0].refresh_from_db()
    assert plan.level == copies[0].level == Level.TUYET_MAT
    assert plan.abstract == copies[0].abstract == ""
    assert fold("vận chuyển") not in plan.search_text


def test_a_received_record_is_regraded_only_by_its_classifying_agency_R10(cast):
    """R10: the recipient of another agency's secret cannot adjust its level."""
    carrier = incoming_receive(
        actor=cast.clerk,
        sender="Bộ Giáo dục và Đào tạo",
        doc_number="15/BGDĐT-QLCL",
        level=Level.MAT,
        item_ids=[cast.exam_logistics_item.pk],
        doc_type="Công văn",
    )
    with pytest.raises(DomainError) as refused:
        regrade_request(actor=cast.officer, carrier=carrier, item_ids=[cast.exam_paper_item.pk], reasons="X")
    assert refused.value.rule == "R10" and "Bộ Giáo dục và Đào tạo" in refused.value.message
