"""The stores that keep the electronic files of a record (the vault), as the lifecycle sees them without importing
them: what files a record has, and their crypto-erasure when the record is destroyed (R36, S6).

An app above the lifecycle registers a store in its ``AppConfig.ready``; a destruction lists every item the
stores hold and erases them inside its own transaction, so a record is never "destroyed" with a readable file
left behind, and a refused destruction erases nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from bmnn.org.models import Person
from bmnn.registry.models import Carrier


@dataclass(frozen=True)
class ElectronicItem:
    """One file of a record as a destruction record lists it: where it is, and when it was erased."""

    reference: str  # the store's id of the file ("vault:12")
    name: str
    location: str
    erased_at: dt.datetime | None = None


class ElectronicStore(Protocol):
    def items(self, carrier: Carrier) -> list[ElectronicItem]:
        """The live (not yet erased) files of ``carrier``."""

    def erase(self, actor: Person, carrier: Carrier, basis: str) -> list[ElectronicItem]:
        """Crypto-erase every live file of ``carrier`` in the caller's transaction; the items erased."""


_stores: dict[str, ElectronicStore] = {}


def register(name: str, store: ElectronicStore) -> None:
    _stores[name] = store


def items_of(carrier: Carrier) -> list[ElectronicItem]:
    return [item for store in _stores.values() for item in store.items(carrier)]


def erase_all(actor: Person, carrier: Carrier, basis: str) -> list[ElectronicItem]:
    return [item for store in _stores.values() for item in store.erase(actor, carrier, basis)]


def outside_item(carrier: Carrier) -> ElectronicItem:
    """An electronic copy no store keeps (a downloaded copy): it is where its holder keeps it."""
    holder = str(carrier.custodian) if carrier.custodian_id else "người nhận bản sao"
    return ElectronicItem(reference="", name="", location=f"Bản tải xuống do {holder} giữ (ngoài kho)")
