"""Report screens (R41, R42, P5) and the unit head's dashboard. Thin: form, one service or selector, template."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from bmnn.core import operations
from bmnn.core.errors import PermissionDenied
from bmnn.core.operations import Download
from bmnn.org.http import AuthenticatedRequest

from . import dashboard as dash
from . import forms as f
from . import selectors
from .figures import registry_table, section_tables
from .models import PeriodicReport
from .policies import agency_of, may_see_dashboard, works_on_reports
from .printing import file_stem, report_docx, report_pdf
from .tree import subordinates_of


@login_required
def report_list(request: AuthenticatedRequest) -> HttpResponse:
    agency = agency_of(request.user)
    year = selectors.current_year()
    may_work = agency is not None and works_on_reports(request.user, agency)
    may_import = operations.load()["report-import"].allowed(request.user, None)
    return render(
        request,
        "reports/list.html",
        {
            "reports": selectors.reports_visible_to(request.user),
            "summaries": selectors.summaries_visible_to(request.user),
            "imported": selectors.imported_for(request.user),
            "own": selectors.own_report_due(request.user),
            "agency": agency,
            "subordinates": selectors.subordinate_status(agency, year) if may_work and agency is not None else [],
            "build_form": f.BuildForm(actor=request.user) if may_work else None,
            "year": year,
            "import_form": f.ImportForm()
            if may_import and agency is not None and subordinates_of(agency, year)
            else None,
        },
    )


def _parts(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Each subordinate's headline figures for the drill-down table (P5)."""
    out = []
    for part in figures.get("subordinates", []):
        rows = {r["key"]: r["total"] for r in registry_table(part["total"])}
        out.append(
            {
                **part,
                "outgoing": rows["registered_outgoing"],
                "incoming": rows["registered_incoming"],
                "incidents": int(part["total"].get("incidents", {}).get("total", 0)),
            }
        )
    return out


def _context(request: AuthenticatedRequest, report: PeriodicReport) -> dict[str, Any]:
    figures = report.figures
    ops = {op.slug: op for op in operations.offered(request.user, "report", report)}
    return {
        "report": report,
        "registry": registry_table(figures.get("total", {})),
        "own_registry": registry_table(figures.get("own", {})),
        "sections": section_tables(figures.get("total", {})),
        "parts": _parts(figures),
        "missing": figures.get("missing", []),
        "ops": ops,
        "text_form": f.TextForm(actor=request.user, subject=report) if "report-edit" in ops else None,
        "status": selectors.subordinate_status(report.organisation, report.year)
        if works_on_reports(request.user, report.organisation)
        else [],
    }


@login_required
def report_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return render(request, "reports/detail.html", _context(request, selectors.report_get_for_user(request.user, pk)))


@login_required
def report_print(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    report = selectors.report_get_for_user(request.user, pk)
    if fmt == "pdf":
        return Download(report_pdf(report), file_stem(report) + ".pdf", "application/pdf").response()
    if fmt == "docx":
        return Download(
            report_docx(report),
            file_stem(report) + ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ).response()
    raise Http404(_("This format does not exist."))


@login_required
def summary_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The five-year summary: each year's headline figures, the period's tables, its texts (R41)."""
    report = selectors.summary_get_for_user(request.user, pk)
    years = [
        {"year": y["year"], "source": y["source"], "rows": registry_table(y["total"])}
        for y in report.figures.get("years", [])
    ]
    return render(
        request,
        "reports/summary.html",
        {
            "report": report,
            "years": years,
            "registry": registry_table(report.figures.get("total", {})),
            "sections": section_tables(report.figures.get("total", {})),
            "operations": operations.offered(request.user, "summary-report", report),
        },
    )


@login_required
def imported_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    imported = selectors.imported_get_for_user(request.user, pk)
    figures = imported.figures
    return render(
        request,
        "reports/imported.html",
        {
            "imported": imported,
            "sections_text": imported.data.get("sections", {}),
            "registry": registry_table(figures.get("total", {})),
            "sections": section_tables(figures.get("total", {})),
            "parts": figures.get("subordinates", []),
            "missing": figures.get("missing", []),
        },
    )


@login_required
def imported_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    imported = selectors.imported_get_for_user(request.user, pk)
    return Download(
        bytes(imported.pdf), f"bao-cao-bmnn-{imported.year}-{imported.organisation.symbol}.pdf", "application/pdf"
    ).response()


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    if not may_see_dashboard(request.user):  # R41, S2: heads and deputies of an agency only
        raise PermissionDenied(_("Only the head or a deputy head of the agency may view this tracking board."))
    return render(request, "reports/dashboard.html", dash.head_dashboard(request.user))
