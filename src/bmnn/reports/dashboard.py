"""The unit head's dashboard: what is overdue and what is open in the unit and its subtree (R41, P1–P5, R40).

Every item that names a secret record (a reminder, a take-out, a notice, an incident) or a secret-marked file
found by a scan is built through the registry's disclosure policy (S2): a record's number and level appear
only if the head may see that record, a file's path only if the head is cleared for the level found in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from bmnn.core import clock
from bmnn.core.due import OVERDUE_SHOWN
from bmnn.lifecycle.selectors import overdue_for
from bmnn.org.models import Organisation, Person
from bmnn.registry.disclosure import HIDDEN, Disclosure

from . import selectors, sources
from .policies import agency_of


@dataclass(frozen=True)
class Shown:
    """One line of a dashboard list, as the viewer may see it (S2)."""

    label: str
    url: str = ""
    due: dt.date | None = None
    unit: Organisation | None = None

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return self.url


def _lifecycle_line(item: Any, seen: Disclosure) -> Shown:
    """A reminder, an unreturned take-out or an unsent notice; its record named only if visible (S2)."""
    carrier = getattr(item, "carrier", None)
    visible = carrier is None or seen.may_see(carrier)
    if getattr(item, "text", ""):
        label = item.text if visible else f"Nhắc việc về {HIDDEN}"
    elif getattr(item, "taken_by", None) is not None:
        label = f"Chưa trả: {seen.label(carrier)} ({item.taken_by})"
    else:
        label = f"Chưa gửi thông báo: {seen.label(carrier)}"
    return Shown(label, due=item.due)


def _incident_line(incident: Any, seen: Disclosure) -> Shown:
    """R40, S2: an open incident's subject names its record only to a head who may see that record."""
    shown = [c for c in incident.carriers.all() if seen.may_see(c)] or (
        [incident.carrier] if seen.may_see(incident.carrier) else []
    )
    about = "; ".join(str(c) for c in shown) if shown else HIDDEN
    return Shown(
        f"{incident.get_kind_display()} – {about}",
        url=reverse("safeguards:incident", args=[incident.pk]),
        unit=incident.unit or incident.carrier.agency,
    )


def _finding_line(finding: Any, seen: Disclosure) -> Shown:
    """P3, S2: a secret-marked file's path and level only to a head cleared for that level."""
    if seen.may_see_level(finding.level):
        label = str(finding)
    else:
        label = f"{seen.path(finding.path, finding.level)} (trên {finding.device})"
    return Shown(label, url=reverse("safeguards:device", args=[finding.device_id]), unit=finding.unit)


def head_dashboard(person: Person) -> dict[str, Any]:
    """Every list the head acts on; each comes from the owning app's selector, shown through S2."""
    today = clock.today()
    seen = Disclosure(person)
    # The oldest overdue items of the three lists the board shows, and how many there are (issue 17); S2 applied.
    shown_items, overdue_total = overdue_for(person, today, OVERDUE_SHOWN)
    # One visibility query for every record the lines name, not two per line (issue 17: a director with
    # thousands of extension reminders); each line then reads the answer from the disclosure's cache.
    seen.may_see_ids([getattr(x, "carrier_id", None) for x in shown_items])
    overdue_lifecycle = [_lifecycle_line(x, seen) for x in shown_items]
    lists = sources.dashboard_lists(person)
    lists["open_incidents"] = [_incident_line(i, seen) for i in lists["open_incidents"]]
    lists["open_device_findings"] = [_finding_line(f, seen) for f in lists["open_device_findings"]]
    own = selectors.own_report_due(person)
    overdue_reports = selectors.overdue_reports_for(person)
    overdue_count = (
        overdue_total
        + len(lists["overdue_tasks"])
        + len(lists["overdue_remedies"])
        + len(overdue_reports)
        + (1 if own and own["overdue"] else 0)
    )
    return {
        "today": today,
        "overdue_count": overdue_count,
        "agency": agency_of(person),
        "overdue_lifecycle": overdue_lifecycle,
        "overdue_lifecycle_more": overdue_total - len(shown_items),
        "own_report": own,
        "overdue_reports": overdue_reports,
        **lists,
        # P2, P3: findings of self-inspections and of device scans, counted together on one card.
        "open_findings_count": len(lists["open_findings"]) + len(lists["open_device_findings"]),
    }
