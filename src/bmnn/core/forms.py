"""Glue between Django forms and services: a refusal lands on the form, in Vietnamese."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

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
        return None


def errors_text(form: forms.Form) -> str:
    """All of a form's errors as one line, for a flash message."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)
