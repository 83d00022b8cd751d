"""Reads of gate checks for a person: each person sees the checks they made."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from bmnn.core.errors import NotFound
from bmnn.org.models import Person

from .models import GateCheck


def checks_visible_to(person: Person | AnonymousUser | None) -> QuerySet[GateCheck]:
    """Return the gate checks ``person`` may see: their own."""
    if not isinstance(person, Person):
        return GateCheck.objects.none()
    return GateCheck.objects.filter(checked_by=person)


def check_get_for_user(person: Person | AnonymousUser | None, pk: int) -> GateCheck:
    """One of the person's own checks; anyone else's answers like a missing one."""
    check = checks_visible_to(person).filter(pk=pk).first()
    if check is None:
        raise NotFound()
    return check
