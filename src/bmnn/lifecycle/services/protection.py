"""Extend the protection period (R7), declassify at expiry (R8), end the protection of a place (R6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.approvals.models import Request
from bmnn.audit.chain import Entry, entry, record, record_many
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.roles import Operation
from bmnn.legal.deadlines import notice_due
from bmnn.legal.periods import add_years, days, protection_years
from bmnn.org.models import Person, Position
from bmnn.registry.choices import CarrierKind, Direction, Status
from bmnn.registry.guards import guard
from bmnn.registry.models import Carrier

from ..models import LevelChange, NoticeKind
from .common import add_mark, approved, approved_check, close, open_notices, submit


def extension_request(*, actor: Person, carrier: Carrier, new_until: dt.date, reasons: str) -> Request:
    """Ask the head of the classifying agency to extend the protection period (R7)."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        _check_extension(carrier, new_until)
        return submit(
            actor=actor,
            carrier=carrier.root,
            operation=Operation.EXTEND,
            reasons=reasons,
            payload={
                "old_until": carrier.protection_until.isoformat() if carrier.protection_until else "",
                "new_until": new_until.isoformat(),
            },
        )


def extension_request_check(actor: Person | None, carrier: Carrier) -> None:
    """An original classified by this agency, with a protection period, not yet extended the most times allowed,
    may be extended, at the request of someone of that agency (R7, R16)."""
    guard(carrier, "extend")
    if carrier.root.direction == Direction.INCOMING:
        # R7: only the classifying agency extends; a receiving agency follows its extension notice.
        raise PermissionDenied(
            _(
                "Only the agency that set the level may extend; "
                "a receiving agency follows that agency's extension notice."
            ),
            rule="R7",
        )
    if actor is not None and actor.agency() != carrier.agency:
        raise PermissionDenied(_("Only the agency that set the level may extend the protection period."), rule="R7")
    if carrier.original_id:
        raise DomainError(_("An extension applies to the original; copies follow the original's period."), rule="R16")
    if carrier.protection_until is None:
        raise DomainError(_("This state secret has no protection period to extend."), rule="R7")
    maximum = days("MAX_EXTENSIONS", clock.today())
    if maximum and carrier.extensions >= maximum:
        raise DomainError(_("Already extended the maximum of {maximum} times.").format(maximum=maximum), rule="R7")


def _check_extension(carrier: Carrier, new_until: dt.date) -> None:
    extension_request_check(None, carrier)
    until = cast(dt.date, carrier.protection_until)  # set: extension_request_check
    limit = add_years(until, protection_years(carrier.level, clock.today()))
    if not until < new_until <= limit:  # R7: at most the base period each time
        raise DomainError(
            _(
                "Each extension is at most the protection period of the level: the new date must be after "
                "{until} and not after {limit}."
            ).format(until=f"{until:%d/%m/%Y}", limit=f"{limit:%d/%m/%Y}"),
            rule="R7",
            field="new_until",
        )


def extension_apply_check(actor: Person, request: Request) -> None:
    """The approved extension still fits the record (R7)."""
    carrier = approved_check(request, Operation.EXTEND)
    _check_extension(carrier, dt.date.fromisoformat(request.payload["new_until"]))
    decider = request.decided_by
    # R7: decided by the head of the classifying agency in person (no delegation, no other agency's head).
    if decider is None or decider.position != Position.HEAD or decider.organisation_id != carrier.agency_id:
        raise PermissionDenied(_("The head of the agency that set the level must decide the extension."), rule="R7")


def extension_apply(*, actor: Person, request: Request) -> LevelChange:
    """Apply an approved extension: new period, extension mark, notices due within 15 days (R7)."""
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=request.pk)
        carrier = approved(request, Operation.EXTEND)
        extension_apply_check(actor, request)
        new_until = dt.date.fromisoformat(request.payload["new_until"])
        change = LevelChange.objects.create(
            carrier=carrier,
            kind=LevelChange.Kind.EXTENSION,
            request=request,
            old_level=carrier.level,
            new_level=carrier.level,
            old_until=carrier.protection_until,
            new_until=new_until,
            decided_by=request.decided_by,
            decided_at=request.decided_at or clock.now(),
            basis="R7",
        )
        carrier.protection_until = new_until
        carrier.extensions += 1
        add_mark(carrier, f"Gia hạn thời hạn bảo vệ đến ngày {new_until:%d/%m/%Y}")
        carrier.save(update_fields=["protection_until", "extensions", "marks"])
        carrier.copies.update(protection_until=new_until)  # copies follow the original (R16)
        notices = open_notices(
            carrier, NoticeKind.EXTENSION, f"Gia hạn thời hạn bảo vệ {carrier} đến ngày {new_until:%d/%m/%Y}."
        )
        close(request)
        record(
            actor,
            "lifecycle.protection.extended",
            carrier,
            basis="R7",
            also=carrier.copies.all(),
            data={
                "old_until": change.old_until.isoformat() if change.old_until else "",
                "new_until": new_until.isoformat(),
                "decided_by": str(request.decided_by),
                "notices": [n.recipient for n in notices],
                "notice_due": notices[0].due.isoformat() if notices else "",
            },
        )
    return change


def declassify_at_expiry(*, carrier: Carrier) -> LevelChange:
    """Declassify by law at expiry without extension, the system acting (R8).

    A repealed list item never declassifies by itself: its records go to the head of their agency (R9, R48,
    lifecycle.services.delisting).
    """
    return declassify_at_expiry_many([carrier])[0]


def declassify_at_expiry_many(carriers: Iterable[Carrier]) -> list[LevelChange]:
    """``declassify_at_expiry`` for several records in one transaction (the deadline job, issue 17, R8).

    Each record gets its own change, mark, notices and audit event, the events written under one lock of
    the chain; one record refused (guard) refuses them all, so nothing of the batch is written.
    """
    pks = list(dict.fromkeys(c.pk for c in carriers))
    notices_due = notice_due(clock.today())  # R8: the holders are notified within the notice period
    with transaction.atomic():
        locked = {c.pk: c for c in Carrier.objects.select_for_update().filter(pk__in=pks).order_by("pk")}
        changes: list[LevelChange] = []
        entries: list[Entry] = []
        for pk in pks:
            carrier = locked[pk]
            guard(carrier, "declassify")
            kind = LevelChange.Kind.AUTO_EXPIRY
            change = LevelChange.objects.create(
                carrier=carrier,
                kind=kind,
                old_level=carrier.level,
                old_until=carrier.protection_until,
                decided_at=clock.now(),
                basis="R8",
            )
            mark_declassified(carrier, f"GIẢI MẬT ({change.get_kind_display().lower()})")
            notices = open_notices(
                carrier,
                NoticeKind.DECLASSIFY,
                f"{carrier} đã được giải mật: {change.get_kind_display().lower()}.",
                due=notices_due,
            )
            changes.append(change)
            entries.append(
                entry(
                    carrier,
                    {
                        "kind": kind,
                        "protection_until": carrier.protection_until.isoformat() if carrier.protection_until else "",
                        "notices": [n.recipient for n in notices],
                    },
                )
            )
        record_many(None, "lifecycle.declassified.automatically", entries, basis="R8")
    return changes


def place_use_end_check(actor: Person, carrier: Carrier) -> None:
    """A place still protected ends its protection only by its agency's head recording the end of use (R6)."""
    guard(carrier, "declassify")
    if carrier.kind != CarrierKind.PLACE or carrier.original_id:
        raise DomainError(_("Only a place can be recorded as no longer used."), rule="R6")
    if actor.position != Position.HEAD or actor.organisation_id != carrier.agency_id:
        raise PermissionDenied(_("Only the agency's head may record a place as no longer used."), rule="R6")


def place_use_end(*, actor: Person, carrier: Carrier, ended_on: dt.date, decision_ref: str) -> LevelChange:
    """The head records that a secret place is no longer used: it is declassified, stamped, holders notified (R6)."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        place_use_end_check(actor, carrier)
        if ended_on > clock.today():
            raise DomainError(_("The end-of-use date cannot be in the future."), rule="R6", field="ended_on")
        if not decision_ref.strip():
            raise DomainError(_("Write the number of the head's document."), rule="R6", field="decision_ref")
        change = LevelChange.objects.create(
            carrier=carrier,
            kind=LevelChange.Kind.USE_ENDED,
            old_level=carrier.level,
            old_until=carrier.protection_until,
            decided_by=actor,
            decided_at=clock.now(),
            basis="R6",
        )
        mark_declassified(carrier, f"GIẢI MẬT (địa điểm không còn sử dụng từ ngày {ended_on:%d/%m/%Y})")
        notices = open_notices(
            carrier,
            NoticeKind.DECLASSIFY,
            f"{carrier} không còn sử dụng từ ngày {ended_on:%d/%m/%Y}, đã được giải mật.",
        )
        record(
            actor,
            "lifecycle.place.use_ended",
            carrier,
            basis="R6",
            data={
                "ended_on": ended_on.isoformat(),
                "decision_ref": decision_ref.strip(),
                "notices": [n.recipient for n in notices],
            },
        )
    return change


def mark_declassified(carrier: Carrier, mark: str) -> None:
    """Stamp the record and its live copies declassified."""
    add_mark(carrier, mark)
    carrier.status = Status.DECLASSIFIED
    carrier.save(update_fields=["status", "marks"])
    for copy in carrier.copies.exclude(status__in=[Status.DESTROYED, Status.DECLASSIFIED]):
        add_mark(copy, mark)
        copy.status = Status.DECLASSIFIED
        copy.save(update_fields=["status", "marks"])
