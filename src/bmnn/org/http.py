"""The request a signed-in screen receives: its ``user`` is a Person, never the anonymous user.

Views behind ``login_required`` (or the operation views) annotate their request with ``AuthenticatedRequest`` so
that the type checker knows ``request.user`` is a ``Person``; at run time it is Django's ordinary ``HttpRequest``.
"""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest

from .models import Person


class AuthenticatedRequest(HttpRequest):
    user: Person


def signed_in(request: HttpRequest) -> Person:
    """``request.user`` where Django has already turned the anonymous user away (the admin site, which only staff
    reach) but the overridden method's signature says ``HttpRequest``: the plugin cannot know it is a Person."""
    return cast(Person, request.user)
