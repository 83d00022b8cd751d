"""Who may decide a request: the authority table, or a deputy's written delegation (R12, R13, S7)."""

from __future__ import annotations

import datetime as dt

from bmnn.core.levels import rank
from bmnn.core.roles import Operation
from bmnn.legal.authority import can_approve
from bmnn.org.authority import valid_delegation
from bmnn.org.models import Organisation, Person

# Decided only inside the agency that holds or classified the item (R7, R10, R11, R32); copying,
# provision and destruction may also go to a superior holding the authority (R12, R33, R36).
OWN_AGENCY_ONLY = {Operation.EXTEND, Operation.REGRADE, Operation.DECLASSIFY, Operation.TAKEOUT}
# R7: only the head of the classifying agency extends; a deputy's delegation does not reach it.
HEAD_IN_PERSON = {Operation.EXTEND}


def decision_basis(person: Person, *, operation: str, level: str, agency: Organisation, on: dt.date) -> str | None:
    """Return the basis on which ``person`` may decide, or None if they may not.

    The approver belongs to the agency or to one of its superiors; their position in that
    kind of organisation is in the authority table for the operation and level, or they are a
    deputy holding a valid written delegation from their head (R13).
    """
    org = person.organisation
    if org is None or not person.is_active or rank(person.clearance) < rank(level):
        return None
    if operation in OWN_AGENCY_ONLY:
        if org.pk != agency.pk:
            return None
    elif org.pk not in {agency.pk, *(a.pk for a in agency.ancestors())} and org.parent_id != agency.pk:
        return None
    if can_approve(position=person.position, org_kind=org.kind, operation=operation, level=level, on=on):
        return f"{person.title or person.get_position_display()} – {org.name} (bảng thẩm quyền)"
    if operation in HEAD_IN_PERSON:  # R7
        return None
    delegation = valid_delegation(person, operation, level, on)
    if delegation is not None and can_approve(
        position="HEAD", org_kind=org.kind, operation=operation, level=level, on=on
    ):
        return f"{person.title or person.get_position_display()} theo ủy quyền số {delegation.document_ref}"  # R13
    return None
