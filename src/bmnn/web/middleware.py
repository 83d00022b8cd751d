"""A refusal that reaches a screen uncaught is shown in Vietnamese, never as a server error."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found, permission_denied, server_error

from bmnn.core import channel
from bmnn.core.errors import DomainError, NotFound, PermissionDenied
from bmnn.core.uploadscan import ScanBusy
from bmnn.org.models import subtrees_remembered
from bmnn.registry.policies import branches_remembered

logger = logging.getLogger("bmnn.web")


class ChannelMiddleware:
    """Every request names its channel for the audit log: the API under /api/ (token, basic or session
    authentication alike), the web screens (the admin's included) everywhere else. First in the chain, so
    logins, logouts and lockouts the later middleware and views record carry it too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with channel.using(channel.Channel.API if _is_api(request) else channel.Channel.WEB):
            return self.get_response(request)


class ReadOnlyVisibilityMiddleware:
    """A GET or HEAD changes nothing, so whatever it lists, counts or opens for the person is decided on one
    look-up of their visibility branches (S2, issue 17: the dashboard asked for them five times), and of each
    unit's subtree. Any other method looks them up at each use: what it changes may change what the person
    sees."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with branches_remembered(), subtrees_remembered():
            return self.get_response(request)


class DomainErrorMiddleware:
    """Views catch the refusals they expect; this shows any other with its message and rule.

    Services change nothing when they refuse (their transaction rolls back), so the page only
    has to say why. ``NotFound`` from a ``*_get_for_user`` selector is a 404 page here for every
    screen: a record the person may not see answers like a missing one (S2).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # An address that matches no screen gets the Vietnamese page even in development, where Django would
        # otherwise answer with its English technical page listing every URL.
        if settings.DEBUG and not _is_api(request):
            try:
                resolve(request.path_info)
            except Resolver404:
                if not request.path_info.endswith("/") and settings.APPEND_SLASH:
                    return self.get_response(request)  # CommonMiddleware redirects to the address with "/"
                return page_not_found(request, Http404())
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound):
            return page_not_found(request, Http404(str(exception)))
        if isinstance(exception, DataError):  # a value past a column's limit that no form caught (PostgreSQL)
            exception = DomainError(
                _("The data exceeds the allowed limits (too long or a number too large); nothing was saved.")
            )
        if not isinstance(exception, DomainError):
            return _friendly(request, exception) if settings.DEBUG and not _is_api(request) else None
        status = 403 if isinstance(exception, PermissionDenied) else 503 if isinstance(exception, ScanBusy) else 400
        response = render(request, "web/refused.html", {"error": exception}, status=status)
        if status == 503:
            response["Retry-After"] = "30"
        return response


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _friendly(request: HttpRequest, exception: Exception) -> HttpResponse | None:
    """In development (DEBUG), the same Vietnamese 404, 403 and 500 pages as in production; the error is still
    logged with its traceback for the developer."""
    if isinstance(exception, Http404):
        return page_not_found(request, exception)
    if isinstance(exception, DjangoPermissionDenied):
        return permission_denied(request, exception)
    logger.error(_("Error while handling %s"), request.path, exc_info=exception)
    return server_error(request)
