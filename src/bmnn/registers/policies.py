"""Who may print an agency's registers (R21, S2)."""

from __future__ import annotations

from bmnn.org.models import Organisation, Person, Position


def may_print_registers(person: Person, agency: Organisation) -> bool:
    """The agency's clerk (who keeps the registers) and its head; rows still pass the visibility policy (S2)."""
    return (
        getattr(person, "is_authenticated", False)
        and person.is_active
        and bool(person.clearance)
        and person.agency() == agency
        and person.position in (Position.CLERK, Position.HEAD)
    )


def may_open_registers(person: Person) -> bool:
    """Whether the registers page is for this person at all (the header shows its link only then)."""
    agency = person.agency()
    return agency is not None and may_print_registers(person, agency)


def may_close_volume(person: Person, agency: Organisation) -> bool:
    """Only the register keeper closes a volume of the agency's registers."""
    from bmnn.registry.policies import is_register_keeper

    return is_register_keeper(person, agency)
