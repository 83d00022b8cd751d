"""When a list of state secrets changes: no declassification without a person (R9, R48).

A repealed item (or a repealed list) does not declassify anything by itself: the deadline job proposes each
record citing only repealed items to the head of its holding agency, who confirms the declassification or
keeps the record protected under another item, with the reason. A superseded list is not a repealed one: the
clerk maps each of its items to the matching item of the replacement list, and the records citing it are
re-cited under that item, still protected.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.catalog.models import ListStatus, SecretListItem
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.limits import TEXT_MAX
from bmnn.org.models import Person, Position
from bmnn.registry.guards import guard
from bmnn.registry.models import Carrier
from bmnn.registry.policies import is_register_keeper

from ..models import DelistingReview, LevelChange, NoticeKind
from ..selectors import LIVE
from .common import add_mark, head_of, open_notices
from .protection import mark_declassified

BASIS = "R9, R48"


def repealed_items() -> QuerySet[SecretListItem]:
    """Items no longer in any list: repealed themselves, or in a repealed list (R9)."""
    return SecretListItem.objects.filter(Q(repealed=True) | Q(secret_list__status=ListStatus.REPEALED))


def still_protecting() -> QuerySet[SecretListItem]:
    """Items that still protect what cites them: in force, or in a superseded list not yet mapped (R2, R48)."""
    return SecretListItem.objects.filter(repealed=False).exclude(secret_list__status=ListStatus.REPEALED)


def records_to_propose() -> QuerySet[Carrier]:
    """Live originals citing only repealed items, without a proposal waiting for the head (R48)."""
    protecting = still_protecting().filter(carriers=OuterRef("pk"))
    waiting = DelistingReview.objects.filter(carrier=OuterRef("pk"), status=DelistingReview.Status.PENDING)
    return (
        Carrier.objects.filter(original__isnull=True, status__in=LIVE, items__in=repealed_items())
        .exclude(Exists(protecting))
        .exclude(Exists(waiting))
        .distinct()
    )


def delisting_propose(*, carrier: Carrier) -> DelistingReview:
    """Propose one record to the head of its holding agency; the system changes nothing else (R48)."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        head = head_of(carrier.agency)
        items = [str(i) for i in carrier.items.filter(pk__in=repealed_items()).order_by("pk")]
        review = DelistingReview.objects.create(
            carrier=carrier,
            agency=carrier.agency,
            head=head,
            repealed_items="; ".join(items)[:TEXT_MAX],
            proposed_at=clock.now(),
        )
        record(
            None,
            "lifecycle.delisting.proposed",
            carrier,
            basis=BASIS,
            data={"review_id": review.pk, "head": str(head or ""), "items": items},
        )
    return review


def delisting_review_check(actor: Person, review: DelistingReview) -> None:
    """Only the head of the agency holding the record decides, and only a proposal still waiting (R48)."""
    if review.status != DelistingReview.Status.PENDING:
        raise DomainError(
            _("This proposal is already decided: {status}.").format(status=review.get_status_display().lower()),
            rule="R48",
        )
    if not actor.is_active or actor.position != Position.HEAD or actor.organisation_id != review.agency_id:
        raise PermissionDenied(
            _(
                "Only the head of the agency holding the state secret decides its declassification "
                "when a list item is repealed."
            ),
            rule="R48",
        )


def _locked(review: DelistingReview) -> tuple[DelistingReview, Carrier]:
    review = DelistingReview.objects.select_for_update().get(pk=review.pk)
    return review, Carrier.objects.select_for_update().get(pk=review.carrier_id)


def _decided(review: DelistingReview, actor: Person, status: str, reasons: str) -> None:
    review.status, review.decided_by, review.decided_at = status, actor, clock.now()
    review.reasons = reasons.strip()
    review.save(update_fields=["status", "decided_by", "decided_at", "reasons", "new_item"])


def delisting_confirm(*, actor: Person, review: DelistingReview, reasons: str = "") -> LevelChange:
    """The head confirms: the record is declassified, stamped, and its notices are due today (R9, R48)."""
    with transaction.atomic():
        review, carrier = _locked(review)
        delisting_review_check(actor, review)
        guard(carrier, "declassify")
        if carrier.items.filter(pk__in=still_protecting()).exists():
            raise DomainError(
                _("This state secret still has a list basis in force; it is not declassified."), rule="R48"
            )
        change = LevelChange.objects.create(
            carrier=carrier,
            kind=LevelChange.Kind.AUTO_DELISTED,
            old_level=carrier.level,
            old_until=carrier.protection_until,
            decided_by=actor,
            decided_at=clock.now(),
            basis=BASIS,
        )
        mark_declassified(carrier, f"GIẢI MẬT ({change.get_kind_display().lower()})")
        # R9: the written notice is due immediately.
        notices = open_notices(
            carrier,
            NoticeKind.DECLASSIFY,
            f"{carrier} đã được giải mật: {change.get_kind_display().lower()}.",
            due=clock.today(),
        )
        _decided(review, actor, DelistingReview.Status.DECLASSIFIED, reasons)
        record(
            actor,
            "lifecycle.delisting.confirmed",
            carrier,
            basis=BASIS,
            also=carrier.copies.all(),
            data={
                "review_id": review.pk,
                "head": str(actor),
                "items": review.repealed_items,
                "reasons": review.reasons,
                "notices": [n.recipient for n in notices],
            },
        )
    return change


def delisting_keep(*, actor: Person, review: DelistingReview, item: SecretListItem, reasons: str) -> Carrier:
    """The head keeps the record protected under another item in force, with the reason (R48, R2)."""
    with transaction.atomic():
        review, carrier = _locked(review)
        delisting_review_check(actor, review)
        if not reasons.strip():
            raise DomainError(_("Write the reasons for keeping the protection."), rule="R48", field="reasons")
        if not item.usable:
            raise DomainError(_("The chosen item is no longer in force."), rule="R2", field="item")
        if item.level != carrier.level:  # R10: a change of level is a re-grade, with its own decision
            raise DomainError(
                _("The chosen item must have the state secret's level; a change of level goes through regrading."),
                rule="R10",
                field="item",
            )
        old = [str(i) for i in carrier.items.order_by("pk")]
        carrier.items.remove(*carrier.items.filter(pk__in=repealed_items()))
        carrier.items.add(item)
        add_mark(carrier, f"Tiếp tục bảo vệ theo {item}")
        carrier.save(update_fields=["marks"])
        review.new_item = item
        _decided(review, actor, DelistingReview.Status.KEPT, reasons)
        record(
            actor,
            "lifecycle.delisting.kept",
            carrier,
            basis=BASIS,
            data={
                "review_id": review.pk,
                "head": str(actor),
                "old_items": old,
                "new_item": str(item),
                "reasons": review.reasons,
            },
        )
    return carrier


def item_map_check(actor: Person, item: SecretListItem) -> None:
    """A clerk maps an item of a superseded list, not yet mapped, to its replacement (R48)."""
    agency = actor.agency() if actor.is_authenticated else None
    if agency is None or not is_register_keeper(actor, agency):
        raise PermissionDenied(_("Only a clerk maps an old list item to the replacing list."), rule="R48")
    if item.secret_list.status != ListStatus.SUPERSEDED or item.repealed:
        raise DomainError(_("Only items of a replaced list are mapped."), rule="R48")
    if item.replaced_by_id is not None:
        raise DomainError(_("This item is already mapped to {item}.").format(item=item.replaced_by), rule="R48")


def item_map(*, actor: Person, item: SecretListItem, new_item: SecretListItem, reasons: str = "") -> SecretListItem:
    """Map an item of a superseded list to the matching item of its replacement; every live record citing it
    is re-cited under the new item and stays protected (R48, R2)."""
    with transaction.atomic():
        item = SecretListItem.objects.select_for_update().select_related("secret_list").get(pk=item.pk)
        item_map_check(actor, item)
        if not new_item.usable or new_item.secret_list_id == item.secret_list_id:
            raise DomainError(
                _("The corresponding item must belong to the replacing list in force."), rule="R48", field="new_item"
            )
        if new_item.level != item.level:  # R10: a change of level is a re-grade, with its own decision
            raise DomainError(
                _("The corresponding item must have the same level; a change of level goes through regrading."),
                rule="R10",
                field="new_item",
            )
        item.replaced_by, item.mapped_by, item.mapped_at = new_item, actor, clock.now()
        item.save(update_fields=["replaced_by", "mapped_by", "mapped_at"])
        carriers = list(Carrier.objects.filter(items=item, status__in=LIVE).order_by("pk"))
        for carrier in carriers:
            carrier.items.remove(item)
            carrier.items.add(new_item)
        record(
            actor,
            "catalog.item.mapped",
            item,
            basis="R48",
            data={
                "old_item": str(item),
                "new_item": str(new_item),
                "reasons": reasons.strip(),
                "records": [c.pk for c in carriers],
            },
            also=carriers,
        )
    return item
