"""Two installations in one test: the Department of Education (A) and the Department of Health (B).

Each has its own exchange keys (its agency's and its signers' key files) and its own vault directory, in
directories of their own; they share the test database (one schema), the vault's key-encryption key and the
audit signing key, as two installations could not. What crosses between them is only the package file.
"""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.exchange import services
from bmnn.exchange.models import Peer
from bmnn.org.models import Organisation, Person
from bmnn.registry.models import Carrier
from bmnn.registry.services import outgoing_register
from bmnn.vault import services as vault
from tests.conftest import Cast, outgoing_kwargs
from tests.vault.conftest import secret_pdf


@dataclass
class Installation:
    name: str
    root: Path
    agency: Organisation
    clerk: Person
    settings: Any

    @contextlib.contextmanager
    def active(self) -> Iterator[Installation]:
        """Act as this installation: its key directory and its vault directory."""
        saved = (self.settings.BMNN_EXCHANGE_KEY_DIR, self.settings.BMNN_VAULT_DIR)
        self.settings.BMNN_EXCHANGE_KEY_DIR = str(self.root / "exchange-keys")
        self.settings.BMNN_VAULT_DIR = str(self.root / "vault")
        try:
            yield self
        finally:
            self.settings.BMNN_EXCHANGE_KEY_DIR, self.settings.BMNN_VAULT_DIR = saved

    def key_card(self) -> dict[str, str]:
        with self.active():
            return json.loads(services.key_card(actor=self.clerk))

    def register_peer(self, admin: Person, other: Installation, name: str = "") -> Peer:
        """This installation's administrator registers ``other``'s public keys (handed over out of band)."""
        card = other.key_card()
        with self.active():
            return services.peer_register(
                actor=admin,
                name=name or card["agency"],
                installation=other.name,
                signing_public_key=card["signing_public_key"],
                transport_public_key=card["transport_public_key"],
            )

    def import_(self, blob: bytes) -> Any:
        with self.active():
            return services.package_import(actor=self.clerk, blob=blob)


@dataclass
class Pair:
    a: Installation
    b: Installation
    a_knows_b: Peer
    b_knows_a: Peer
    admin: Person


@pytest.fixture
def pair(cast: Cast, settings: Any, tmp_path: Path) -> Pair:
    admin = Person.objects.create_superuser("quantri", password="mat-khau-thu-nghiem")
    a = Installation("Hệ thống của Sở GDĐT", tmp_path / "a", cast.department, cast.clerk, settings)
    b = Installation("Hệ thống của Sở Y tế", tmp_path / "b", cast.other_department, cast.outsider, settings)
    return Pair(a, b, a.register_peer(admin, b), b.register_peer(admin, a), admin)


def electronic_secret(cast: Cast, pair: Pair, pages: tuple[int, ...] = (3,), **overrides: Any) -> Carrier:
    """A Tối mật exam paper of A, signed by its director, with its file(s) in A's vault (the first the document,
    the others attachments)."""
    with pair.a.active():
        carrier = outgoing_register(
            **outgoing_kwargs(
                cast,
                item_ids=[cast.exam_paper_item.pk],
                doc_type="Đề thi",
                abstract="Đề thi chính thức môn Toán",
                recipients="Sở Y tế (bộ phận y tế điểm thi); Lưu: VT",
                **overrides,
            )
        )
        for index, count in enumerate(pages):
            name = "de-thi.pdf" if index == 0 else f"phu-luc-{index}.pdf"
            vault.file_store(
                actor=cast.clerk, carrier=carrier, upload=SimpleUploadedFile(name, secret_pdf(count), "application/pdf")
            )
    return carrier


def send(pair: Pair, carrier: Carrier, peer: Peer | None = None) -> bytes:
    with pair.a.active():
        _sent, blob = services.package_send(actor=pair.a.clerk, carrier=carrier, peer=peer or pair.a_knows_b)
    return blob


def members(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()
