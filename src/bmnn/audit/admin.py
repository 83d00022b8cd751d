"""The audit log in the Django admin: read-only, and shown only as far as the viewer may see (S2, R18).

The audit app knows nothing of secret records; the app that owns them says what a viewer may see of an event
through its AppConfig's ``audit_disclosure`` (a dotted path to ``f(person, events) -> [(event, target, data)]``),
the registry's ``disclosure.events_shown``. Without one, no event's target or data is shown (fail closed).
"""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.utils.html import format_html
from django.utils.module_loading import import_string

from .admin_base import ReadOnlyAdmin
from .models import AuditEvent

HIDDEN = "Không hiển thị (ngoài phạm vi được xem)"


def _views(person: Any, events: list[AuditEvent]) -> list[tuple[str, Any]]:
    for config in apps.get_app_configs():
        path = getattr(config, "audit_disclosure", None)
        if path:
            return [(target, data) for _e, target, data in import_string(path)(person, events)]
    return [(HIDDEN, {}) for _e in events]


def _view(event: AuditEvent) -> tuple[str, Any]:
    return getattr(event, "shown", (HIDDEN, {}))  # not prepared for a viewer: nothing shown (fail closed)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only view of the chain: the admin can never change an event, and sees no secret through it (S2)."""

    list_display = ("seq", "occurred_at", "actor_repr", "channel", "action", "target_shown", "basis")
    list_filter = ("action", "channel")
    # Searching the target's description would tell which hidden records have events: not offered (S2).
    search_fields = ("actor_repr", "action")
    fields = (
        "seq",
        "occurred_at",
        "actor_repr",
        "channel",
        "action",
        "target_type",
        "target_id",
        "target_shown",
        "basis",
        "data_shown",
        "prev_hash",
        "hash",
    )
    readonly_fields = fields

    # Each event shown carries what this request's user may see of it (no state on the shared admin object).
    def get_changelist_instance(self, request: Any) -> Any:
        changelist = super().get_changelist_instance(request)
        events = list(changelist.result_list)
        for event, view in zip(events, _views(request.user, events), strict=True):
            event.shown = view
        changelist.result_list = events  # the page lists these very objects, not a fresh query
        return changelist

    def get_object(self, request: Any, object_id: str, from_field: Any = None) -> Any:
        event = super().get_object(request, object_id, from_field)
        if event is not None:
            event.shown = _views(request.user, [event])[0]
        return event

    @admin.display(description="đối tượng")
    def target_shown(self, obj: AuditEvent) -> str:
        return _view(obj)[0]

    @admin.display(description="dữ liệu")
    def data_shown(self, obj: AuditEvent) -> str:
        target, data = _view(obj)
        if data:
            return format_html("<pre>{}</pre>", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return HIDDEN if target == HIDDEN else "—"
