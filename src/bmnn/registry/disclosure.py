"""What a person may be shown of data derived from secret records (S2, R18).

The record itself is guarded by ``policies.visible_carriers``; this module guards its copies: a
number with its level on a dashboard or a staff page, an abstract copied into a request's payload,
an audit event or a printed report, the path of a secret-marked file found by a scan. Every read of
such data asks here, at read time, so a record re-graded after the copy was made (R18) or hidden
from the reader (S2) is shown only as its current level and the reader's clearance allow.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from bmnn.core.levels import Level, rank
from bmnn.org.models import Person

from .models import Carrier
from .policies import visible_carriers

HIDDEN = "BMNN ngoài phạm vi được xem"
HIDDEN_PATH = "Tệp ngoài phạm vi được xem"
# The keys under which services copy a record's abstract into payloads and audit data.
ABSTRACT_KEYS = ("abstract",)


class Disclosure:
    """One reader's view of secret-derived data, with the visible record ids cached per page."""

    def __init__(self, person: Any) -> None:
        self.person = person
        self._seen: dict[int, bool] = {}

    def may_see_ids(self, ids: Iterable[int | None]) -> set[int]:
        """The ids among ``ids`` the reader may see (S2)."""
        wanted = {i for i in ids if i is not None and i not in self._seen}
        if wanted:
            if isinstance(self.person, Person):
                shown = set(visible_carriers(self.person, Carrier.objects.filter(pk__in=wanted))
                            .values_list("pk", flat=True))
            else:
                shown = set()
            for pk in wanted:
                self._seen[pk] = pk in shown
        return {i for i in ids if i is not None and self._seen.get(i)}

    def may_see(self, carrier: Carrier | None) -> bool:
        return carrier is not None and bool(self.may_see_ids([carrier.pk]))

    def label(self, carrier: Carrier | None) -> str:
        """The record's number with its level, or a neutral word when the reader may not see it (S2)."""
        return str(carrier) if carrier is not None and self.may_see(carrier) else HIDDEN

    def abstract(self, carrier: Carrier) -> str:
        """The abstract as the record's current level (R18) and the reader's view (S2) allow."""
        if carrier.level == Level.TUYET_MAT or not self.may_see(carrier):
            return ""
        return carrier.abstract or ""

    def may_see_level(self, level: str | None) -> bool:
        """Whether the reader's clearance covers ``level``; an unknown level counts as the highest (fail closed)."""
        clearance = getattr(self.person, "clearance", "") if getattr(self.person, "is_active", False) else ""
        return bool(clearance) and rank(clearance) >= rank(level or Level.TUYET_MAT)

    def path(self, path: str, level: str | None) -> str:
        """A scan finding's file path, only to a reader cleared for the level found in it (S2)."""
        return path if self.may_see_level(level) else HIDDEN_PATH

    def scrub(self, data: Any, carrier: Carrier | None) -> Any:
        """A copy of ``data`` (payload, audit data) with the record's abstract removed unless allowed (R18, S2).

        The abstract a service copied while the record was MAT stays in storage (the audit chain is never
        rewritten); it is dropped at read time once the record is TUYET_MAT or the reader may not see it.
        """
        if carrier is not None and self.abstract(carrier):
            return data
        return _without_abstract(data)


def _without_abstract(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: ("" if k in ABSTRACT_KEYS and v else _without_abstract(v)) for k, v in data.items()}
    if isinstance(data, list):
        return [_without_abstract(v) for v in data]
    return copy.copy(data)


def scrub_for(person: Any, data: Any, carrier: Carrier | None) -> Any:
    """``Disclosure(person).scrub(data, carrier)`` for a single read (R18, S2)."""
    return Disclosure(person).scrub(data, carrier)
