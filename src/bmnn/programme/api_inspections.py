"""REST endpoints for self-inspection (P2): the same forms and services as the screens and the command."""

from __future__ import annotations

from typing import Any

from django import forms
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.core import clock
from bmnn.core.errors import NotFound

from . import selectors as s
from .choices import FindingStatus
from .inspection_forms import AnswerForm, ConcludeForm, FindingCloseForm, FindingForm, InspectionOpenForm
from .models import ChecklistItem, ChecklistTemplate, Finding, Inspection, InspectionAnswer
from .services import inspections as services


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
        fields = ["id", "order", "group", "text", "legal_basis", "result", "result_label", "note", "answered_at",
                  "evidence"]

    def get_evidence(self, answer: InspectionAnswer) -> list[str]:
        return [e.name for e in answer.evidence.all()]


class FindingSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField(source="inspection.unit")
    owner = serializers.StringRelatedField()
    item = serializers.IntegerField(read_only=True, source="answer.order", allow_null=True, default=None)
    overdue = serializers.BooleanField()

    class Meta:
        model = Finding
        fields = ["id", "inspection_id", "unit", "item", "description", "remedy", "owner", "due", "status",
                  "overdue", "result_note", "closed_on"]


class InspectionSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField()
    inspecting_unit = serializers.StringRelatedField()
    template = serializers.StringRelatedField()
    team = serializers.ListField(source="team_lines", child=serializers.CharField())

    class Meta:
        model = Inspection
        fields = ["id", "unit", "inspecting_unit", "template", "plan_id", "decision_ref", "team", "started_on",
                  "status", "conclusion", "concluded_on"]


def _detail(inspection: Inspection) -> dict[str, Any]:
    body = dict(InspectionSerializer(inspection).data)
    body["answers"] = AnswerSerializer(inspection.answers.prefetch_related("evidence"), many=True).data
    body["findings"] = FindingSerializer(inspection.findings.select_related("owner", "answer", "inspection__unit"),
                                         many=True).data
    return body


def _valid(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form.cleaned_data


@api_view(["GET"])
def checklist_list(request: Request) -> Response:
    """Active checklist templates with their points and legal basis (P2)."""
    rows = ChecklistTemplate.objects.filter(active=True).prefetch_related("items")
    return Response(ChecklistSerializer(rows, many=True).data)


@api_view(["GET", "POST"])
def inspection_list(request: Request) -> Response:
    if request.method == "GET":
        return Response(InspectionSerializer(s.inspections_visible_to(request.user)[:500], many=True).data)
    data = _valid(InspectionOpenForm(request.data, person=request.user))
    made = services.inspection_open(actor=request.user, **data)
    return Response(_detail(made), status=status.HTTP_201_CREATED)


@api_view(["GET"])
def inspection_detail(request: Request, pk: int) -> Response:
    return Response(_detail(s.inspection_get_for_user(request.user, pk)))


@api_view(["POST"])
def answer_save(request: Request, pk: int, answer_pk: int) -> Response:
    """POST result (MET, NOT_MET, NA), note and multipart ``files`` for one checklist point (P2)."""
    inspection = s.inspection_get_for_user(request.user, pk)
    answer = inspection.answers.filter(pk=answer_pk).first()
    if answer is None:
        raise NotFound()
    data = _valid(AnswerForm(request.data, request.FILES))
    answer = services.inspection_answer(actor=request.user, answer=answer, **data)
    return Response(AnswerSerializer(answer).data)


@api_view(["POST"])
def finding_new(request: Request, pk: int) -> Response:
    inspection = s.inspection_get_for_user(request.user, pk)
    made = services.finding_record(actor=request.user, inspection=inspection,
                                   **_valid(FindingForm(request.data, inspection=inspection)))
    return Response(FindingSerializer(made).data, status=status.HTTP_201_CREATED)


@api_view(["POST"])
def inspection_conclude(request: Request, pk: int) -> Response:
    inspection = s.inspection_get_for_user(request.user, pk)
    services.inspection_conclude(actor=request.user, inspection=inspection, **_valid(ConcludeForm(request.data)))
    return Response(_detail(s.inspection_get_for_user(request.user, pk)))


@api_view(["GET"])
def finding_list(request: Request) -> Response:
    """Findings the person sees; ``?status=OPEN`` or ``CLOSED`` filters, ``?overdue=1`` keeps overdue ones."""
    rows = s.findings_visible_to(request.user).select_related("answer")
    wanted = request.query_params.get("status")
    if wanted in FindingStatus.values:
        rows = rows.filter(status=wanted)
    if request.query_params.get("overdue") in ("1", "true"):
        rows = rows.filter(status=FindingStatus.OPEN, due__lt=clock.today())
    return Response(FindingSerializer(rows, many=True).data)


@api_view(["GET"])
def finding_detail(request: Request, pk: int) -> Response:
    return Response(FindingSerializer(s.finding_get_for_user(request.user, pk)).data)


@api_view(["POST"])
def finding_close(request: Request, pk: int) -> Response:
    finding = s.finding_get_for_user(request.user, pk)
    closed = services.finding_close(actor=request.user, finding=finding, **_valid(FindingCloseForm(request.data)))
    return Response(FindingSerializer(closed).data)
