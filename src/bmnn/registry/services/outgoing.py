"""Classify and register an outgoing secret drafted here (R2, R3, R4, R6, R18, R19, S4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import highest
from bmnn.org.authority import valid_delegation
from bmnn.org.models import Operation, Organisation, Person, Position
from bmnn.org.signing import require_signer

from ..choices import CarrierKind, Direction, Medium, SeriesKind, Status, Urgency
from ..models import Carrier
from ..policies import visible_carriers
from .common import (
    check_abstract,
    level_from_items,
    protection_end,
    refresh_search_text,
    require_cleared,
    require_custodian,
    require_register_keeper,
)
from .numbering import take_number


def decision_basis(decision_maker: Person, agency: Organisation, level: str, on: dt.date) -> str:
    """R4: the head of the agency, or a deputy holding a valid written delegation (R13)."""
    if decision_maker.organisation_id != agency.pk:
        raise DomainError(
            _("The person deciding the secrecy level must be a leader of the issuing agency."),
            rule="R4",
            field="decision_maker",
        )
    if decision_maker.position == Position.HEAD:
        return f"Người đứng đầu: {decision_maker.title or decision_maker.get_position_display()}"
    if decision_maker.position != Position.DEPUTY_HEAD:
        raise DomainError(
            _("Only the head or a deputy holding a delegation may decide the secrecy level."),
            rule="R4",
            field="decision_maker",
        )
    delegation = valid_delegation(decision_maker, Operation.CLASSIFY, level, on)
    if delegation is None:
        raise DomainError(
            _(
                "A deputy may decide the secrecy level only with a valid written delegation covering this action and "
                "level."
            ),
            rule="R13",
            field="decision_maker",
        )
    return f"Cấp phó theo ủy quyền số {delegation.document_ref}"


def outgoing_register(
    *,
    actor: Person,
    item_ids: Sequence[int],
    doc_type: str,
    symbol: str,
    abstract: str,
    drafter: Person,
    decision_maker: Person,
    recipients: str,
    copies_issued: int,
    copy_permitted: bool,
    custodian: Person,
    storage_place: str,
    kind: str = CarrierKind.DOCUMENT,
    medium: str = Medium.PAPER,
    doc_date: dt.date | None = None,
    circulation_scope: str = "",
    urgency: str = Urgency.NORMAL,
    determination_date: dt.date | None = None,
    shorter_protection_until: dt.date | None = None,
    source_ids: Sequence[int] = (),
    signer: Person | None = None,
) -> Carrier:
    """Classify a secret drafted in the actor's agency and enter it in the outgoing register.

    The number comes from the agency's separate secret series for the current year and
    is taken last, so a refused registration consumes no number (R19, S4). The signer (the decision-maker
    unless another is named) must be in the agency's signing-authority table for the level on the document's
    date (R47), and is recorded on the record (R4).
    """
    agency = actor.agency()
    if agency is None:
        raise DomainError(_("The account does not belong to any agency or unit."))
    today = clock.today()
    with transaction.atomic():
        require_register_keeper(actor, agency)
        level, items = level_from_items(item_ids)  # R2, R3
        sources = _sources(actor, agency, source_ids)
        level = highest([level, *(s.level for s in sources if s.status != Status.DECLASSIFIED)]) or level  # R3
        require_cleared(actor, level)
        require_cleared(custodian, level, _("The custodian"))
        require_custodian(custodian, _("The custodian"))  # R38, P4
        abstract = check_abstract(level, abstract)  # R18
        determination_date = determination_date or today
        basis = decision_basis(decision_maker, agency, level, determination_date)  # R4
        signer = signer or decision_maker
        require_signer(signer, agency, level, doc_date or today)  # R47: issuing blocked otherwise
        until, shorter = protection_end(level, determination_date, shorter_protection_until, kind)  # R6
        if copies_issued < 1:
            raise DomainError(_("The number of copies issued must be at least 1."), rule="R4", field="copies_issued")
        if not recipients.strip():
            raise DomainError(_("Record the recipients."), rule="R4", field="recipients")
        symbol = symbol.strip().strip("/")
        if not symbol:
            raise DomainError(_("Record the document code (for example KH-SGDDT)."), rule="R19", field="symbol")
        number = take_number(agency, SeriesKind.OUTGOING, today.year)  # R19, S4: taken last
        carrier = Carrier(
            agency=agency,
            direction=Direction.OUTGOING,
            kind=kind,
            medium=medium,
            reg_year=today.year,
            reg_number=number,
            doc_number=f"{number}/{symbol}",
            doc_date=doc_date or today,
            issuing_body=agency.name,
            doc_type=doc_type.strip(),
            abstract=abstract,
            level=level,
            drafter=drafter,
            decision_maker=decision_maker,
            decision_basis=basis,
            signer=signer,
            recipients=recipients.strip(),
            copies_issued=copies_issued,
            copy_permitted=copy_permitted,
            circulation_scope=circulation_scope,
            urgency=urgency,
            determination_date=determination_date,
            protection_until=until,
            shorter_period=shorter,
            custodian=custodian,
            storage_place=storage_place,
            status=Status.IN_STORAGE,
            created_at=clock.now(),
        )
        refresh_search_text(carrier)
        carrier.save()
        carrier.items.set(items)
        carrier.sources.set(sources)
        data = {
            "number": carrier.doc_number,
            "level": level,
            "items": [str(i) for i in items],
            "decision_maker": str(decision_maker),
            "decision_basis": basis,
            "signer": str(signer),
            "protection_until": until.isoformat() if until else "",
        }
        if sources:  # R3: the received secrets used, which set the level's floor
            data["sources"] = [f"{s.register_label}: {s}" for s in sources]
        basis_ids = "R2, R3, R4, R19, R47" if sources else "R2, R4, R19, R47"
        record(actor, "registry.outgoing.registered", carrier, basis=basis_ids, data=data)
    return carrier


def _sources(actor: Person, agency: Organisation, source_ids: Sequence[int]) -> list[Carrier]:
    """The received secrets the new record uses, each held by the agency and visible to the actor (R3, S2)."""
    wanted = set(source_ids)
    sources = list(
        visible_carriers(actor).filter(
            pk__in=wanted, agency=agency, direction=Direction.INCOMING, original__isnull=True
        )
    )
    if len(sources) != len(wanted):
        raise DomainError(
            _("You may only cite incoming state secrets of your agency that you may access."),
            rule="R3",
            field="sources",
        )
    return sorted(sources, key=lambda s: s.pk)
