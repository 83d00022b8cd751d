"""Walking the hash chain from PostgreSQL's ``COPY ... TO STDOUT`` stream (S5, issue 17).

The walk reads the columns of the events as the text PostgreSQL sends (no value converted into a Python
object) and writes each event's canonical bytes straight from those bytes. A text value needs no
rewriting when it holds no quote, backslash or control character: its JSON string is then the value
between quotes, byte for byte, and the COPY text format (which escapes backslashes, tabs and line
breaks) sends it as it is. Such a line is hashed from the stream; any other line (a quote in a title,
a control character, a text the COPY format escapes) is decoded and rebuilt by ``canonical_row``, the
exact form every path shares. The ``data`` column is ``jsonb``, whose text keeps neither key order nor
spacing: it is decoded and re-encoded as ``canonical_row`` does, remembered for the values that repeat
(the payloads of log-ins, the same for a person every time).

A line whose bytes do not give the stored hash is looked up again as a raw row after the stream is
finished, and checked the exact way: only the row itself decides that an event was edited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.db import connection

from .canonical import _decode, _encode_fast, canonical_row

PAGE = 50_000  # rows per COPY: one statement per page, so a row checked apart costs at most one page's rest

# Columns in the order the walk splits them: the values written between quotes first, then states and data,
# which hold quotes of their own and are taken from the end of the line.
_SELECT = (
    "SELECT seq, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'),"
    " coalesce(actor_id::text, 'null'), hash, prev_hash, action, actor_repr, basis, channel, target_id,"
    " target_repr, target_type, states, data FROM {table}{where} ORDER BY seq LIMIT {limit}"
)
# Keys in sorted order, as canonical_json writes them (see canonical._ROW).
_ROW = (
    b'{"action":"%s","actor_id":%s,"actor_repr":"%s","basis":"%s"%s,"data":%s,"occurred_at":"%s+00:00",'
    b'"prev_hash":"%s","seq":%s%s,"target_id":"%s","target_repr":"%s","target_type":"%s"}'
)
# Bytes a value must not hold to be written as it is sent: control characters (the tab between columns
# aside), the backslash of the COPY format's escapes; quotes are looked for in the values alone.
_UNSAFE = bytes(range(9)) + bytes(range(10, 32)) + b"\\"
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))", re.DOTALL)
_LETTERS = {b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"v": b"\v"}
_DATA_CACHE = 100_000

Walked = tuple[int, str, int, int | None, str, list[tuple[int, Any]]]


def supported() -> bool:
    """The stream is read as UTF-8 text: the encoding Django asks PostgreSQL for."""
    return connection.vendor == "postgresql" and _encoding() in ("utf-8", "utf8")


def _encoding() -> str:
    connection.ensure_connection()
    return str(connection.connection.info.encoding).lower()


def _unescape(match: re.Match[bytes]) -> bytes:
    octal, hexa, other = match.groups()
    if octal is not None:
        return bytes([int(octal, 8) & 0xFF])
    if hexa is not None:
        return bytes([int(hexa, 16)])
    return _LETTERS.get(other, other)


def raw_row(line: bytes) -> tuple[Any, ...]:
    """A line of the stream as the raw row ``canonical_row`` reads (COLUMNS order), decoded exactly."""
    values = [_ESCAPE.sub(_unescape, value).decode() for value in line.split(b"\t")]
    seq, occurred, actor_id, stored, prev, action, actor_repr, basis, channel = values[:9]
    target_id, target_repr, target_type, states, data = values[9:]
    moment = dt.datetime.fromisoformat(occurred).replace(tzinfo=dt.UTC)
    actor = None if actor_id == "null" else int(actor_id)
    return (
        *(int(seq), moment, actor, actor_repr, action, target_type, target_id, target_repr, basis),
        *(data, states, prev, stored, channel),
    )


def walk(
    lo: int | None,
    hi: int | None,
    last_seq: int,
    prev: str,
    collect: Callable[[int, str], None] | None,
    count: Callable[[int], None],
    exact: Callable[[int], bool],
) -> tuple[int, int, str, int | None, str]:
    """Check events ``lo <= seq < hi`` after the one numbered ``last_seq`` whose hash is ``prev``.

    Returns (checked, last good seq, its hash, first bad seq or None, problem). ``collect`` is given the
    states text of every checked event that has one, ``count`` the events of each page, ``exact`` the
    sequence number of a row the stream could not confirm (the caller rereads it raw).
    """
    table = connection.ops.quote_name("audit_auditevent")
    expected, prev_b, checked = last_seq + 1, prev.encode(), 0
    after = None if lo is None else lo - 1
    data_cache: dict[bytes, bytes] = {}
    sha256, row_text, unsafe = hashlib.sha256, _ROW, _UNSAFE
    while True:
        where = []
        if after is not None:
            where.append(f"seq > {int(after)}")
        if hi is not None:
            where.append(f"seq < {int(hi)}")
        statement = _SELECT.format(table=table, where=f" WHERE {' AND '.join(where)}" if where else "", limit=PAGE)
        rows, doubtful, problem, bad = 0, None, "", None
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({statement}) TO STDOUT") as copy:
            rest = b""
            for block in copy:
                lines = (rest + bytes(block)).split(b"\n")
                rest = lines.pop()
                for line in lines:
                    text = None
                    if len(line.translate(None, unsafe)) == len(line):
                        head, states, data = line.rsplit(b"\t", 2)
                        if b'"' not in head:
                            (
                                seq,
                                occurred,
                                actor,
                                stored,
                                link,
                                action,
                                actor_repr,
                                basis,
                                channel,
                                target_id,
                                target_repr,
                                target_type,
                            ) = head.split(b"\t")
                            canonical_data = data_cache.get(data)
                            if canonical_data is None:
                                if len(data_cache) >= _DATA_CACHE:
                                    data_cache.clear()
                                canonical_data = data_cache[data] = "".join(
                                    _encode_fast(_decode(data.decode(), 0)[0], 0)
                                ).encode()
                            text = row_text % (
                                action,
                                actor,
                                actor_repr,
                                basis,
                                b',"channel":"' + channel + b'"' if channel else b"",
                                canonical_data,
                                occurred,
                                link,
                                seq,
                                b',"states":' + states if states else b"",
                                target_id,
                                target_repr,
                                target_type,
                            )
                    if text is None:
                        raw = raw_row(line)
                        seq_i, link_s, stored_s, states_s = raw[0], raw[11], raw[12], raw[10]
                        try:
                            good = hashlib.sha256(canonical_row(raw)).hexdigest() == stored_s
                        except (TypeError, ValueError):
                            good = False
                        link, stored, states = link_s.encode(), stored_s.encode(), states_s.encode()
                    else:
                        seq_i = int(seq)
                        good = sha256(text).hexdigest().encode() == stored
                    if seq_i != expected:
                        problem = f"thiếu hoặc sai thứ tự: mong đợi #{expected}, gặp #{seq_i}"
                    elif link != prev_b:
                        problem = "mã băm của sự kiện trước không khớp (bị xóa hoặc đảo thứ tự)"
                    elif not good:
                        doubtful = seq_i
                    if problem or doubtful is not None:
                        bad = seq_i
                        break
                    if collect is not None and states:
                        collect(seq_i, states.decode())
                    expected, prev_b, rows = seq_i + 1, stored, rows + 1
                if bad is not None:
                    break
            for _ in copy:  # the rest of the page, so the connection is ready for the next statement
                pass
        if doubtful is not None and exact(doubtful):  # the stream's bytes were wrong, not the event
            if collect is not None and states:
                collect(doubtful, states.decode())
            expected, prev_b, rows, doubtful = doubtful + 1, stored, rows + 1, None
        checked += rows
        count(rows)
        if doubtful is not None:
            return checked, expected - 1, prev_b.decode(), doubtful, "nội dung sự kiện đã bị sửa"
        if problem:
            return checked, expected - 1, prev_b.decode(), bad, problem
        if bad is None and rows < PAGE:
            return checked, expected - 1, prev_b.decode(), None, ""
        after = expected - 1
