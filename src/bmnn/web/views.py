"""The home page: what awaits the person, what is overdue, what they hold; then the figures of their role."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from bmnn.approvals.selectors import requests_awaiting
from bmnn.core import clock
from bmnn.core.due import OVERDUE_SHOWN
from bmnn.core.levels import Level
from bmnn.lifecycle.selectors import open_takeouts, pending_notices, reminders_for
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
    # Only what is overdue, of the three lists shown here, not the whole due summary (issue 17); S2 applied.
    # A head's list holds their unit's people's reminders too: one about a record the head may not see
    # neither names it nor links it (S2), as on the head's board; one visibility query for them all.
    reminders = list(reminders_for(person).filter(due__lt=today))
    seen = Disclosure(person)
    shown = seen.may_see_ids([r.carrier_id for r in reminders])
    overdue = sorted(
        [
            (r.due, r.text, r.carrier)
            if r.carrier_id is None or r.carrier_id in shown
            else (r.due, f"Nhắc việc về {HIDDEN}", None)
            for r in reminders
        ]
        + [
            (t.due, f"Trả lại BMNN mang ra (người mang: {t.taken_by})", t.carrier)
            for t in open_takeouts(person).filter(due__lt=today)
        ]
        + [
            (n.due, f"Gửi thông báo cho {n.recipient}", n.carrier)
            for n in pending_notices(person).filter(due__lt=today)
        ],
        key=lambda row: row[0],
    )
    counts = selectors.carrier_counts(person)
    levels = dict(Level.choices)
    statuses = dict(Status.choices)
    context = {
        "today": today,
        "awaiting": list(selectors.handovers_awaiting(person)[:20]),
        "to_decide": requests_awaiting(person),
        "overdue": overdue[:OVERDUE_SHOWN],
        "overdue_total": len(overdue),
        "overdue_more": max(0, len(overdue) - OVERDUE_SHOWN),
        "held": list(selectors.carriers_visible_to(person).filter(custodian=person).exclude(status__in=GONE)[:15]),
        "leads": leads(person),
        "by_level": [{"level": r["level"], "label": levels[r["level"]], "n": r["n"]} for r in counts["level"]],
        "by_status": [{"label": statuses[r["status"]], "status": r["status"], "n": r["n"]} for r in counts["status"]],
        "total": sum(r["n"] for r in counts["level"]),
        "recent": selectors.carriers_visible_to(person)[:8],
    }
    return render(request, "web/dashboard.html", context)
