"""The exchange's screens: the packages of the agency and one package with its checks. Reads only.

Sending, importing, recalling and exporting replies have their screens made from their declarations.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from bmnn.core import operations
from bmnn.org.http import AuthenticatedRequest

from . import selectors


@login_required
def package_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.packages_visible_to(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "exchange/package_list.html",
        {
            "page": page,
            "can_import": _allowed("exchange-import", request.user),
            "can_card": _allowed("exchange-key-card", request.user),
        },
    )


CHECK_LABELS = {
    "integrity": _("Integrity (the sending agency's digital signature)"),
    "recipient": _("Right recipient"),
    "signer_signature": _("The signer's digital signature"),
    "document_count": _("Number of documents (stated, listed, received)"),
    "attachments": _("Appendices and enclosed documents"),
    "pages": _("Pages of each file (stated, counted)"),
    "error_package": _("Error report package id"),
    "erased_files": _("Number of files deleted"),
    "confirmation_package": _("Confirmation package id"),
    "erased_at": _("Deleted at"),
    "pages_sent": _("Pages sent"),
}


def _value(value: object) -> str:
    if value is True:
        return str(_("Check passed"))
    if value is False:
        return str(_("Check failed"))
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values())
    if isinstance(value, list):
        return "; ".join(_value(v) for v in value) or str(_("nothing listed"))
    return str(value)


@login_required
def package_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    package = selectors.package_get_for_user(request.user, pk)
    checks = [(CHECK_LABELS.get(key, _("Other check")), _value(value)) for key, value in (package.checks or {}).items()]
    return render(
        request,
        "exchange/package_detail.html",
        {
            "package": package,
            "checks": checks,
            "operations": operations.offered(request.user, "exchange-package", package),
            "replies": package.replies.select_related("peer").order_by("created_at"),
        },
    )


def _allowed(slug: str, person: object) -> bool:
    op = operations.get(slug)
    return op is not None and op.allowed(person, None)
