"""Which operation a carrier's state allows, declared once (STYLE.md: transitions in one place)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from bmnn.core.errors import DomainError
from bmnn.core.text import Message

from .choices import Status
from .models import Carrier

_LIVE: set[str] = {Status.IN_STORAGE, Status.OUT_OF_STORAGE, Status.IN_TRANSIT, Status.HELD, Status.PROVIDED}

ALLOWED: dict[str, tuple[Message, set[str]]] = {
    "handover": (pgettext_lazy("guarded action", "hand over"), {Status.IN_STORAGE}),
    "copy": (pgettext_lazy("guarded action", "copy"), {Status.IN_STORAGE}),
    "takeout": (pgettext_lazy("guarded action", "take out of storage"), {Status.IN_STORAGE}),
    "return": (pgettext_lazy("guarded action", "return to storage"), {Status.OUT_OF_STORAGE}),
    "provide": (pgettext_lazy("guarded action", "provide"), {Status.IN_STORAGE}),
    "extend": (pgettext_lazy("guarded action", "extend"), _LIVE),
    "regrade": (pgettext_lazy("guarded action", "change the secrecy level"), _LIVE),
    "declassify": (pgettext_lazy("guarded action", "declassify"), _LIVE),
    # R36: routine destruction only of what sits in storage (not out of storage, not in transit).
    "destroy": (pgettext_lazy("guarded action", "destroy"), {Status.IN_STORAGE}),
    # R37: the custodian may destroy at once wherever the item is, when keeping it would cause harm.
    "destroy_emergency": (pgettext_lazy("guarded action", "destroy in an emergency"), _LIVE),
    "recall": (pgettext_lazy("guarded action", "recall"), _LIVE - {Status.HELD}),
}


def guard(carrier: Carrier, operation: str) -> None:
    """Refuse, in Vietnamese, an operation the carrier's state does not allow."""
    label, allowed = ALLOWED[operation]
    if carrier.status == Status.DESTROYED:
        raise DomainError(_("Cannot {action}: the state secret has been destroyed.").format(action=label), rule="R36")
    if carrier.status not in allowed:
        raise DomainError(
            _('Cannot {action}: the state secret is in status "{status}".').format(
                action=label, status=carrier.get_status_display()
            )
        )
