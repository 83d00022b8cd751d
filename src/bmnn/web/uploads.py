"""Upload size limits per route, in the application (issue 12): 413 in Vietnamese on the screens and the API.

The route an upload goes to gives its kind (``UPLOAD_KINDS``, else ``default``); ``BMNN_UPLOAD_MAX_BYTES`` gives
each kind's limit. :class:`UploadLimitMiddleware` answers 413 from the Content-Length before a byte of the body
is read; :class:`LimitedUploadHandler`, first among the upload handlers, counts the bytes as they arrive (a
chunked body, a Content-Length that lies) and stops the upload as soon as they pass the limit, so no worker
ever holds or spools more than the limit. Other bodies are bounded by Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE``
(and the API's parsers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from bmnn.core.errors import DomainError

# Route names (``namespace:name``) whose uploads are not of the default kind.
UPLOAD_KINDS = {
    "ops:vault-upload": "vault", "api:vault-upload": "vault",
    "ops:vault-digitise": "vault", "api:vault-digitise": "vault",
    "gate:gate": "gate", "api:gate-check": "gate",
    "ops:report-import": "package", "api:report-import": "package",
    "ops:device-scan-import": "scan_results", "api:device-scan-import": "scan_results",
}  # fmt: skip

_WRITES = {"POST", "PUT", "PATCH"}


def upload_limit(request: HttpRequest) -> int:
    """The largest upload the route of ``request`` accepts, in bytes."""
    match = getattr(request, "resolver_match", None)
    limits: dict[str, int] = settings.BMNN_UPLOAD_MAX_BYTES
    kind = UPLOAD_KINDS.get(match.view_name if match is not None else "", "default")
    return limits.get(kind, limits["default"])


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    size = f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit / 1024:g} KB"
    message = _("The uploaded file is too large: this place accepts at most {size}. Nothing was saved.").format(
        size=size
    )
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return render(request, "web/refused.html", {"error": DomainError(message)}, status=413)


class UploadLimitMiddleware:
    """Refuse an upload past its route's limit before the view runs (and before CSRF reads the body)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *_args: Any) -> HttpResponse | None:
        if request.method not in _WRITES or not (request.content_type or "").startswith("multipart/"):
            return None
        limit = upload_limit(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return too_large(request, limit)
        request.FILES  # noqa: B018 - parse now, through LimitedUploadHandler, so an excess is answered here
        if getattr(request, "_bmnn_upload_too_large", False):
            return too_large(request, limit)
        return None


class LimitedUploadHandler(FileUploadHandler):
    """Count the bytes of every file of one request; past the route's limit, stop the upload."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self._limit = upload_limit(request) if request is not None else None
        self._received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self._received += len(raw_data)
        if self._limit is not None and self._received > self._limit:
            self.request._bmnn_upload_too_large = True  # type: ignore[union-attr]
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
