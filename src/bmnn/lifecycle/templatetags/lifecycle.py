"""`{% lifecycle_actions carrier %}`: the lifecycle buttons of a record page, for the person looking at it."""

from __future__ import annotations

from typing import Any

from django import template

from bmnn.lifecycle.selectors import carrier_actions

register = template.Library()


@register.inclusion_tag("lifecycle/_actions.html", takes_context=True)
def lifecycle_actions(context: dict[str, Any], carrier: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"actions": carrier_actions(carrier, user) if user.is_authenticated else []}
