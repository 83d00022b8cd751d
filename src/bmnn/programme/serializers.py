"""How the API shows plans, tasks, reports, inspections and findings (P1, P2)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from . import selectors as s
from .choices import PlanStatus
from .models import (
    Assignment,
    ChecklistItem,
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

# ---- plans (P1) ----


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
        fields = [
            "id",
            "reference",
            "number",
            "symbol",
            "place",
            "issued_on",
            "title",
            "issuing_unit_id",
            "issuing_unit",
            "parent_id",
            "status",
            "issued_at",
        ]


class PlanDetailSerializer(PlanSerializer):
    contents = serializers.SerializerMethodField()
    basis = serializers.SerializerMethodField()
    tasks = TaskSerializer(many=True, read_only=True)
    attachments = EvidenceSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [
            *PlanSerializer.Meta.fields,
            "basis",
            "purposes",
            "contents",
            "reporting",
            "recipients",
            "signer_title",
            "signer_name",
            "tasks",
            "attachments",
        ]

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
        fields = [
            "id",
            "plan_id",
            "task",
            "unit_id",
            "unit",
            "role",
            "period",
            "due",
            "status",
            "overdue",
            "completed_on",
        ]


def matrix_body(plan: Plan) -> dict[str, Any]:
    m = s.plan_matrix(plan)
    return {
        "tasks": [{"id": t.pk, "order": t.order, "title": t.title} for t in m["tasks"]],
        "rows": [
            {
                "unit_id": r["unit"].pk,
                "unit": r["unit"].name,
                "cells": [
                    {
                        "task_id": c["task"].pk,
                        "role": c["role"],
                        "occurrences": OccurrenceSerializer(c["occurrences"] or [], many=True).data,
                    }
                    for c in r["cells"]
                ],
            }
            for r in m["rows"]
        ],
    }


def plan_body(plan: Plan) -> dict[str, Any]:
    """A plan with its contents, tasks, attachments and, once issued, its units × tasks matrix."""
    body = dict(PlanDetailSerializer(plan).data)
    body["matrix"] = matrix_body(plan) if plan.status == PlanStatus.ISSUED else None
    return body


def occurrence_body(occurrence: Occurrence) -> dict[str, Any]:
    """A unit's task in one period, with its reports, reminders and returns."""
    body = dict(OccurrenceSerializer(occurrence).data)
    body["events"] = EventSerializer(
        occurrence.events.select_related("author").prefetch_related("evidence"), many=True
    ).data
    return body


def event_body(event: TaskEvent) -> dict[str, Any]:
    """The task as it is after a report, reminder or return, and that event."""
    body = dict(OccurrenceSerializer(event.occurrence).data)
    body["event"] = EventSerializer(event).data
    return body


# ---- self-inspection (P2) ----


class ChecklistItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChecklistItem
        fields = ["id", "order", "group", "text", "legal_basis"]


class ChecklistSerializer(serializers.ModelSerializer):
    items = ChecklistItemSerializer(many=True, read_only=True)

    class Meta:
        model = ChecklistTemplate
        fields = ["id", "name", "description", "is_default", "items"]


class AnswerSerializer(serializers.ModelSerializer):
    result_label = serializers.CharField(read_only=True, source="get_result_display")
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = InspectionAnswer
        fields = [
            "id",
            "order",
            "group",
            "text",
            "legal_basis",
            "result",
            "result_label",
            "note",
            "answered_at",
            "evidence",
        ]

    def get_evidence(self, answer: InspectionAnswer) -> list[str]:
        return [e.name for e in answer.evidence.all()]


class FindingSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField(read_only=True, source="inspection.unit")
    owner = serializers.StringRelatedField()
    item = serializers.IntegerField(read_only=True, source="answer.order", allow_null=True, default=None)
    overdue = serializers.BooleanField()

    class Meta:
        model = Finding
        fields = [
            "id",
            "inspection_id",
            "unit",
            "item",
            "description",
            "remedy",
            "owner",
            "due",
            "status",
            "overdue",
            "result_note",
            "closed_on",
        ]


class InspectionSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField()
    inspecting_unit = serializers.StringRelatedField()
    template = serializers.StringRelatedField()
    team = serializers.ListField(read_only=True, source="team_lines", child=serializers.CharField())

    class Meta:
        model = Inspection
        fields = [
            "id",
            "unit",
            "inspecting_unit",
            "template",
            "plan_id",
            "decision_ref",
            "team",
            "started_on",
            "status",
            "conclusion",
            "concluded_on",
        ]


def inspection_body(inspection: Inspection) -> dict[str, Any]:
    """An inspection with every point's answer and its findings."""
    body = dict(InspectionSerializer(inspection).data)
    body["answers"] = AnswerSerializer(inspection.answers.prefetch_related("evidence"), many=True).data
    body["findings"] = FindingSerializer(
        inspection.findings.select_related("owner", "answer", "inspection__unit"), many=True
    ).data
    return body
