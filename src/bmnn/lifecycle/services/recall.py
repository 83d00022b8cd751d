"""Recall a secret: every holder's copy carries a return-by date until it is returned (R26)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.roles import Position
from bmnn.org.models import Person
from bmnn.registry.guards import ALLOWED, guard
from bmnn.registry.models import Carrier
from bmnn.registry.policies import is_register_keeper

from ..models import DestructionEntry, Recall, RecallItem, Reminder
from .common import add_mark


def _holders(root: Carrier) -> QuerySet[Carrier]:
    """The copies a recall reaches besides the original."""
    return Carrier.objects.filter(original=root, status__in=ALLOWED["recall"][1]).order_by("copy_number")


def recall_issue_check(actor: Person, carrier: Carrier) -> None:
    """The head or the clerk of the holding agency recalls a live original and its copies, once at a time (R26)."""
    root = carrier.root
    guard(carrier, "recall")  # R36: nothing is done from a destroyed copy's record
    guard(root, "recall")
    if not (
        is_register_keeper(actor, root.agency)
        or (actor.organisation_id == root.agency_id and actor.position == Position.HEAD)
    ):
        raise PermissionDenied(_("Only the managing agency's head or clerk may recall a state secret."), rule="R26")
    if root.recalls.filter(closed_at__isnull=True).exists():
        raise DomainError(_("This state secret has a recall still open."), rule="R26")
    holders = [root.pk, *_holders(root).values_list("pk", flat=True)]
    if DestructionEntry.objects.filter(carrier__in=holders, council__closed_at__isnull=True).exists():
        raise DomainError(
            _("Cannot recall: the state secret is in a destruction record awaiting confirmation."), rule="R26"
        )


def recall_issue(*, actor: Person, carrier: Carrier, return_by: dt.date, reason: str) -> Recall:
    """Recall the original and every copy, stamping each "Tài liệu thu hồi" with the return-by date (R26)."""
    with transaction.atomic():
        root = Carrier.objects.select_for_update().get(pk=carrier.root.pk)
        holders = [root, *_holders(root).select_for_update()]
        recall_issue_check(actor, root)
        if return_by <= clock.today():
            raise DomainError(
                _("The return date of a recalled document must be after today."), rule="R26", field="return_by"
            )
        if not reason.strip():
            raise DomainError(_("Write the reasons for the recall."), rule="R26", field="reason")
        recall = Recall.objects.create(
            carrier=root, return_by=return_by, issued_by=actor, issued_at=clock.now(), reason=reason.strip()
        )
        mark = f"Tài liệu thu hồi – trả trước ngày {return_by:%d/%m/%Y}"
        items = []
        for held in holders:
            items.append(RecallItem.objects.create(recall=recall, carrier=held, holder=held.custodian))
            add_mark(held, mark)
            held.save(update_fields=["marks"])
        record(
            actor,
            "lifecycle.recall.issued",
            root,
            basis="R26",
            data={
                "recall_id": recall.pk,
                "return_by": return_by.isoformat(),
                "reason": recall.reason,
                "items": [{"carrier": str(i.carrier), "holder": str(i.holder or "")} for i in items],
            },
        )
    return recall


def recall_confirm_return_check(actor: Person, item: RecallItem) -> None:
    """The clerk, the original's custodian or the issuer confirms a copy not yet back (R26)."""
    recall = Recall.objects.select_related("carrier").get(pk=item.recall_id)
    original = recall.carrier
    if not (is_register_keeper(actor, original.agency) or actor.pk in (original.custodian_id, recall.issued_by_id)):
        raise PermissionDenied(
            _("Only a clerk or the original's manager may confirm that a recalled document came back."), rule="R26"
        )
    if recall.closed_at is not None or item.returned_at is not None:
        raise DomainError(_("This document is already confirmed as returned."), rule="R26")


def recall_confirm_return(*, actor: Person, item: RecallItem) -> RecallItem:
    """The register keeper or the original's custodian confirms one return; the last one closes the recall."""
    with transaction.atomic():
        item = RecallItem.objects.select_for_update().select_related("carrier").get(pk=item.pk)
        recall = Recall.objects.select_for_update().select_related("carrier").get(pk=item.recall_id)
        recall_confirm_return_check(actor, item)
        now = clock.now()
        item.returned_at, item.confirmed_by = now, actor
        item.save(update_fields=["returned_at", "confirmed_by"])
        Reminder.objects.filter(key=f"recall:{item.pk}", done_at__isnull=True).update(done_at=now)
        if not recall.items.filter(returned_at__isnull=True).exists():
            recall.closed_at = now
            recall.save(update_fields=["closed_at"])
        record(
            actor,
            "lifecycle.recall.returned",
            item.carrier,
            basis="R26",
            data={
                "recall_id": recall.pk,
                "holder": str(item.holder or ""),
                "return_by": recall.return_by.isoformat(),
                "late": clock.today() > recall.return_by,
                "recall_closed": recall.closed_at is not None,
            },
        )
    return item
