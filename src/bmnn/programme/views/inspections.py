"""Self-inspection screens (P2): the list, one inspection with its checklist, the findings and one finding.
Reads only.

Opening, answering, recording findings, concluding and closing are declared operations
(programme.operations); their screens are made from the declarations, and these pages offer them when
their check passes.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import render

from bmnn.core import clock
from bmnn.org.http import AuthenticatedRequest

from .. import selectors as s
from ..choices import Answer, FindingStatus
from ..models import Evidence
from .common import allowed, offered


@login_required
def inspection_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = s.inspections_visible_to(request.user).annotate(
        n_findings=Count("findings", distinct=True),
        n_open=Count("findings", filter=Q(findings__status=FindingStatus.OPEN), distinct=True),
    )
    return render(
        request,
        "programme/inspections.html",
        {"inspections": rows[:200], "may_open": allowed(request.user, "inspection-open")},
    )


@login_required
def inspection_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inspection = s.inspection_get_for_user(request.user, pk)
    answers = list(
        inspection.answers.prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("pk"))
        ).select_related("answered_by")
    )
    # Every point of an inspection is answered under the same check: ask it once, of the first point.
    answering = bool(answers) and allowed(request.user, "inspection-answer", answers[0])
    return render(
        request,
        "programme/inspection.html",
        {
            "inspection": inspection,
            "groups": [(g, list(rows)) for g, rows in groupby(answers, lambda a: a.group)],
            "answered": sum(1 for a in answers if a.result),
            "total": len(answers),
            "not_met": sum(1 for a in answers if a.result == Answer.NOT_MET),
            "findings": inspection.findings.select_related("owner", "answer"),
            "answering": answering,
            "results": Answer.choices,
            "today": clock.today(),
            **offered(request.user, "inspection", inspection, inline=("inspection-finding", "inspection-conclude")),
        },
    )


FINDING_FILTERS = {
    "dang-khac-phuc": Q(status=FindingStatus.OPEN),
    "da-khac-phuc": Q(status=FindingStatus.CLOSED),
    "tat-ca": Q(),
}


@login_required
def finding_list(request: AuthenticatedRequest) -> HttpResponse:
    shown = request.GET.get("loc", "dang-khac-phuc")
    if shown not in FINDING_FILTERS:
        shown = "dang-khac-phuc"
    today = clock.today()
    rows = (
        s.findings_visible_to(request.user).filter(FINDING_FILTERS[shown]).select_related("inspection__inspecting_unit")
    )
    return render(
        request,
        "programme/findings.html",
        {
            "findings": rows[:300],
            "shown": shown,
            "today": today,
            "overdue": s.findings_visible_to(request.user).filter(status=FindingStatus.OPEN, due__lt=today).count(),
        },
    )


@login_required
def finding_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    finding = s.finding_get_for_user(request.user, pk)
    return render(
        request,
        "programme/finding.html",
        {
            "finding": finding,
            "inspection": finding.inspection,
            "today": clock.today(),
            **offered(request.user, "finding", finding, inline=("finding-close",)),
        },
    )
