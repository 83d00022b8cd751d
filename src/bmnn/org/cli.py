"""What every `bmnn <app> --as USER ...` command shares: the acting person, key=value fields, refusals.

The command line calls the same services as the screens and the API, as the person named by ``--as``;
a refused operation ends the command with the service's Vietnamese message and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.management.base import BaseCommand, CommandError

from bmnn.core.errors import DomainError

from .models import Person


def person_named(username: str) -> Person:
    person = Person.objects.filter(username=username, is_active=True).first()
    if person is None:
        raise CommandError(f"Không có cán bộ với tên đăng nhập \"{username}\".")
    return person


def pairs(values: list[str], example: str) -> dict[str, str]:
    """``key=value`` arguments as a dict; anything else is a usage error naming ``example``."""
    found = dict(v.split("=", 1) for v in values if "=" in v)
    if len(found) != len(values):
        raise CommandError(f"Tham số phải có dạng ten=gia_tri, ví dụ {example}.")
    return found


def valid(form: forms.Form) -> dict[str, Any]:
    """The form's cleaned data, or its errors as the command's error."""
    if not form.is_valid():
        raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    return form.cleaned_data


class ActorCommand(BaseCommand):
    """Runs ``self._<action>(actor, options)`` for the sub-command in ``options["action"]``."""

    def handle(self, *args: Any, **options: Any) -> None:
        actor = person_named(options["actor"])
        try:
            self.run(actor, options)
        except DomainError as exc:
            raise CommandError(str(exc)) from None

    def run(self, actor: Person, options: dict[str, Any]) -> None:
        getattr(self, "_" + options["action"].replace("-", "_"))(actor, options)
