"""Signed checkpoints of the chain head, so truncation is detectable later (S5)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from bmnn.core import clock

from .chain import verify
from .models import AuditEvent


def _key_path() -> Path:
    return Path(settings.BMNN_SIGNING_KEY_FILE)


def signing_key() -> Ed25519PrivateKey:
    """Load the installation's Ed25519 key, creating it on first use (never committed)."""
    path = _key_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        path.write_bytes(pem)
        path.chmod(0o600)
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return loaded


def public_key_b64() -> str:
    raw = signing_key().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def _payload(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def make_checkpoint() -> dict[str, Any]:
    """Sign (sequence, head hash, time) of a verified chain. Refuse on a broken chain."""
    result = verify()
    if not result.ok:
        raise ValueError(f"Chuỗi nhật ký hỏng tại sự kiện #{result.bad_seq}: {result.problem}")
    body = {"seq": result.head_seq, "hash": result.head_hash, "signed_at": clock.now().isoformat()}
    signature = signing_key().sign(_payload(body))
    return {**body, "public_key": public_key_b64(), "signature": base64.b64encode(signature).decode()}


def check_against(checkpoint: dict[str, Any]) -> str:
    """Return "" when the log still contains the checkpointed head, else a Vietnamese reason."""
    body = {k: checkpoint[k] for k in ("seq", "hash", "signed_at")}
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(checkpoint["public_key"]))
        key.verify(base64.b64decode(checkpoint["signature"]), _payload(body))
    except (InvalidSignature, ValueError):
        return "chữ ký của điểm kiểm tra không hợp lệ"
    if checkpoint["public_key"] != public_key_b64():
        return "điểm kiểm tra không do khóa của hệ thống này ký"
    if body["seq"] == 0:
        return ""
    event = AuditEvent.objects.filter(seq=body["seq"]).first()
    if event is None:
        return f"nhật ký đã bị cắt: không còn sự kiện #{body['seq']} của điểm kiểm tra"
    if event.hash != body["hash"]:
        return f"sự kiện #{body['seq']} khác với khi ký điểm kiểm tra"
    return ""
