"""Who may decide what: heads, and deputies holding a valid written delegation (R4, R13)."""

from __future__ import annotations

import datetime as dt

from .models import Delegation, Person, Position


def valid_delegation(person: Person, operation: str, level: str, on: dt.date) -> Delegation | None:
    """Return a delegation that lets ``person`` decide ``operation`` at ``level`` on ``on``."""
    if person.position != Position.DEPUTY_HEAD:
        return None
    candidates = Delegation.objects.filter(
        deputy=person,
        revoked_at__isnull=True,
        valid_from__lte=on,
        valid_until__gte=on,
        grantor__position=Position.HEAD,  # R13: never a re-delegation
        grantor__organisation=person.organisation_id,
    )
    return next((d for d in candidates if d.covers(operation, level, on)), None)
