"""Who may see and act on incidents, staff records and devices of a unit."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bmnn.core.errors import PermissionDenied
from bmnn.core.text import Message
from bmnn.org.models import Organisation, Person, Position

# The head, deputies and the clerk (the standing secretariat) keep these records for their agency.
MANAGERS = (Position.HEAD, Position.DEPUTY_HEAD, Position.CLERK)
READERS = (*MANAGERS, Position.DIVISION_HEAD)


def agency_scope(person: Person) -> list[int]:
    """The units whose safeguard records ``person`` may read: their agency and everything below it."""
    if not getattr(person, "is_authenticated", False) or not person.is_active or person.organisation is None:
        return []
    if person.position not in READERS:
        return []
    return person.organisation.registering_agency().subtree_ids()


def may_manage(person: Person, unit: Organisation) -> bool:
    """Heads, deputies and clerks of the unit's agency or of an agency above it.

    The same answer as ``unit.pk in agency_scope(person)``, read up the unit's chain of superiors
    (cached on the unit) instead of down the agency's subtree, so a page that asks for each of its
    operations does not query the tree each time.
    """
    if (
        not getattr(person, "is_authenticated", False)
        or not person.is_active
        or person.position not in MANAGERS
        or person.organisation is None
    ):
        return False
    agency = person.organisation.registering_agency()
    return agency.pk == unit.pk or any(node.pk == agency.pk for node in unit.ancestors())


def require_manager(person: Person, unit: Organisation, what: Message, rule: str | None = None) -> None:
    if not may_manage(person, unit):
        raise PermissionDenied(_("Only the agency's leaders or clerks may {what}.").format(what=what), rule=rule)


def require_agency_manager(person: Person, what: Message, rule: str | None = None) -> None:
    """The person keeps the records of their own agency: before they choose the unit (P3, P4)."""
    unit = person.organisation if getattr(person, "is_authenticated", False) else None
    if unit is None:
        raise PermissionDenied(_("Only the agency's leaders or clerks may {what}.").format(what=what), rule=rule)
    require_manager(person, unit.registering_agency(), what, rule=rule)


def may_report_incident(person: Person, unit: Organisation) -> bool:
    """Anyone who works in the unit's agency reports what they find (R40)."""
    agency = person.agency() if person.is_active else None
    return agency is not None and unit.pk in agency.subtree_ids()
