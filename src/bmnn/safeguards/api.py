"""REST reads of incidents, staff and devices; the operations' endpoints come from safeguards.operations."""

from __future__ import annotations

from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from . import selectors as s
from .serializers import (
    DeviceSerializer,
    FindingSerializer,
    IncidentSerializer,
    PersonSerializer,
    ReportSerializer,
    SweepSerializer,
)


@api_view(["GET"])
def incident_list(request: Request) -> Response:
    rows = s.incidents_visible_to(request.user).prefetch_related("carriers", "remedies__owner")[:500]
    return Response(IncidentSerializer(rows, many=True).data)


@api_view(["GET"])
def incident_detail(request: Request, pk: int) -> Response:
    return Response(IncidentSerializer(s.incident_get_for_user(request.user, pk)).data)


@api_view(["GET"])
def reports_awaiting(request: Request) -> Response:
    rows = []
    reports = s.reports_awaiting(request.user).prefetch_related("incident__carriers")
    for report, body in s.reports_shown(request.user, reports):  # S2, R18: records as the reader may see them
        rows.append({**ReportSerializer(report).data, "body": body})
    return Response(rows)


@api_view(["GET"])
def staff_list(request: Request) -> Response:
    return Response(PersonSerializer(s.staff_visible_to(request.user), many=True).data)


@api_view(["GET"])
def staff_detail(request: Request, pk: int) -> Response:
    person = s.staff_get_for_user(request.user, pk)
    body = PersonSerializer(person).data
    body["holdings"] = [{"what": h.what, "item": h.item} for h in s.holdings(person, request.user)]  # S2
    body["commitments"] = [{"id": c.pk, "kind": c.kind, "signed_on": c.signed_on} for c in person.commitments.all()]
    body["offboarding_blockers"] = s.offboarding_blockers(person, request.user)
    return Response(body)


@api_view(["GET"])
def device_list(request: Request) -> Response:
    return Response(DeviceSerializer(s.devices_visible_to(request.user), many=True).data)


@api_view(["GET"])
def device_detail(request: Request, pk: int) -> Response:
    device = s.device_get_for_user(request.user, pk)
    body = DeviceSerializer(device).data
    body["findings"] = FindingSerializer(s.findings_shown(request.user, device.findings.all()), many=True).data
    return Response(body)


@api_view(["GET"])
def sweep_detail(request: Request, pk: int) -> Response:
    sweep = s.sweep_get_for_user(request.user, pk)
    sweep.shown_units = s.sweep_units(request.user, sweep)  # S2: finding paths as this reader may see them
    return Response(SweepSerializer(sweep).data)
