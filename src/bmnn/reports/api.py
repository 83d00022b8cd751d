"""REST endpoints of periodic reports (R41, P5): the same forms validate, the same services act."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpResponse
from rest_framework import serializers, status
from rest_framework.decorators import api_view, parser_classes
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request as HttpRequest
from rest_framework.response import Response

from bmnn.core.errors import DomainError

from . import forms as f
from . import selectors, services
from .models import ImportedReport, PeriodicReport
from .policies import agency_of


class ReportSerializer(serializers.ModelSerializer):
    organisation = serializers.StringRelatedField()
    recipient = serializers.StringRelatedField()
    submitted_by = serializers.StringRelatedField()
    status_label = serializers.CharField(read_only=True, source="get_status_display")

    class Meta:
        model = PeriodicReport
        fields = ["id", "organisation", "year", "window_start", "window_end", "due", "recipient", "status",
                  "status_label", "situation", "results", "incidents_text", "proposals", "figures", "figures_at",
                  "submitted_by", "submitted_at"]


class ImportedSerializer(serializers.ModelSerializer):
    organisation = serializers.StringRelatedField()
    recipient = serializers.StringRelatedField()
    imported_by = serializers.StringRelatedField()

    class Meta:
        model = ImportedReport
        fields = ["id", "organisation", "recipient", "year", "data", "data_sha256", "imported_by", "imported_at"]


def _valid(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form.cleaned_data


def _agency(request: HttpRequest) -> Any:
    agency = agency_of(request.user)
    if agency is None:
        raise DomainError("Tài khoản chưa thuộc đơn vị nào.", rule="R41")
    return agency


@api_view(["GET", "POST"])
def reports(request: HttpRequest) -> Response:
    """GET: reports the person may read. POST {year}: build or refresh the unit's draft (R41)."""
    if request.method == "GET":
        return Response(ReportSerializer(selectors.reports_visible_to(request.user), many=True).data)
    data = _valid(f.BuildForm(request.data))
    made = services.report_build(actor=request.user, unit=_agency(request), year=data["year"])
    return Response(ReportSerializer(made).data, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def report_detail(request: HttpRequest, pk: int) -> Response:
    return Response(ReportSerializer(selectors.report_get_for_user(request.user, pk)).data)


@api_view(["POST"])
def report_text(request: HttpRequest, pk: int) -> Response:
    report = selectors.report_get_for_user(request.user, pk)
    given = {k: v for k, v in _valid(f.TextForm(request.data)).items() if k in request.data}
    return Response(ReportSerializer(services.report_edit(actor=request.user, report=report, **given)).data)


@api_view(["POST"])
def report_submit(request: HttpRequest, pk: int) -> Response:
    report = selectors.report_get_for_user(request.user, pk)
    return Response(ReportSerializer(services.report_submit(actor=request.user, report=report)).data)


@api_view(["POST"])
def report_package(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed package (zip: data.json, data.sig, bao-cao.pdf) of a submitted report (P5)."""
    report = selectors.report_get_for_user(request.user, pk)
    response = HttpResponse(services.package_export(actor=request.user, report=report),
                            content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-bmnn-{report.year}.zip"'
    return response


@api_view(["POST"])
@parser_classes([MultiPartParser, FormParser])
def package_import(request: HttpRequest) -> Response:
    """Multipart field ``package``: verify the signature and store the subordinate's report (P5)."""
    data = _valid(f.ImportForm(request.data, request.FILES))
    imported = services.package_import(actor=request.user, recipient=_agency(request),
                                       blob=data["package"].read())
    return Response(ImportedSerializer(imported).data, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def overdue(request: HttpRequest) -> Response:
    """R41: subordinates that have not submitted this year's report by the due date."""
    return Response([{"unit": r["unit"].name, "due": r["due"]} for r in selectors.overdue_reports_for(request.user)])
