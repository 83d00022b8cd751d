"""Writing the hash chain of audit events (S3, S5, R44); verifying it is in verify.py."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.db import connection, models

from bmnn.core import channel, clock

from . import state
from .canonical import GENESIS, canonical_json, compute_hash, encode
from .models import AuditEvent, ChainHead
from .verify import VerifyResult, verify
from .vocabulary import ACTIONS

__all__ = [
    "GENESIS",
    "SYSTEM_ACTOR",
    "UnknownAction",
    "VerifyResult",
    "compute_hash",
    "record",
    "record_once",
    "verify",
]

SYSTEM_ACTOR = "Hệ thống"


class UnknownAction(ValueError):
    """The action is not in the registered vocabulary."""


def record(
    actor: Any,
    action: str,
    target: Any = None,
    *,
    basis: str = "",
    data: dict[str, Any] | None = None,
    also: Iterable[models.Model] = (),
) -> AuditEvent:
    """Append one event to the chain. Must run inside the operation's transaction (S3).

    ``actor`` is a person or None for the system; ``target`` any model instance. The event carries the
    state hash of the target and of every tracked row saved in this transaction, plus ``also`` for rows
    changed without ``save()`` (a queryset update), as read back now (S5, see state.py).
    """
    if action not in ACTIONS:
        raise UnknownAction(action)
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record() must be called inside the operation's transaction")
    pending = state.take_pending()
    others = {(row._meta.label_lower, row.pk) for row in [target, *also] if row is not None} - set(pending)
    known = {state.subject_key(label, pk): digest for (label, pk), digest in pending.items() if digest is not None}
    # Everything that does not need the chain is done before its lock: the lock queues every writer of
    # the chain until commit. Rows saved in this transaction stay locked by it until commit, so their
    # states read the same before the chain's lock as after it. A row not written here (the record of a
    # read) could be changed by another writer meanwhile: it is read under the lock, in the chain's order.
    states = state.states_for(pending, known)
    event = AuditEvent(
        actor_id=getattr(actor, "pk", None),
        actor_repr=_describe_actor(actor),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        basis=basis,
        channel=channel.current(),
        data=json.loads(canonical_json(data or {})),
    )
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    states.update(state.states_for(others))
    event.states = encode(states) if states else ""
    event.seq, event.prev_hash = head.seq + 1, head.hash
    event.occurred_at = clock.now()  # under the lock, so times follow the chain's order
    event.hash = compute_hash(event)
    event.save()
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


def record_once(actor: Any, action: str, target: models.Model, *, data: dict[str, Any], basis: str = "") -> bool:
    """Append the event unless one with the same action, target, data and channel is already in the chain.

    For facts that repeat on every request (a token used, a password checked by the API) and are recorded
    once per period the data names (``{"day": ...}``). The check runs under the chain's write lock, so two
    processes cannot both write it. Returns whether it was written. Must run inside a transaction.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record_once() must be called inside a transaction")
    ChainHead.objects.select_for_update().get_or_create(pk=1)
    canonical = json.loads(canonical_json(data))
    if AuditEvent.objects.filter(
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        channel=channel.current(),
        data=canonical,
    ).exists():
        return False
    record(actor, action, target, basis=basis, data=data)
    return True


def _describe_actor(actor: Any) -> str:
    if actor is None:
        return SYSTEM_ACTOR
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return f"{full} ({actor.get_username()})" if full else str(actor)
