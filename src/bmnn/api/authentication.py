"""API authentication with the same protections as the login page.

- A locked account or address (axes: too many failed logins on any channel) is refused before the
  password or token is checked, with a Vietnamese 429.
- A wrong token counts as a failed login of the address, so tokens cannot be guessed at leisure.
- Whoever must pass a second factor (``org.access.requires_two_factor``) cannot use a password or a token
  alone: they use the API from a web session that has passed it.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from rest_framework import authentication, exceptions

from bmnn.org.access import requires_two_factor
from bmnn.org.signins import record_basic_use, record_token_use

LOCKED = "Tài khoản hoặc máy này tạm bị khóa do nhập sai mật khẩu nhiều lần. Thử lại sau."
NEEDS_SECOND_FACTOR = (
    "Tài khoản này phải xác thực hai lớp: đăng nhập trên trang web, nhập mã xác thực, rồi dùng API trong phiên đó."
)


class Locked(exceptions.Throttled):
    default_detail = LOCKED


def _refuse_single_factor(user: Any) -> None:
    if settings.BMNN_TWO_FACTOR_REQUIRED and requires_two_factor(user):
        raise exceptions.PermissionDenied(NEEDS_SECOND_FACTOR)


class PasswordOnlyBasicAuthentication(authentication.BasicAuthentication):
    """HTTP Basic, refused for a locked account or address and for anyone who needs a second factor."""

    def authenticate_credentials(self, userid: str, password: str, request: Any = None) -> tuple[Any, None]:
        if request is not None and AxesProxyHandler.is_locked(request._request, {"username": userid}):
            raise Locked(detail=LOCKED)
        user, _ = super().authenticate_credentials(userid, password, request)
        _refuse_single_factor(user)
        record_basic_use(user)  # the first such request of the day on the API is an audit event
        return user, None


class LockableTokenAuthentication(authentication.TokenAuthentication):
    """Token authentication that counts a wrong token against the address and refuses a locked address."""

    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if AxesProxyHandler.is_locked(request._request, {"username": None}):
            raise Locked(detail=LOCKED)
        try:
            user, token = super().authenticate(request)
        except exceptions.AuthenticationFailed:
            user_login_failed.send(sender=type(self), credentials={"username": None}, request=request._request)
            raise
        _refuse_single_factor(user)
        record_token_use(user, token.key)  # the first use of the token today is an audit event
        return user, token
