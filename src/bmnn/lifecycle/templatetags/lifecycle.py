"""`{% record_lifecycle carrier as lifecycle %}`: what a record page shows of the lifecycle;
`{% carrier_link carrier %}`: a record's label, linked only for those who may open it."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html

from bmnn.core import operations
from bmnn.lifecycle.selectors import carrier_lifecycle
from bmnn.registry.policies import visible_among

register = template.Library()


@register.simple_tag(takes_context=True)
def record_lifecycle(context: dict[str, Any], carrier: Any) -> dict[str, Any]:
    """Copies, jobs, take-outs, changes and notices of the record; the return form when the viewer may take
    the record back now (the take-out return's own check)."""
    shown = carrier_lifecycle(carrier)
    user, takeout, op = context["request"].user, shown["open_takeout"], operations.get("takeout-return")
    may_return = takeout is not None and op is not None and user.is_authenticated and op.allowed(user, takeout)
    return {**shown, "return_form": op.make_form(user, takeout) if may_return and op else None}


@register.simple_tag(takes_context=True)
def carrier_link(context: dict[str, Any], carrier: Any, text: str = "") -> str:
    """``text`` (the record's label by default) linked to the record only if the viewer may open it (S2)."""
    label = text or str(carrier)
    if visible_among(context["request"].user, [carrier.pk]).exists():
        return format_html('<a href="{}">{}</a>', reverse("registry:carrier", args=[carrier.pk]), label)
    return conditional_escape(label)
