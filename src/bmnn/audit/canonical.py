"""The canonical bytes of an audit event, and their hash (S5)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from .models import AuditEvent

GENESIS = "0" * 64

# The columns of one event as verify reads them, in this order (no model instances: issue 17).
COLUMNS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_repr",
    "action",
    "target_type",
    "target_id",
    "target_repr",
    "basis",
    "data",
    "states",
    "prev_hash",
    "hash",
    "channel",
)


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
_string = json.encoder.encode_basestring  # the C encoder when available; same output as _ENCODER for a str
# The same encoder without the per-call set-up (issue 17): what _ENCODER.encode() builds for every call. No
# cycle check: values decoded from JSON have no cycles.
_c_encoder = getattr(json.encoder, "c_make_encoder", None)
_encode_fast = (
    _c_encoder(None, str, _string, None, ":", ",", True, False, True)
    if _c_encoder
    else lambda value, _level: [_ENCODER.encode(value)]
)
_decode = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[attr-defined]


def canonical_json(fields: dict[str, Any]) -> bytes:
    return _ENCODER.encode(fields).encode()


def _utc(moment: dt.datetime | str) -> str:
    if isinstance(moment, str):  # SQLite's raw text, naive UTC: "YYYY-MM-DD HH:MM:SS[.ffffff]"
        if len(moment) == 26 and moment[10] == " ":
            return f"{moment[:10]}T{moment[11:]}+00:00"
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _fields(event: AuditEvent) -> dict[str, Any]:
    fields = {
        "seq": event.seq,
        "occurred_at": _utc(event.occurred_at),
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
    if event.channel:  # absent from events written before the channel was recorded
        fields["channel"] = event.channel
    if event.states:  # S5: absent from events written before state hashes existed
        fields["states"] = json.loads(event.states)
    return fields


def compute_hash(event: AuditEvent) -> str:
    """Return the SHA-256 of the event's canonical JSON (which includes the previous hash)."""
    return hashlib.sha256(canonical_json(_fields(event))).hexdigest()


def json_value(value: Any) -> Any:
    """A JSON column as Python: SQLite and psycopg hand back the text, other drivers the value."""
    return _decode(value, 0)[0] if isinstance(value, str) else value


def encode(value: Any) -> str:
    """``value`` as canonical JSON text (sorted keys, no spaces, UTF-8 kept)."""
    return "".join(_encode_fast(value, 0))


def canonical_row(row: tuple[Any, ...], data_as_stored: bool = False) -> bytes:
    """The canonical bytes of one event read as a raw row (COLUMNS order), as ``compute_hash`` hashes them.

    Written out key by key in sorted order: byte for byte what ``canonical_json(_fields(event))`` gives,
    without building a model instance or a dict per event (issue 17). With ``data_as_stored`` the data
    text is taken as read (the canonical text the database kept, see CanonicalEncoder); when the hash
    then differs, the caller re-encodes it (rows written before, or a database that rewrites JSON).
    """
    seq, occurred, actor_id, actor_repr, action, target_type, target_id, target_repr, basis, data, states = row[:11]
    channel = row[13] if len(row) > 13 else ""
    return (
        _ROW
        % (
            _quoted(action),
            "null" if actor_id is None else str(int(actor_id)),
            _quoted(actor_repr),
            _quoted(basis),
            ',"channel":' + _quoted(channel) if channel else "",  # absent from events written before it existed
            data if data_as_stored and isinstance(data, str) else encode(json_value(data)),
            _utc(occurred),
            _string(row[11]),
            seq,
            ',"states":' + states if states else "",  # stored as its canonical text
            _string(target_id),
            _string(target_repr),
            _quoted(target_type),
        )
    ).encode()


# Keys in sorted order, as canonical_json writes them; "%d" refuses anything but an integer sequence number.
_ROW = (
    '{"action":%s,"actor_id":%s,"actor_repr":%s,"basis":%s%s,"data":%s,"occurred_at":"%s","prev_hash":%s,'
    '"seq":%d%s,"target_id":%s,"target_repr":%s,"target_type":%s}'
)
_QUOTED: dict[str, str] = {}


def _quoted(value: str) -> str:
    """``_string`` remembered for the few values that repeat on every event (actions, actors, bases, types)."""
    quoted = _QUOTED.get(value)
    if quoted is None:
        if len(_QUOTED) > 50_000:
            _QUOTED.clear()
        quoted = _QUOTED[value] = _string(value)
    return quoted
