"""`{% lifecycle_actions carrier %}`: the lifecycle buttons of a record page, for the person looking at it;
`{% carrier_link carrier %}`: a record's label, linked only for those who may open it."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html

from bmnn.lifecycle.forms import ReturnForm
from bmnn.lifecycle.selectors import carrier_actions, carrier_lifecycle
from bmnn.registry.policies import visible_carriers

register = template.Library()


@register.inclusion_tag("lifecycle/_actions.html", takes_context=True)
def lifecycle_actions(context: dict[str, Any], carrier: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"actions": carrier_actions(carrier, user) if user.is_authenticated else []}


@register.simple_tag
def record_lifecycle(carrier: Any) -> dict[str, Any]:
    """What the record page shows of the lifecycle: ``{% record_lifecycle carrier as lifecycle %}``."""
    return {**carrier_lifecycle(carrier), "return_form": ReturnForm()}


@register.simple_tag(takes_context=True)
def carrier_link(context: dict[str, Any], carrier: Any, text: str = "") -> str:
    """``text`` (the record's label by default) linked to the record only if the viewer may open it (S2)."""
    label = text or str(carrier)
    if visible_carriers(context["request"].user).filter(pk=carrier.pk).exists():
        return format_html('<a href="{}">{}</a>', reverse("registry:carrier", args=[carrier.pk]), label)
    return conditional_escape(label)
