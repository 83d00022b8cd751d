"""Sections that apps above the lifecycle add to the due page ("Việc đến hạn"), without the page importing them.

An app registers ``provider(person) -> DueSection | None`` in its ``AppConfig.ready``; the due page shows every
section a provider returns for the person (each provider applies the visibility policy itself).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DueRow:
    text: str
    url: str = ""
    done: bool = False  # shown as done (confirmed), not as waiting
    note: str = ""


@dataclass
class DueSection:
    title: str
    rows: list[DueRow] = field(default_factory=list)
    waiting: int = 0


# The home page and the head's board list the oldest overdue items, this many; the due page lists them all, a page
# at a time (issue 17: a head has thousands of extension reminders after the first sweep over a decade).
OVERDUE_SHOWN = 30

Provider = Callable[[Any], "DueSection | None"]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _providers[name] = provider


def sections_for(person: Any) -> list[DueSection]:
    return [section for provider in _providers.values() if (section := provider(person)) is not None]
