"""Submit, decide and close requests. Lifecycle services call these inside their own transactions."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.legal.authority import approvers_described
from bmnn.org.models import Organisation, Person

from .models import Request, RequestStatus
from .policies import decision_basis


def request_submit(
    *,
    actor: Person,
    subject: Any,
    operation: str,
    level: str,
    agency: Organisation,
    reasons: str,
    payload: dict[str, Any],
) -> Request:
    """Open a request; refused if one is already open for the same subject and operation."""
    if not reasons.strip():
        raise DomainError("Phải nêu lý do đề nghị.", field="reasons")
    try:
        with transaction.atomic():
            request = Request.objects.create(
                subject_type=ContentType.objects.get_for_model(subject),
                subject_id=subject.pk,
                subject_repr=str(subject)[:300],
                level=level,
                agency=agency,
                operation=operation,
                requester=actor,
                reasons=reasons.strip(),
                payload=payload,
                created_at=clock.now(),
            )
    except IntegrityError:
        raise DomainError("Đã có một đề nghị cùng loại đang chờ xử lý cho BMNN này.") from None
    record(
        actor,
        "approvals.request.submitted",
        subject,
        basis="R12",
        data={"request_id": request.pk, "operation": operation, "reasons": request.reasons, **payload},
    )
    return request


def _decision_basis(actor: Person, request: Request) -> str:
    """The basis on which ``actor`` decides this pending request; refused otherwise (R12, S7)."""
    if request.status != RequestStatus.PENDING:
        raise DomainError(f'Đề nghị này đã ở tình trạng "{request.get_status_display()}".')
    if request.requester_id == actor.pk:
        raise PermissionDenied("Người đề nghị không được tự phê duyệt đề nghị của mình.", rule="S7")
    basis = decision_basis(
        actor, operation=request.operation, level=request.level, agency=request.agency, on=clock.today()
    )
    if basis is None:
        who = "; ".join(approvers_described(request.operation, request.level, clock.today())) or "không ai"
        raise PermissionDenied(
            f"Bạn không có thẩm quyền quyết định đề nghị này. Theo bảng thẩm quyền: {who}.", rule="R12"
        )
    return basis


def request_decide_check(actor: Person, request: Request) -> None:
    """A competent person, never the requester, decides a pending request once (R12, S7)."""
    _decision_basis(actor, request)


def request_decide(*, actor: Person, request: Request, approve: bool, reasons: str = "") -> Request:
    """Approve or refuse. Only a competent person, never the requester (S7); a refusal needs reasons (R33)."""
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request.pk)
        basis = _decision_basis(actor, request)
        if not approve and not reasons.strip():
            raise DomainError("Từ chối phải nêu rõ lý do bằng văn bản.", rule="R33", field="reasons")
        request.status = RequestStatus.APPROVED if approve else RequestStatus.REFUSED
        request.decided_by, request.decided_at = actor, clock.now()
        request.decision_basis, request.decision_reasons = basis, reasons.strip()
        request.save()
        action = "approvals.request.approved" if approve else "approvals.request.refused"
        record(
            actor,
            action,
            request.subject,
            basis="R12, R13, S7",
            data={
                "request_id": request.pk,
                "operation": request.operation,
                "basis": basis,
                "reasons": request.decision_reasons,
            },
        )
    return request


def request_close(request: Request) -> None:
    """Mark an approved request as carried out. Called inside the executing service's transaction."""
    if request.status != RequestStatus.APPROVED:
        raise DomainError("Chỉ thực hiện được khi đề nghị đã được phê duyệt.", rule="R12")
    request.status = RequestStatus.DONE
    request.save(update_fields=["status"])


def request_withdraw(*, actor: Person, request: Request) -> Request:
    """The requester withdraws a request that is not yet carried out."""
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request.pk)
        if request.requester_id != actor.pk:
            raise PermissionDenied("Chỉ người đề nghị mới được rút đề nghị.")
        if request.status not in (RequestStatus.PENDING, RequestStatus.APPROVED):
            raise DomainError("Đề nghị đã kết thúc, không rút được.")
        request.status = RequestStatus.WITHDRAWN
        request.save(update_fields=["status"])
        record(actor, "approvals.request.withdrawn", request.subject, data={"request_id": request.pk})
    return request
