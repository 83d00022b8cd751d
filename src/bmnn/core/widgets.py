"""Widgets that fit Vietnamese users: dates typed and shown as dd/mm/yyyy."""

from __future__ import annotations

from typing import Any

from django import forms


class DateInput(forms.DateInput):
    """A text field showing dd/mm/yyyy whatever the browser's language (a native date field follows the
    browser's locale, which on an English system shows mm/dd/yyyy)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={
                "placeholder": "dd/mm/yyyy",
                "inputmode": "numeric",
                "autocomplete": "off",
                "size": 10,
                "class": "date",
                **(attrs or {}),
            },
            format="%d/%m/%Y",
        )


def dress(form: forms.Form) -> forms.Form:
    """Give every date field of ``form`` the dd/mm/yyyy text field (a form may have set its own already)."""
    for field in form.fields.values():
        if (
            isinstance(field, forms.DateField)
            and not isinstance(field, forms.DateTimeField)
            and not isinstance(field.widget, DateInput | forms.HiddenInput)
        ):
            field.widget = DateInput(attrs={k: v for k, v in field.widget.attrs.items() if k != "type"})
            field.widget.is_required = field.required
    return form
