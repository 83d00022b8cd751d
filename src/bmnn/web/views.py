"""The dashboard: what the person sees first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bmnn.core.levels import Level
from bmnn.registry import selectors
from bmnn.registry.choices import Status


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    counts = selectors.carrier_counts(request.user)
    levels = dict(Level.choices)
    statuses = dict(Status.choices)
    context = {
        "by_level": [{"level": r["level"], "label": levels[r["level"]], "n": r["n"]} for r in counts["level"]],
        "by_status": [{"label": statuses[r["status"]], "status": r["status"], "n": r["n"]} for r in counts["status"]],
        "by_unit": counts["unit"],
        "total": sum(r["n"] for r in counts["level"]),
        "awaiting": selectors.handovers_awaiting(request.user)[:10],
        "recent": selectors.carriers_visible_to(request.user)[:8],
    }
    return render(request, "web/dashboard.html", context)
