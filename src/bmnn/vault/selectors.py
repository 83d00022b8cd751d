"""Reads of the vault for a person: only files of records the registry's visibility policy lets them see (S2)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bmnn.core.errors import NotFound
from bmnn.org.models import Person
from bmnn.registry.selectors import carriers_visible_to

from .models import StoredFile


def files_visible_to(person: Person) -> QuerySet[StoredFile]:
    return StoredFile.objects.filter(carrier__in=carriers_visible_to(person).values("pk")).select_related(
        "carrier", "uploaded_by"
    )


def file_get_for_user(person: Person, pk: Any) -> StoredFile:
    """The stored file, or NotFound alike for a missing one and one of a record the person may not see (S2)."""
    try:
        return files_visible_to(person).get(pk=int(pk))
    except (StoredFile.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def files_of(person: Person, carrier_pk: Any) -> QuerySet[StoredFile]:
    return files_visible_to(person).filter(carrier_id=carrier_pk)
