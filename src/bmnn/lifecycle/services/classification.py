"""Information that falls under the list but arrives without a secrecy mark (R5)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.org.models import Person
from bmnn.registry.models import Carrier
from bmnn.registry.services import incoming_receive
from bmnn.registry.services.assign import carrier_assign
from bmnn.registry.services.common import level_from_items, require_designated

from ..models import Reminder
from .common import add_mark


def classification_pending(*, actor: Person, sender: str, doc_number: str, doc_type: str, abstract: str,
                           item_ids: Sequence[int], handler: Person, storage_place: str = "") -> Carrier:
    """Register unmarked information that a list item covers, protected at that item's level meanwhile,
    and give the assigned handler a "pending classification" task (R5)."""
    with transaction.atomic():
        level, items = level_from_items(item_ids)  # R5 with R2, R3: the list decides the protection level
        require_designated(handler, "Người được giao xác định độ mật")
        if not abstract.strip() and level != Level.TUYET_MAT:
            raise DomainError("Phải ghi trích yếu nội dung thông tin cần xác định độ mật.", rule="R5",
                              field="abstract")
        carrier = incoming_receive(actor=actor, sender=sender, doc_number=doc_number, level=level,
                                   doc_type=doc_type, abstract=abstract, item_ids=[i.pk for i in items],
                                   storage_place=storage_place)
        carrier_assign(actor=actor, carrier=carrier, person=handler)
        add_mark(carrier, f"Chờ xác định độ mật – bảo vệ như BMNN độ {Level(level).label}")
        carrier.save(update_fields=["marks"])
        Reminder.objects.create(
            key=f"classify:{carrier.pk}", person=handler, carrier=carrier, due=clock.today(), created_at=clock.now(),
            text=f"Xác định độ mật thông tin nhận từ {sender.strip()}: {carrier.doc_number}"[:300])
        record(actor, "lifecycle.classification.pending", carrier, basis="R5",
               data={"handler": str(handler), "level": level, "items": [str(i) for i in items],
                     "sender": carrier.sender})
    return carrier
