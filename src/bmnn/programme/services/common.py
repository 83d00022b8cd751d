"""Helpers the programme services share: evidence files and unit checks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.base import File
from django.utils.translation import gettext as _

from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.text import Message
from bmnn.core.uploadscan import require_clean
from bmnn.org.models import Organisation, Person

from ..models import Evidence
from ..policies import may_act_for

MAX_FILE_BYTES = 25 * 1024 * 1024


def require_actor_for(actor: Person, unit: Organisation, message: Message, rule: str) -> None:
    """Refuse unless ``actor`` is the unit's head or its staff designated for secrets."""
    if not may_act_for(actor, unit):
        raise PermissionDenied(message, rule=rule)


def require_text(value: str, message: Message, rule: str, field: str) -> str:
    if not (value or "").strip():
        raise DomainError(message, rule=rule, field=field)
    return value.strip()


def check_files(files: Iterable[Any], rule: str) -> list[Any]:
    """Refuse empty or oversized files before anything is written."""
    files = [f for f in files if f is not None]
    for f in files:
        size = getattr(f, "size", None)
        if not size:
            raise DomainError(
                _('The file "{name}" is empty.').format(name=getattr(f, "name", "")), rule=rule, field="files"
            )
        if size > MAX_FILE_BYTES:
            raise DomainError(
                _('The file "{name}" is larger than 25 MB.').format(name=f.name), rule=rule, field="files"
            )
    return files


def checked_files(files: Iterable[Any], rule: str) -> list[Any]:
    """The files, refused when empty, oversized, not checkable or bearing a secrecy mark (S6: kept in clear).

    The scan runs in a capped child process; call this before the service's transaction, so that no lock is
    held while a file is checked.
    """
    files = check_files(files, rule)
    require_clean(files, rule=rule)
    return files


def store_files(files: list[Any], actor: Person, **owner: Any) -> list[Evidence]:
    """Save each file under MEDIA_ROOT as evidence of ``owner`` (plan=, event= or answer=)."""
    saved = []
    for f in files:
        name = str(getattr(f, "name", "tep")).rsplit("/", 1)[-1][:200]
        evidence = Evidence(name=name, uploaded_by=actor, **owner)
        evidence.file.save(name, f if isinstance(f, File) else File(f), save=False)
        evidence.save()
        saved.append(evidence)
    return saved
