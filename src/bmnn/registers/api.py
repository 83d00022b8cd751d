"""REST endpoints of the registers: rows as JSON, files as PDF/DOCX/XLSX, volume closing, forms.

Domain errors become HTTP answers through bmnn.api.errors (registered in settings).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from rest_framework.decorators import api_view
from rest_framework.request import Request as HttpRequest
from rest_framework.response import Response

from bmnn.core.errors import NotFound, PermissionDenied
from bmnn.core.operations import Download
from bmnn.org.models import Person
from bmnn.registry import selectors as registry

from .books import build_book
from .downloads import KIND_SLUG, SLUG_KIND, Export, commitment_export, form_export, register_export
from .forms import RegisterFilterForm
from .models import RegisterLayout
from .paperwork import forms_for
from .policies import may_print_registers
from .selectors import Selection, volumes_for


def _selection(request: HttpRequest, slug: str, year: int) -> Selection:
    agency = request.user.agency()
    if slug not in SLUG_KIND:
        raise NotFound()
    if agency is None or not may_print_registers(request.user, agency):
        raise NotFound()  # S2: answered as the page answers (404), so the API tells no more than the screen
    form = RegisterFilterForm(request.query_params or None, agency=agency)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return Selection(
        agency,
        SLUG_KIND[slug],
        year,
        volume=data.get("quyen"),
        date_from=data.get("tu_ngay"),
        date_to=data.get("den_ngay"),
        unit=data.get("don_vi"),
        level=data.get("do_mat") or "",
    )


def _file(export: Export) -> HttpResponse:
    return Download(export.content, export.filename, export.content_type).response()


@api_view(["GET"])
def register(request: HttpRequest, slug: str, year: int) -> Any:
    """GET rows as JSON; with ?dinh-dang=pdf|docx|xlsx the file (same rows, R18 applied)."""
    sel = _selection(request, slug, year)
    fmt = request.query_params.get("dinh-dang")
    if fmt:
        return register_export(actor=request.user, selection=sel, fmt=fmt).response()
    book, layout, _entries = build_book(request.user, sel)
    return Response(
        {
            "layout": layout.name,
            "title": book.cover.title,
            "year": year,
            "extract": bool(book.cover.extract),  # R20, S2: not the whole book
            "volumes": volumes_for(request.user, sel.agency, sel.kind, year),
            "columns": [c.heading for c in book.columns],
            "rows": book.rows,
        }
    )


@api_view(["GET"])
def record_forms(request: HttpRequest, pk: int) -> Response:
    carrier = registry.carrier_get_for_user(request.user, pk)
    return Response([{"slug": f.slug, "title": f.title} for f in forms_for(carrier)])


@api_view(["GET"])
def form(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    carrier = registry.carrier_get_for_user(request.user, pk)
    return _file(
        form_export(
            actor=request.user,
            carrier=carrier,
            form=slug,
            fmt=request.query_params.get("dinh-dang", "pdf"),
            party=request.query_params.get("ben", ""),
        )
    )


@api_view(["GET"])
def layouts(request: HttpRequest) -> Response:
    """GET every register layout with its columns, newest first per register (R21; edited in the admin)."""
    return Response(
        [
            {
                "kind": layout.kind,
                "name": layout.name,
                "title": layout.title,
                "effective_from": layout.effective_from,
                "legal_basis": layout.legal_basis,
                "unverified": layout.unverified,
                "landscape": layout.landscape,
                "columns": [
                    {"order": c.order, "heading": c.heading, "field": c.field, "width": float(c.width)}
                    for c in layout.columns.all()
                ],
            }
            for layout in RegisterLayout.objects.prefetch_related("columns")
        ]
    )


@api_view(["GET"])
def commitment(request: HttpRequest) -> HttpResponse:
    """GET the staff commitment (P4, R39): one's own, or with ?nguoi=<id> a colleague's (clerk or head)."""
    person = request.user
    if request.query_params.get("nguoi"):
        number = _int(request.query_params["nguoi"])
        found = Person.objects.filter(pk=number).first() if number is not None else None
        if found is None:
            raise NotFound()
        person = found
    try:
        return _file(
            commitment_export(actor=request.user, person=person, fmt=request.query_params.get("dinh-dang", "pdf"))
        )
    except PermissionDenied:
        raise NotFound() from None  # S2: a colleague's commitment the caller may not print answers like the page


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


__all__ = ["KIND_SLUG", "commitment", "form", "layouts", "record_forms", "register"]
