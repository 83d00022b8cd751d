"""Request body limits for the API: DRF reads JSON and form bodies from the stream, so Django's
``DATA_UPLOAD_MAX_MEMORY_SIZE`` (which guards ``request.body`` and ``request.POST``) never applied to them.

These parsers read at most that many bytes and answer 413 in Vietnamese beyond it. Multipart bodies go
through Django's own parser, which applies the limit to the non-file fields.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from rest_framework import exceptions, parsers, status


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self) -> None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(f"Dữ liệu gửi lên quá lớn (tối đa {limit // 1024} KB).")


def read_limited(stream: Any) -> bytes:
    """Read the whole body, refusing it as soon as it passes the limit."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if stream is None:
        return b""
    body = stream.read(limit + 1) if limit is not None else stream.read()
    if limit is not None and len(body) > limit:
        raise RequestTooLarge
    return body


class LimitedJSONParser(parsers.JSONParser):
    """JSON, at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(io.BytesIO(read_limited(stream)), media_type, parser_context)
        except exceptions.ParseError as exc:
            raise exceptions.ParseError("Dữ liệu JSON không đọc được.") from exc


class LimitedFormParser(parsers.FormParser):
    """URL-encoded form, at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        return super().parse(io.BytesIO(read_limited(stream)), media_type, parser_context)
