"""Operations, each declared once: the screen, the REST endpoint, the command and the offer come from it.

An app lists its operations in ``<app>/operations.py`` as ``OPERATIONS = [Operation(...), ...]``. One
declaration says:

- ``slug``: the English name (``copy-request``), used in URLs, URL names and on the command line;
- ``title``: what a person reads: an English message id through ``gettext_lazy``, read in Vietnamese;
- ``subject``: the kind of object it acts on and how a person finds one (the visibility funnel:
  forbidden answers like missing); ``None`` for an operation that creates its object;
- ``form``: the one input schema; the web page renders it, the API and the command validate with it;
- ``check(actor, subject)``: the preconditions that do not depend on the input. It raises the same
  ``DomainError`` the service raises, because the service calls it too: the rule lives in one place,
  and the subject's page offers the operation exactly when it passes;
- ``run(actor, subject, data)``: calls the service with the form's cleaned data;
- ``done``: the success message.

The adapters (``bmnn.web.operations``, ``bmnn.api.operations``, ``bmnn.core.cli``) read this registry;
nothing else calls a service with a person's input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.apps import apps
from django.http import HttpResponse
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from .errors import DomainError
from .lookup import point_at
from .text import Message
from .widgets import dress

Getter = Callable[[Any, int], Any]


@dataclass(frozen=True)
class Subject:
    """A kind of object that operations act on.

    ``get_for_user(person, pk)`` raises ``NotFound`` alike for a missing object and one the person may
    not see. ``page`` is the URL name of its screen (reversed with its pk); ``api`` is the collection
    path segment under ``/api/``; ``web`` is the path prefix of its screens; ``present`` renders it for
    the API.
    """

    name: str
    get_for_user: Getter
    page: str
    api: str
    web: str
    present: Callable[[Any], Any]
    page_pk: Callable[[Any], int] = field(default=lambda obj: obj.pk)
    url: Callable[[Any], str] | None = None  # the page of an object, when it is not ``page`` with its pk

    def page_url(self, obj: Any) -> str:
        return self.url(obj) if self.url is not None else reverse(self.page, args=[self.page_pk(obj)])


@dataclass(frozen=True)
class Download:
    """A file an operation hands back (an export, a signed package): sent as an attachment on every surface."""

    content: bytes
    name: str
    mime: str

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, content_type=self.mime)
        response["Content-Disposition"] = f'attachment; filename="{self.name}"'
        return response


class OperationForm(forms.Form):
    """An input schema that may narrow its choices to what the actor may choose, or read the subject."""

    def __init__(
        self, data: Any = None, files: Any = None, *, actor: Any = None, subject: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(data, files, **kwargs)
        self.actor, self.subject = actor, subject
        self.setup()

    def setup(self) -> None:
        """Narrow querysets or initial values for ``self.actor`` and ``self.subject``."""


class NoInput(OperationForm):
    """The input of an operation that takes none: a one-button action."""


DONE = _("Done.")


@dataclass(frozen=True)
class Operation:
    """One operation a person may start: see the module docstring."""

    slug: str
    title: Message
    run: Callable[[Any, Any, dict[str, Any]], Any]
    form: type[forms.Form] = NoInput
    subject: Subject | None = None
    check: Callable[[Any, Any], None] | None = None
    done: Message | Callable[[Any], Message] = DONE
    submit: Message = ""
    returns: Subject | None = None  # the kind of object ``run`` returns, when it is not the subject
    web: str = ""  # the path segment of its screen (Vietnamese), under the subject's screens
    api: str = ""  # the path segment of its endpoint (English), under the subject's collection
    offer: bool = True  # listed among "what can I do here" on the subject's page when ``check`` passes
    # False when the app's own page shows the result in place (it still runs ``execute``): no generic screen.
    screen: bool = True
    # For an operation a command runs only with --apply: what it would do, said without doing it.
    preview: Callable[[Any, Any, dict[str, Any]], str] | None = None
    # The app's GET view answering at the same API path (a collection listed and created at one URL).
    api_list: Callable[..., Any] | None = None
    app: str = ""

    @property
    def has_input(self) -> bool:
        return bool(self.form.base_fields)

    @property
    def submit_label(self) -> str:
        return str(self.submit or self.title)

    @property
    def web_path(self) -> str:
        segment = self.web or self.slug
        if self.subject is None:
            return f"{segment}/"
        return f"{self.subject.web}/<int:pk>/{segment}/"

    @property
    def api_path(self) -> str:
        if self.subject is None:
            return f"{self.api or self.slug}/"
        return f"{self.subject.api}/<int:pk>/{self.api or self.slug}/"

    def find(self, actor: Any, pk: int | None) -> Any:
        """The subject for this person (``NotFound`` when missing or hidden), or None for a creation."""
        if self.subject is None:
            return None
        return self.subject.get_for_user(actor, int(pk or 0))

    def make_form(
        self, actor: Any, subject: Any, data: Any = None, files: Any = None, initial: dict[str, Any] | None = None
    ) -> forms.Form:
        """The form for this person and subject; ``initial`` prefills it (e.g. from a link's query).

        Its pickers look up whom this form offers (``lookup.point_at``); its dates are typed dd/mm/yyyy.
        """
        form: forms.Form
        if issubclass(self.form, OperationForm):
            form = self.form(data, files, actor=actor, subject=subject, initial=initial)
        else:
            form = self.form(data, files, initial=initial)
        return dress(point_at(form, self.slug, subject))

    def bind(self, actor: Any, subject: Any, data: Any, files: Any = None) -> forms.Form:
        """The form bound to input from the API or the command line.

        A field left out takes its initial value, as it would on the screen's prefilled form.
        """
        blank = self.make_form(actor, subject)
        # A shallow copy: the input may hold uploaded files, which cannot be deep-copied.
        filled = MultiValueDict(dict(data.lists())) if hasattr(data, "lists") else dict(data)
        for name, form_field in blank.fields.items():
            initial = blank.get_initial_for_field(form_field, name)
            if name in filled or initial in (None, "", [], ()):
                continue
            value = getattr(initial, "pk", initial)
            if hasattr(filled, "setlist"):
                filled.setlist(name, list(value) if isinstance(value, list | tuple) else [value])
            else:
                filled[name] = value
        return self.make_form(actor, subject, filled, files)

    def allowed(self, actor: Any, subject: Any) -> bool:
        """Whether ``check`` lets this person start the operation on this subject now."""
        if self.check is None:
            return True
        try:
            self.check(actor, subject)
        except DomainError:
            return False
        return True

    def done_message(self, result: Any) -> str:
        return str(self.done(result) if callable(self.done) else self.done)

    def result_page(self, subject: Any, result: Any) -> str | None:
        """The page to show after success: what was made, else the subject."""
        if self.returns is not None and result is not None and hasattr(result, "pk"):
            return self.returns.page_url(result)
        if self.subject is not None:
            return self.subject.page_url(subject)
        return None

    def execute(self, actor: Any, subject: Any, data: dict[str, Any]) -> Any:
        """Run the service; ``check`` runs first so a refusal is the same on every surface."""
        if self.check is not None:
            self.check(actor, subject)
        return self.run(actor, subject, data)


_registry: dict[str, Operation] = {}
_subjects: dict[str, Subject] = {}


def register(app: str, operations: Iterable[Operation]) -> None:
    """Add an app's declarations; a slug or a subject name used twice for different things is a mistake."""
    for op in operations:
        if op.slug in _registry and _registry[op.slug].app != app:
            raise ValueError(f"operation {op.slug!r} declared by {_registry[op.slug].app} and {app}")
        for kind in (op.subject, op.returns):
            known = _subjects.setdefault(kind.name, kind) if kind is not None else None
            if known is not None and known.get_for_user is not kind.get_for_user:  # type: ignore[union-attr]
                raise ValueError(f"two kinds of subject are named {known.name!r}")
        object.__setattr__(op, "app", app)
        _registry[op.slug] = op


def load() -> dict[str, Operation]:
    """Every declared operation by slug: imports ``operations`` of each installed app once."""
    if not _registry:
        autodiscover_modules("operations")
        for config in apps.get_app_configs():
            module = getattr(config.module, "operations", None)
            declared = getattr(module, "OPERATIONS", None)
            if declared is not None:
                register(config.label, declared)
    return _registry


def get(slug: str) -> Operation | None:
    return load().get(slug)


def of_app(app: str) -> list[Operation]:
    return [op for op in load().values() if op.app == app]


def offered(actor: Any, subject_kind: str, subject: Any) -> list[Operation]:
    """What this person may start on this subject now: every offered operation whose ``check`` passes."""
    return [
        op
        for op in load().values()
        if op.subject is not None and op.subject.name == subject_kind and op.offer and op.allowed(actor, subject)
    ]
