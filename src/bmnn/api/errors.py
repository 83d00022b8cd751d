"""Map domain errors to HTTP answers with Vietnamese messages."""

from __future__ import annotations

from typing import Any

from django.db import DataError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from bmnn.core.errors import DomainError, NotFound, PermissionDenied
from bmnn.core.uploadscan import ScanBusy

_MALFORMED = "Nội dung gửi lên không đọc được: không đúng định dạng JSON hoặc biểu mẫu."
TOO_LARGE = "Dữ liệu vượt giới hạn cho phép (quá dài hoặc số quá lớn); không có gì được lưu."


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, NotFound | Http404 | exceptions.NotFound):
        return Response({"detail": "Không tìm thấy hồ sơ."}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        return Response({"detail": exc.message, "rule": exc.rule}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, ScanBusy):  # every check slot is taken: try again shortly (issue 12)
        return Response(
            {"detail": exc.message}, status=status.HTTP_503_SERVICE_UNAVAILABLE, headers={"Retry-After": "30"}
        )
    if isinstance(exc, DomainError):
        body = {"detail": exc.message, "rule": exc.rule}
        if exc.field:
            body["field"] = exc.field
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        return Response(
            {"detail": "Cần đăng nhập."},
            status=status.HTTP_401_UNAUTHORIZED,
            headers={"WWW-Authenticate": 'Basic realm="BMNN"'},
        )
    if isinstance(exc, exceptions.ParseError):
        # DRF's parsers write their own reason in English ("JSON parse error - ..."), outside gettext.
        return Response({"detail": _MALFORMED}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DataError):
        # Input schemas bound every field; this is the last line for one they missed (PostgreSQL refuses it,
        # the operation's transaction has rolled back): a refusal, not a server error.
        return Response({"detail": TOO_LARGE}, status=status.HTTP_400_BAD_REQUEST)
    return drf_handler(exc, context)
