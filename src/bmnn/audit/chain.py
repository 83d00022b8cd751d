"""Writing the hash chain of audit events (S3, S5, R44); verifying it is in verify.py."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

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
    "Entry",
    "UnknownAction",
    "VerifyResult",
    "compute_hash",
    "entry",
    "record",
    "record_many",
    "record_once",
    "verify",
]

SYSTEM_ACTOR = "Hệ thống"


class UnknownAction(ValueError):
    """The action is not in the registered vocabulary."""


class Entry(NamedTuple):
    """One event of ``record_many``: its target, its data and the tracked rows its operation changed (S5), as
    ``state.take_pending()`` gives them: (label, pk) with the state hash when already known, else None."""

    target: Any = None
    data: dict[str, Any] | None = None
    subjects: Mapping[tuple[str, Any], str | None] = MappingProxyType({})


def entry(target: Any = None, data: dict[str, Any] | None = None) -> Entry:
    """An entry of ``record_many`` for the operation just done on ``target``: it carries the tracked rows saved
    in this thread since the last event, as ``record()`` would (S5)."""
    return Entry(target, data, state.take_pending())


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
    subjects = {(row._meta.label_lower, row.pk): None for row in also}
    return record_many(actor, action, [Entry(target, data, subjects)], basis=basis)[0]


def record_many(actor: Any, action: str, entries: Sequence[Entry], *, basis: str = "") -> list[AuditEvent]:
    """Append one event per entry, in order, under one lock of the chain and one write (issue 17).

    The events are exactly those ``record()`` called once per entry would write (same fields, same hash
    rules): the tracked rows changed in this thread since the last event go with the first event, as they
    would with the first ``record()``; each entry names the rows its own operation changed in ``subjects``.
    State hashes are read once for all entries, so the entries must not change each other's rows. Must run
    inside the operation's transaction (S3): the events are written with the changes they describe, or not at all.
    """
    if action not in ACTIONS:
        raise UnknownAction(action)
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record() must be called inside the operation's transaction")
    if not entries:
        return []
    pending = state.take_pending()
    subjects_of: list[set[tuple[str, Any]]] = []
    written: set[tuple[str, Any]] = set()
    known: dict[str, str] = {}
    for n, item in enumerate(entries):
        touched = {**item.subjects, **pending} if n == 0 else item.subjects
        known.update((state.subject_key(label, pk), digest) for (label, pk), digest in touched.items() if digest)
        written.update(touched)
        subjects = set(touched)
        if item.target is not None:
            subjects.add((item.target._meta.label_lower, item.target.pk))
        subjects_of.append(subjects)
    # Everything that does not need the chain is done before its lock: the lock queues every writer of
    # the chain until commit. Rows written in this transaction stay locked by it until commit, so their
    # states read the same before the chain's lock as after it. A row not written here (the record of a
    # read, a reminder's record) could be changed by another writer meanwhile: it is read under the
    # lock, in the chain's order.
    every_state = state.states_for(written, known)
    actor_id, actor_repr, channel_now = getattr(actor, "pk", None), _describe_actor(actor), channel.current()
    events: list[AuditEvent] = []
    for item in entries:
        target = item.target
        events.append(
            AuditEvent(
                actor_id=actor_id,
                actor_repr=actor_repr,
                action=action,
                target_type=target._meta.label_lower if target is not None else "",
                target_id=str(target.pk) if target is not None else "",
                target_repr=str(target)[:300] if target is not None else "",
                basis=basis,
                channel=channel_now,
                data=json.loads(canonical_json(item.data or {})),
            )
        )
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    every_state.update(state.states_for(set().union(*subjects_of) - written))
    seq, prev = head.seq, head.hash
    for event, subjects in zip(events, subjects_of, strict=True):
        keys = (state.subject_key(label, pk) for label, pk in subjects)
        states = {key: every_state[key] for key in keys if key in every_state}
        event.states = encode(states) if states else ""
        seq += 1
        event.seq, event.prev_hash = seq, prev
        event.occurred_at = clock.now()  # under the lock, so times follow the chain's order
        event.hash = prev = compute_hash(event)
    if len(events) == 1:
        events[0].save()
    else:
        AuditEvent.objects.bulk_create(events, batch_size=500)
    head.seq, head.hash = seq, prev
    head.save(update_fields=["seq", "hash"])
    return events


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
