"""Walking the hash chain: the first edited, deleted or reordered event is named (S5).

The walk reads raw rows on the ``seq`` index (no model instances) and rebuilds each event's canonical
bytes directly (issue 17): on PostgreSQL from a ``COPY`` stream of the columns' text (see stream), on
SQLite page by page. The chain is cut into segments of consecutive sequence
numbers; a segment starts from the stored hash of the last event before it, so segments can be
walked in parallel processes, and every link is still checked: the first event of a segment must
point to the stored hash of the event before it, whose own hash the previous segment checks.
Segments finish in order, so a walk can be resumed after its last finished segment.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, connections

from . import stream
from .canonical import COLUMNS, GENESIS, canonical_row, encode, json_value
from .models import AuditEvent, ChainHead

PAGE = 5000
SEGMENT = 200_000

# Subject key -> (seq of the last event that carries its state, that state hash), for verify --deep.
States = dict[str, tuple[int, str]]


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of walking the chain: ``ok`` or the first bad event and why."""

    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    bad_seq: int | None = None
    problem: str = ""
    states: States = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Segment:
    """Events with ``lo <= seq < hi``; None means unbounded on that side."""

    lo: int | None
    hi: int | None


@dataclass
class _Walked:
    checked: int = 0
    last_seq: int = 0
    last_hash: str = GENESIS
    bad_seq: int | None = None
    problem: str = ""
    states: States = field(default_factory=dict)


_counter: Any = None  # a shared multiprocessing.Value in workers, counting checked events for the progress line


def _table() -> str:
    return connection.ops.quote_name(AuditEvent._meta.db_table)


def _start(segment: Segment) -> tuple[int, str]:
    """The sequence and stored hash of the last event before the segment: where the walk takes up."""
    if segment.lo is None:
        return 0, GENESIS
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT seq, hash FROM {_table()} WHERE seq < %s ORDER BY seq DESC LIMIT 1",  # noqa: S608
            [segment.lo],
        )
        row = cursor.fetchone()
    return (int(row[0]), row[1]) if row else (0, GENESIS)


def _raw_columns() -> str:
    # On SQLite an expression skips the driver's Python datetime converter: the text is used as stored.
    return ", ".join(
        "CAST(occurred_at AS TEXT)"
        if c == "occurred_at" and connection.vendor == "sqlite"
        else connection.ops.quote_name(c)
        for c in COLUMNS
    )


# SQLite: the canonical text built by the database itself (issue 17). JSON string quoting in SQL matches
# Python's json encoder for strings, so each row comes back as (seq, prev_hash, hash, states, head, data, tail)
# and Python only hashes head + data + tail. Where the database's bytes do not give the stored hash (older
# rows, a value SQL renders differently, an edit), the row is read raw and checked the slow, exact way.
# PostgreSQL reads the chain from a COPY stream instead (see stream).
_SQLITE_FAST = """seq, prev_hash, hash, states,
 '{"action":' || json_quote(action) || ',"actor_id":' || coalesce(CAST(actor_id AS TEXT), 'null')
 || ',"actor_repr":' || json_quote(actor_repr) || ',"basis":' || json_quote(basis)
 || (CASE WHEN channel <> '' THEN ',"channel":' || json_quote(channel) ELSE '' END) || ',"data":' || data
 || ',"occurred_at":"' || (CASE WHEN length(occurred_at) = 26 THEN substr(occurred_at, 1, 10) || 'T'
 || substr(occurred_at, 12) END) || '+00:00","prev_hash":' || json_quote(prev_hash) || ',"seq":' || seq
 || (CASE WHEN states <> '' THEN ',"states":' || states ELSE '' END) || ',"target_id":' || json_quote(target_id)
 || ',"target_repr":' || json_quote(target_repr) || ',"target_type":' || json_quote(target_type) || '}',
 NULL, ''"""


def _fast_columns() -> str | None:
    return _SQLITE_FAST if connection.vendor == "sqlite" else None


def _rows(segment: Segment, columns: str) -> Iterator[list[tuple[Any, ...]]]:
    """Pages of rows in ``seq`` order, each page one short query on the unique index."""
    after, first = segment.lo, True
    while True:
        where, params = [], []
        if after is not None:
            where.append("seq >= %s" if first else "seq > %s")
            params.append(after)
        if segment.hi is not None:
            where.append("seq < %s")
            params.append(segment.hi)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {_table()} {clause} ORDER BY seq LIMIT {PAGE}",  # noqa: S608
                params,
            )
            page = cursor.fetchall()
        if not page:
            return
        yield page
        if len(page) < PAGE:
            return
        after, first = page[-1][0], False


def _raw_row(seq: int) -> tuple[Any, ...]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_raw_columns()} FROM {_table()} WHERE seq = %s", [seq])  # noqa: S608
        return tuple(cursor.fetchone())


def _fast_matches(row: tuple[Any, ...]) -> bool:
    head, data, tail = row[4], row[5], row[6]
    if head is None or tail is None:
        return False
    try:
        text = head + (encode(json_value(data)) if data is not None else "") + tail
    except (TypeError, ValueError):
        return False
    return hashlib.sha256(text.encode()).hexdigest() == row[2]


def _hash_matches(row: tuple[Any, ...], as_stored: bool) -> bool:
    try:
        if hashlib.sha256(canonical_row(row, as_stored)).hexdigest() == row[12]:
            return True
        return as_stored and hashlib.sha256(canonical_row(row)).hexdigest() == row[12]
    except (TypeError, ValueError):  # a value of the wrong type put in by hand (SQLite stores anything)
        return False


def walk_segment(segment: Segment, collect_states: bool = False) -> _Walked:
    """Check every event of the segment; stop at the first that breaks the chain."""
    last_seq, prev = _start(segment)
    if stream.supported():
        return _walk_stream(segment, last_seq, prev, collect_states)
    walked = _Walked(last_seq=last_seq, last_hash=prev)
    expected = last_seq + 1
    as_stored = connection.vendor == "sqlite"  # PostgreSQL's jsonb rewrites the text: always re-encode
    fast = _fast_columns()
    pages = _rows(segment, fast) if fast else ([_compact(r) for r in page] for page in _rows(segment, _raw_columns()))
    for page in pages:
        for index, row in enumerate(page):
            seq = row[0]
            if seq != expected:
                walked.problem = f"thiếu hoặc sai thứ tự: mong đợi #{expected}, gặp #{seq}"
            elif row[1] != prev:
                walked.problem = "mã băm của sự kiện trước không khớp (bị xóa hoặc đảo thứ tự)"
            elif not (fast and _fast_matches(row)) and not _hash_matches(
                row[4] if not fast else _raw_row(seq), as_stored
            ):
                walked.problem = "nội dung sự kiện đã bị sửa"
            if walked.problem:
                walked.bad_seq, walked.checked = seq, walked.checked + index
                break
            expected, prev = seq + 1, row[2]
            if collect_states and row[3]:
                walked.states.update((key, (seq, value)) for key, value in _state_pairs(row[3]))
        if _counter is not None:
            with _counter.get_lock():
                _counter.value += len(page)
        if walked.bad_seq is not None:
            break
        walked.checked += len(page)
    walked.last_seq, walked.last_hash = expected - 1, prev
    return walked


def _walk_stream(segment: Segment, last_seq: int, prev: str, collect_states: bool) -> _Walked:
    """PostgreSQL: the segment read as one COPY stream per page (see stream)."""
    states: States = {}

    def collect(seq: int, text: str) -> None:
        states.update((key, (seq, value)) for key, value in _state_pairs(text))

    def count(rows: int) -> None:
        if _counter is not None:
            with _counter.get_lock():
                _counter.value += rows

    def exact(seq: int) -> bool:
        return _hash_matches(_raw_row(seq), as_stored=False)

    checked, last, last_hash, bad, problem = stream.walk(
        segment.lo, segment.hi, last_seq, prev, collect if collect_states else None, count, exact
    )
    return _Walked(checked, last, last_hash, bad, problem, states)


_PAIR = re.compile(r'"([^"\\]+)":"([0-9a-f]{64})"')


def _state_pairs(states: Any) -> list[tuple[str, str]]:
    """The (subject, state hash) pairs of a verified event's states: its canonical text, read by pattern
    (keys are model labels and ids, values hex), or a decoded value from another driver."""
    if isinstance(states, str):
        return _PAIR.findall(states)
    return list(json_value(states).items())


def _compact(raw: tuple[Any, ...]) -> tuple[Any, ...]:
    """A raw row in the fast layout's first places: (seq, prev_hash, hash, states, the raw row)."""
    return raw[0], raw[11], raw[12], raw[10], raw


def _job(args: tuple[Segment, bool]) -> _Walked:
    try:
        return walk_segment(*args)
    finally:
        connection.close()


def _init_worker(counter: Any) -> None:
    global _counter
    _counter = counter


def _segments(start_after: int | None, head_seq: int, size: int) -> list[Segment]:
    bounds: list[int | None] = [None if start_after is None else start_after + 1]
    lo = 1 if start_after is None else start_after + 1
    while lo + size <= head_seq:
        lo += size
        bounds.append(lo)
    return [Segment(a, b) for a, b in zip(bounds, [*bounds[1:], None], strict=True)]


@dataclass(frozen=True)
class Resume:
    """A point reached by an earlier walk: every event up to ``seq`` was verified, the last with ``hash``."""

    seq: int
    hash: str
    checked: int


def verify(
    *,
    workers: int = 1,
    segment_size: int = SEGMENT,
    resume: Resume | None = None,
    collect_states: bool = False,
    on_progress: Callable[[int], None] | None = None,
    on_segment: Callable[[Resume], None] | None = None,
    threads: bool = False,
) -> VerifyResult:
    """Walk every event in order and report the first one that breaks the chain (S5).

    ``workers`` > 1 walks segments in parallel processes (threads with ``threads=True``, for tests that
    share one in-memory database); ``resume`` starts after a point an interrupted walk reached;
    ``on_segment`` is told each new contiguous point reached, ``on_progress`` the events checked so far.
    """
    start_after, checked = None, 0
    if resume is not None:
        stored = AuditEvent.objects.filter(seq=resume.seq).values_list("hash", flat=True).first()
        if stored != resume.hash:
            raise ValueError(f"Điểm tiếp tục không khớp nhật ký: sự kiện #{resume.seq} đã khác khi kiểm tra trước")
        start_after, checked = resume.seq, resume.checked
    head = ChainHead.objects.filter(pk=1).values_list("seq", flat=True).first() or 0
    if connection.in_atomic_block and not threads:
        workers = 1  # other processes could not see this transaction's rows
    if workers > 1:  # enough segments for every worker to stay busy, none so small that set-up dominates
        segment_size = min(segment_size, max(10_000, (head - (start_after or 0)) // (workers * 4) + 1))
    segments = _segments(start_after, head, segment_size)
    states: States = {}
    last = (0, GENESIS) if resume is None else (resume.seq, resume.hash)
    for walked in _walk_all(segments, workers, collect_states, checked, on_progress, threads):
        states.update(walked.states)
        if walked.bad_seq is not None:
            return VerifyResult(
                False, checked + walked.checked, walked.last_seq, walked.last_hash, walked.bad_seq, walked.problem
            )
        checked += walked.checked
        last = (walked.last_seq, walked.last_hash)
        if on_segment is not None:
            on_segment(Resume(last[0], last[1], checked))
    return _check_head(last, checked, states, collect_states)


def _check_head(last: tuple[int, str], checked: int, states: States, collect_states: bool) -> VerifyResult:
    """The walk must end at the head row; events appended meanwhile are walked too (S5: truncation)."""
    for _ in range(100):
        head = ChainHead.objects.filter(pk=1).values_list("seq", "hash").first()
        if head is None or tuple(head) == last or head[0] <= last[0]:
            break
        more = walk_segment(Segment(last[0] + 1, None), collect_states)
        if more.bad_seq is not None:
            return VerifyResult(
                False, checked + more.checked, more.last_seq, more.last_hash, more.bad_seq, more.problem
            )
        if more.checked == 0:
            break
        checked, last = checked + more.checked, (more.last_seq, more.last_hash)
        states.update(more.states)
    if head is not None and tuple(head) != last:
        return VerifyResult(
            False,
            checked,
            last[0],
            last[1],
            last[0] + 1,
            f"chuỗi dừng ở sự kiện #{last[0]} nhưng đầu chuỗi ghi #{head[0]}: có sự kiện cuối bị xóa",
        )
    return VerifyResult(True, checked, last[0], last[1], states=states)


def _walk_all(
    segments: list[Segment],
    workers: int,
    collect_states: bool,
    before: int,
    on_progress: Callable[[int], None] | None,
    threads: bool,
) -> Iterator[_Walked]:
    """Yield each segment's walk in order; with workers, segments run ahead in parallel."""
    global _counter
    if workers <= 1 or len(segments) == 1:
        _counter = None
        done = before
        for segment in segments:
            walked = walk_segment(segment, collect_states)
            done += walked.checked
            if on_progress is not None:
                on_progress(done)
            yield walked
        return
    if threads:
        from multiprocessing.pool import ThreadPool

        counter = multiprocessing.Value("q", 0)
        _counter = counter
        pool: Any = ThreadPool(workers)
    else:
        context = multiprocessing.get_context("fork")
        counter = context.Value("q", 0)
        connections.close_all()  # each worker opens its own connection
        pool = context.Pool(workers, initializer=_init_worker, initargs=(counter,))
    try:
        results = pool.imap(_job, [(segment, collect_states) for segment in segments])
        for _ in segments:
            while True:
                try:
                    walked = results.next(timeout=1.0)
                    break
                except multiprocessing.TimeoutError:
                    if on_progress is not None:
                        on_progress(before + counter.value)
            if on_progress is not None:
                on_progress(before + counter.value)
            yield walked
            if walked.bad_seq is not None:
                return
    finally:
        pool.terminate()
        pool.join()
        _counter = None


__all__ = ["Resume", "Segment", "VerifyResult", "verify", "walk_segment"]
