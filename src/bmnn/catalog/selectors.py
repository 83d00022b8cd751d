"""Who sees which repeal requests: the requester, and the heads who may decide them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bmnn.core.errors import NotFound
from bmnn.core.roles import Position

from .models import RepealRequest


def repeal_requests_visible_to(person: Any) -> QuerySet[RepealRequest]:
    if not person.is_authenticated:
        return RepealRequest.objects.none()
    found = RepealRequest.objects.select_related("secret_list", "item", "requester", "decided_by")
    return found if person.position == Position.HEAD else found.filter(requester=person)


def repeal_request_get_for_user(person: Any, pk: int) -> RepealRequest:
    found = repeal_requests_visible_to(person).filter(pk=pk).first()
    if found is None:
        raise NotFound
    return found
