"""REST reads of periodic reports (R41, P5). The operations' endpoints come from reports.operations."""

from __future__ import annotations

from rest_framework.decorators import api_view
from rest_framework.request import Request as HttpRequest
from rest_framework.response import Response

from . import selectors
from .serializers import ReportSerializer


@api_view(["GET"])
def reports(request: HttpRequest) -> Response:
    """GET /api/reports/: the reports the person may read (POST to the same path builds one)."""
    return Response(ReportSerializer(selectors.reports_visible_to(request.user), many=True).data)


@api_view(["GET"])
def report_detail(request: HttpRequest, pk: int) -> Response:
    return Response(ReportSerializer(selectors.report_get_for_user(request.user, pk)).data)


@api_view(["GET"])
def overdue(request: HttpRequest) -> Response:
    """R41: subordinates that have not submitted this year's report by the due date."""
    return Response([{"unit": r["unit"].name, "due": r["due"]} for r in selectors.overdue_reports_for(request.user)])
