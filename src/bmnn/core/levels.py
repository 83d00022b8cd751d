"""Secrecy levels (R1): MAT < TOI_MAT < TUYET_MAT."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The three secrecy levels of Law 117/2025 (R1), lowest first."""

    MAT = "MAT", _("Confidential")
    TOI_MAT = "TOI_MAT", _("Secret")
    TUYET_MAT = "TUYET_MAT", _("Top secret")


_RANK = {Level.MAT: 1, Level.TOI_MAT: 2, Level.TUYET_MAT: 3}


def rank(level: str | None) -> int:
    """Return the order of a level (0 for none), so levels compare as numbers."""
    return _RANK.get(Level(level), 0) if level else 0


def highest(levels: Iterable[str]) -> str | None:
    """Return the highest of the given levels (R3), or None for an empty input."""
    ordered = sorted(levels, key=rank)
    return ordered[-1] if ordered else None


def at_most(level: str | None) -> list[str]:
    """Return every level a person cleared for ``level`` may see."""
    return [lv.value for lv in Level if rank(lv) <= rank(level)]
