"""The one base of every app's Django admin: nothing changes without an audit event naming each field changed,
with its old and new value, in the admin's own transaction (S3).

- ``AuditedAdmin``: set ``audit_action`` (a vocabulary action) and ``audit_basis``. Additions, changes (the
  object's fields, its many-to-many fields and its inline rows), deletions, bulk deletions: each is an event.
  A change that needs someone else's decision (a higher clearance, a designation, a repeal) is held back:
  ``held_back()`` names such fields, they keep their stored value, and ``file_request()`` hands them to the
  app's service, which files the request the competent person decides.
- ``ReadOnlyAdmin``: records that only services write (registers, hand-overs, incidents): view only.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from django.contrib import admin, messages
from django.db import models, transaction
from django.http import HttpRequest

from bmnn.core.errors import DomainError

from .chain import record

MASKED = "(ẩn)"
SECRET_FIELDS = frozenset({"password"})  # never written to the log, even hashed


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.UTC)  # one zone for the stored and the typed value
    if isinstance(value, dt.datetime | dt.time):
        # Whole seconds: the admin's widgets drop microseconds, which is no change of anyone's making.
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def snapshot(obj: models.Model, *, m2m: bool = False) -> dict[str, Any]:
    """Each concrete field's value as the log keeps it: related objects by their name, dates as ISO text."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.is_relation:
            values[field.name] = str(getattr(obj, field.name)) if getattr(obj, field.attname) is not None else None
        else:
            values[field.name] = _plain(field.value_from_object(obj))
    if m2m and obj.pk is not None:
        for field in obj._meta.many_to_many:
            values[field.name] = sorted(str(o) for o in getattr(obj, field.name).all())
    return values


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{field: {"old": ..., "new": ...}}`` for each field whose value differs; secrets masked."""
    out = {}
    for name, new in after.items():
        old = before.get(name)
        if old != new:
            masked = name in SECRET_FIELDS
            out[name] = {"old": MASKED if masked else old, "new": MASKED if masked else new}
    return out


def stored(obj: models.Model) -> models.Model | None:
    if obj.pk is None:
        return None
    return type(obj)._default_manager.filter(pk=obj.pk).first()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown, never changed here: every change goes through a service (STYLE.md)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Every addition, change and deletion is an audit event with the fields changed, old and new values."""

    audit_action = ""
    audit_basis = ""

    # Hooks ---------------------------------------------------------------------------------------------------

    def held_back(self, request: HttpRequest, obj: models.Model, before: models.Model | None) -> list[str]:
        """The fields of this change that need someone else's decision (none by default)."""
        return []

    def file_request(self, request: HttpRequest, obj: models.Model, asked: dict[str, Any]) -> str:
        """File the request for the held-back values ``asked`` through the app's service; return the message."""
        raise NotImplementedError

    def apply(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        """Save the object (override to keep a data invariant, inside the same transaction)."""
        super().save_model(request, obj, form, change)

    # The admin's own steps -----------------------------------------------------------------------------------

    def _event(self, request: HttpRequest, target: models.Model, data: dict[str, Any]) -> None:
        record(request.user, self.audit_action, target, basis=self.audit_basis, data=data)

    def _hold(self, request: HttpRequest, obj: models.Model, before: models.Model | None) -> dict[str, Any]:
        """Put the held-back fields back as stored; return what was asked for them."""
        asked: dict[str, Any] = {}
        for name in self.held_back(request, obj, before):
            field: Any = obj._meta.get_field(name)
            asked[name] = getattr(obj, field.attname)
            setattr(obj, field.attname, getattr(before, field.attname) if before is not None else field.get_default())
        return asked

    def _request(self, request: HttpRequest, obj: models.Model, asked: dict[str, Any]) -> None:
        if not asked:
            return
        try:
            with transaction.atomic():
                messages.info(request, self.file_request(request, obj, asked))
        except DomainError as exc:
            names = ", ".join(str(getattr(obj._meta.get_field(name), "verbose_name", name)) for name in asked)
            messages.error(request, f'Không áp dụng thay đổi "{names}": {exc.message}')

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = stored(obj) if change else None
            obj._audit_before = snapshot(before, m2m=True) if before is not None else {}
            asked = self._hold(request, obj, before)
            self.apply(request, obj, form, change)
            obj._audit_asked = asked

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            obj = form.instance
            data: dict[str, Any] = {
                "model": obj._meta.label,
                "changes": changes(getattr(obj, "_audit_before", {}), snapshot(obj, m2m=True)),
            }
            if not change:
                data["created"] = True
            if data["changes"] or not change:
                self._event(request, obj, data)
            self._request(request, obj, getattr(obj, "_audit_asked", {}))

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows: one event per row added, changed or deleted, with its old and new values."""
        with transaction.atomic():
            deleted = [(f.instance.pk, snapshot(f.instance)) for f in formset.deleted_forms if f.instance.pk]
            befores: dict[int, models.Model | None] = {}
            asked: dict[int, dict[str, Any]] = {}
            for f in formset.forms:
                if f in formset.deleted_forms or not f.has_changed():
                    continue
                obj = f.instance
                befores[id(obj)] = stored(obj)
                # The inline form has written its values into the instance already (full_clean).
                asked[id(obj)] = self._hold(request, obj, befores[id(obj)])
            saved = formset.save()
            for obj in saved:
                before = befores.get(id(obj))
                data = {
                    "model": obj._meta.label,
                    "parent": str(form.instance),
                    "changes": changes(snapshot(before) if before is not None else {}, snapshot(obj)),
                }
                if before is None:
                    data["created"] = True
                if data["changes"] or before is None:
                    self._event(request, obj, data)
                self._request(request, obj, asked.get(id(obj), {}))
            for pk, values in deleted:
                self._event(
                    request, form.instance, {"model": formset.model._meta.label, "object_id": pk, "deleted": values}
                )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            self._event(request, obj, {"model": obj._meta.label, "deleted": snapshot(obj, m2m=True)})
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)
