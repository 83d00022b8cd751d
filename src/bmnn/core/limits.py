"""The largest inputs any surface accepts: texts, counts and years.

Model fields carry these as ``max_length`` and validators, so forms and serializers built from them inherit
the limits; explicit form and serializer fields name them. Beyond a limit the answer is a Vietnamese
validation error (400), on SQLite as on PostgreSQL, and nothing is stored.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _

from .errors import DomainError

ABSTRACT_MAX = 2_000  # trích yếu: one paragraph in every register and form that prints it
TEXT_MAX = 10_000  # any multi-line text: reasons, minutes, report sections, notes, recipients
SEARCH_MAX = 200  # a search box
COUNT_MAX = 9_999  # copies, envelopes, items counted on receipt, volumes
NUMBER_MAX = 999_999  # document and plan numbers typed by hand

# Register years: nothing older than the state's first records, nothing beyond next year.
FIRST_YEAR = 1945


def refuse_oversize(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Refuse to save a text longer than its field's ``max_length`` or a number past its field's bounds.

    Forms and serializers refuse such input first; this ``pre_save`` check is the last line for the surfaces
    that call services with raw values (the command line, jobs), and makes SQLite refuse what PostgreSQL
    would. The ``DomainError`` rolls the service's transaction back, like any refusal.
    """
    if not sender.__module__.startswith("bmnn."):
        return
    for field in sender._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(value, str) and field.max_length is not None and len(value) > field.max_length:
            raise DomainError(
                _("{field}: at most {limit} characters (now {length}).").format(
                    field=field.verbose_name, limit=field.max_length, length=len(value)
                ),
                field=field.name,
            )
        if isinstance(value, int) and not isinstance(value, bool):
            for validator in field.validators:
                if isinstance(validator, MaxValueValidator) and value > validator.limit_value:
                    raise DomainError(
                        _("{field}: may not be greater than {limit}.").format(
                            field=field.verbose_name, limit=validator.limit_value
                        ),
                        field=field.name,
                    )
                if isinstance(validator, MinValueValidator) and value < validator.limit_value:
                    raise DomainError(
                        _("{field}: may not be less than {limit}.").format(
                            field=field.verbose_name, limit=validator.limit_value
                        ),
                        field=field.name,
                    )
