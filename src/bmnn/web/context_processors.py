"""Values every page shows in its header."""

from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.utils.module_loading import import_string

from bmnn.approvals.selectors import requests_awaiting
from bmnn.lifecycle.selectors import due_count
from bmnn.registry import selectors


def header(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    return {
        "awaiting_count": selectors.handovers_awaiting(request.user).count(),
        "approvals_count": len(requests_awaiting(request.user)),
        "due_count": due_count(request.user),
        "extra_nav": [link[:2] for config in apps.get_app_configs() for link in getattr(config, "nav", [])
                      if len(link) < 3 or import_string(link[2])(request.user)],
    }
