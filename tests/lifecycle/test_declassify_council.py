"""Declassification on practical grounds: council, minutes, the head's decision, full or partial (R11)."""

import datetime as dt

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.lifecycle.models import CouncilPurpose, LevelChange, Notice, NoticeKind
from bmnn.lifecycle.services.councils import council_decide, council_minutes, council_set_up
from bmnn.registry.choices import Status
from bmnn.registry.services import incoming_receive

from .conftest import make_copies, world


def set_up(cast, carriers, **extra):
    values = dict(
        actor=cast.clerk,
        purpose=CouncilPurpose.DECLASSIFY,
        carriers=carriers,
        setup_decision_ref="25/QĐ-SGDĐT",
        setup_date=clock.today(),
        chair=cast.deputy,
        members=[cast.exams_head, cast.officer],
    )
    values.update(extra)
    return council_set_up(**values)


def test_full_declassification_by_council_minutes_and_the_directors_decision_R11(cast, exam_paper):
    """R11: council chaired by a leader of the classifying agency, minutes, the head's decision, notices in 15 days."""
    copy = make_copies(cast, exam_paper, 1)[0]
    council = set_up(cast, [exam_paper])
    assert set(council.members.all()) == {cast.deputy, cast.exams_head, cast.officer}
    council_minutes(actor=cast.deputy, council=council, minutes="Đề thi đã công bố; đề nghị giải mật toàn bộ.")
    council_decide(actor=cast.director, council=council, decision_ref="30/QĐ-SGDĐT")
    exam_paper.refresh_from_db()
    copy.refresh_from_db()
    today = clock.today()
    assert exam_paper.status == copy.status == Status.DECLASSIFIED
    assert exam_paper.marks[-1] == f"GIẢI MẬT – Từ: {today:%d/%m/%Y} (Quyết định 30/QĐ-SGDĐT)"
    change = LevelChange.objects.get(carrier=exam_paper)
    assert change.kind == LevelChange.Kind.COUNCIL and not change.partial and change.decided_by == cast.director
    notices = Notice.objects.filter(carrier=exam_paper, kind=NoticeKind.DECLASSIFY)
    assert notices and all(n.due == today + dt.timedelta(days=15) for n in notices)
    council.refresh_from_db()
    assert council.closed_at is not None and council.decision_ref == "30/QĐ-SGDĐT"
    actions = list(AuditEvent.objects.filter(action__startswith="lifecycle.").values_list("action", flat=True))
    assert actions[-4:] == [
        "lifecycle.council.set_up",
        "lifecycle.council.minutes",
        "lifecycle.council.decided",
        "lifecycle.declassified.by_council",
    ]
    event = AuditEvent.objects.get(action="lifecycle.council.decided")
    assert (
        event.actor_id == cast.director.pk
        and event.basis == "R11"
        and "bảng thẩm quyền" in event.data["decision_basis"]
    )


def test_partial_declassification_keeps_the_record_secret_and_states_the_content_R11(cast, exam_paper):
    """R11: a partial decision spells out exactly what is declassified; the rest stays secret."""
    council = set_up(cast, [exam_paper])
    council_minutes(actor=cast.officer, council=council, minutes="Chỉ phần hướng dẫn chấm được công bố.")
    with pytest.raises(DomainError) as blank:
        council_decide(actor=cast.director, council=council, decision_ref="31/QĐ-SGDĐT", partial_content=" ")
    assert blank.value.rule == "R11"
    council_decide(
        actor=cast.director, council=council, decision_ref="31/QĐ-SGDĐT", partial_content="Phần hướng dẫn chấm"
    )
    exam_paper.refresh_from_db()
    assert exam_paper.status == Status.IN_STORAGE and exam_paper.level == Level.TOI_MAT
    assert exam_paper.marks[-1].startswith("Giải mật một phần – Từ:")
    change = LevelChange.objects.get(carrier=exam_paper)
    assert change.partial and change.declassified_content == "Phần hướng dẫn chấm"
    assert change.new_level == Level.TOI_MAT
    event = AuditEvent.objects.get(action="lifecycle.declassified.by_council")
    assert event.data["partial"] is True and event.data["declassified_content"] == "Phần hướng dẫn chấm"
    assert Notice.objects.filter(carrier=exam_paper, kind=NoticeKind.DECLASSIFY).exists()


def test_the_chair_must_lead_the_classifying_agency_and_only_its_clerk_or_head_sets_up_R11(cast, exam_paper):
    """R11: the chair is a leader (head or deputy) of the classifying agency; refusals change nothing."""
    before = world()
    for chair in (cast.exams_head, cast.outsider, cast.clerk):
        with pytest.raises(DomainError) as refused:
            set_up(cast, [exam_paper], chair=chair)
        assert refused.value.rule == "R11"
    for actor in (cast.deputy, cast.outsider):
        with pytest.raises(PermissionDenied):
            set_up(cast, [exam_paper], actor=actor)
    with pytest.raises(PermissionDenied, match="không được tiếp cận"):
        set_up(cast, [exam_paper], members=[cast.junior])  # a MAT-cleared member cannot review a TOI_MAT item
    assert world() == before
    assert set_up(cast, [exam_paper], actor=cast.director, chair=cast.director).chair == cast.director


def test_the_decision_needs_minutes_and_a_head_of_the_classifying_agency_R11(cast, exam_paper):
    """R11: no decision before the minutes; the deputy, a division head or an outsider cannot decide."""
    council = set_up(cast, [exam_paper])
    with pytest.raises(PermissionDenied):
        council_minutes(actor=cast.outsider, council=council, minutes="X")
    before = world()
    with pytest.raises(DomainError, match="Chưa có biên bản") as no_minutes:
        council_decide(actor=cast.director, council=council, decision_ref="32/QĐ-SGDĐT")
    assert no_minutes.value.rule == "R11"
    assert world() == before
    council_minutes(actor=cast.deputy, council=council, minutes="Đề nghị giải mật.")
    with pytest.raises(DomainError, match="đã được lập"):
        council_minutes(actor=cast.deputy, council=council, minutes="Sửa lại")
    before = world()
    for person in (cast.deputy, cast.exams_head, cast.outsider):
        with pytest.raises(PermissionDenied) as refused:
            council_decide(actor=person, council=council, decision_ref="32/QĐ-SGDĐT")
        assert refused.value.rule == "R11"
    assert world() == before
    exam_paper.refresh_from_db()
    assert exam_paper.status == Status.IN_STORAGE and not LevelChange.objects.exists()


def test_a_refused_declassification_closes_the_council_and_changes_no_record_R11(cast, exam_paper):
    council = set_up(cast, [exam_paper])
    council_minutes(actor=cast.deputy, council=council, minutes="Chưa đủ căn cứ.")
    council_decide(actor=cast.director, council=council, decision_ref="33/QĐ-SGDĐT", approve=False)
    exam_paper.refresh_from_db()
    council.refresh_from_db()
    assert exam_paper.status == Status.IN_STORAGE and council.closed_at is not None
    assert AuditEvent.objects.get(action="lifecycle.council.decided").data["approve"] is False
    assert not AuditEvent.objects.filter(action="lifecycle.declassified.by_council").exists()
    with pytest.raises(DomainError, match="đã có quyết định"):
        council_decide(actor=cast.director, council=council, decision_ref="34/QĐ-SGDĐT")


def test_a_received_secret_or_a_copy_is_not_declassified_by_the_recipient_R11(cast, exam_paper):
    """R11: only the classifying agency sets up a declassification council; copies follow their original."""
    received = incoming_receive(
        actor=cast.clerk,
        sender="Bộ Giáo dục và Đào tạo",
        doc_number="15/BGDĐT-QLCL",
        level=Level.MAT,
        doc_type="Công văn",
    )
    copy = make_copies(cast, exam_paper, 1)[0]
    for carrier in (received, copy):
        with pytest.raises(DomainError) as refused:
            set_up(cast, [carrier])
        assert refused.value.rule == "R11"
