"""The life of a TOI_MAT exam paper from the education list (531/QĐ-TTg, item TOI_MAT 1), told as one scenario.

Drafted and classified (R2, R4, R6, R19), three copies approved by the director and made by the clerk (R12, R14,
R16), handed to the exam board (R23), taken out for printing and returned (R32); after the exam the spare copy is
destroyed by a council with minutes (R36) and, its list condition having ended ("khi chưa công bố"), the paper is
declassified through the Declassification Council (R11), with written notices owed to the recipients. Every
register entry and every audit event along the way is asserted, the events in order with their action names (R44).
"""

import datetime as dt

from bmnn.approvals.models import Request, RequestStatus
from bmnn.approvals.services import request_decide
from bmnn.audit.chain import verify
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.lifecycle.models import (
    CopyJob,
    Council,
    CouncilPurpose,
    DestructionEntry,
    LevelChange,
    Notice,
    NoticeKind,
    Takeout,
)
from bmnn.lifecycle.services.copying import copy_make, copy_request
from bmnn.lifecycle.services.councils import (
    council_decide,
    council_minutes,
    council_set_up,
    destruction_confirm,
    destruction_record,
)
from bmnn.lifecycle.services.notices import notice_mark_sent
from bmnn.lifecycle.services.takeout import takeout_checkout, takeout_request, takeout_return
from bmnn.registry.choices import CopyForm, Status
from bmnn.registry.models import Handover
from bmnn.registry.services import handover_confirm, handover_create, outgoing_register
from tests.conftest import outgoing_kwargs

from .conftest import at


def actions_since(seq: int) -> list[str]:
    return list(AuditEvent.objects.filter(seq__gt=seq).order_by("seq").values_list("action", flat=True))


def last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def test_the_life_of_a_toi_mat_exam_paper_R2_R11_R12_R16_R23_R32_R36(cast):
    """R2, R4, R6, R19: classified on the list; R12, R14, R16: three copies; R23: hand-over; R32: take-out;
    R36: the spare destroyed by a council; R11: the paper declassified by council; R44: every step audited."""
    mark = last_seq()

    # 1. Drafted by the officer, classified TOI_MAT by the director, entered in the outgoing register by the clerk.
    with clock.frozen_at(at(2026, 6, 1)):
        paper = outgoing_register(
            **outgoing_kwargs(
                cast,
                item_ids=[cast.exam_paper_item.pk],
                doc_type="Đề thi",
                symbol="ĐT-SGDĐT",
                abstract="Đề thi chính thức môn Toán, kỳ thi tốt nghiệp THPT năm 2026",
                recipients="Hội đồng thi tốt nghiệp THPT; Lưu: VT",
                copies_issued=1,
                copy_permitted=True,
            )
        )
    assert (paper.reg_year, paper.reg_number, paper.doc_number) == (2026, 1, "1/ĐT-SGDĐT")
    assert paper.level == Level.TOI_MAT and list(paper.items.all()) == [cast.exam_paper_item]
    assert paper.drafter == cast.officer and paper.decision_maker == cast.director
    assert paper.protection_until == dt.date(2046, 6, 1)  # R6: twenty years for TOI_MAT
    assert actions_since(mark) == ["registry.outgoing.registered"]
    mark = last_seq()

    # 2. Three copies: the officer asks, the director approves, the clerk makes them (one copy-register entry).
    with clock.frozen_at(at(2026, 6, 2)):
        request = copy_request(
            actor=cast.officer,
            carrier=paper,
            form=CopyForm.TRUE_COPY,
            count=3,
            recipients="Hội đồng thi tốt nghiệp THPT",
            reasons="Phát cho hội đồng thi",
        )
        request_decide(actor=cast.director, request=request, approve=True)
        job = copy_make(actor=cast.clerk, request=request, made=3)
    assert (job.number, job.year, job.approved_count, job.made_count, job.spoiled_count) == (1, 2026, 3, 3, 0)
    assert job.operator == cast.clerk and job.approver_repr == str(cast.director)
    assert CopyJob.objects.count() == 1
    copies = list(paper.copies.order_by("copy_number"))
    assert [c.copy_number for c in copies] == [1, 2, 3]
    for copy in copies:
        assert copy.level == Level.TOI_MAT and copy.protection_until == paper.protection_until
        assert copy.marks[0] == f"Bản sao số {copy.copy_number}" and "người cho phép" in copy.marks[1]
        assert "Sao y, 09:00 02/06/2026, số lượng 3" in copy.marks[1]  # local time, not UTC
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE and request.decided_by == cast.director
    assert actions_since(mark) == ["approvals.request.submitted", "approvals.request.approved", "lifecycle.copy.made"]
    made = AuditEvent.objects.get(action="lifecycle.copy.made")
    assert made.data["copy_numbers"] == [1, 2, 3] and made.data["copy_register"] == "1/2026"
    mark = last_seq()

    # 3. Copies 1 and 2 handed to the head of the exams division, who chairs the exam board; copy 3 is the spare.
    with clock.frozen_at(at(2026, 6, 3)):
        for copy in copies[:2]:
            handover_confirm(
                actor=cast.exams_head,
                handover=handover_create(actor=cast.clerk, carrier=copy, to_person=cast.exams_head),
            )
    handovers = list(Handover.objects.order_by("number"))
    assert [(h.number, h.year, h.carrier, h.envelope_letter, h.confirmed_by) for h in handovers] == [
        (1, 2026, copies[0], "B", cast.exams_head),
        (2, 2026, copies[1], "B", cast.exams_head),
    ]
    for copy in copies[:2]:
        copy.refresh_from_db()
        assert copy.custodian == cast.exams_head and copy.status == Status.IN_STORAGE
    assert actions_since(mark) == ["registry.handover.created", "registry.handover.confirmed"] * 2
    mark = last_seq()

    # 4. The original is taken out to the printing room and returned with a closing report.
    with clock.frozen_at(at(2026, 6, 10)):
        request = takeout_request(
            actor=cast.officer,
            carrier=paper,
            purpose="In sao đề thi cho các điểm thi",
            place="Phòng in sao đề thi, khu cách ly",
            start=clock.today(),
            due=dt.date(2026, 6, 12),
            measures="Hai cán bộ đi kèm, niêm phong, camera",
        )
        assert request.payload["abstract"] == paper.abstract and request.payload["level"] == Level.TOI_MAT
        request_decide(actor=cast.director, request=request, approve=True)
        takeout = takeout_checkout(actor=cast.clerk, request=request)
        paper.refresh_from_db()
        assert paper.status == Status.OUT_OF_STORAGE
    with clock.frozen_at(at(2026, 6, 12, 16)):
        takeout_return(actor=cast.clerk, takeout=takeout, closing_report="In đủ số lượng, không thất thoát")
    takeout = Takeout.objects.get()
    assert takeout.taken_by == cast.officer and takeout.due == dt.date(2026, 6, 12)
    assert takeout.received_back_by == cast.clerk and takeout.closing_report.startswith("In đủ")
    paper.refresh_from_db()
    assert paper.status == Status.IN_STORAGE
    assert actions_since(mark) == [
        "approvals.request.submitted",
        "approvals.request.approved",
        "lifecycle.takeout.checked_out",
        "lifecycle.takeout.returned",
    ]
    assert AuditEvent.objects.get(action="lifecycle.takeout.returned").data["late"] is False
    mark = last_seq()

    # 5. After the exam (26-27 June): the unused spare, copy 3, is destroyed by a council with minutes.
    spare = copies[2]
    with clock.frozen_at(at(2026, 7, 1)):
        council = council_set_up(
            actor=cast.clerk,
            purpose=CouncilPurpose.DESTROY,
            carriers=[spare],
            setup_decision_ref="40/QĐ-SGDĐT",
            setup_date=clock.today(),
            chair=cast.deputy,
            members=[cast.clerk, cast.officer],
        )
        council_minutes(
            actor=cast.deputy,
            council=council,
            minutes="Bản sao số 3 của đề thi không sử dụng; "
            "hội đồng thống nhất đề nghị tiêu hủy bằng máy hủy tài liệu.",
        )
        council_decide(actor=cast.director, council=council, decision_ref="41/QĐ-SGDĐT")
        destruction_record(
            actor=cast.clerk,
            council=council,
            entries=[(spare, "Nghiền nhỏ bằng máy hủy tài liệu", "Lê Thị Chi; Đỗ Thu Hà")],
        )
        for member in (cast.deputy, cast.clerk, cast.officer):
            destruction_confirm(actor=member, council=council)
    council.refresh_from_db()
    spare.refresh_from_db()
    assert spare.status == Status.DESTROYED and council.closed_at is not None
    assert (council.decision_ref, council.decided_by, council.chair) == ("41/QĐ-SGDĐT", cast.director, cast.deputy)
    assert council.minutes.startswith("Bản sao số 3")
    entry = DestructionEntry.objects.get()
    assert (entry.sequence, entry.carrier, entry.method) == (1, spare, "Nghiền nhỏ bằng máy hủy tài liệu")
    assert actions_since(mark) == [
        "lifecycle.council.set_up",
        "lifecycle.council.minutes",
        "lifecycle.council.decided",
        "lifecycle.destruction.recorded",
        "lifecycle.destruction.confirmed",
        "lifecycle.destruction.confirmed",
        "lifecycle.destruction.confirmed",
        "lifecycle.destroyed",
    ]
    destroyed = AuditEvent.objects.get(action="lifecycle.destroyed")
    assert destroyed.target_id == str(spare.pk) and destroyed.data["decision_ref"] == "41/QĐ-SGDĐT"
    assert len(destroyed.data["signed_by"]) == 3
    mark = last_seq()

    # 6. The list condition has ended: the Declassification Council, its minutes, the director's decision.
    with clock.frozen_at(at(2026, 7, 2)):
        council = council_set_up(
            actor=cast.clerk,
            purpose=CouncilPurpose.DECLASSIFY,
            carriers=[paper],
            setup_decision_ref="45/QĐ-SGDĐT",
            setup_date=clock.today(),
            chair=cast.deputy,
            members=[cast.exams_head, cast.officer],
        )
        council_minutes(
            actor=cast.deputy,
            council=council,
            minutes="Đề thi đã được công bố sau giờ thi; điều kiện của mục danh mục đã hết.",
        )
        council_decide(actor=cast.director, council=council, decision_ref="46/QĐ-SGDĐT")
    paper.refresh_from_db()
    assert paper.status == Status.DECLASSIFIED and paper.marks[-1].startswith("GIẢI MẬT – Từ: 02/07/2026")
    for copy in copies[:2]:
        copy.refresh_from_db()
        assert copy.status == Status.DECLASSIFIED
    change = LevelChange.objects.get()
    assert change.kind == LevelChange.Kind.COUNCIL and not change.partial and change.decided_by == cast.director
    notices = list(Notice.objects.filter(carrier=paper, kind=NoticeKind.DECLASSIFY).order_by("pk"))
    assert [n.recipient for n in notices] == ["Hội đồng thi tốt nghiệp THPT", str(cast.exams_head)]
    assert {n.due for n in notices} == {dt.date(2026, 7, 17)}  # within 15 days (R11)
    assert actions_since(mark) == [
        "lifecycle.council.set_up",
        "lifecycle.council.minutes",
        "lifecycle.council.decided",
        "lifecycle.declassified.by_council",
    ]
    mark = last_seq()

    # 7. The clerk records the notices as sent.
    with clock.frozen_at(at(2026, 7, 6)):
        for notice in notices:
            notice_mark_sent(actor=cast.clerk, notice=notice)
    assert actions_since(mark) == ["lifecycle.notice.sent"] * 2
    assert not Notice.objects.filter(sent_at__isnull=True).exists()

    # The whole story: one request per operation, all carried out; the chain verifies.
    assert list(Request.objects.values_list("operation", "status").order_by("pk")) == [
        ("COPY", RequestStatus.DONE),
        ("TAKEOUT", RequestStatus.DONE),
    ]
    assert Council.objects.count() == 2
    assert verify().ok
