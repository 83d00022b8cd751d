"""Values every page shows in its header."""

from typing import Any

from django.http import HttpRequest

from bmnn.registry import selectors


def header(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    return {"awaiting_count": selectors.handovers_awaiting(request.user).count()}
