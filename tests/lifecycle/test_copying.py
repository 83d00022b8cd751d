"""Copying under the authority table (R12, R14, R15, R16, R17, S7)."""

import pytest

from bmnn.approvals.models import RequestStatus
from bmnn.approvals.services import request_decide
from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.lifecycle.models import CopyJob
from bmnn.lifecycle.services.copying import copy_make, copy_request
from bmnn.registry.choices import CopyForm, Status
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs


@pytest.fixture
def exam_paper(cast):
    return outgoing_register(
        **outgoing_kwargs(
            cast,
            item_ids=[cast.exam_paper_item.pk],
            copy_permitted=True,
            doc_type="Đề thi",
            abstract="Đề thi chính thức môn Toán",
        )
    )


def test_three_copies_approved_by_the_director_and_made_by_the_clerk_R12_R16(cast, exam_paper):
    request = copy_request(
        actor=cast.exams_head,
        carrier=exam_paper,
        form=CopyForm.TRUE_COPY,
        count=3,
        recipients="Hội đồng thi",
        reasons="Phục vụ in sao đề thi",
    )
    request_decide(actor=cast.director, request=request, approve=True)
    job = copy_make(actor=cast.clerk, request=request, made=3, spoiled=1)
    copies = list(exam_paper.copies.order_by("copy_number"))
    assert [c.copy_number for c in copies] == [1, 2, 3]
    assert all(c.level == exam_paper.level and c.protection_until == exam_paper.protection_until for c in copies)
    assert copies[0].marks[0] == "Bản sao số 1" and "Bản sao BMNN – Sao y" in copies[0].marks[1]
    assert job.number == 1 and job.spoiled_count == 1 and CopyJob.objects.count() == 1
    request.refresh_from_db()
    assert request.status == RequestStatus.DONE
    event = AuditEvent.objects.get(action="lifecycle.copy.made")
    assert event.data["copy_numbers"] == [1, 2, 3] and event.data["spoiled_destroyed"] == 1


def test_division_head_may_not_approve_toi_mat_copies_R12(cast, exam_paper):
    request = copy_request(
        actor=cast.officer,
        carrier=exam_paper,
        form=CopyForm.TRUE_COPY,
        count=1,
        recipients="Hội đồng thi",
        reasons="In sao",
    )
    with pytest.raises(PermissionDenied) as refused:
        request_decide(actor=cast.exams_head, request=request, approve=True)
    assert refused.value.rule == "R12" and "Người đứng đầu (Sở, ban, ngành)" in refused.value.message
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_the_requester_never_approves_their_own_request_S7(cast, exam_paper):
    request = copy_request(
        actor=cast.director,
        carrier=exam_paper,
        form=CopyForm.TRUE_COPY,
        count=1,
        recipients="Hội đồng thi",
        reasons="In sao",
    )
    with pytest.raises(PermissionDenied) as refused:
        request_decide(actor=cast.director, request=request, approve=True)
    assert refused.value.rule == "S7"


def test_copying_refused_when_the_original_forbids_it_R15(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, copy_permitted=False))
    with pytest.raises(DomainError) as refused:
        copy_request(actor=cast.clerk, carrier=carrier, form=CopyForm.TRUE_COPY, count=1, recipients="X", reasons="Y")
    assert refused.value.rule == "R15"


def test_more_copies_than_approved_or_an_undesignated_operator_are_refused_R14_R16(cast, exam_paper):
    request = copy_request(
        actor=cast.exams_head,
        carrier=exam_paper,
        form=CopyForm.PHOTO,
        count=2,
        recipients="Lưu trữ",
        reasons="Lưu hồ sơ",
    )
    request_decide(actor=cast.director, request=request, approve=True)
    with pytest.raises(DomainError) as too_many:
        copy_make(actor=cast.clerk, request=request, made=3)
    assert too_many.value.rule == "R16"
    cast.officer.designated_for_secrets = False
    cast.officer.save()
    with pytest.raises(DomainError) as not_designated:
        copy_make(actor=cast.officer, request=request, made=1)
    assert not_designated.value.rule == "R38"
    assert not exam_paper.copies.exists()
    job = copy_make(actor=cast.clerk, request=request, made=2)
    assert [c.copy_number for c in exam_paper.copies.order_by("copy_number")] == [1, 2]
    assert job.form == CopyForm.PHOTO and not any(c.digitised for c in exam_paper.copies.all())


def test_a_digitisation_is_not_made_as_a_paper_copy_R17(cast, exam_paper):
    """R17: digitising is done by storing the scan in the vault (tests/vault/test_digitise.py), never as paper."""
    request = copy_request(
        actor=cast.exams_head,
        carrier=exam_paper,
        form=CopyForm.DIGITISE,
        count=1,
        recipients="Lưu trữ",
        reasons="Số hóa",
    )
    request_decide(actor=cast.director, request=request, approve=True)
    with pytest.raises(DomainError) as refused:
        copy_make(actor=cast.clerk, request=request, made=1)
    assert refused.value.rule == "R17"
    assert not exam_paper.copies.exists() and not CopyJob.objects.exists()


def test_one_open_request_per_subject_and_operation(cast, exam_paper):
    copy_request(
        actor=cast.exams_head, carrier=exam_paper, form=CopyForm.TRUE_COPY, count=1, recipients="A", reasons="B"
    )
    with pytest.raises(DomainError, match="đang chờ xử lý"):
        copy_request(
            actor=cast.officer, carrier=exam_paper, form=CopyForm.TRUE_COPY, count=1, recipients="A", reasons="B"
        )


def test_a_copy_of_a_copy_counts_against_the_original_and_destroyed_items_are_locked(cast, exam_paper):
    request = copy_request(
        actor=cast.exams_head, carrier=exam_paper, form=CopyForm.TRUE_COPY, count=1, recipients="A", reasons="B"
    )
    request_decide(actor=cast.director, request=request, approve=True)
    copy_make(actor=cast.clerk, request=request, made=1)
    copy = exam_paper.copies.get()
    second = copy_request(
        actor=cast.exams_head, carrier=copy, form=CopyForm.TRUE_COPY, count=1, recipients="A", reasons="B"
    )
    assert second.subject_id == exam_paper.pk
    exam_paper.status = Status.DESTROYED
    exam_paper.save()
    second.status = RequestStatus.WITHDRAWN
    second.save()
    with pytest.raises(DomainError, match="đã bị tiêu hủy"):
        copy_request(
            actor=cast.exams_head, carrier=exam_paper, form=CopyForm.TRUE_COPY, count=1, recipients="A", reasons="B"
        )
