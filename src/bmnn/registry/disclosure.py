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
from .policies import visible_among

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
                shown = set(visible_among(self.person, wanted).values_list("pk", flat=True))
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


# --- Audit events (the admin's log, a record's history) -----------------------------------------------------

CARRIER = "registry.carrier"
# Targets whose description or data may name a secret record: shown only as far as the records they name are.
SECRET_TARGETS = ("registry.", "lifecycle.", "approvals.")
CARRIER_KEYS = ("carrier", "carrier_id", "carriers", "original", "copies")
HIDDEN_EVENT = "Không hiển thị (ngoài phạm vi được xem)"  # the admin's wording too (bmnn.audit.admin)


def _named_carriers(event: Any) -> list[int]:
    """The record ids an event names: its target when it is a record, and the ids under CARRIER_KEYS in its data."""
    ids: list[int] = []
    if event.target_type == CARRIER and str(event.target_id).isdigit():
        ids.append(int(event.target_id))
    data = event.data if isinstance(event.data, dict) else {}
    for key in CARRIER_KEYS:
        value = data.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, int) and not isinstance(item, bool):
                ids.append(item)
            elif isinstance(item, str) and item.isdigit():
                ids.append(int(item))
    return ids


def events_shown(person: Any, events: Iterable[Any]) -> list[tuple[Any, str, Any]]:
    """Each audit event with its target's description and its data as ``person`` may see them (S2, R18).

    An event about secret records (a record, an incident, a hand-over, a request, a council...) shows its
    target and data only if the reader may see every record it names, with the abstract as each record's
    CURRENT level allows (a request filed while MAT, the record re-graded TUYET_MAT since: no abstract). An
    event of such a target naming no record cannot be checked and is hidden (fail closed). Other events (people,
    organisations, plans, devices) show their target, and their data without any abstract.
    """
    rows = list(events)
    seen = Disclosure(person)
    named = {e.pk: _named_carriers(e) for e in rows}
    all_ids = {i for ids in named.values() for i in ids}
    carriers = {c.pk: c for c in Carrier.objects.filter(pk__in=all_ids)}
    seen.may_see_ids(all_ids)
    out: list[tuple[Any, str, Any]] = []
    for e in rows:
        ids = named[e.pk]
        secret = e.target_type.startswith(SECRET_TARGETS) or bool(ids)
        if not secret:
            out.append((e, e.target_repr, _without_abstract(e.data)))
        elif ids and all(i in carriers and seen.may_see(carriers[i]) for i in ids):
            data = e.data
            for i in ids:
                data = seen.scrub(data, carriers[i])
            out.append((e, e.target_repr, data))
        else:
            out.append((e, HIDDEN_EVENT, {}))
    return out


# --- Requests about records (approvals) ----------------------------------------------------------------------


def payloads_shown(requests: Iterable[Any]) -> list[Any]:
    """Set ``shown_payload`` on each request: its payload with the abstract only as the record's CURRENT level
    allows (R18). A take-out asked while the record was MAT copied its abstract; once the record is re-graded
    TUYET_MAT the copy is no longer served. The levels of all the requests' records are read at once.
    """
    from django.contrib.contenttypes.models import ContentType

    rows = list(requests)
    carrier_type = ContentType.objects.get_for_model(Carrier).pk
    ids = {r.subject_id for r in rows if r.subject_type_id == carrier_type}
    levels = dict(Carrier.objects.filter(pk__in=ids).values_list("pk", "level"))
    for r in rows:
        level = levels.get(r.subject_id) if r.subject_type_id == carrier_type else None
        keep = level is not None and level != Level.TUYET_MAT
        r.shown_payload = r.payload if keep else _without_abstract(r.payload)
    return rows


def payload_shown(request: Any) -> Any:
    """The payload prepared by ``payloads_shown``; unprepared, without any abstract (fail closed, R18)."""
    if hasattr(request, "shown_payload"):
        return request.shown_payload
    return _without_abstract(request.payload)
