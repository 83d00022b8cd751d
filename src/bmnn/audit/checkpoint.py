"""Signed checkpoints of the chain head, so truncation and rewriting are detectable later (S5).

The signing key lives apart from the data directory and its backups (``BMNN_SIGNING_KEY``): whoever
holds the database and a backup can rewrite the whole chain, but cannot sign a checkpoint for it.
Development generates a key on first use next to (never inside) the data directory; production
refuses to sign without a key made beforehand with ``bmnn audit keygen``.
"""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.core import clock

from .models import AuditEvent
from .verify import verify

SETUP = gettext_lazy('see the README, section "Audit log signing key"')


class SigningKeyUnavailable(ValueError):
    """The checkpoint signing key is not configured, missing, or unsafely placed (S5)."""


def _key_path() -> Path:
    configured = str(settings.BMNN_SIGNING_KEY_FILE or "")
    if not configured:
        raise SigningKeyUnavailable(
            _(
                "The audit log signing key is not configured: set the BMNN_SIGNING_KEY environment variable to a "
                "key file outside the data directory and outside backups, made with bmnn audit keygen ({setup})."
            ).format(setup=SETUP)
        )
    path = Path(configured).expanduser().resolve()
    data_dir = Path(settings.DATA_DIR).expanduser().resolve()
    if path.is_relative_to(data_dir):
        raise SigningKeyUnavailable(
            _(
                "The audit log signing key file {path} is inside the data directory {data_dir}, so it is in every "
                "backup: move it out ({setup})."
            ).format(path=path, data_dir=data_dir, setup=SETUP)
        )
    return path


def write_key(path: Path) -> Ed25519PrivateKey:
    """Create a new Ed25519 key at ``path``, readable by its owner only; never overwrite one."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise SigningKeyUnavailable(
            _("The key file {path} already exists; the audit log signing key is not overwritten.").format(path=path)
        ) from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    os.chmod(path, 0o600)  # whatever the umask
    return key


def signing_key() -> Ed25519PrivateKey:
    """Load the installation's Ed25519 key (S5); in development create it on first use (never committed)."""
    path = _key_path()
    if not path.exists():
        if not settings.BMNN_SIGNING_KEY_GENERATE:
            raise SigningKeyUnavailable(
                _(
                    "The audit log signing key file {path} was not found: make it with bmnn audit keygen {path} "
                    "({setup})."
                ).format(path=path, setup=SETUP)
            )
        return write_key(path)
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise SigningKeyUnavailable(
            _("The audit log signing key file {path} must not be readable by others: chmod 600 {path}.").format(
                path=path
            )
        )
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise SigningKeyUnavailable(_("{path} is not an Ed25519 private key.").format(path=path))
    return loaded


def _b64(key: Ed25519PublicKey) -> str:
    return base64.b64encode(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).decode()


def public_key_b64() -> str:
    return _b64(signing_key().public_key())


def _payload(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def make_checkpoint() -> dict[str, Any]:
    """Sign (sequence, head hash, time) of a verified chain. Refuse on a broken chain."""
    key = signing_key()  # before the walk: a missing key is the first thing to say
    result = verify()
    if not result.ok:
        raise ValueError(f"Chuỗi nhật ký hỏng tại sự kiện #{result.bad_seq}: {result.problem}")
    body = {"seq": result.head_seq, "hash": result.head_hash, "signed_at": clock.now().isoformat()}
    signature = key.sign(_payload(body))
    return {**body, "public_key": _b64(key.public_key()), "signature": base64.b64encode(signature).decode()}


def signature_problem(checkpoint: Any, public_key: str) -> str:
    """Return "" when ``checkpoint`` is well formed and signed by ``public_key``, else a Vietnamese reason."""
    try:
        body = {k: checkpoint[k] for k in ("seq", "hash", "signed_at")}
        if type(body["seq"]) is not int or not isinstance(body["hash"], str) or checkpoint["public_key"] != public_key:
            raise ValueError
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key))
        key.verify(base64.b64decode(checkpoint["signature"]), _payload(body))
    except (InvalidSignature, ValueError, TypeError, KeyError):
        return "chữ ký của điểm kiểm tra không hợp lệ"
    return ""


def check_against(checkpoint: dict[str, Any]) -> str:
    """Return "" when the log still contains the checkpointed head, else a Vietnamese reason."""
    problem = signature_problem(checkpoint, str(checkpoint.get("public_key", "")))
    if problem:
        return problem
    if checkpoint["public_key"] != public_key_b64():
        return "điểm kiểm tra không do khóa của hệ thống này ký"
    if checkpoint["seq"] == 0:
        return ""
    event = AuditEvent.objects.filter(seq=checkpoint["seq"]).first()
    if event is None:
        return f"nhật ký đã bị cắt: không còn sự kiện #{checkpoint['seq']} của điểm kiểm tra"
    if event.hash != checkpoint["hash"]:
        return f"sự kiện #{checkpoint['seq']} khác với khi ký điểm kiểm tra"
    return ""


def hashes_at(seqs: list[int]) -> dict[int, str]:
    """The current hashes of the given events (missing ones are absent): anchors for an outside witness."""
    return dict(AuditEvent.objects.filter(seq__in=seqs).values_list("seq", "hash"))
