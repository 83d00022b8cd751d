"""Values every page shows in its header."""

from typing import Any

from django.http import HttpRequest

from bmnn.approvals.selectors import requests_awaiting
from bmnn.lifecycle.selectors import due_count
from bmnn.registry import selectors

from .navigation import groups_for


def header(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    counts = {
        "awaiting_count": selectors.handovers_awaiting(request.user).count(),
        "approvals_count": len(requests_awaiting(request.user)),
        "due_count": due_count(request.user),
    }
    return {**counts, "nav_groups": groups_for(request.user, counts)}
