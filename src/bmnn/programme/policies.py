"""Who may act for a unit in the programme, and what a person may see (P1, P2, P5)."""

from __future__ import annotations

from django.db.models import QuerySet

from bmnn.org.models import Organisation, Person, Position

HEADS = (Position.HEAD, Position.DEPUTY_HEAD, Position.DIVISION_HEAD)


def is_unit_head(person: Person, unit: Organisation) -> bool:
    """The head (or a deputy) of exactly this unit."""
    return person.is_active and person.organisation_id == unit.pk and person.position in HEADS


def is_unit_secret_staff(person: Person, unit: Organisation) -> bool:
    """Staff designated for secret work (R38) in this unit or in a division of this agency."""
    if not (person.is_active and person.designated_for_secrets and person.organisation_id):
        return False
    return person.organisation_id == unit.pk or person.agency() == unit


def may_act_for(person: Person, unit: Organisation) -> bool:
    """P1, P2: the unit's head or its staff designated for secrets write its plans, reports and inspections."""
    return is_unit_head(person, unit) or is_unit_secret_staff(person, unit)


def scope_ids(person: Person) -> list[int]:
    """Units whose programme work ``person`` sees: the agency's subtree for heads and designated staff (P5).

    Other staff see their own unit only.
    """
    unit = person.organisation if getattr(person, "is_authenticated", False) and person.is_active else None
    if unit is None:
        return []
    if person.position in (Position.HEAD, Position.DEPUTY_HEAD) or person.designated_for_secrets:
        return unit.registering_agency().subtree_ids()
    if person.position == Position.DIVISION_HEAD:
        return unit.subtree_ids()
    return [unit.pk]


def units_acting_for(person: Person) -> QuerySet[Organisation]:
    """Units whose plans, reports and inspections ``person`` may write: those in scope it acts for (P1, P2)."""
    ids = [o.pk for o in Organisation.objects.filter(pk__in=scope_ids(person)) if may_act_for(person, o)]
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def is_superior_or_self(inspecting: Organisation, unit: Organisation) -> bool:
    """P2: a unit is inspected by itself or by one of its superiors."""
    return inspecting.pk == unit.pk or inspecting.pk in {a.pk for a in unit.ancestors()}
