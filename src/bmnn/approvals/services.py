"""Submit, decide and close requests. Lifecycle services call these inside their own transactions."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

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
        raise DomainError(_("State the reasons for the request."), field="reasons")
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
        raise DomainError(_("A request of the same kind is already pending for this state secret.")) from None
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
        raise DomainError(
            _('This request\'s status is already "{status}".').format(status=request.get_status_display())
        )
    if request.requester_id == actor.pk:
        raise PermissionDenied(_("A requester cannot approve their own request."), rule="S7")
    basis = decision_basis(
        actor, operation=request.operation, level=request.level, agency=request.agency, on=clock.today()
    )
    if basis is None:
        who = "; ".join(approvers_described(request.operation, request.level, clock.today())) or pgettext(
            "approvals", "nobody"
        )
        raise PermissionDenied(
            _("You are not competent to decide this request. By the table of competence: {who}.").format(who=who),
            rule="R12",
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
            raise DomainError(_("A refusal must state its reasons in writing."), rule="R33", field="reasons")
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
        raise DomainError(_("It can only be carried out once the request is approved."), rule="R12")
    request.status = RequestStatus.DONE
    request.save(update_fields=["status"])


def request_withdraw(*, actor: Person, request: Request) -> Request:
    """The requester withdraws a request that is not yet carried out."""
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request.pk)
        if request.requester_id != actor.pk:
            raise PermissionDenied(_("Only the requester may withdraw the request."))
        if request.status not in (RequestStatus.PENDING, RequestStatus.APPROVED):
            raise DomainError(_("The request is closed and cannot be withdrawn."))
        request.status = RequestStatus.WITHDRAWN
        request.save(update_fields=["status"])
        record(actor, "approvals.request.withdrawn", request.subject, data={"request_id": request.pk})
    return request
