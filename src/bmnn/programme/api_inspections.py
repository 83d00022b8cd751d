"""REST reads of self-inspection (P2): checklists, inspections, findings.

The operations (open, answer, record a finding, conclude, close a finding) are declared in
programme.operations; their endpoints are made from the declarations (``/api/inspections/<id>/conclude/`` ...).
"""

from __future__ import annotations

from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.core import clock

from . import selectors as s
from .choices import FindingStatus
from .models import ChecklistTemplate
from .serializers import ChecklistSerializer, FindingSerializer, InspectionSerializer, inspection_body


@api_view(["GET"])
def checklist_list(request: Request) -> Response:
    """Active checklist templates with their points and legal basis (P2)."""
    rows = ChecklistTemplate.objects.filter(active=True).prefetch_related("items")
    return Response(ChecklistSerializer(rows, many=True).data)


@api_view(["GET"])
def inspection_list(request: Request) -> Response:
    return Response(InspectionSerializer(s.inspections_visible_to(request.user)[:500], many=True).data)


@api_view(["GET"])
def inspection_detail(request: Request, pk: int) -> Response:
    return Response(inspection_body(s.inspection_get_for_user(request.user, pk)))


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
