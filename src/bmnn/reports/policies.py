"""Who may prepare, sign, read and import periodic reports (R41, P5)."""

from __future__ import annotations

from collections.abc import Callable

from bmnn.core.roles import Position
from bmnn.org.models import Organisation, Person

from .models import PeriodicReport
from .tree import recipient_of

SIGNERS = (Position.HEAD, Position.DEPUTY_HEAD)


def agency_of(person: Person) -> Organisation | None:
    return person.agency() if person.is_authenticated else None


def may_see_dashboard(person: Person) -> bool:
    """R41, S2: the head's dashboard is for the head and the deputies of an agency, who direct its protection work.

    Clerks, division heads and staff keep their own lists (records, due items, incidents they may see); the
    dashboard gathers the whole agency's overdue items, incidents and scan findings, so it is not theirs.
    """
    return (
        getattr(person, "is_authenticated", False)
        and person.is_active
        and person.position in SIGNERS
        and agency_of(person) is not None
    )


def works_on_reports(person: Person, unit: Organisation) -> bool:
    """The unit's head, deputies, clerk and staff designated for secret work prepare its reports."""
    agency = agency_of(person)
    return (
        agency is not None
        and agency.pk == unit.pk
        and (person.position in (*SIGNERS, Position.CLERK) or person.designated_for_secrets)
    )


def may_sign(person: Person, unit: Organisation) -> bool:
    """R41: the head (or a deputy) of the unit signs and submits its report."""
    agency = agency_of(person)
    return agency is not None and agency.pk == unit.pk and person.position in SIGNERS


Recipient = Callable[[Organisation, int], "Organisation | None"]


def receives_from(person: Person, report: PeriodicReport, recipient: Recipient = recipient_of) -> bool:
    """P5: the recipient, and every unit above it in the reporting chain, reads a submitted report.

    ``recipient`` is ``tree.recipient_of``, or a memoised copy of it when a list is checked.
    """
    agency = agency_of(person)
    if agency is None or not report.is_submitted or not works_on_reports(person, agency):
        return False
    node, seen = recipient(report.organisation, report.year), set()
    while node is not None and node.pk not in seen:
        if node.pk == agency.pk:
            return True
        seen.add(node.pk)
        node = recipient(node, report.year)
    return False


def may_read(person: Person, report: PeriodicReport, recipient: Recipient = recipient_of) -> bool:
    return works_on_reports(person, report.organisation) or receives_from(person, report, recipient)
