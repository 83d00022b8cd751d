"""Plan screens (P1): list, write and edit a draft, add tasks and files, issue, the units × tasks matrix,
the units' "tasks assigned" page with progress reports, the owner's remind and return, printing.

Thin: a form, one service or selector call, a template.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bmnn.core.forms import call_service, errors_text

from .. import forms as f
from .. import printing
from .. import selectors as s
from ..choices import PlanStatus, TaskStatus
from ..models import Evidence, Occurrence, Plan
from ..policies import may_act_for
from ..services import plans as services


def _form_page(request: HttpRequest, form: djforms.Form, title: str, submit: str) -> HttpResponse:
    return render(request, "web/form.html", {"form": form, "title": title, "submit": submit})


def _handing_down(person: Any, plan: Plan) -> list[Any]:
    """Units of ``person`` that received a task of this issued plan and may write a plan implementing it."""
    if plan.status != PlanStatus.ISSUED:
        return []
    units = {a.unit for t in plan.tasks.all() for a in t.assignments.all()}
    return sorted((u for u in units if may_act_for(person, u)), key=lambda u: u.name)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = s.plans_visible_to(request.user).prefetch_related("tasks")
    return render(request, "programme/plan_list.html", {
        "plans": plans[:200], "may_write": f.units_acting_for(request.user).exists()})


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    initial: dict[str, Any] = {}
    parent = request.GET.get("parent")
    if parent and parent.isdigit():  # hand down: the superior's plan and the receiving unit are pre-filled
        initial = {"parent": int(parent), "unit": request.GET.get("unit")}
    form = f.PlanForm(request.POST or None, person=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        made = call_service(form, lambda: services.plan_create(actor=request.user, **form.cleaned_data))
        if made:
            messages.success(request, "Đã lập dự thảo kế hoạch; tiếp theo giao nhiệm vụ cho các đơn vị.")
            return redirect("programme:plan", pk=made.pk)
    return _form_page(request, form, "Lập kế hoạch bảo vệ bí mật nhà nước", "Lưu dự thảo")


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = s.plan_get_for_user(request.user, pk)
    form = f.PlanForm(request.POST or None, person=request.user, plan=plan, initial=f.plan_initial(plan))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("unit", None)
        contents = data.pop("contents")
        if call_service(form, lambda: services.plan_update(actor=request.user, plan=plan, contents=contents,
                                                           **data)):
            messages.success(request, "Đã lưu dự thảo kế hoạch.")
            return redirect("programme:plan", pk=plan.pk)
    return _form_page(request, form, f"Sửa dự thảo kế hoạch {plan.reference}", "Lưu dự thảo")


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = s.plan_get_for_user(request.user, pk)
    owner = may_act_for(request.user, plan.issuing_unit)
    draft = plan.status == PlanStatus.DRAFT
    return render(request, "programme/plan_detail.html", {
        "plan": plan, "owner": owner, "draft": draft, "contents": plan.contents.all(),
        "tasks": plan.tasks.prefetch_related("assignments__unit").select_related("source__task__plan"),
        "attachments": plan.attachments.all(), "children": s.plans_visible_to(request.user).filter(parent=plan),
        # Link only what the person may open (S2): other units' reports and a superior's plan may be out of scope.
        "parent_visible": s.plans_visible_to(request.user).filter(pk=plan.parent_id).exists(),
        "open_occurrences": set(s.occurrences_visible_to(request.user).filter(
            assignment__task__plan=plan).values_list("pk", flat=True)),
        "matrix": None if draft else s.plan_matrix(plan), "handing_down": _handing_down(request.user, plan),
        "task_form": f.TaskForm(plan=plan) if owner and draft else None,
        "attach_form": f.AttachForm() if owner else None,
        "issue_form": f.IssueForm(initial={"number": plan.number}) if owner and draft else None})


def _plan_post(request: HttpRequest, pk: int, make_form: Callable[[Plan], djforms.Form],
               call: Callable[[Plan, dict[str, Any]], Any], done: str) -> HttpResponse:
    """Run one plan operation from a posted form; the refusal comes back as a flash message."""
    plan = s.plan_get_for_user(request.user, pk)
    form = make_form(plan)
    if form.is_valid() and call_service(form, lambda: call(plan, form.cleaned_data)):
        messages.success(request, done)
    else:
        messages.error(request, errors_text(form))
    return redirect("programme:plan", pk=plan.pk)


@login_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_post(request, pk, lambda plan: f.TaskForm(request.POST, plan=plan),
                      lambda plan, data: services.task_add(actor=request.user, plan=plan, **data),
                      "Đã giao nhiệm vụ.")


@login_required
@require_POST
def plan_attach(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_post(request, pk, lambda _plan: f.AttachForm(request.POST, request.FILES),
                      lambda plan, data: services.plan_attach(actor=request.user, plan=plan, **data),
                      "Đã đính kèm tệp.")


@login_required
@require_POST
def plan_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_post(request, pk, lambda _plan: f.IssueForm(request.POST),
                      lambda plan, data: services.plan_issue(actor=request.user, plan=plan, **data),
                      "Đã ban hành kế hoạch; các đơn vị đã nhận nhiệm vụ.")


@login_required
def plan_print(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = s.plan_get_for_user(request.user, pk)
    if fmt not in printing.FORMATS:
        raise Http404("Không có định dạng này.")
    data, content_type = printing.render(plan, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{printing.filename(plan, fmt)}"'
    return response


@login_required
def tasks_assigned(request: HttpRequest) -> HttpResponse:
    """"Nhiệm vụ được giao": open work of the person's units, and what they reported lately."""
    ids = [o.pk for o in f.units_acting_for(request.user)]
    visible = s.occurrences_visible_to(request.user).filter(assignment__unit_id__in=ids)
    return render(request, "programme/task_list.html", {
        "open": visible.exclude(status=TaskStatus.DONE).order_by("due", "pk"),
        "done": visible.filter(status=TaskStatus.DONE).order_by("-completed_on", "-pk")[:30],
        "others": s.tasks_for_unit_people(request.user).exclude(assignment__unit_id__in=ids)[:200]})


@login_required
def occurrence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence: Occurrence = s.occurrence_get_for_user(request.user, pk)
    plan = occurrence.assignment.task.plan
    reporter = may_act_for(request.user, occurrence.assignment.unit)
    owner = may_act_for(request.user, plan.issuing_unit)
    open_ = occurrence.status != TaskStatus.DONE
    return render(request, "programme/task_detail.html", {
        "occurrence": occurrence, "task": occurrence.assignment.task, "plan": plan,
        "events": occurrence.events.select_related("author").prefetch_related("evidence"),
        "report_form": f.ReportForm() if reporter and open_ else None,
        "remind_form": f.RemindForm() if owner and open_ else None,
        "return_form": f.ReturnForm() if owner and occurrence.status in (TaskStatus.DONE, TaskStatus.IN_PROGRESS)
        else None})


OCCURRENCE_OPS: dict[str, tuple[type[djforms.Form], Callable[..., Any], str]] = {
    "bao-cao": (f.ReportForm, services.progress_report, "Đã gửi báo cáo tiến độ."),
    "nhac": (f.RemindForm, services.progress_remind, "Đã nhắc đơn vị thực hiện."),
    "tra-lai": (f.ReturnForm, services.progress_return, "Đã trả lại báo cáo để đơn vị làm tiếp."),
}


@login_required
@require_POST
def occurrence_act(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    occurrence = s.occurrence_get_for_user(request.user, pk)
    if op not in OCCURRENCE_OPS:
        raise Http404("Không có thao tác này.")
    form_class, service, done = OCCURRENCE_OPS[op]
    form = form_class(request.POST, request.FILES)
    if form.is_valid() and call_service(form, lambda: service(actor=request.user, occurrence=occurrence,
                                                              **form.cleaned_data)):
        messages.success(request, done)
    else:
        messages.error(request, errors_text(form))
    return redirect("programme:occurrence", pk=occurrence.pk)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """Download an attachment or evidence file, if the person sees what it belongs to."""
    evidence = Evidence.objects.filter(pk=pk).select_related("event", "answer").first()
    if evidence is None:
        raise Http404("Không tìm thấy.")
    if evidence.plan_id:
        s.plan_get_for_user(request.user, evidence.plan_id)
    elif evidence.event_id:
        s.occurrence_get_for_user(request.user, evidence.event.occurrence_id)  # type: ignore[union-attr]
    elif evidence.answer_id:
        s.inspection_get_for_user(request.user, evidence.answer.inspection_id)  # type: ignore[union-attr]
    else:
        raise Http404("Không tìm thấy.")
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
