"""Post a Django admin change form as a browser would: every field as the page shows it, then the changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms


def _add(data: dict[str, Any], form: forms.BaseForm) -> None:
    for bound in form:
        if bound.field.disabled:
            continue
        value, widget, name = bound.value(), bound.field.widget, bound.html_name
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list) else widget.decompress(value)
            for i, part in enumerate(parts):
                if isinstance(part, dt.time):
                    part = part.strftime("%H:%M:%S")
                data[f"{name}_{i}"] = "" if part is None else part
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = "" if value is None else getattr(value, "pk", value)


def admin_form(client: Any, url: str) -> dict[str, Any]:
    """The data the admin page at ``url`` would post unchanged, inline rows included."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    data: dict[str, Any] = {}
    _add(data, page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        _add(data, formset.management_form)
        for form in formset.initial_forms:
            _add(data, form)
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
    return data
