"""The exchange's screens: the packages of the agency and one package with its checks. Reads only.

Sending, importing, recalling and exporting replies have their screens made from their declarations.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

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
    "integrity": "Toàn vẹn (chữ ký số của cơ quan gửi)",
    "recipient": "Đúng nơi nhận",
    "signer_signature": "Chữ ký số của người ký",
    "document_count": "Số tài liệu (ghi, liệt kê, nhận được)",
    "attachments": "Phụ lục, tài liệu kèm theo",
    "pages": "Số trang từng tệp (ghi, đếm được)",
    "error_package": "Mã gói báo lỗi",
    "erased_files": "Số tệp đã xóa",
    "confirmation_package": "Mã gói xác nhận",
    "erased_at": "Thời điểm xóa",
    "pages_sent": "Số trang",
}


def _value(value: object) -> str:
    if value is True:
        return "Đạt"
    if value is False:
        return "Không đạt"
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values())
    if isinstance(value, list):
        return "; ".join(_value(v) for v in value) or "không có"
    return str(value)


@login_required
def package_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    package = selectors.package_get_for_user(request.user, pk)
    checks = [(CHECK_LABELS.get(key, "Kiểm tra khác"), _value(value)) for key, value in (package.checks or {}).items()]
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
