"""The unit head's dashboard: what is overdue and what is open in the unit and its subtree (R41, P1–P5, R40)."""

from __future__ import annotations

from typing import Any

from bmnn.core import clock
from bmnn.lifecycle.selectors import due_summary
from bmnn.org.models import Person

from . import selectors, sources
from .policies import agency_of


def head_dashboard(person: Person) -> dict[str, Any]:
    """Every list the head acts on; each comes from the owning app's selector."""
    today = clock.today()
    due = due_summary(person)
    overdue_lifecycle = ([r for r in due["reminders"] if r.due < today]
                         + [t for t in due["takeouts"] if t.due < today]
                         + [n for n in due["notices"] if n.due < today])
    lists = sources.dashboard_lists(person)
    own = selectors.own_report_due(person)
    overdue_reports = selectors.overdue_reports_for(person)
    overdue_count = (len(overdue_lifecycle) + len(lists["overdue_tasks"]) + len(lists["overdue_remedies"])
                     + len(overdue_reports) + (1 if own and own["overdue"] else 0))
    return {
        "today": today, "overdue_count": overdue_count, "agency": agency_of(person),
        "overdue_lifecycle": overdue_lifecycle,
        "own_report": own, "overdue_reports": overdue_reports, **lists,
        # P2, P3: findings of self-inspections and of device scans, counted together on one card.
        "open_findings_count": len(lists["open_findings"]) + len(lists["open_device_findings"]),
    }
