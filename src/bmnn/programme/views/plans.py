"""Plan screens (P1): the list, one plan with its units × tasks matrix, the units' "tasks assigned" page,
one task with its reports, printing and evidence files. Reads only.

Writing, handing out tasks, attaching, issuing, reporting, reminding and returning are declared
operations (programme.operations); their screens are made from the declarations, and these pages offer
them when their check passes.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from bmnn.org.http import AuthenticatedRequest

from .. import printing
from .. import selectors as s
from ..choices import PlanStatus, TaskStatus
from ..models import Occurrence
from ..policies import units_acting_for
from .common import allowed, offered


@login_required
def plan_list(request: AuthenticatedRequest) -> HttpResponse:
    plans = s.plans_visible_to(request.user).prefetch_related("tasks")
    return render(
        request, "programme/plan_list.html", {"plans": plans[:200], "may_write": allowed(request.user, "plan-create")}
    )


@login_required
def plan_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = s.plan_get_for_user(request.user, pk)
    draft = plan.status == PlanStatus.DRAFT
    return render(
        request,
        "programme/plan_detail.html",
        {
            "plan": plan,
            "draft": draft,
            "contents": plan.contents.all(),
            "tasks": plan.tasks.prefetch_related("assignments__unit").select_related("source__task__plan"),
            "attachments": plan.attachments.all(),
            "children": s.plans_visible_to(request.user).filter(parent=plan),
            # Link only what the person may open (S2): other units' reports and a superior's plan may be out of scope.
            "parent_visible": plan.parent_id is not None
            and s.plans_visible_to(request.user).filter(pk=plan.parent_id).exists(),
            "open_occurrences": set(
                s.occurrences_visible_to(request.user).filter(assignment__task__plan=plan).values_list("pk", flat=True)
            ),
            "matrix": None if draft else s.plan_matrix(plan),
            "handing_down": s.units_handing_down(request.user, plan),
            **offered(request.user, "plan", plan, inline=("plan-task-add", "plan-attach", "plan-issue")),
        },
    )


@login_required
def plan_print(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    plan = s.plan_get_for_user(request.user, pk)
    if fmt not in printing.FORMATS:
        raise Http404(_("There is no such format."))
    data, content_type = printing.render(plan, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{printing.filename(plan, fmt)}"'
    return response


@login_required
def tasks_assigned(request: AuthenticatedRequest) -> HttpResponse:
    """ "Nhiệm vụ được giao": open work of the person's units, and what they reported lately."""
    ids = [o.pk for o in units_acting_for(request.user)]
    visible = s.occurrences_visible_to(request.user).filter(assignment__unit_id__in=ids)
    return render(
        request,
        "programme/task_list.html",
        {
            "open": visible.exclude(status=TaskStatus.DONE).order_by("due", "pk"),
            "done": visible.filter(status=TaskStatus.DONE).order_by("-completed_on", "-pk")[:30],
            "others": s.tasks_for_unit_people(request.user).exclude(assignment__unit_id__in=ids)[:200],
        },
    )


@login_required
def occurrence_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    occurrence: Occurrence = s.occurrence_get_for_user(request.user, pk)
    return render(
        request,
        "programme/task_detail.html",
        {
            "occurrence": occurrence,
            "task": occurrence.assignment.task,
            "plan": occurrence.assignment.task.plan,
            "events": occurrence.events.select_related("author").prefetch_related("evidence"),
            **offered(request.user, "plan-task", occurrence, inline=("task-report", "task-remind", "task-return")),
        },
    )


@login_required
def evidence_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """Download an attachment or evidence file, if the person sees what it belongs to."""
    evidence = s.evidence_get_for_user(request.user, pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
