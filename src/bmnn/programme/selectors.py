"""Reads of the programme. Person-facing reads apply visibility; the figure functions take unit ids.

The figure functions (task_completion, open_tasks, overdue_tasks, open_findings, overdue_findings,
inspections_in) are used by bmnn.reports for periodic reports and the unit head's dashboard:
keep their signatures stable. ``org_ids`` are the units whose work counts (e.g. a subtree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import F, Q, QuerySet

from bmnn.core import clock
from bmnn.core.errors import NotFound
from bmnn.org.models import Organisation, Person

from .choices import FindingStatus, PlanStatus, TaskStatus
from .models import (
    Assignment,
    ChecklistTemplate,
    Evidence,
    Finding,
    Inspection,
    InspectionAnswer,
    Occurrence,
    Plan,
    Task,
    TaskEvent,
)
from .policies import may_act_for, scope_ids

# ---- figures for reports and dashboards (stable signatures) ----


def _live_occurrences(org_ids: Iterable[int]) -> QuerySet[Occurrence]:
    return Occurrence.objects.filter(
        assignment__unit_id__in=list(org_ids), assignment__task__plan__status=PlanStatus.ISSUED
    ).select_related("assignment__unit", "assignment__task__plan")


def task_completion(org_ids: Iterable[int], start: dt.date, end: dt.date) -> dict[str, Any]:
    """Plan task completion of these units for occurrences due in [start, end] (P1, R41 section d).

    Returns {"total", "done", "done_on_time", "open", "overdue", "rate"}; ``rate`` is done/total in
    percent (0 when there is nothing due), rounded to one decimal.
    """
    rows = _live_occurrences(org_ids).filter(due__gte=start, due__lte=end)
    total = rows.count()
    done = rows.filter(status=TaskStatus.DONE).count()
    on_time = rows.filter(status=TaskStatus.DONE, completed_on__lte=F("due")).count()
    overdue = rows.exclude(status=TaskStatus.DONE).filter(due__lt=clock.today()).count()
    return {
        "total": total,
        "done": done,
        "done_on_time": on_time,
        "open": total - done,
        "overdue": overdue,
        "rate": round(100 * done / total, 1) if total else 0.0,
    }


def open_tasks(org_ids: Iterable[int]) -> QuerySet[Occurrence]:
    """Occurrences of issued plans' tasks assigned to these units and not yet done, soonest due first."""
    return _live_occurrences(org_ids).exclude(status=TaskStatus.DONE).order_by("due", "pk")


def overdue_tasks(org_ids: Iterable[int], on: dt.date | None = None) -> QuerySet[Occurrence]:
    """Open occurrences past their due date (on ``on``, default today)."""
    return open_tasks(org_ids).filter(due__lt=on or clock.today())


def open_findings(org_ids: Iterable[int]) -> QuerySet[Finding]:
    """Findings of inspections of these units still being remedied (P2)."""
    return (
        Finding.objects.filter(inspection__unit_id__in=list(org_ids), status=FindingStatus.OPEN)
        .select_related("inspection__unit", "owner")
        .order_by("due", "pk")
    )


def overdue_findings(org_ids: Iterable[int], on: dt.date | None = None) -> QuerySet[Finding]:
    """Open findings past their remedy due date (P2)."""
    return open_findings(org_ids).filter(due__lt=on or clock.today())


def inspections_in(org_ids: Iterable[int], start: dt.date, end: dt.date) -> QuerySet[Inspection]:
    """Inspections of these units started in [start, end], with their findings prefetched."""
    return (
        Inspection.objects.filter(unit_id__in=list(org_ids), started_on__gte=start, started_on__lte=end)
        .select_related("unit", "inspecting_unit")
        .prefetch_related("findings")
        .order_by("started_on", "pk")
    )


def inspections_conducted(org_ids: Iterable[int], start: dt.date, end: dt.date) -> QuerySet[Inspection]:
    """The inspections these units carried out (of themselves or of a subordinate) started in [start, end]: the
    one count of "inspections" every official output uses (R41, P2); each inspection counts once, for the unit
    that conducted it, so a roll-up never counts it twice."""
    return Inspection.objects.filter(
        inspecting_unit_id__in=list(org_ids), started_on__gte=start, started_on__lte=end
    ).order_by("started_on", "pk")


def findings_in(org_ids: Iterable[int], start: dt.date, end: dt.date) -> QuerySet[Finding]:
    """Findings of inspections of these units started in [start, end]."""
    return Finding.objects.filter(inspection__in=inspections_in(org_ids, start, end)).select_related(
        "inspection__unit", "owner"
    )


# ---- what a person sees ----


def plans_visible_to(person: Person) -> QuerySet[Plan]:
    """Plans of units in the person's scope, and issued plans giving tasks to units in it (P1, P5)."""
    ids = scope_ids(person)
    if not ids:
        return Plan.objects.none()
    assigned = Q(status=PlanStatus.ISSUED, tasks__assignments__unit_id__in=ids)
    return (
        Plan.objects.filter(Q(issuing_unit_id__in=ids) | assigned).distinct().select_related("issuing_unit", "parent")
    )


def plan_get_for_user(person: Person, pk: int) -> Plan:
    plan = plans_visible_to(person).filter(pk=pk).first()
    if plan is None:
        raise NotFound()
    return plan


def task_get_for_user(person: Person, pk: int) -> Task:
    """A task of a plan the person sees."""
    task = Task.objects.filter(pk=pk, plan__in=plans_visible_to(person)).select_related("plan").first()
    if task is None:
        raise NotFound()
    return task


def units_handing_down(person: Person, plan: Plan) -> list[Organisation]:
    """Units of ``person`` that received a task of this issued plan: each may write a plan implementing it (P1)."""
    if plan.status != PlanStatus.ISSUED:
        return []
    units = {a.unit for a in Assignment.objects.filter(task__plan=plan).select_related("unit")}
    return sorted((u for u in units if may_act_for(person, u)), key=lambda u: u.name)


def occurrences_visible_to(person: Person) -> QuerySet[Occurrence]:
    """Occurrences assigned to units in scope, or belonging to plans issued by units in scope."""
    ids = scope_ids(person)
    return Occurrence.objects.filter(
        Q(assignment__unit_id__in=ids) | Q(assignment__task__plan__issuing_unit_id__in=ids),
        assignment__task__plan__status=PlanStatus.ISSUED,
    ).select_related("assignment__unit", "assignment__task__plan__issuing_unit")


def occurrence_get_for_user(person: Person, pk: int) -> Occurrence:
    occurrence = occurrences_visible_to(person).filter(pk=pk).first()
    if occurrence is None:
        raise NotFound()
    return occurrence


def event_get_for_user(person: Person, pk: int) -> TaskEvent:
    """A report, reminder or return on a task the person sees."""
    event = (
        TaskEvent.objects.filter(pk=pk, occurrence__in=occurrences_visible_to(person))
        .select_related("occurrence")
        .first()
    )
    if event is None:
        raise NotFound()
    return event


def tasks_for_unit_people(person: Person) -> QuerySet[Occurrence]:
    """Open occurrences of the units in the person's scope: "our tasks"."""
    return open_tasks(scope_ids(person))


def assignments_received(unit: Organisation) -> QuerySet[Assignment]:
    """Tasks of issued plans assigned to ``unit``: what it may hand down in its own plan."""
    return Assignment.objects.filter(unit=unit, task__plan__status=PlanStatus.ISSUED).select_related(
        "task__plan__issuing_unit"
    )


def plan_matrix(plan: Plan) -> dict[str, Any]:
    """Units × tasks of a plan: for each cell the occurrences with status and overdue flag (P1)."""
    tasks = list(plan.tasks.prefetch_related("assignments__unit", "assignments__occurrences"))
    units: dict[int, Organisation] = {}
    cells: dict[tuple[int, int], list[Occurrence]] = {}
    roles: dict[tuple[int, int], str] = {}
    for task in tasks:
        for a in task.assignments.all():
            units.setdefault(a.unit_id, a.unit)
            cells[(a.unit_id, task.pk)] = sorted(a.occurrences.all(), key=lambda o: o.due)
            roles[(a.unit_id, task.pk)] = a.get_role_display()
    rows = [
        {
            "unit": u,
            "cells": [
                {"task": t, "role": roles.get((u.pk, t.pk)), "occurrences": cells.get((u.pk, t.pk))} for t in tasks
            ],
        }
        for u in sorted(units.values(), key=lambda u: u.name)
    ]
    return {"tasks": tasks, "rows": rows}


def task_get(plan: Plan, pk: int) -> Task:
    task = plan.tasks.filter(pk=pk).first()
    if task is None:
        raise NotFound()
    return task


def inspections_visible_to(person: Person) -> QuerySet[Inspection]:
    """Inspections of, or made by, units in the person's scope (P2, P5)."""
    ids = scope_ids(person)
    return Inspection.objects.filter(Q(unit_id__in=ids) | Q(inspecting_unit_id__in=ids)).select_related(
        "unit", "inspecting_unit", "template"
    )


def inspection_get_for_user(person: Person, pk: int) -> Inspection:
    inspection = inspections_visible_to(person).filter(pk=pk).first()
    if inspection is None:
        raise NotFound()
    return inspection


def answer_get_for_user(person: Person, pk: int) -> InspectionAnswer:
    """One point of an inspection the person sees, with its inspection."""
    answer = (
        InspectionAnswer.objects.filter(pk=pk, inspection__in=inspections_visible_to(person))
        .select_related("inspection__unit", "inspection__inspecting_unit")
        .first()
    )
    if answer is None:
        raise NotFound()
    return answer


def findings_visible_to(person: Person) -> QuerySet[Finding]:
    return Finding.objects.filter(inspection__in=inspections_visible_to(person)).select_related(
        "inspection__unit", "owner"
    )


def finding_get_for_user(person: Person, pk: int) -> Finding:
    finding = findings_visible_to(person).filter(pk=pk).first()
    if finding is None:
        raise NotFound()
    return finding


def evidence_get_for_user(person: Person, pk: int) -> Evidence:
    """An attachment or evidence file, if the person sees the plan, the task or the inspection it belongs to."""
    evidence = Evidence.objects.filter(pk=pk).select_related("event", "answer").first()
    if evidence is None:
        raise NotFound()
    if evidence.plan_id:
        plan_get_for_user(person, evidence.plan_id)
    elif evidence.event is not None:
        occurrence_get_for_user(person, evidence.event.occurrence_id)
    elif evidence.answer is not None:
        inspection_get_for_user(person, evidence.answer.inspection_id)
    else:
        raise NotFound()
    return evidence


def default_template() -> ChecklistTemplate | None:
    return ChecklistTemplate.objects.filter(is_default=True, active=True).first()
