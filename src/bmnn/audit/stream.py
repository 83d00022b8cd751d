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
import gc
import hashlib
import operator
import re
from collections.abc import Callable, Generator
from contextlib import closing
from itertools import islice
from typing import Any

from django.db import DatabaseError, connection
from psycopg import pq

from .canonical import _decode, _encode_fast, canonical_row

PAGE = 50_000  # rows per COPY: one statement per page, so a row checked apart costs at most one page's rest

# The columns in the order of the canonical text's keys (see canonical._ROW), the stored hash last. The channel
# and the states come with their key when the event has them (absent from older events), so every line fills
# the same template; their structural quotes are known (4 for a channel, none added to states).
_SELECT = (
    "SELECT action, coalesce(actor_id::text, 'null'), actor_repr, basis,"
    " CASE WHEN channel <> '' THEN ',\"channel\":\"' || channel || '\"' ELSE '' END, data,"
    " to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), prev_hash, seq,"
    " CASE WHEN states <> '' THEN ',\"states\":' || states ELSE '' END, target_id, target_repr, target_type, hash"
    " FROM {table}{where} ORDER BY seq LIMIT {limit}"
)
_ROW = (
    b'{"action":"%s","actor_id":%s,"actor_repr":"%s","basis":"%s"%s,"data":%s,"occurred_at":"%s+00:00",'
    b'"prev_hash":"%s","seq":%s%s,"target_id":"%s","target_repr":"%s","target_type":"%s"}%.0s'
)
DATA, CHANNEL, LINK, SEQ, STATES, HASH = 5, 4, 7, 8, 9, 13
_CHANNEL_KEY, _STATES_KEY = b',"channel":"', b',"states":'
# Bytes a value must not hold to be written as it is sent: control characters (the tab between columns and
# the line break between rows aside: the COPY format escapes both inside a value, with the backslash, which is
# itself refused); quotes are counted apart.
_UNSAFE = bytes(range(9)) + bytes(range(11, 32)) + b"\\"
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))", re.DOTALL)
_LETTERS = {b"b": b"\b", b"f": b"\f", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"v": b"\v"}
_DATA_CACHE = 100_000
_BATCH = 1000
_hexdigest = operator.methodcaller("hexdigest")


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
    action, actor_id, actor_repr, basis, channel, data, occurred, prev, seq = values[:9]
    states, target_id, target_repr, target_type, stored = values[9:]
    moment = dt.datetime.fromisoformat(occurred).replace(tzinfo=dt.UTC)
    actor = None if actor_id == "null" else int(actor_id)
    channel = channel[len(_CHANNEL_KEY) : -1] if channel else ""
    states = states[len(_STATES_KEY) :]
    return (
        *(int(seq), moment, actor, actor_repr, action, target_type, target_id, target_repr, basis),
        *(data, states, prev, stored, channel),
    )


def _plain(line: bytes, fields: list[bytes]) -> bool:
    """The line's values can be written as sent: nothing to escape, no quote but the keys' and the JSON's."""
    quotes = fields[DATA].count(b'"') + fields[STATES].count(b'"') + (4 if fields[CHANNEL] else 0)
    return len(line.translate(None, _UNSAFE)) == len(line) and line.count(b'"') == quotes


class _Data:
    """The canonical text of ``data`` values as sent (jsonb text), remembered for the values that repeat."""

    def __init__(self) -> None:
        self.known: dict[bytes, bytes] = {}

    def canonical(self, sent: bytes) -> bytes:
        text = self.known.get(sent)
        if text is None:
            if len(self.known) >= _DATA_CACHE:
                self.known.clear()
            text = self.known[sent] = "".join(_encode_fast(_decode(sent.decode(), 0)[0], 0)).encode()
        return text


def _block_ok(chunk: bytes, rows: list[list[bytes]], expected: int, prev: bytes, data: _Data) -> bool:
    """Every line of a block at once, for a block where no line needs a closer look (the common case):
    values written as sent, sequence numbers following on, each event pointing to the one before, every
    hash right. False sends the block line by line, which names the first problem."""
    if len(chunk.translate(None, _UNSAFE)) != len(chunk):
        return False
    datas = [row[DATA] for row in rows]
    channels = [row[CHANNEL] for row in rows]
    states = [row[STATES] for row in rows]
    # Quotes only where the JSON and the keys put them: each channel's 4, none in any other value.
    structural = b"".join(datas).count(b'"') + b"".join(states).count(b'"') + 4 * (len(rows) - channels.count(b""))
    if chunk.count(b'"') != structural or b"".join(channels).count(b'"') != 4 * (len(rows) - channels.count(b"")):
        return False
    if [int(row[SEQ]) for row in rows] != list(range(expected, expected + len(rows))):
        return False
    stored = [row[HASH] for row in rows]
    if [row[LINK] for row in rows] != [prev, *stored[:-1]]:
        return False
    known = data.known
    for row, text, sent in zip(rows, map(known.get, datas), datas, strict=True):
        row[DATA] = data.canonical(sent) if text is None else text
    digests = map(_hexdigest, map(hashlib.sha256, map(_ROW.__mod__, map(tuple, rows))))
    # Joined with a byte no hash or sent value holds, so equal texts mean equal hashes one by one.
    return "\t".join(digests).encode() == b"\t".join(stored)


def _copy(statement: str) -> Generator[memoryview, None, None]:
    """The rows of ``COPY ... TO STDOUT``, read from libpq one by one (psycopg's ``Copy`` wraps each row
    in a few generator steps, as costly as checking it). Closed early, it reads the rest of the rows,
    so the connection is ready for the next statement."""
    connection.ensure_connection()
    pgconn = connection.connection.pgconn
    pgconn.send_query(statement.encode())
    started = pgconn.get_result()
    if started is None or started.status != pq.ExecStatus.COPY_OUT:
        _finish(pgconn)
        raise DatabaseError(_message(started, pgconn))
    done = False
    try:
        while True:
            size, row = pgconn.get_copy_data(0)  # blocks until the next row or the end
            if size > 0:
                yield row
            elif size == -1:
                break
            else:
                raise DatabaseError(pgconn.get_error_message())
        done = True
    finally:
        while not done:
            size, _ = pgconn.get_copy_data(0)
            done = size < 0
        _finish(pgconn)


def _finish(pgconn: Any) -> None:
    """The statement's final results; the first error among them is raised."""
    error = None
    while (result := pgconn.get_result()) is not None:
        if error is None and result.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.COPY_OUT):
            error = _message(result, pgconn)
    if error is not None:
        raise DatabaseError(error)


def _message(result: Any, pgconn: Any) -> str:
    text = result.error_message if result is not None else b""
    return (text or pgconn.error_message or b"COPY failed").decode(errors="replace")


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

    The cyclic garbage collector is paused meanwhile: the rows read are short-lived, and every batch of
    them would otherwise set off collections that walk the whole process's objects.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _walk(lo, hi, last_seq, prev, collect, count, exact)
    finally:
        if collecting:
            gc.enable()


def _walk(
    lo: int | None,
    hi: int | None,
    last_seq: int,
    prev: str,
    collect: Callable[[int, str], None] | None,
    count: Callable[[int], None],
    exact: Callable[[int], bool],
) -> tuple[int, int, str, int | None, str]:
    table = connection.ops.quote_name("audit_auditevent")
    expected, prev_b, checked = last_seq + 1, prev.encode(), 0
    after = None if lo is None else lo - 1
    data = _Data()
    while True:
        where = []
        if after is not None:
            where.append(f"seq > {int(after)}")
        if hi is not None:
            where.append(f"seq < {int(hi)}")
        statement = _SELECT.format(table=table, where=f" WHERE {' AND '.join(where)}" if where else "", limit=PAGE)
        rows, doubtful, problem, bad, stored = 0, None, "", None, b""
        states_text = ""
        with closing(_copy(f"COPY ({statement}) TO STDOUT")) as blocks:
            rest = b""
            while batch := list(islice(blocks, _BATCH)):  # libpq hands one row at a time: lines in batches
                chunk = rest + b"".join(batch)
                end = chunk.rfind(b"\n") + 1
                chunk, rest = chunk[: end - 1], chunk[end:]
                if not end:
                    continue
                lines = chunk.split(b"\n")
                split = [line.split(b"\t") for line in lines]
                if _block_ok(chunk, split, expected, prev_b, data):
                    if collect is not None:
                        for row in split:
                            if row[STATES]:
                                collect(int(row[SEQ]), row[STATES][len(_STATES_KEY) :].decode())
                    expected, prev_b, rows = expected + len(lines), split[-1][HASH], rows + len(lines)
                    continue
                for line in lines:  # line by line: the first problem, by the same rules
                    fields = line.split(b"\t")
                    if _plain(line, fields):
                        fields[DATA] = data.canonical(fields[DATA])
                        seq, link, stored = int(fields[SEQ]), fields[LINK], fields[HASH]
                        states_text = fields[STATES][len(_STATES_KEY) :].decode()
                        good = hashlib.sha256(_ROW % tuple(fields)).hexdigest().encode() == stored
                    else:
                        raw = raw_row(line)
                        seq, states_text = raw[0], raw[10]
                        link, stored = raw[11].encode(), raw[12].encode()
                        try:
                            good = hashlib.sha256(canonical_row(raw)).hexdigest() == raw[12]
                        except (TypeError, ValueError):
                            good = False
                    if seq != expected:
                        problem = f"thiếu hoặc sai thứ tự: mong đợi #{expected}, gặp #{seq}"
                    elif link != prev_b:
                        problem = "mã băm của sự kiện trước không khớp (bị xóa hoặc đảo thứ tự)"
                    elif not good:
                        doubtful = seq
                    if problem or doubtful is not None:
                        bad = seq
                        break
                    if collect is not None and states_text:
                        collect(seq, states_text)
                    expected, prev_b, rows = seq + 1, stored, rows + 1
                if bad is not None:
                    break
            if rest and bad is None:  # every row ends with a line break: a cut row is never taken as read
                raise DatabaseError("COPY ended inside a row")
        if doubtful is not None and exact(doubtful):  # the stream's bytes were wrong, not the event
            if collect is not None and states_text:
                collect(doubtful, states_text)
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
