"""Self-inspection screens (P2): open, answer the checklist with evidence, record findings, conclude, close.

Thin: a form, one service or selector call, a template. The services decide who may act; the views only
decide which forms to show.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bmnn.core import clock
from bmnn.core.forms import call_service, errors_text

from .. import selectors as s
from ..choices import Answer, FindingStatus, InspectionStatus
from ..forms import units_acting_for
from ..inspection_forms import AnswerForm, ConcludeForm, FindingCloseForm, FindingForm, InspectionOpenForm
from ..models import Evidence, Finding, Inspection
from ..policies import may_act_for
from ..services import inspections as services


def team_may_write(person: Any, inspection: Inspection) -> bool:
    """Whether to show the answer, finding and conclusion forms (the service still decides, P2)."""
    return inspection.status == InspectionStatus.OPEN and may_act_for(person, inspection.inspecting_unit)


def may_close(person: Any, finding: Finding) -> bool:
    """Whether to show the closing form: the owner or either unit's head or designated staff (P2)."""
    inspection = finding.inspection
    return finding.status == FindingStatus.OPEN and (
        finding.owner_id == person.pk or may_act_for(person, inspection.unit)
        or may_act_for(person, inspection.inspecting_unit))


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    rows = s.inspections_visible_to(request.user).annotate(
        n_findings=Count("findings", distinct=True),
        n_open=Count("findings", filter=Q(findings__status=FindingStatus.OPEN), distinct=True))
    return render(request, "programme/inspections.html", {
        "inspections": rows[:200], "may_open": units_acting_for(request.user).exists()})


@login_required
def inspection_new(request: HttpRequest) -> HttpResponse:
    form = InspectionOpenForm(request.POST or None, person=request.user,
                              initial={"started_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        made = call_service(form, lambda: services.inspection_open(actor=request.user, **form.cleaned_data))
        if made:
            messages.success(request, f"Đã mở đợt kiểm tra với {made.answers.count()} nội dung cần đánh giá.")
            return redirect("programme:inspection", pk=made.pk)
    return render(request, "programme/inspection_form.html", {"form": form})


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = s.inspection_get_for_user(request.user, pk)
    answers = list(inspection.answers.prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("pk"))).select_related("answered_by"))
    writer = team_may_write(request.user, inspection)
    return render(request, "programme/inspection.html", {
        "inspection": inspection, "groups": [(g, list(rows)) for g, rows in groupby(answers, lambda a: a.group)],
        "answered": sum(1 for a in answers if a.result), "total": len(answers),
        "not_met": sum(1 for a in answers if a.result == Answer.NOT_MET),
        "findings": inspection.findings.select_related("owner", "answer"), "writer": writer,
        "results": Answer.choices, "finding_form": FindingForm(inspection=inspection) if writer else None,
        "conclude_form": ConcludeForm() if writer else None, "today": clock.today()})


def _post(request: HttpRequest, form: Any, call: Callable[[dict[str, Any]], Any], done: str, target: str,
          refused_prefix: str = "") -> HttpResponse:
    """Validate the form, call the service, flash the result or the refusal, go back to ``target``."""
    if form.is_valid() and call_service(form, lambda: call(form.cleaned_data)):
        messages.success(request, done)
    else:
        messages.error(request, refused_prefix + errors_text(form))
    return redirect(target)


@login_required
@require_POST
def answer_save(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    inspection = s.inspection_get_for_user(request.user, pk)
    answer = inspection.answers.filter(pk=answer_pk).first()
    if answer is None:
        raise Http404("Không có nội dung kiểm tra này.")
    return _post(request, AnswerForm(request.POST, request.FILES),
                 lambda data: services.inspection_answer(actor=request.user, answer=answer, **data),
                 f"Đã ghi kết quả nội dung {answer.order}.",
                 f"{inspection.get_absolute_url()}#noi-dung-{answer.order}", f"Nội dung {answer.order}: ")


@login_required
@require_POST
def finding_new(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = s.inspection_get_for_user(request.user, pk)
    return _post(request, FindingForm(request.POST, inspection=inspection),
                 lambda data: services.finding_record(actor=request.user, inspection=inspection, **data),
                 "Đã ghi tồn tại với biện pháp, người chịu trách nhiệm và hạn khắc phục.",
                 f"{inspection.get_absolute_url()}#ton-tai")


@login_required
@require_POST
def inspection_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = s.inspection_get_for_user(request.user, pk)
    return _post(request, ConcludeForm(request.POST),
                 lambda data: services.inspection_conclude(actor=request.user, inspection=inspection, **data),
                 "Đã kết luận đợt kiểm tra; các tồn tại được theo dõi đến khi khắc phục xong.",
                 inspection.get_absolute_url())


FINDING_FILTERS = {"dang-khac-phuc": Q(status=FindingStatus.OPEN), "da-khac-phuc": Q(status=FindingStatus.CLOSED),
                   "tat-ca": Q()}


@login_required
def finding_list(request: HttpRequest) -> HttpResponse:
    shown = request.GET.get("loc", "dang-khac-phuc")
    if shown not in FINDING_FILTERS:
        shown = "dang-khac-phuc"
    today = clock.today()
    rows = s.findings_visible_to(request.user).filter(FINDING_FILTERS[shown]).select_related(
        "inspection__inspecting_unit")
    return render(request, "programme/findings.html", {
        "findings": rows[:300], "shown": shown, "today": today,
        "overdue": s.findings_visible_to(request.user).filter(status=FindingStatus.OPEN, due__lt=today).count()})


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = s.finding_get_for_user(request.user, pk)
    closer = may_close(request.user, finding)
    return render(request, "programme/finding.html", {
        "finding": finding, "inspection": finding.inspection, "today": clock.today(),
        "close_form": FindingCloseForm() if closer else None})


@login_required
@require_POST
def finding_close(request: HttpRequest, pk: int) -> HttpResponse:
    finding = s.finding_get_for_user(request.user, pk)
    return _post(request, FindingCloseForm(request.POST),
                 lambda data: services.finding_close(actor=request.user, finding=finding, **data),
                 "Đã xác nhận khắc phục xong tồn tại.", finding.get_absolute_url())
