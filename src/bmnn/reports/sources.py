"""What the programme (P1, P2) and safeguards (R40, P3, P4) apps count, read through their selectors.

Their figure selectors take the unit ids the caller chose (this app applies its own visibility first).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bmnn.core import clock
from bmnn.core.roles import Position
from bmnn.org.models import Person
from bmnn.programme import selectors as programme
from bmnn.safeguards import selectors as safeguards

from .tree import own_unit_ids


def programme_figures(ids: list[int], start: dt.date, end: dt.date) -> dict[str, Any]:
    """P1 task completion and P2 inspections of the units in the window."""
    done = programme.task_completion(ids, start, end)
    findings = list(programme.findings_in(ids, start, end))
    return {
        "tasks": {k: int(done.get(k, 0)) for k in ("total", "done", "done_on_time", "open", "overdue")},
        # R41, P2: inspections counted for the unit that conducted them (an inspection of a school by the
        # department is the department's), findings with the inspected unit.
        "inspections": {
            "inspections": programme.inspections_conducted(ids, start, end).count(),
            "findings": len(findings),
            "findings_closed": sum(1 for f in findings if f.status == "CLOSED"),
        },
    }


def safeguards_figures(ids: list[int], start: dt.date, end: dt.date) -> dict[str, Any]:
    """R40 incidents, P4 training and commitments, P3 devices of the units in the window."""
    incidents = list(safeguards.incidents_in(ids, start, end))
    sessions = list(safeguards.trainings_in(ids, start, end))
    return {
        "incidents_override": {
            "total": len(incidents),
            "disclosure": sum(1 for i in incidents if i.kind in ("DISCLOSURE", "DISCLOSURE_AND_LOSS")),
            "loss": sum(1 for i in incidents if i.kind in ("LOSS", "DISCLOSURE_AND_LOSS")),
            "remedied": sum(1 for i in incidents if i.closed),
        },
        "training": {
            "sessions": len(sessions),
            "attendees": sum(len(s.attendees.all()) for s in sessions),
            "without_commitment": safeguards.people_without_commitment(ids).count(),
        },
        "devices": {
            "inspected": safeguards.devices_inspected_in(ids, start, end).count(),
            "not_inspected": safeguards.devices_not_inspected(ids).count(),
        },
    }


def dashboard_ids(person: Person) -> list[int]:
    """The units a person's dashboard covers: a head sees the whole subtree, others their own unit."""
    agency = person.agency() if person.is_authenticated else None
    if agency is None:
        return []
    if person.position in (Position.HEAD, Position.DEPUTY_HEAD):
        return agency.subtree_ids()
    return own_unit_ids(agency)


def dashboard_lists(person: Person) -> dict[str, list[Any]]:
    """Open and overdue items of the programme and safeguards apps for the person's units."""
    ids, today = dashboard_ids(person), clock.today()
    out: dict[str, list[Any]] = {
        "open_tasks": list(programme.open_tasks(ids)),
        "overdue_tasks": list(programme.overdue_tasks(ids, today)),
        "open_findings": list(programme.open_findings(ids)),
        "overdue_remedies": list(programme.overdue_findings(ids, today)),
        "open_incidents": list(safeguards.open_incidents(ids)),
        "people_without_commitment": list(safeguards.people_without_commitment(ids)),
        "devices_not_inspected": list(safeguards.devices_not_inspected(ids)),
        "open_device_findings": list(safeguards.open_device_findings(ids)),
    }
    return out
