"""REST endpoints of the lifecycle: requests, decisions, execution, return, due items.

Input is validated by the same Django forms as the web screens (lifecycle.operations), so a
field the UI refuses, the API refuses with the same Vietnamese message.
"""

from __future__ import annotations

from typing import Any

from django import forms
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request as HttpRequest
from rest_framework.response import Response

from bmnn.approvals import selectors as approvals
from bmnn.approvals.models import Request
from bmnn.approvals.services import request_decide
from bmnn.core.errors import NotFound
from bmnn.lifecycle.forms import DecisionForm, ReturnForm
from bmnn.lifecycle.models import Takeout
from bmnn.lifecycle.operations import EXECUTE, NEW_REQUESTS
from bmnn.lifecycle.selectors import due_summary, request_get_for_user
from bmnn.lifecycle.services.takeout import takeout_return
from bmnn.registry import selectors as registry


class RequestSerializer(serializers.ModelSerializer):
    operation_label = serializers.CharField(source="get_operation_display")
    status_label = serializers.CharField(source="get_status_display")
    requester = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()

    class Meta:
        model = Request
        fields = ["id", "subject_id", "subject_repr", "level", "operation", "operation_label", "requester",
                  "reasons", "payload", "status", "status_label", "created_at", "decided_by", "decided_at",
                  "decision_basis", "decision_reasons"]


def _valid(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form.cleaned_data


@api_view(["GET"])
def requests_mine(request: HttpRequest) -> Response:
    return Response(RequestSerializer(approvals.requests_of(request.user), many=True).data)


@api_view(["GET"])
def requests_awaiting(request: HttpRequest) -> Response:
    return Response(RequestSerializer(approvals.requests_awaiting(request.user), many=True).data)


@api_view(["GET"])
def request_detail(request: HttpRequest, pk: int) -> Response:
    return Response(RequestSerializer(request_get_for_user(request.user, pk)).data)


@api_view(["POST"])
def request_new(request: HttpRequest, pk: int, kind: str) -> Response:
    """POST /api/carriers/<id>/requests/<sao-chup|mang-ra|gia-han>/"""
    if kind not in NEW_REQUESTS:
        raise NotFound()
    carrier = registry.carrier_get_for_user(request.user, pk)
    _title, form_class, service = NEW_REQUESTS[kind]
    made = service(actor=request.user, carrier=carrier, **_valid(form_class(request.data)))
    return Response(RequestSerializer(made).data, status=status.HTTP_201_CREATED)


@api_view(["POST"])
def request_decision(request: HttpRequest, pk: int) -> Response:
    req = request_get_for_user(request.user, pk)
    data = _valid(DecisionForm(request.data))
    return Response(RequestSerializer(request_decide(actor=request.user, request=req, approve=data["approve"],
                                                     reasons=data["reasons"])).data)


@api_view(["POST"])
def request_execute(request: HttpRequest, pk: int) -> Response:
    req = request_get_for_user(request.user, pk)
    if req.operation not in EXECUTE:
        raise NotFound()
    form_class, service, _label = EXECUTE[req.operation]
    service(actor=request.user, request=req, **_valid(form_class(request.data) if form_class else forms.Form({})))
    req.refresh_from_db()
    return Response(RequestSerializer(req).data)


@api_view(["POST"])
def takeout_back(request: HttpRequest, pk: int) -> Response:
    takeout = Takeout.objects.filter(pk=pk).first()
    if takeout is None:
        raise NotFound()
    registry.carrier_get_for_user(request.user, takeout.carrier_id)
    data = _valid(ReturnForm(request.data))
    takeout = takeout_return(actor=request.user, takeout=takeout, closing_report=data["closing_report"])
    return Response({"id": takeout.pk, "returned_at": takeout.returned_at, "carrier": takeout.carrier_id})


@api_view(["GET"])
def due(request: HttpRequest) -> Response:
    summary = due_summary(request.user)
    return Response({
        "reminders": [{"text": r.text, "due": r.due, "person": str(r.person), "carrier": r.carrier_id}
                      for r in summary["reminders"]],
        "takeouts": [{"id": t.pk, "carrier": t.carrier_id, "due": t.due, "taken_by": str(t.taken_by)}
                     for t in summary["takeouts"]],
        "notices": [{"id": n.pk, "carrier": n.carrier_id, "kind": n.kind, "recipient": n.recipient, "due": n.due}
                    for n in summary["notices"]],
    })
