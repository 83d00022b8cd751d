"""The installation's exchange keys (R27): per agency an Ed25519 key that signs its packages and an X25519 key that
opens the packages sent to it; per signer an Ed25519 key for the signer's signature.

The keys live in a directory kept apart from the data directory and its backups (``BMNN_EXCHANGE_KEYS``), one PEM
file each, readable by the service account only. Development and the tests get them generated on first use
(``BMNN_EXCHANGE_KEY_CREATE``); production refuses to sign or open a package until an administrator has made them
with ``bmnn exchange_keygen`` (any key missing is said plainly).
"""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path
from typing import TypeVar

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bmnn.core.errors import DomainError
from bmnn.core.text import Message

HOW = _(
    "Set the environment variable BMNN_EXCHANGE_KEYS to the exchange key directory (outside the data directory and "
    "the backups, readable by the service account only), then make the keys with the command bmnn exchange_keygen."
)

Key = TypeVar("Key", Ed25519PrivateKey, X25519PrivateKey)


class ExchangeKeyError(DomainError):
    """An exchange key is not configured, missing, unsafely placed or malformed (R27, fail closed)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message, rule="R27")


def key_dir() -> Path:
    configured = str(getattr(settings, "BMNN_EXCHANGE_KEY_DIR", "") or "")
    if not configured:
        raise ExchangeKeyError(_("The exchange key directory is not configured. {how}").format(how=HOW))
    path = Path(configured).expanduser().resolve()
    if path.is_relative_to(Path(settings.DATA_DIR).expanduser().resolve()):
        raise ExchangeKeyError(
            _(
                "The exchange key directory {path} is inside the data directory, so it is in every backup: "
                "move it out. {how}"
            ).format(path=path, how=HOW)
        )
    return path


def _write(path: Path, key: Ed25519PrivateKey | X25519PrivateKey) -> None:
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.chmod(path, 0o600)


def _load(name: str, kind: type[Key], create: bool | None = None) -> Key:
    path = key_dir() / name
    if not path.exists():
        if not (settings.BMNN_EXCHANGE_KEY_CREATE if create is None else create):
            raise ExchangeKeyError(_("The exchange key file {path} was not found. {how}").format(path=path, how=HOW))
        key: Key = kind.generate()
        try:
            _write(path, key)
        except FileExistsError:  # made by a concurrent request: use that one
            return _load(name, kind, create=False)
        return key
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise ExchangeKeyError(
            _("The exchange key file {path} must not be readable by others: chmod 600 {path}.").format(path=path)
        )
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, kind):
        raise ExchangeKeyError(_("The file {path} is not an exchange key of the right kind.").format(path=path))
    return loaded


def agency_signing_key(agency_pk: int, create: bool | None = None) -> Ed25519PrivateKey:
    return _load(f"agency-{agency_pk}-ed25519.pem", Ed25519PrivateKey, create)  # type: ignore[type-abstract]


def agency_transport_key(agency_pk: int, create: bool | None = None) -> X25519PrivateKey:
    return _load(f"agency-{agency_pk}-x25519.pem", X25519PrivateKey, create)  # type: ignore[type-abstract]


def person_signing_key(person_pk: int, create: bool | None = None) -> Ed25519PrivateKey:
    return _load(f"person-{person_pk}-ed25519.pem", Ed25519PrivateKey, create)  # type: ignore[type-abstract]


def public_b64(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")
