"""Hashes of the subjects' state, so records cannot be changed underneath the log (S5).

The audit app knows no business model. Apps declare the models whose rows must match the log
(``track(Carrier)`` in their ``AppConfig.ready``); from then on every event written by ``record()``
carries, for its target and for every tracked row saved in the same transaction, the SHA-256 of the
row's canonical state after the operation. ``verify --deep`` recomputes every tracked row and names
those that no longer match the last event that mentions them.

The state of a row is its concrete columns (foreign keys as ids), read back from the database with
the same query both when recording and when verifying, so both sides see identical values.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.signals import post_save


@dataclass(frozen=True)
class Tracked:
    """A model whose rows are covered by the log, and the columns that make up their state."""

    model: type[models.Model]
    columns: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name)


_TRACKED: dict[str, Tracked] = {}
_pending = threading.local()


def track(model: type[models.Model], *, exclude: Iterable[str] = ()) -> None:
    """Cover ``model`` by state hashes (S5). Call from the owning app's ``AppConfig.ready``.

    ``exclude`` names derived columns that are rebuilt outside audited operations (a search index).
    """
    skipped = set(exclude)
    columns = tuple(f.attname for f in model._meta.concrete_fields if f.name not in skipped and not f.primary_key)
    tracked = Tracked(model, columns)
    _TRACKED[tracked.label] = tracked
    post_save.connect(_touched, sender=model, dispatch_uid=f"bmnn.audit.state:{tracked.label}", weak=False)


def tracked_models() -> list[Tracked]:
    return list(_TRACKED.values())


def tracked(label: str) -> Tracked | None:
    return _TRACKED.get(label)


def subject_key(label: str, pk: Any) -> str:
    return f"{label}:{pk}"


def split_key(key: str) -> tuple[str, str]:
    label, _, pk = key.rpartition(":")
    return label, pk


def _touched(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """Remember a tracked row saved in this thread; the next ``record()`` hashes its state."""
    touch(sender, instance.pk)


def touch(model: type[models.Model], pk: Any, values: Sequence[Any] | None = None) -> None:
    """Remember a tracked row changed in this thread without ``save()`` (one SQL statement); the next
    ``record()`` hashes its state as for a saved row.

    ``values``: the row's tracked columns (``tracked(...).columns``, in that order) as the changing statement
    returned them from the database (``RETURNING``), which spares reading the row back.
    """
    label = model._meta.label_lower
    known = _TRACKED.get(label)
    pending: dict[tuple[str, Any], str | None] = getattr(_pending, "keys", None) or {}
    pending[(label, pk)] = state_hash(known.columns, values) if known is not None and values is not None else None
    _pending.keys = pending


def take_pending() -> dict[tuple[str, Any], str | None]:
    """The (label, pk) of the tracked rows changed since the last event, with their state hash when known."""
    pending: dict[tuple[str, Any], str | None] = getattr(_pending, "keys", None) or {}
    _pending.keys = {}
    return pending


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


_STATE_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=_plain)
_c_encoder = getattr(json.encoder, "c_make_encoder", None)
# The same encoding without per-call set-up; ``default`` turns dates and the like into text.
_encode = (
    _c_encoder(None, _plain, json.encoder.encode_basestring, None, ":", ",", True, False, True)
    if _c_encoder
    else lambda value, _level: [_STATE_ENCODER.encode(value)]
)


def state_hash(columns: tuple[str, ...], values: Iterable[Any]) -> str:
    """SHA-256 of one row's canonical state: its columns and values, as JSON."""
    return hashlib.sha256("".join(_encode(dict(zip(columns, values, strict=True)), 0)).encode()).hexdigest()


def current_states(tracked: Tracked, pks: Iterable[Any] | None = None, chunk: int = 2000) -> Iterator[tuple[str, str]]:
    """Yield (subject key, state hash) for the given rows of ``tracked`` (all rows when ``pks`` is None)."""
    rows = tracked.model._default_manager.order_by("pk")
    if pks is not None:
        wanted = list(pks)
        rows = rows.filter(pk__in=wanted)
    values_rows = rows.values_list("pk", *tracked.columns)
    # A few rows (an event's subjects) in one round trip; the whole table (verify --deep) streamed.
    fetched = values_rows if pks is not None and len(wanted) <= chunk else values_rows.iterator(chunk_size=chunk)
    for pk, *values in fetched:
        yield subject_key(tracked.label, pk), state_hash(tracked.columns, values)


def states_for(subjects: Iterable[tuple[str, Any]], known: Mapping[str, str] | None = None) -> dict[str, str]:
    """The state hashes of the given (label, pk) subjects, read back from the database (those in ``known``,
    by subject key, taken from it)."""
    known = known or {}
    by_label: dict[str, set[Any]] = {}
    for label, pk in subjects:
        if label in _TRACKED and pk is not None and subject_key(label, pk) not in known:
            by_label.setdefault(label, set()).add(pk)
    states: dict[str, str] = dict(known)
    for label, pks in sorted(by_label.items()):
        states.update(current_states(_TRACKED[label], sorted(pks, key=str)))
    return states
