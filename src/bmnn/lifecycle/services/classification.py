"""Information that falls under the list but arrives without a secrecy mark (R5)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.org.models import Person
from bmnn.registry.models import Carrier
from bmnn.registry.policies import is_register_keeper
from bmnn.registry.services import incoming_receive
from bmnn.registry.services.assign import carrier_assign
from bmnn.registry.services.common import check_abstract, level_from_items, protection_end, require_designated
from bmnn.registry.services.outgoing import decision_basis

from ..models import Reminder
from .common import add_mark


def classification_pending(
    *,
    actor: Person,
    sender: str,
    doc_number: str,
    doc_type: str,
    abstract: str,
    item_ids: Sequence[int],
    handler: Person,
    storage_place: str = "",
) -> Carrier:
    """Register unmarked information that a list item covers, protected at that item's level meanwhile,
    and give the assigned handler a "pending classification" task (R5)."""
    with transaction.atomic():
        level, items = level_from_items(item_ids)  # R5 with R2, R3: the list decides the protection level
        require_designated(handler, "Người được giao xác định độ mật")
        if not abstract.strip() and level != Level.TUYET_MAT:
            raise DomainError(
                _("Write a summary of the information whose level is to be decided."), rule="R5", field="abstract"
            )
        carrier = incoming_receive(
            actor=actor,
            sender=sender,
            doc_number=doc_number,
            level=level,
            doc_type=doc_type,
            abstract=abstract,
            item_ids=[i.pk for i in items],
            storage_place=storage_place,
        )
        carrier_assign(actor=actor, carrier=carrier, person=handler)
        add_mark(carrier, f"Chờ xác định độ mật – bảo vệ như BMNN độ {Level(level).label}")
        carrier.save(update_fields=["marks"])
        Reminder.objects.create(
            key=f"classify:{carrier.pk}",
            person=handler,
            carrier=carrier,
            due=clock.today(),
            created_at=clock.now(),
            text=f"Xác định độ mật thông tin nhận từ {sender.strip()}: {carrier.doc_number}"[:300],
        )
        record(
            actor,
            "lifecycle.classification.pending",
            carrier,
            basis="R5",
            data={"handler": str(handler), "level": level, "items": [str(i) for i in items], "sender": carrier.sender},
        )
    return carrier


def _open_task(carrier: Carrier) -> Reminder | None:
    return Reminder.objects.filter(key=f"classify:{carrier.pk}", done_at__isnull=True).first()


def classification_decide_check(actor: Person, carrier: Carrier) -> None:
    """The assigned handler, or the agency's clerk, records the decision of a pending classification (R5)."""
    task = _open_task(carrier)
    if task is None:
        raise DomainError(_("This state secret has no pending level decision."), rule="R5")
    if actor.pk != task.person_id and not is_register_keeper(actor, carrier.agency):
        raise PermissionDenied(
            _("Only the person assigned to decide the level or a clerk may record the decision."), rule="R5"
        )


def classification_decide(
    *, actor: Person, carrier: Carrier, item_ids: Sequence[int], decision_maker: Person, decision_ref: str
) -> Carrier:
    """Record the competent person's decision on information held pending classification: its level from the
    list items, the decider and their basis, the protection period from today; the task closes (R5, R2, R4, R6)."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        classification_decide_check(actor, carrier)
        level, items = level_from_items(item_ids)  # R2, R3
        if not decision_ref.strip():
            raise DomainError(_("Write the number of the level decision document."), rule="R5", field="decision_ref")
        today, now = clock.today(), clock.now()
        basis = decision_basis(decision_maker, carrier.agency, level, today)  # R4, R13
        old_level = carrier.level
        carrier.level, carrier.decision_maker, carrier.decision_basis = level, decision_maker, basis
        carrier.determination_date = today
        carrier.protection_until, carrier.shorter_period = protection_end(level, today, None, carrier.kind)  # R6
        carrier.abstract = check_abstract(level, carrier.abstract) if level != Level.TUYET_MAT else ""  # R18
        add_mark(carrier, f"Đã xác định độ mật: {Level(level).label} (văn bản số {decision_ref.strip()})")
        carrier.save()
        carrier.items.set(items)
        Reminder.objects.filter(key=f"classify:{carrier.pk}", done_at__isnull=True).update(done_at=now)
        record(
            actor,
            "lifecycle.classification.decided",
            carrier,
            basis="R5",
            data={
                "old_level": old_level,
                "level": level,
                "items": [str(i) for i in items],
                "decision_maker": str(decision_maker),
                "decision_basis": basis,
                "decision_ref": decision_ref.strip(),
                "protection_until": carrier.protection_until.isoformat() if carrier.protection_until else "",
            },
        )
    return carrier
