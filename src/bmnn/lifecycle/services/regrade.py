"""Re-grade a secret up or down, grounded on the list (R10)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.approvals.models import Request
from bmnn.approvals.services import request_submit
from bmnn.audit.chain import record
from bmnn.catalog.models import SecretListItem
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level, highest
from bmnn.core.roles import Operation
from bmnn.legal.deadlines import protection_expiry
from bmnn.org.models import Person
from bmnn.registry.choices import Direction, Status
from bmnn.registry.guards import guard
from bmnn.registry.models import Carrier
from bmnn.registry.services.common import level_from_items, refresh_search_text

from ..models import LevelChange, NoticeKind
from .common import add_mark, approved, approved_check, close, open_notices, require_custodian_or_keeper


def regrade_request(*, actor: Person, carrier: Carrier, item_ids: Sequence[int], reasons: str) -> Request:
    """Ask the classifying agency's head to set the level the chosen list items give (R10)."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        new_level, items = _check_regrade(carrier, item_ids)
        # The decider must be competent for the higher of the two levels.
        return request_submit(
            actor=actor,
            subject=carrier,
            operation=Operation.REGRADE,
            agency=carrier.agency,
            reasons=reasons,
            level=highest([carrier.level, new_level]) or carrier.level,
            payload={
                "old_level": carrier.level,
                "new_level": new_level,
                "item_ids": [i.pk for i in items],
                "items": [str(i) for i in items],
            },
        )


def regrade_request_check(actor: Person | None, carrier: Carrier) -> None:
    """Only the classifying agency re-grades an original (R10)."""
    guard(carrier, "regrade")
    if carrier.original_id:
        raise DomainError(_("A regrading applies to the original; copies follow the original's level."), rule="R10")
    if carrier.direction != Direction.OUTGOING:
        # Law 117/2025 art. 21: whoever may determine the level adjusts it, i.e. the classifying agency.
        raise DomainError(
            _("Only the classifying agency ({agency}) may adjust the level of this state secret.").format(
                agency=carrier.issuing_body or carrier.sender
            ),
            rule="R10",
        )


def _check_regrade(carrier: Carrier, item_ids: Sequence[int]) -> tuple[str, list[SecretListItem]]:
    regrade_request_check(None, carrier)
    new_level, items = level_from_items(item_ids)  # R2, R3: grounded on the list, highest item wins
    if new_level == carrier.level:
        raise DomainError(
            _("The chosen list items give the level {level}, the same as the current level; nothing to adjust.").format(
                level=Level(new_level).label
            ),
            rule="R10",
            field="items",
        )
    return new_level, items


def regrade_apply_check(actor: Person, request: Request) -> tuple[str, list[SecretListItem]]:
    """The custodian or the clerk stamps an approved re-grade whose list basis still holds (R10)."""
    carrier = approved_check(request, Operation.REGRADE)
    require_custodian_or_keeper(actor, carrier, _("Only the manager or a clerk may stamp the regrading."), "R10")
    new_level, items = _check_regrade(carrier, request.payload["item_ids"])
    if new_level != request.payload["new_level"]:
        raise DomainError(_("The list basis changed after the approval; request again."), rule="R10")
    return new_level, items


def regrade_apply(*, actor: Person, request: Request) -> LevelChange:
    """Apply an approved re-grade: level, list basis, adjustment mark on the original and its copies, notices."""
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request.pk)
        carrier = approved(request, Operation.REGRADE)
        new_level, items = regrade_apply_check(actor, request)
        old_level, old_until = carrier.level, carrier.protection_until
        new_until = _new_protection_end(carrier, new_level)
        today = clock.today()
        change = LevelChange.objects.create(
            carrier=carrier,
            kind=LevelChange.Kind.REGRADE,
            request=request,
            old_level=old_level,
            new_level=new_level,
            old_until=old_until,
            new_until=new_until,
            decided_by=request.decided_by,
            decided_at=request.decided_at or clock.now(),
            basis="R10; " + "; ".join(str(i) for i in items),
        )
        mark = f"Điều chỉnh độ mật từ {Level(old_level).label} thành {Level(new_level).label} ngày {today:%d/%m/%Y}"
        for target in [carrier, *carrier.copies.exclude(status=Status.DESTROYED)]:
            _regrade_one(target, new_level, new_until, mark, items)
        notices = open_notices(
            carrier, NoticeKind.REGRADE, f"{mark}: {carrier}. Đề nghị đóng dấu điều chỉnh độ mật trên bản đang quản lý."
        )
        close(request)
        record(
            actor,
            "lifecycle.regraded",
            carrier,
            basis="R10",
            data={
                "old_level": old_level,
                "new_level": new_level,
                "items": [str(i) for i in items],
                "old_until": old_until.isoformat() if old_until else "",
                "new_until": new_until.isoformat() if new_until else "",
                "decided_by": str(request.decided_by),
                "decision_basis": request.decision_basis,
                "request_id": request.pk,
                "notices": [n.recipient for n in notices],
                "notice_due": notices[0].due.isoformat() if notices else "",
            },
        )
    return change


def _new_protection_end(carrier: Carrier, new_level: str) -> dt.date | None:
    """R6: the period follows the new level from the determination date, unless shorter or already extended."""
    if carrier.shorter_period or carrier.extensions or carrier.determination_date is None:
        return carrier.protection_until
    return protection_expiry(new_level, carrier.determination_date)


def _regrade_one(carrier: Carrier, level: str, until: dt.date | None, mark: str, items: list[SecretListItem]) -> None:
    carrier.level, carrier.protection_until = level, until
    if level == Level.TUYET_MAT:
        carrier.abstract = ""  # R18: a TUYET_MAT abstract is never stored
    add_mark(carrier, mark)
    refresh_search_text(carrier)
    carrier.save(update_fields=["level", "protection_until", "abstract", "marks", "search_text"])
    carrier.items.set(items)
