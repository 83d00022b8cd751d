"""A refusal that reaches a screen uncaught is shown in Vietnamese, never as a server error."""

from __future__ import annotations

from collections.abc import Callable

from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.defaults import page_not_found

from bmnn.core.errors import DomainError, NotFound, PermissionDenied


class DomainErrorMiddleware:
    """Views catch the refusals they expect; this shows any other with its message and rule.

    Services change nothing when they refuse (their transaction rolls back), so the page only
    has to say why. ``NotFound`` from a ``*_get_for_user`` selector is a 404 page here for every
    screen: a record the person may not see answers like a missing one (S2).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound):
            return page_not_found(request, Http404(str(exception)))
        if isinstance(exception, DataError):  # a value past a column's limit that no form caught (PostgreSQL)
            exception = DomainError("Dữ liệu vượt giới hạn cho phép (quá dài hoặc số quá lớn); không có gì được lưu.")
        if not isinstance(exception, DomainError):
            return None
        status = 403 if isinstance(exception, PermissionDenied) else 400
        return render(request, "web/refused.html", {"error": exception}, status=status)
