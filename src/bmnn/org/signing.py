"""The signing-authority table as a question: may this person sign this agency's secret at this level on this day?
(R47, R4)"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from bmnn.core.errors import DomainError
from bmnn.core.levels import Level, rank

from .models import Organisation, Person, SigningAuthority


def _in_force(agency: Organisation, on: dt.date) -> list[SigningAuthority]:
    return list(
        SigningAuthority.objects.filter(agency=agency, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .select_related("person")
    )


def signing_authority(person: Person, agency: Organisation, level: str, on: dt.date) -> SigningAuthority | None:
    """Return the row of ``agency``'s table in force on ``on`` that lets ``person`` sign at ``level``, or None."""
    if not person.is_active or person.organisation_id is None or person.agency() != agency:
        return None
    for row in _in_force(agency, on):
        named = row.person_id == person.pk
        by_position = row.person_id is None and row.position == person.position
        if (named or by_position) and rank(level) <= rank(row.max_level):
            return row
    return None


def require_signer(signer: Person, agency: Organisation, level: str, on: dt.date) -> SigningAuthority:
    """Refuse, in Vietnamese, a signer who is not in the agency's signing-authority table for ``level`` (R47)."""
    row = signing_authority(signer, agency, level, on)
    if row is None:
        allowed = signers_described(agency, level, on)
        message = _(
            "{signer} is not in the table of authority to sign state secrets at level {level} of {agency} on {date}."
        ).format(signer=signer, level=Level(level).label, agency=agency.name, date=f"{on:%d/%m/%Y}")
        hint = (
            _("Under the signing-authority table in force, those who may sign: {signers}.").format(
                signers="; ".join(allowed)
            )
            if allowed
            else _(
                "Nobody in the agency's signing-authority table may sign at this level yet; an administrator "
                "updates the signing-authority table."
            )
        )
        raise DomainError(
            f"{message} {hint}",
            rule="R47",
            field="signer",
        )
    return row


def signers_described(agency: Organisation, level: str, on: dt.date) -> list[str]:
    """Describe, in Vietnamese, who may sign ``agency``'s secrets at ``level`` on ``on``: for refusal messages."""
    return [
        str(row.person) if row.person_id else row.get_position_display()
        for row in _in_force(agency, on)
        if rank(level) <= rank(row.max_level)
    ]
