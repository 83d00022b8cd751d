"""The vault's screens: the files a person may see, one file read page by page. Reads only (audited).

Uploading, downloading a copy and erasing have their screens made from their declarations (vault.operations).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from bmnn.core import operations
from bmnn.core.errors import DomainError
from bmnn.org.http import AuthenticatedRequest

from . import reading, selectors


@login_required
def file_list(request: AuthenticatedRequest) -> HttpResponse:
    qs = selectors.files_visible_to(request.user)
    carrier = request.GET.get("bmnn", "")
    if carrier.isdigit():
        qs = qs.filter(carrier_id=int(carrier))
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(request, "vault/file_list.html", {"page": page})


@login_required
def file_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    stored = selectors.file_get_for_user(request.user, pk)
    count, problem = 0, ""
    if not stored.erased:
        try:
            count = reading.pages(stored)
        except DomainError as exc:
            problem = exc.message
    context = {
        "file": stored,
        "pages": range(1, count + 1),
        "problem": problem,
        "operations": operations.offered(request.user, "vault-file", stored),
    }
    response = render(request, "vault/file_detail.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def page_image(request: AuthenticatedRequest, pk: int, page: int) -> HttpResponse:
    """One rendered page with the reader's overlay, streamed from memory and never cached (S6, R44)."""
    stored = selectors.file_get_for_user(request.user, pk)
    if stored.erased:
        raise Http404()
    try:
        image = reading.page_view(actor=request.user, stored=stored, page=page)
    except DomainError:
        raise Http404() from None
    response = HttpResponse(image, content_type="image/png")
    response["Cache-Control"] = "no-store"
    response["Content-Disposition"] = "inline"
    return response
