"""Pickers that look people and units up as you type, instead of listing every one of them.

A :class:`LookupChoice` field keeps its queryset: the form narrows it to whom the actor may choose for the
operation, exactly as for a list. Its :class:`LookupInput` widget renders a text box and a hidden value; the
script (``web/bmnn.js``) asks ``/api/lookup/<kind>/`` for the matches, and that endpoint answers from the
same form's queryset (``Operation.make_form``), so a picker offers no one the form would refuse.

Without the script the text box still works: the person types a name or a login and the server resolves it
among the same queryset on submit (one match is chosen, several are refused with how to narrow them).
Diacritics do not matter: "nguyen van" finds "Nguyễn Văn".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .text import fold

LIMIT = 20  # matches one look-up answers with
TEXT_SUFFIX = "_text"  # the name of the visible text box: ``<field>_text``
# What the text box says before anything is typed: with the list of matches, and without the script.
PLACEHOLDER = {
    "people": (
        _("Type a few letters of the name (no diacritics needed), then choose"),
        _("Type a full name or username"),
    ),
    "units": (_("Type a few letters of the unit name, then choose"), _("Type a unit name")),
}


class Typed(str):
    """What a person typed into the text box without choosing from the list (the script did not run)."""


@lru_cache(maxsize=65536)
def _words(value: str) -> tuple[str, ...]:
    """The folded words of one value; names repeat (Nguyễn Văn, Trần Thị), so each is folded once."""
    return tuple(fold(value).split())


def matches(queryset: QuerySet[Any], q: str, limit: int = LIMIT) -> tuple[list[Any], bool]:
    """Up to ``limit`` objects of ``queryset`` (in its order) whose words start with every word of ``q``,
    diacritics and case ignored; and whether there were more. The words are the model's ``lookup_fields``."""
    words = fold(q).split()
    fields = queryset.model.lookup_fields
    found: list[int] = []
    more = False
    for pk, *values in queryset.values_list("pk", *fields).iterator(chunk_size=2000):
        haystack = [h for v in values if v for h in _words(str(v))]
        if all(any(h.startswith(w) for h in haystack) for w in words):
            if len(found) == limit:
                more = True
                break
            found.append(pk)
    objects = queryset.in_bulk(found)
    return [objects[pk] for pk in found if pk in objects], more


def resolve(queryset: QuerySet[Any], text: str, too_many: Any, none_found: Any) -> Model:
    """The one object of ``queryset`` that ``text`` (a name or a login typed without the script) names;
    else a ValidationError in Vietnamese with how to narrow it (``too_many``) or that no one matched."""
    found, more = matches(queryset, text, limit=5)
    key = getattr(queryset.model, "cli_key", None)
    # A whole name or login typed out chooses its one owner among longer names ("Hà" beside "Hải").
    exact = [o for o in found if fold(text) in (fold(str(o)), fold(str(getattr(o, key, "") if key else "")))]
    if len(exact) == 1 or len(found) == 1:
        return exact[0] if exact else found[0]
    if not found:
        raise ValidationError(none_found, code="invalid_choice", params={"text": text})
    example = getattr(found[0], key) if key else found[0].pk
    raise ValidationError(
        too_many,
        code="invalid_choice",
        params={"count": len(found), "more": "+" if more else "", "text": text, "example": example},
    )


class LookupInput(forms.Widget):
    """A text box with a hidden value: the script fills the value from ``/api/lookup/<kind>/``.

    ``source`` (operation slug, field name, subject pk) is set by ``Operation.make_form``: the endpoint
    builds the same form for the same person to know whom to offer. Without it the box is typed into.
    """

    template_name = "web/widgets/lookup.html"

    def __init__(self, kind: str, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.kind = kind
        self.source: dict[str, Any] = {}
        self.label_of: Any = str
        self.queryset: QuerySet[Any] | None = None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["text_name"] = name + TEXT_SUFFIX
        widget["text"] = self._text(value)
        widget["value"] = "" if isinstance(value, Typed) or value is None else str(value)
        attrs = widget["attrs"]
        attrs.update(autocomplete="off", spellcheck="false")
        if self.source:
            attrs.update(
                {
                    "data-lookup": f"{reverse(f'api:lookup-{self.kind}')}?{urlencode(self.source)}",
                    "role": "combobox",
                    "aria-autocomplete": "list",
                    "aria-expanded": "false",
                    "placeholder": PLACEHOLDER[self.kind][0],
                }
            )
        else:
            attrs.setdefault("placeholder", PLACEHOLDER[self.kind][1])
        return context

    def _text(self, value: Any) -> str:
        if isinstance(value, Typed):
            return str(value)
        if value in (None, "") or self.queryset is None:
            return ""
        chosen = self.queryset.filter(pk=value).first() if str(value).isdigit() else None
        return self.label_of(chosen) if chosen is not None else ""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        """The chosen id; else what was typed (a ``Typed``), for the server to resolve."""
        value = data.get(name)
        if value not in (None, ""):
            return value
        typed = (data.get(name + TEXT_SUFFIX) or "").strip()
        return Typed(typed) if typed else value

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and name + TEXT_SUFFIX not in data


class _Picked(forms.ModelChoiceField):
    """The widget of a picker field knows the field's queryset and labels (to show what is chosen)."""

    def _set_queryset(self, queryset: QuerySet[Any] | None) -> None:
        super()._set_queryset(queryset)  # type: ignore[misc]
        if isinstance(self.widget, LookupInput):
            self.widget.queryset = self.queryset
            self.widget.label_of = self.label_from_instance

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = super().__deepcopy__(memo)
        if isinstance(result.widget, LookupInput):
            result.widget.label_of = result.label_from_instance
        return result


class LookupChoice(_Picked):
    """A choice of one person or unit among the field's queryset, picked by typing (see the module)."""

    kind = "people"
    too_many = _(
        "%(count)s%(more)s people match «%(text)s»: type more of the name or type the username (for example "
        "%(example)s)."
    )
    none_found = _("«%(text)s» was not found among the choices.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", LookupInput(self.kind))
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Model | None:
        if isinstance(value, Typed):
            return self._resolve(value)
        return super().to_python(value)

    def _resolve(self, text: Typed) -> Model:
        return resolve(self.queryset, text, self.too_many, self.none_found)


class UnitLookupChoice(LookupChoice):
    kind = "units"
    too_many = _("%(count)s%(more)s units match «%(text)s»: type more of the unit name.")


# Filter forms (a register print, the records search) are not operations: each registers how it is built for a
# person, or None when that person may not open the page, so the look-up answers from the same queryset.
_filters: dict[str, Callable[[Any], forms.Form | None]] = {}


def register_filter(purpose: str, build: Callable[[Any], forms.Form | None]) -> None:
    _filters[purpose] = build


def filter_form(purpose: str, person: Any) -> forms.Form | None:
    """The filter form ``purpose`` as ``person`` sees it; None for an unknown purpose or a page they may not open."""
    build = _filters.get(purpose)
    return build(person) if build is not None else None


def point_at(form: forms.Form, purpose: str, subject: Any) -> forms.Form:
    """Tell each picker of ``form`` where its matches come from: this operation, field and subject."""
    for name, field in form.fields.items():
        if isinstance(field.widget, LookupInput):
            field.widget.source = {
                "purpose": purpose,
                "field": name,
                **({"subject": subject.pk} if getattr(subject, "pk", None) else {}),
            }
            field.widget.label_of = getattr(field, "label_from_instance", str)
    return form


# Several people or units: chosen ones shown as chips, more looked up as for one.
LINES_PLACEHOLDER = {
    "people": _("One person per line: full name or username"),
    "units": _("One unit per line: unit name or code"),
}
CHOSEN = _("Selected")


def _split(value: Any) -> tuple[list[str], list[str]]:
    """The chosen ids and the typed lines of a multiple picker's value."""
    values = value if isinstance(value, list | tuple) else ([] if value in (None, "") else [value])
    typed = [str(v) for v in values if isinstance(v, Typed)]
    ids = [str(getattr(v, "pk", v)) for v in values if not isinstance(v, Typed) and v not in (None, "")]
    return ids, typed


class LookupMultipleInput(LookupInput):
    """The chosen people or units, each a ticked box (a removable chip with the script), and a text area
    where more are named one per line. The script turns the text area into a box that looks them up as
    for one (``data-lookup-multi``) and adds each choice as a chip; without it the server resolves the lines."""

    template_name = "web/widgets/lookup_multiple.html"
    allow_multiple_selected = True

    def use_required_attribute(self, initial: Any) -> bool:
        return False  # the chips, not the text area, carry the choice: the browser must not demand a line

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = forms.Widget.get_context(self, name, value, attrs)
        widget = context["widget"]
        ids, typed = _split(value)
        widget["text_name"] = name + TEXT_SUFFIX
        widget["text"] = "\n".join(typed)
        widget["chosen_label"] = CHOSEN
        widget["chosen"] = self._chosen(ids)
        attrs = widget["attrs"]
        attrs.update(autocomplete="off", spellcheck="false", rows=max(2, len(typed) + 1))
        attrs.setdefault("placeholder", LINES_PLACEHOLDER[self.kind])
        if self.source:
            attrs.update(
                {
                    "data-lookup-multi": f"{reverse(f'api:lookup-{self.kind}')}?{urlencode(self.source)}",
                    "data-placeholder": PLACEHOLDER[self.kind][0],
                }
            )
        return context

    def _chosen(self, ids: list[str]) -> list[tuple[str, str]]:
        wanted = [pk for pk in ids if pk.isdigit()]
        if not wanted or self.queryset is None:
            return []
        found = self.queryset.in_bulk([int(pk) for pk in wanted])
        return [(pk, self.label_of(found[int(pk)])) for pk in dict.fromkeys(wanted) if int(pk) in found]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        """The chosen ids (a list, from the form or the API), then each typed line as a ``Typed``."""
        getter = getattr(data, "getlist", None)
        chosen = getter(name) if getter is not None else data.get(name)
        if chosen is None:
            chosen = []
        elif not isinstance(chosen, list | tuple):
            chosen = [chosen]
        text = data.get(name + TEXT_SUFFIX) or ""
        lines = [Typed(line.strip()) for line in str(text).splitlines() if line.strip()]
        return [v for v in chosen if v not in (None, "")] + lines

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an empty choice sends nothing, as check boxes do


class LookupMultipleChoice(_Picked, forms.ModelMultipleChoiceField):
    """Several people or units among the field's queryset: ticked, picked by typing, or named one per line."""

    kind = "people"
    too_many = LookupChoice.too_many
    none_found = LookupChoice.none_found
    default_error_messages = {
        "invalid_choice": _("Does not exist (id %(value)s)."),
        "invalid_pk_value": _("Does not exist (id %(pk)s)."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", LookupMultipleInput(self.kind))
        super().__init__(*args, **kwargs)

    def clean(self, value: Any) -> Any:
        """Each typed line names one of the queryset, or the whole choice is refused naming that line."""
        ids, typed = _split(value)
        errors: list[ValidationError] = []
        for text in typed:
            try:
                ids.append(str(resolve(self.queryset, text, self.too_many, self.none_found).pk))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return super().clean(list(dict.fromkeys(ids)))

    def has_changed(self, initial: Any, data: Any) -> bool:
        ids, typed = _split(data)
        return bool(typed) or bool(super().has_changed(initial, ids))


class UnitLookupMultipleChoice(LookupMultipleChoice):
    kind = "units"
    too_many = UnitLookupChoice.too_many
    none_found = _("Unit «%(text)s» was not found among the choices.")
