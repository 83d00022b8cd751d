"""Report screens (R41, R42, P5) and the unit head's dashboard. Thin: form, one service or selector, template."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bmnn.core.errors import DomainError
from bmnn.core.forms import call_service

from . import dashboard as dash
from . import forms as f
from . import selectors, services
from .figures import registry_table, section_tables
from .models import PeriodicReport
from .policies import agency_of, may_sign, works_on_reports
from .printing import report_docx, report_pdf
from .tree import subordinates_of


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    agency = agency_of(request.user)
    year = selectors.current_year()
    may_work = agency is not None and works_on_reports(request.user, agency)
    return render(request, "reports/list.html", {
        "reports": selectors.reports_visible_to(request.user), "imported": selectors.imported_for(request.user),
        "own": selectors.own_report_due(request.user), "agency": agency,
        "subordinates": selectors.subordinate_status(agency, year) if may_work else [],
        "build_form": f.BuildForm(initial={"year": year}) if may_work else None, "year": year,
        "import_form": f.ImportForm() if may_work and subordinates_of(agency, year) else None})


@login_required
@require_POST
def report_build(request: HttpRequest) -> HttpResponse:
    form = f.BuildForm(request.POST)
    agency = agency_of(request.user)
    if agency is not None and form.is_valid():
        made = call_service(form, lambda: services.report_build(actor=request.user, unit=agency,
                                                                year=form.cleaned_data["year"]))
        if made:
            messages.success(request, f"Đã lập dự thảo báo cáo năm {made.year}; số liệu lấy từ dữ liệu đến nay.")
            return redirect("reports:detail", pk=made.pk)
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs) or "Không lập được.")
    return redirect("reports:list")


def _parts(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Each subordinate's headline figures for the drill-down table (P5)."""
    out = []
    for part in figures.get("subordinates", []):
        rows = {r["key"]: r["total"] for r in registry_table(part["total"])}
        out.append({**part, "outgoing": rows["registered_outgoing"], "incoming": rows["registered_incoming"],
                    "incidents": int(part["total"].get("incidents", {}).get("total", 0))})
    return out


def _context(request: HttpRequest, report: PeriodicReport) -> dict[str, Any]:
    figures = report.figures
    editable = not report.is_submitted and works_on_reports(request.user, report.organisation)
    return {
        "report": report, "registry": registry_table(figures.get("total", {})),
        "own_registry": registry_table(figures.get("own", {})),
        "sections": section_tables(figures.get("total", {})), "parts": _parts(figures),
        "missing": figures.get("missing", []), "editable": editable,
        "text_form": f.TextForm(initial={k: getattr(report, k) for k in services.TEXT_FIELDS}) if editable else None,
        "may_submit": not report.is_submitted and may_sign(request.user, report.organisation),
        "may_export": report.is_submitted and works_on_reports(request.user, report.organisation),
        "status": selectors.subordinate_status(report.organisation, report.year) if works_on_reports(
            request.user, report.organisation) else [],
    }


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "reports/detail.html", _context(request, selectors.report_get_for_user(request.user, pk)))


@login_required
@require_POST
def report_text(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_user(request.user, pk)
    form = f.TextForm(request.POST)
    if form.is_valid() and call_service(form, lambda: services.report_edit(
            actor=request.user, report=report, **form.cleaned_data)):
        messages.success(request, "Đã lưu nội dung báo cáo.")
        return redirect("reports:detail", pk=report.pk)
    context = _context(request, report)
    context["text_form"] = form
    return render(request, "reports/detail.html", context, status=400)


def _act(request: HttpRequest, pk: int, call: Any, done: str) -> HttpResponse:
    report = selectors.report_get_for_user(request.user, pk)
    try:
        call(report)
        messages.success(request, done)
    except DomainError as exc:
        messages.error(request, f"{exc.message} ({exc.rule})" if exc.rule else exc.message)
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda r: services.report_build(actor=request.user, unit=r.organisation, year=r.year),
                "Đã tính lại số liệu từ dữ liệu hiện có.")


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, lambda r: services.report_submit(actor=request.user, report=r),
                "Đã ký gửi báo cáo lên cấp trên; số liệu đã chốt và nội dung đã khóa.")


def _download(content: bytes, name: str, mime: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_stem(report: PeriodicReport) -> str:
    return f"bao-cao-bmnn-{report.year}-{report.organisation.symbol or report.organisation.pk}"


@login_required
def report_print(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = selectors.report_get_for_user(request.user, pk)
    if fmt == "pdf":
        return _download(report_pdf(report), _file_stem(report) + ".pdf", "application/pdf")
    if fmt == "docx":
        return _download(report_docx(report), _file_stem(report) + ".docx",
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    raise Http404("Không có định dạng này.")


@login_required
@require_POST
def report_package(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_user(request.user, pk)
    try:
        blob = services.package_export(actor=request.user, report=report)
    except DomainError as exc:
        messages.error(request, f"{exc.message} ({exc.rule})" if exc.rule else exc.message)
        return redirect("reports:detail", pk=report.pk)
    return _download(blob, _file_stem(report) + ".zip", "application/zip")


@login_required
@require_POST
def package_import(request: HttpRequest) -> HttpResponse:
    form = f.ImportForm(request.POST, request.FILES)
    agency = agency_of(request.user)
    if agency is not None and form.is_valid():
        blob = form.cleaned_data["package"].read()
        imported = call_service(form, lambda: services.package_import(actor=request.user, recipient=agency,
                                                                      blob=blob))
        if imported:
            messages.success(request, f"Đã kiểm tra chữ ký số và nhập báo cáo năm {imported.year} của "
                                      f"{imported.organisation.name}.")
            return redirect("reports:imported", pk=imported.pk)
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("reports:list")



@login_required
def imported_detail(request: HttpRequest, pk: int) -> HttpResponse:
    imported = selectors.imported_get_for_user(request.user, pk)
    figures = imported.figures
    return render(request, "reports/imported.html", {
        "imported": imported, "sections_text": imported.data.get("sections", {}),
        "registry": registry_table(figures.get("total", {})), "sections": section_tables(figures.get("total", {})),
        "parts": figures.get("subordinates", []), "missing": figures.get("missing", [])})


@login_required
def imported_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    imported = selectors.imported_get_for_user(request.user, pk)
    return _download(bytes(imported.pdf), f"bao-cao-bmnn-{imported.year}-{imported.organisation.symbol}.pdf",
                     "application/pdf")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/dashboard.html", dash.head_dashboard(request.user))
