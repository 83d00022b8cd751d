"""REST endpoints for plans (P1): the same forms and services as the screens and `bmnn programme`.

A refusal answers 400/403 with the service's Vietnamese message and rule, and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpResponse
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.core.errors import NotFound

from . import forms as f
from . import printing
from . import selectors as s
from .models import Assignment, Evidence, Occurrence, Plan, Task, TaskEvent
from .services import plans as services


class AssignmentSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField()

    class Meta:
        model = Assignment
        fields = ["id", "unit_id", "unit", "role"]


class TaskSerializer(serializers.ModelSerializer):
    assignments = AssignmentSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = ["id", "order", "title", "description", "due", "recurrence", "source_id", "assignments"]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["id", "name", "uploaded_at"]


class PlanSerializer(serializers.ModelSerializer):
    issuing_unit = serializers.StringRelatedField()

    class Meta:
        model = Plan
        fields = ["id", "reference", "number", "symbol", "place", "issued_on", "title", "issuing_unit_id",
                  "issuing_unit", "parent_id", "status", "issued_at"]


class PlanDetailSerializer(PlanSerializer):
    contents = serializers.SerializerMethodField()
    basis = serializers.SerializerMethodField()
    tasks = TaskSerializer(many=True, read_only=True)
    attachments = EvidenceSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "basis", "purposes", "contents", "reporting", "recipients",
                  "signer_title", "signer_name", "tasks", "attachments"]

    def get_contents(self, plan: Plan) -> list[str]:
        return [c.text for c in plan.contents.all()]

    def get_basis(self, plan: Plan) -> list[str]:
        return plan.basis_lines()


class EventSerializer(serializers.ModelSerializer):
    author = serializers.StringRelatedField()
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = TaskEvent
        fields = ["id", "kind", "author", "at", "text", "complete", "evidence"]


class OccurrenceSerializer(serializers.ModelSerializer):
    plan_id = serializers.IntegerField(read_only=True, source="assignment.task.plan_id")
    task = serializers.CharField(read_only=True, source="assignment.task.title")
    unit_id = serializers.IntegerField(read_only=True, source="assignment.unit_id")
    unit = serializers.CharField(read_only=True, source="assignment.unit.name")
    role = serializers.CharField(read_only=True, source="assignment.role")

    class Meta:
        model = Occurrence
        fields = ["id", "plan_id", "task", "unit_id", "unit", "role", "period", "due", "status", "overdue",
                  "completed_on"]


def _matrix(plan: Plan) -> dict[str, Any]:
    m = s.plan_matrix(plan)
    return {"tasks": [{"id": t.pk, "order": t.order, "title": t.title} for t in m["tasks"]],
            "rows": [{"unit_id": r["unit"].pk, "unit": r["unit"].name,
                      "cells": [{"task_id": c["task"].pk, "role": c["role"],
                                 "occurrences": OccurrenceSerializer(c["occurrences"] or [], many=True).data}
                                for c in r["cells"]]} for r in m["rows"]]}


def _valid(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form.cleaned_data


def _plan_data(request: Request) -> dict[str, Any]:
    """The request's fields, with ``contents`` given as a list or as lines of text."""
    data = {key: request.data.get(key) for key in request.data}
    many = request.data.getlist("contents") if hasattr(request.data, "getlist") else request.data.get("contents")
    if isinstance(many, list | tuple):
        data["contents"] = "\n".join(str(c) for c in many)
    return data


def _detail(request: Request, pk: int) -> Response:
    plan = s.plan_get_for_user(request.user, pk)
    body = PlanDetailSerializer(plan).data
    body["matrix"] = _matrix(plan) if plan.status == "ISSUED" else None
    return Response(body)


@api_view(["GET", "POST"])
def plan_list(request: Request) -> Response:
    if request.method == "GET":
        return Response(PlanSerializer(s.plans_visible_to(request.user)[:500], many=True).data)
    data = _valid(f.PlanForm(_plan_data(request), person=request.user))
    made = services.plan_create(actor=request.user, **data)
    return Response(PlanDetailSerializer(made).data, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def plan_detail(request: Request, pk: int) -> Response:
    return _detail(request, pk)


@api_view(["POST"])
def task_add(request: Request, pk: int) -> Response:
    plan = s.plan_get_for_user(request.user, pk)
    data = _valid(f.TaskForm(request.data, plan=plan))
    task = services.task_add(actor=request.user, plan=plan, **data)
    return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)


@api_view(["POST"])
def plan_attach(request: Request, pk: int) -> Response:
    plan = s.plan_get_for_user(request.user, pk)
    files = _valid(f.AttachForm(request.data, request.FILES))["files"]
    saved = services.plan_attach(actor=request.user, plan=plan, files=files)
    return Response(EvidenceSerializer(saved, many=True).data, status=status.HTTP_201_CREATED)


@api_view(["POST"])
def plan_issue(request: Request, pk: int) -> Response:
    plan = s.plan_get_for_user(request.user, pk)
    services.plan_issue(actor=request.user, plan=plan, number=_valid(f.IssueForm(request.data))["number"])
    return _detail(request, pk)


@api_view(["GET"])
def plan_print(request: Request, pk: int, fmt: str) -> HttpResponse:
    plan = s.plan_get_for_user(request.user, pk)
    if fmt not in printing.FORMATS:
        raise NotFound()
    data, content_type = printing.render(plan, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{printing.filename(plan, fmt)}"'
    return response


@api_view(["GET"])
def occurrence_list(request: Request) -> Response:
    """Open work of the units in the person's scope ("our tasks")."""
    return Response(OccurrenceSerializer(s.tasks_for_unit_people(request.user)[:500], many=True).data)


@api_view(["GET"])
def occurrence_detail(request: Request, pk: int) -> Response:
    occurrence = s.occurrence_get_for_user(request.user, pk)
    body = OccurrenceSerializer(occurrence).data
    body["events"] = EventSerializer(occurrence.events.select_related("author").prefetch_related("evidence"),
                                     many=True).data
    return Response(body)


OPS: dict[str, tuple[type[forms.Form], Any]] = {
    "report": (f.ReportForm, services.progress_report),
    "remind": (f.RemindForm, services.progress_remind),
    "return": (f.ReturnForm, services.progress_return),
}


@api_view(["POST"])
def occurrence_act(request: Request, pk: int, op: str) -> Response:
    """POST report (text, complete, files as multipart), remind (text) or return (reason)."""
    occurrence = s.occurrence_get_for_user(request.user, pk)
    if op not in OPS:
        raise NotFound()
    form_class, service = OPS[op]
    event = service(actor=request.user, occurrence=occurrence, **_valid(form_class(request.data, request.FILES)))
    body = OccurrenceSerializer(s.occurrence_get_for_user(request.user, pk)).data
    body["event"] = EventSerializer(event).data
    return Response(body, status=status.HTTP_201_CREATED)
