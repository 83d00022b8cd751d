"""Sections that apps above the registry add to a record's page, without the page importing them.

An app registers ``provider(person, carrier) -> DueSection | None`` in its ``AppConfig.ready``; the record page
shows every section a provider returns (each provider applies the visibility policy itself).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .due import DueSection

Provider = Callable[[Any, Any], "DueSection | None"]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _providers[name] = provider


def sections_for(person: Any, carrier: Any) -> list[DueSection]:
    return [section for provider in _providers.values() if (section := provider(person, carrier)) is not None]
