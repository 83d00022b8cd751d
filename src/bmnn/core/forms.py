"""Glue between Django forms and services: a refusal lands on the form, in Vietnamese."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms

from .errors import DomainError

T = TypeVar("T")


def call_service(form: forms.Form, call: Callable[[], T]) -> T | None:
    """Call a service; put its refusal on the form (its field, or the whole form) and return None."""
    try:
        return call()
    except DomainError as exc:
        # The rule id stays on the exception (API ``rule`` field, logs); users read the sentence alone.
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        form.refusal_status = exc.http_status  # type: ignore[attr-defined]  # 503: busy, try again (a check slot)
        return None


def errors_text(form: forms.Form) -> str:
    """All of a form's errors as one line, for a flash message."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the cleaned value is a list (possibly empty when not required)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data] if data else []
        if self.required and not items:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        single = super().clean
        return [single(item, initial) for item in items]
