"""Checks and helpers shared by the registry services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.catalog.models import SecretListItem
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level, highest
from bmnn.core.text import Message, fold
from bmnn.legal.periods import add_years, protection_years
from bmnn.org.models import Organisation, Person

from ..models import Carrier
from ..policies import is_register_keeper, may_see_level


def require_register_keeper(actor: Person, agency: Organisation) -> None:
    if not is_register_keeper(actor, agency):
        raise PermissionDenied(
            _("Only the agency's clerk (assigned to state secret work) may enter state secrets in the register."),
            rule="R38",
        )


def register_check(actor: Person, _subject: object = None) -> None:
    """Who may enter a secret in the agency's books: its register keeper (R38)."""
    agency = actor.agency() if getattr(actor, "is_authenticated", False) else None
    if agency is None:
        raise DomainError(_("The account does not belong to any agency or unit."))
    require_register_keeper(actor, agency)


ACTING = gettext_lazy("The person acting")


def require_cleared(person: Person, level: str, who: Message = ACTING) -> None:
    if not may_see_level(person, level):
        raise PermissionDenied(
            _("{who} may not access state secrets at level {level}.").format(who=who, level=Level(level).label),
            rule="S2",
        )


def require_designated(person: Person, role: Message) -> None:
    # R38: only designated staff hold custody or make copies.
    if not person.designated_for_secrets:
        raise DomainError(
            _("{role} ({person}) has not been assigned in writing to state secret protection work.").format(
                role=role, person=person
            ),
            rule="R38",
        )


def has_signed_commitment(person: Person, on: dt.date) -> bool:
    """P4: an appointment commitment signed on or before ``on``, not followed by a leaving one (R39).

    Read through the person's ``commitments`` (recorded by the safeguards app, a layer above)."""
    # A person's few commitments, in one query.
    signed = list(person.commitments.filter(signed_on__lte=on).values_list("kind", "signed_on"))
    appointed = [signed_on for kind, signed_on in signed if kind == "APPOINTMENT"]
    if not appointed:
        return False
    latest = max(appointed)
    return not any(kind == "LEAVING" and signed_on >= latest for kind, signed_on in signed)


def require_custodian(person: Person, role: Message) -> None:
    """Only designated staff (R38) who signed their commitment (P4) may become a custodian."""
    require_designated(person, role)
    if not has_signed_commitment(person, clock.today()):
        raise DomainError(
            _(
                "{role} ({person}) has not signed the state secret protection commitment and may not hold state "
                "secrets."
            ).format(role=role, person=person),
            rule="P4",
        )


def level_from_items(item_ids: Sequence[int]) -> tuple[str, list[SecretListItem]]:
    """R2, R3: at least one usable list item; the level is the highest of them."""
    items = list(SecretListItem.objects.select_related("secret_list").filter(pk__in=item_ids))
    if not items:
        raise DomainError(
            _("Choose at least one item of the state secret list as the basis for the secrecy level."),
            rule="R2",
            field="items",
        )
    unusable = [str(i) for i in items if not i.usable]
    if unusable:
        raise DomainError(
            _("List items repealed or no longer in force: {items}").format(items="; ".join(unusable)),
            rule="R2",
            field="items",
        )
    return highest(i.level for i in items) or Level.MAT, items


def check_abstract(level: str, abstract: str) -> str:
    """R18: the abstract of a TUYET_MAT item is never stored."""
    abstract = (abstract or "").strip()
    if level == Level.TUYET_MAT and abstract:
        raise DomainError(_("No abstract may be recorded for a Top Secret item."), rule="R18", field="abstract")
    return abstract


def protection_end(
    level: str, determination_date: dt.date, shorter_until: dt.date | None, kind: str
) -> tuple[dt.date | None, bool]:
    """R6: the default period from the level; a shorter one only for activities; a place has no end date: it is
    protected until the head records the end of its use."""
    default = add_years(determination_date, protection_years(level, determination_date))
    if shorter_until is None:
        return (None, False) if kind == "PLACE" else (default, False)
    if kind != "ACTIVITY":
        raise DomainError(
            _("Only an activity may have a shorter protection period."), rule="R6", field="protection_until"
        )
    if not determination_date < shorter_until <= default:
        raise DomainError(
            _("The shorter protection period must end after the determination date and no later than {date}.").format(
                date=f"{default:%d/%m/%Y}"
            ),
            rule="R6",
            field="protection_until",
        )
    return shorter_until, True


def refresh_search_text(carrier: Carrier) -> None:
    """Store the folded text of the fields people may search (never an abstract for TUYET_MAT)."""
    parts = [
        carrier.doc_number,
        carrier.doc_type,
        carrier.issuing_body,
        carrier.sender,
        carrier.recipients,
        carrier.storage_place,
        carrier.abstract if carrier.level != Level.TUYET_MAT else "",
    ]
    carrier.search_text = fold(" ".join(p for p in parts if p))
