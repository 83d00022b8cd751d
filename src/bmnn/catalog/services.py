"""Lists of state secrets change only by decision: repealing a list or an item is requested, and the head
decides (R2, S7). Every change is an audit event with its old and new values (S3)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.roles import Position

from .models import ListStatus, RepealRequest, RepealStatus, SecretList, SecretListItem

BASIS = "R2, S7"


def _changes(request: RepealRequest) -> dict[str, dict[str, Any]]:
    if request.item is not None:
        return {"repealed": {"old": request.item.repealed, "new": True}}
    return {"status": {"old": request.secret_list.status, "new": request.new_status}}


def repeal_request_submit(
    *, actor: Any, secret_list: SecretList, item: SecretListItem | None = None, new_status: str = "", reasons: str = ""
) -> RepealRequest:
    """Ask to record that ``item`` (or the whole list: ``new_status``) no longer applies; nothing changes yet."""
    with transaction.atomic():
        secret_list = SecretList.objects.select_for_update().get(pk=secret_list.pk)
        pending = RepealRequest.objects.filter(secret_list=secret_list, status=RepealStatus.PENDING)
        if item is not None:
            item = SecretListItem.objects.select_for_update().get(pk=item.pk)
            if item.secret_list_id != secret_list.pk:
                raise DomainError(_("The item does not belong to this list."))
            if item.repealed:
                raise DomainError(_("This item has already been repealed."))
            new_status, pending = "", pending.filter(item=item)
        else:
            if new_status not in (ListStatus.REPEALED, ListStatus.SUPERSEDED) or new_status == secret_list.status:
                raise DomainError(_("Invalid new list status."), field="new_status")
            pending = pending.filter(item__isnull=True)
        if pending.exists():
            raise DomainError(_("Such a repeal request is already awaiting decision."))
        request = RepealRequest.objects.create(
            secret_list=secret_list,
            item=item,
            new_status=new_status,
            reasons=reasons.strip(),
            requester=actor,
            requested_at=clock.now(),
        )
        record(
            actor,
            "catalog.repeal.requested",
            item or secret_list,
            basis=BASIS,
            data={"request_id": request.pk, "reasons": request.reasons, "changes": _changes(request)},
        )
    return request


def repeal_decide_check(actor: Any, request: RepealRequest) -> None:
    """Pending; decided by a head of an agency, never by the requester (S7)."""
    if request.status != RepealStatus.PENDING:
        raise DomainError(_('This request is already "{status}".').format(status=request.get_status_display()))
    if actor.pk == request.requester_id:
        raise PermissionDenied(_("The requester may not decide their own request."), rule="S7")
    if not actor.is_active or actor.position != Position.HEAD:
        raise PermissionDenied(_("Only the head of the agency decides the repeal of a state secret list."), rule="R2")


def _locked(request: RepealRequest) -> RepealRequest:
    return (
        RepealRequest.objects.select_for_update(of=("self",)).select_related("secret_list", "item").get(pk=request.pk)
    )


def repeal_request_approve(*, actor: Any, request: RepealRequest, reasons: str = "") -> RepealRequest:
    """The head approves: the item is repealed (or the list's status changed) now."""
    with transaction.atomic():
        request = _locked(request)
        repeal_decide_check(actor, request)
        changes = _changes(request)
        if request.item is not None:
            request.item.repealed = True
            request.item.save(update_fields=["repealed"])
        else:
            request.secret_list.status = request.new_status
            request.secret_list.save(update_fields=["status"])
        request.status, request.decided_by, request.decided_at = RepealStatus.APPROVED, actor, clock.now()
        request.decision_reasons = reasons.strip()
        request.save(update_fields=["status", "decided_by", "decided_at", "decision_reasons"])
        record(
            actor,
            "catalog.repeal.approved",
            request.item or request.secret_list,
            basis=BASIS,
            data={
                "request_id": request.pk,
                "requester_id": request.requester_id,
                "reasons": request.decision_reasons,
                "changes": changes,
            },
        )
        # The list itself changed (R9, R48): the change as an event of the list, whoever decided it.
        record(
            actor,
            "catalog.list.changed",
            request.secret_list,
            basis="R9, R48",
            data={
                "list": request.secret_list.decision_number,
                "item": str(request.item or ""),
                "changes": changes,
                "request_id": request.pk,
            },
        )
    return request


def repeal_request_refuse(*, actor: Any, request: RepealRequest, reasons: str) -> RepealRequest:
    with transaction.atomic():
        request = _locked(request)
        repeal_decide_check(actor, request)
        if not reasons.strip():
            raise DomainError(_("A refusal must state the reasons."), field="reasons")
        request.status, request.decided_by, request.decided_at = RepealStatus.REFUSED, actor, clock.now()
        request.decision_reasons = reasons.strip()
        request.save(update_fields=["status", "decided_by", "decided_at", "decision_reasons"])
        record(
            actor,
            "catalog.repeal.refused",
            request.item or request.secret_list,
            basis=BASIS,
            data={"request_id": request.pk, "reasons": request.decision_reasons},
        )
    return request
