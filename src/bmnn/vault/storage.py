"""Where ciphertexts live: one file per stored file in the vault directory, written in place (never a temp dir)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import BinaryIO

from django.conf import settings


def vault_dir() -> Path:
    directory = Path(getattr(settings, "BMNN_VAULT_DIR", "") or Path(settings.DATA_DIR) / "vault")
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def new_blob() -> tuple[str, BinaryIO]:
    """A fresh random storage name and the file opened to write its ciphertext."""
    name = secrets.token_hex(16)
    fd = os.open(vault_dir() / f"{name}.enc", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return name, os.fdopen(fd, "wb")


def blob_path(name: str) -> Path:
    return vault_dir() / f"{name}.enc"


def open_blob(name: str) -> BinaryIO:
    return blob_path(name).open("rb")


def destroy_blob(name: str) -> None:
    """Overwrite the ciphertext with random bytes, flush, then unlink it (after the data key is gone)."""
    path = blob_path(name)
    if not path.exists():
        return
    size = path.stat().st_size
    with path.open("r+b") as out:
        remaining = size
        while remaining > 0:
            step = min(remaining, 1024 * 1024)
            out.write(os.urandom(step))
            remaining -= step
        out.flush()
        os.fsync(out.fileno())
    path.unlink()
