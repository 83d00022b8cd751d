"""Middleware for the session and the response: idle timeout, the second factor, security headers, lockouts.

- ``IdleTimeoutMiddleware`` ends a session after ``BMNN_SESSION_IDLE_SECONDS`` without a request.
- ``TwoFactorRequiredMiddleware`` keeps whoever must pass a second factor (``org.access.requires_two_factor``)
  on the enrolment or verification page until they have; the API answers 403 instead of redirecting.
- ``SecurityHeadersMiddleware`` sends the Content-Security-Policy and forbids caching of every response: the
  pages, files and API answers of this application carry data derived from state secrets, and a shared PC's
  browser must not keep them.
- ``lockout_response`` is what axes answers once an account or an address is locked.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from bmnn.org.access import confirmed_totp, requires_two_factor

LAST_SEEN = "bmnn_last_seen"
SEEN_RESOLUTION = 20  # seconds; the timeout is exact to within this
LOCKED_MESSAGE = (
    "Tài khoản hoặc máy này tạm bị khóa do nhập sai mật khẩu nhiều lần. "
    "Thử lại sau {minutes} phút hoặc đề nghị quản trị hệ thống mở khóa."
)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


@receiver(user_logged_in, dispatch_uid="bmnn.web.security.start_idle_clock")
def start_idle_clock(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Start counting idleness at login, in the session the login writes anyway."""
    if hasattr(request, "session"):
        request.session[LAST_SEEN] = time.time()


class IdleTimeoutMiddleware:
    """Log out a session that has been idle longer than the configured number of seconds.

    Idleness is wall-clock time between requests (not the business clock of ``bmnn.core.clock``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - float(last_seen) > settings.BMNN_SESSION_IDLE_SECONDS:
                logout(request)
                if _is_api(request):
                    return JsonResponse({"detail": "Phiên làm việc đã hết hạn. Đăng nhập lại."}, status=401)
                messages.info(request, "Phiên làm việc đã kết thúc vì không thao tác quá lâu. Đăng nhập lại.")
                return redirect(f"{reverse('login')}?next={request.path}")
            if last_seen is None or now - float(last_seen) > SEEN_RESOLUTION:
                request.session[LAST_SEEN] = now  # not on every request: each change is a database write
        return self.get_response(request)


# Pages a person who still owes the second factor may open.
_TWO_FACTOR_OPEN = ("two-factor-verify", "two-factor-enrol", "logout")


class TwoFactorRequiredMiddleware:
    """Hold a session that must pass a TOTP second factor on the enrolment or verification page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        if (
            settings.BMNN_TWO_FACTOR_REQUIRED
            and user.is_authenticated
            and not user.is_verified()
            and request.path not in {reverse(name) for name in _TWO_FACTOR_OPEN}
            and requires_two_factor(user)
        ):
            if _is_api(request):
                return JsonResponse(
                    {
                        "detail": "Tài khoản này phải xác thực hai lớp: đăng nhập trên trang web "
                        "và nhập mã xác thực trước khi dùng API."
                    },
                    status=403,
                )
            name = "two-factor-verify" if confirmed_totp(user) is not None else "two-factor-enrol"
            return redirect(f"{reverse(name)}?next={request.get_full_path()}")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Add the Content-Security-Policy and ``Cache-Control: no-store`` to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.BMNN_CONTENT_SECURITY_POLICY)
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        response["Pragma"] = "no-cache"
        return response


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """Answer a locked account or address in Vietnamese: JSON on the API, a page elsewhere (axes callable)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = LOCKED_MESSAGE.format(minutes=minutes)
    if _is_api(request):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "registration/locked.html", {"message": message}, status=429)
