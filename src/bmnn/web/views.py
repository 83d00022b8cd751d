"""The home page: what awaits the person, what is overdue, what they hold; then the figures of their role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from bmnn.approvals.selectors import requests_awaiting
from bmnn.core import clock
from bmnn.core.due import OVERDUE_SHOWN
from bmnn.core.levels import Level
from bmnn.lifecycle.models import Notice, Reminder, Takeout
from bmnn.lifecycle.selectors import overdue_for
from bmnn.org.http import AuthenticatedRequest
from bmnn.registry import selectors
from bmnn.registry.choices import Status
from bmnn.registry.disclosure import HIDDEN, Disclosure

from .navigation import leads

# Records that left the person's hands for good are not "held".
GONE = (Status.PROVIDED, Status.DECLASSIFIED, Status.DESTROYED)


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    person = request.user
    today = clock.today()
    # The oldest overdue reminders, take-outs and notices, and how many there are (issue 17); S2 applied.
    # A head's list holds their unit's people's reminders too: one about a record the head may not see
    # neither names it nor links it (S2), as on the head's board; one visibility query for them all.
    items, overdue_total = overdue_for(person, today, OVERDUE_SHOWN)
    shown = Disclosure(person).may_see_ids([item.carrier_id for item in items if isinstance(item, Reminder)])
    overdue = [_overdue_row(item, shown) for item in items]
    counts = selectors.carrier_counts(person)
    levels = dict(Level.choices)
    statuses = dict(Status.choices)
    context = {
        "today": today,
        "awaiting": list(selectors.handovers_awaiting(person)[:20]),
        "to_decide": requests_awaiting(person),
        "overdue": overdue,
        "overdue_total": overdue_total,
        "overdue_more": overdue_total - len(overdue),
        "held": list(selectors.carriers_visible_to(person).filter(custodian=person).exclude(status__in=GONE)[:15]),
        "leads": leads(person),
        "by_level": [{"level": r["level"], "label": levels[r["level"]], "n": r["n"]} for r in counts["level"]],
        "by_status": [{"label": statuses[r["status"]], "status": r["status"], "n": r["n"]} for r in counts["status"]],
        "total": sum(r["n"] for r in counts["level"]),
        "recent": selectors.carriers_visible_to(person)[:8],
    }
    return render(request, "web/dashboard.html", context)


def _overdue_row(item: Reminder | Takeout | Notice, shown: set[int]) -> tuple[Any, str, Any]:
    """(due date, what to do, the record or None) for one overdue line of the home page (S2)."""
    if isinstance(item, Takeout):
        return item.due, f"Trả lại BMNN mang ra (người mang: {item.taken_by})", item.carrier
    if isinstance(item, Notice):
        return item.due, f"Gửi thông báo cho {item.recipient}", item.carrier
    if item.carrier_id is None or item.carrier_id in shown:
        return item.due, item.text, item.carrier
    return item.due, f"Nhắc việc về {HIDDEN}", None
