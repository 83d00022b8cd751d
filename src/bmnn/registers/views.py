"""Screens of the registers app: the "Sổ sách" page, print views, downloads, and the "Biểu mẫu" pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bmnn.core.errors import DomainError
from bmnn.core.operations import Download
from bmnn.org.http import AuthenticatedRequest
from bmnn.org.models import Person
from bmnn.registry import selectors as registry

from .books import build_book
from .choices import RegisterKind
from .downloads import KIND_SLUG, SLUG_KIND, Export, commitment_export, form_export, register_export
from .forms import RegisterFilterForm
from .paperwork import forms_for
from .policies import may_close_volume, may_print_registers
from .selectors import Selection, check_register_year, volumes_for, years_in_use


def _kind(slug: str) -> str:
    if slug not in SLUG_KIND:
        raise Http404(_("There is no such register."))
    return SLUG_KIND[slug]


def _agency(request: AuthenticatedRequest) -> Any:
    agency = request.user.agency()
    if agency is None or not may_print_registers(request.user, agency):
        raise Http404(_("Register not found."))
    return agency


def _selection(request: AuthenticatedRequest, kind: str, year: int) -> tuple[Selection, RegisterFilterForm]:
    agency = _agency(request)
    form = RegisterFilterForm(request.GET or None, agency=agency)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    sel = Selection(
        agency,
        kind,
        year,
        volume=data.get("quyen"),
        date_from=data.get("tu_ngay"),
        date_to=data.get("den_ngay"),
        unit=data.get("don_vi"),
        level=data.get("do_mat") or "",
    )
    return sel, form


def _download(export: Export) -> HttpResponse:
    return Download(export.content, export.filename, export.content_type).response()


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The registers of the person's agency, per year, with their volumes."""
    agency = _agency(request)
    year = _int(request.GET.get("nam")) or years_in_use(agency)[0]
    check_register_year(year)
    rows = [
        {
            "kind": kind,
            "label": label,
            "slug": KIND_SLUG[kind],
            "volumes": volumes_for(request.user, agency, kind, year) if kind != RegisterKind.STATISTICS else [],
        }
        for kind, label in RegisterKind.choices
    ]
    return render(
        request,
        "registers/index.html",
        {
            "agency": agency,
            "year": year,
            "years": years_in_use(agency),
            "rows": rows,
            "can_close": may_close_volume(request.user, agency),
        },
    )


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def register_view(request: AuthenticatedRequest, slug: str, year: int) -> HttpResponse:
    """The register in the browser, laid out for printing (print CSS), with the same rows as the exports."""
    sel, form = _selection(request, _kind(slug), year)
    book, layout, entries = build_book(request.user, sel)
    looks = [("lv" if c.red else "") + (" centre" if c.centre else "") for c in book.columns]
    rows = [list(zip(row, looks, strict=False)) for row in book.rows]
    total = sum(c.width for c in book.columns) or 1.0
    widths = [f"{100 * c.width / total:.1f}" for c in book.columns]
    return render(
        request,
        "registers/register.html",
        {
            "widths": widths,
            "book": book,
            "layout": layout,
            "rows": rows,
            "form": form,
            "slug": slug,
            "year": year,
            "query": request.GET.urlencode(),
            "count": len(entries),
        },
    )


@login_required
def download(request: AuthenticatedRequest, slug: str, year: int, fmt: str) -> HttpResponseBase:
    sel = _selection(request, _kind(slug), year)[0]
    try:
        return register_export(actor=request.user, selection=sel, fmt=fmt).response()
    except DomainError as exc:
        raise Http404(exc.message) from None


@login_required
def forms_index(request: AuthenticatedRequest) -> HttpResponse:
    """The "Biểu mẫu" section: the person's own commitment, and records whose forms they may print."""
    q = request.GET.get("q", "")
    carriers = registry.carrier_search(request.user, q=q)[:30]
    return render(request, "registers/forms_index.html", {"carriers": carriers, "q": q})


@login_required
def record_forms(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The forms available for one record."""
    carrier = registry.carrier_get_for_user(request.user, pk)
    return render(request, "registers/record_forms.html", {"carrier": carrier, "forms": forms_for(carrier)})


@login_required
def form_download(request: AuthenticatedRequest, pk: int, form: str) -> HttpResponse:
    carrier = registry.carrier_get_for_user(request.user, pk)
    fmt = request.GET.get("dinh-dang", "pdf")
    try:
        export = form_export(actor=request.user, carrier=carrier, form=form, fmt=fmt, party=request.GET.get("ben", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("registers:record-forms", pk=pk)
    return _download(export)


@login_required
def commitment(request: AuthenticatedRequest) -> HttpResponse:
    person = request.user
    if request.GET.get("nguoi"):
        number = _int(request.GET["nguoi"])
        found = Person.objects.filter(pk=number).first() if number is not None else None
        if found is None:
            raise Http404(_("Officer not found."))
        person = found
    try:
        export = commitment_export(actor=request.user, person=person, fmt=request.GET.get("dinh-dang", "pdf"))
    except DomainError:
        raise Http404(_("Officer not found.")) from None
    return _download(export)
