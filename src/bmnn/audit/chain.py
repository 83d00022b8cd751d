"""Writing and verifying the hash chain of audit events (S3, S5, R44)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from bmnn.core import clock

from .models import AuditEvent, ChainHead
from .vocabulary import ACTIONS

GENESIS = "0" * 64
SYSTEM_ACTOR = "Hệ thống"


class UnknownAction(ValueError):
    """The action is not in the registered vocabulary."""


def _canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def _fields(event: AuditEvent) -> dict[str, Any]:
    occurred = event.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return {
        "seq": event.seq,
        "occurred_at": occurred,
        "actor_id": event.actor_id,
        "actor_repr": event.actor_repr,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_repr": event.target_repr,
        "basis": event.basis,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }


def compute_hash(event: AuditEvent) -> str:
    """Return the SHA-256 of the event's canonical JSON (which includes the previous hash)."""
    return hashlib.sha256(_canonical(_fields(event))).hexdigest()


def record(
    actor: Any,
    action: str,
    target: Any = None,
    *,
    basis: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Must run inside the operation's transaction (S3).

    ``actor`` is a person or None for the system; ``target`` any model instance.
    """
    if action not in ACTIONS:
        raise UnknownAction(action)
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record() must be called inside the operation's transaction")
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    event = AuditEvent(
        seq=head.seq + 1,
        occurred_at=clock.now(),
        actor_id=getattr(actor, "pk", None),
        actor_repr=_describe_actor(actor),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        basis=basis,
        data=json.loads(_canonical(data or {})),
        prev_hash=head.hash,
    )
    event.hash = compute_hash(event)
    event.save()
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


def _describe_actor(actor: Any) -> str:
    if actor is None:
        return SYSTEM_ACTOR
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full} ({actor.get_username()})" if full else str(actor)


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of walking the chain: ``ok`` or the first bad event and why."""

    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    bad_seq: int | None = None
    problem: str = ""


def verify() -> VerifyResult:
    """Walk every event in order and report the first one that breaks the chain."""
    expected_seq, prev = 1, GENESIS
    checked = 0
    with transaction.atomic():
        for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
            problem = _check(event, expected_seq, prev)
            if problem:
                return VerifyResult(False, checked, expected_seq - 1, prev, event.seq, problem)
            checked += 1
            expected_seq, prev = event.seq + 1, event.hash
        head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.hash) != (expected_seq - 1, prev):
        return VerifyResult(
            False, checked, expected_seq - 1, prev, expected_seq,
            f"chuỗi dừng ở sự kiện #{expected_seq - 1} nhưng đầu chuỗi ghi #{head.seq}: "
            "có sự kiện cuối bị xóa",
        )
    return VerifyResult(True, checked, expected_seq - 1, prev)


def _check(event: AuditEvent, expected_seq: int, prev: str) -> str:
    if event.seq != expected_seq:
        return f"thiếu hoặc sai thứ tự: mong đợi #{expected_seq}, gặp #{event.seq}"
    if event.prev_hash != prev:
        return "mã băm của sự kiện trước không khớp (bị xóa hoặc đảo thứ tự)"
    if compute_hash(event) != event.hash:
        return "nội dung sự kiện đã bị sửa"
    return ""
