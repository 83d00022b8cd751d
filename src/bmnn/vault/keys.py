"""The installation's key-encryption key (KEK): a key file kept apart from the database and the backups.

Production gives its path in the environment (``BMNN_VAULT_KEY``); the file holds 32 random bytes,
base64-encoded, readable by the service account only. Nothing generates it in production: a missing,
unreadable, malformed or wrong key refuses to start (``startup_check``, called by the WSGI entry point)
and refuses every vault operation, with a Vietnamese message saying what to do (S6, fail closed).

Development (``BMNN_DEBUG=1`` without ``BMNN_VAULT_KEY``) and the tests get a key generated on first use
(settings ``BMNN_VAULT_KEY_CREATE``). A rotation writes the new key beside the current one
(``<path>.new``) before re-wrapping and moves it into place after the commit; until then both are read,
each wrapped data key naming the key it was wrapped under by fingerprint.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from bmnn.core.errors import DomainError

from . import crypto

HOW = _(
    "Set the BMNN_VAULT_KEY environment variable to the vault's key file (32 random bytes in base64, readable "
    "only by the service account, kept outside the data directory and outside backups), then restart."
)


class VaultKeyError(DomainError):
    """The key-encryption key is missing, unreadable, malformed or not the one the data keys were wrapped under."""

    def __init__(self, message: str) -> None:
        super().__init__(message, rule="S6")


def key_path() -> Path:
    configured = getattr(settings, "BMNN_VAULT_KEY_FILE", "")
    if not configured:
        raise VaultKeyError(
            _("The encryption key of the secret electronic document vault is not configured. {how}").format(how=HOW)
        )
    return Path(configured).expanduser()


def _read(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise VaultKeyError(
            _("The vault encryption key file ({path}) was not found. {how}").format(path=path, how=HOW)
        ) from None
    except (OSError, UnicodeDecodeError):
        raise VaultKeyError(
            _("The vault encryption key file ({path}) cannot be read. {how}").format(path=path, how=HOW)
        ) from None
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != crypto.KEY_BYTES:
        raise VaultKeyError(_("The vault encryption key file ({path}) is malformed. {how}").format(path=path, how=HOW))
    return key


def write_key(path: Path, key: bytes) -> None:
    """Write a key file readable by its owner only; never over an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(base64.b64encode(key).decode("ascii") + "\n")
        out.flush()
        os.fsync(out.fileno())


def current_key() -> bytes:
    """The key new data keys are wrapped under (created first in development and tests only)."""
    path = key_path()
    if not path.exists() and getattr(settings, "BMNN_VAULT_KEY_CREATE", False):
        with contextlib.suppress(FileExistsError):  # another process created it first
            write_key(path, crypto.new_key())
    return _read(path)


def keyring() -> dict[str, bytes]:
    """Every key a wrapped data key may name: the current one, and a rotation's new one not yet in place."""
    key = current_key()
    ring = {crypto.fingerprint(key): key}
    pending = pending_path()
    if pending.exists():
        new = _read(pending)
        ring[crypto.fingerprint(new)] = new
    return ring


def pending_path() -> Path:
    path = key_path()
    return path.with_name(path.name + ".new")


def finish_pending_rotation() -> None:
    """Move a committed rotation's new key into place (the old key file is overwritten)."""
    pending = pending_path()
    if pending.exists():
        os.replace(pending, key_path())


def unknown_key_ids(used: set[str]) -> set[str]:
    """The key fingerprints named by stored data keys that the key file(s) do not provide."""
    return used - set(keyring())


def startup_check() -> None:
    """Refuse to start without the right key: missing, malformed, or not the key the stored files need."""
    from .models import KeyState, StoredFile

    keyring()  # a missing or malformed key file is refused before anything else
    used = set(StoredFile.objects.exclude(kek_id="").values_list("kek_id", flat=True).distinct())
    used |= set(KeyState.objects.exclude(kek_id="").values_list("kek_id", flat=True))
    if unknown_key_ids(used):
        raise VaultKeyError(
            _(
                "The encryption key in the file {path} is not the key that protects the files in the vault "
                "(wrong or old key). {how}"
            ).format(path=key_path(), how=HOW)
        )
