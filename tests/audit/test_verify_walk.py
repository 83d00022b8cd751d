"""`bmnn audit verify` walks raw rows in segments, in parallel and resumably, and still names the first
edited, deleted or reordered event exactly as a single walk does (S5, issue 17)."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from bmnn.audit.canonical import _fields, canonical_json, canonical_row
from bmnn.audit.chain import record
from bmnn.audit.models import AuditEvent
from bmnn.audit.verify import Resume, Segment, _fast_columns, _fast_matches, _raw_columns, _rows, verify
from bmnn.core import clock
from tests.audit.test_chain import EDITED, SWAP
from tests.conftest import ensure_reference_data, outgoing_kwargs
from tests.helpers import at


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _varied_events(cast):
    """Events unlike each other: Vietnamese text, quotes, the system as actor, nested data, no microseconds."""
    from bmnn.registry.services import outgoing_register

    outgoing_register(**outgoing_kwargs(cast))
    with transaction.atomic():
        record(None, "audit.checkpoint.signed", basis="S5", data={})
        record(
            cast.clerk,
            "registers.form.exported",
            cast.department,
            basis='R21 "mẫu 01"',
            data={"z": [1, 2.5, None, True], "a": {"đ": 'Đề thi \\ "kín"', "b": ""}, "n": -3},
        )
    with clock.frozen_at(at(2026, 3, 1, 9)), transaction.atomic():
        record(cast.clerk, "registry.carrier.assigned", cast.department, basis="S2", data={"người": "Lan"})


@pytest.fixture
def events(cast):
    _varied_events(cast)
    return list(AuditEvent.objects.order_by("seq"))


def test_raw_rows_give_the_same_canonical_bytes_as_the_events_S5(events):
    rows = [row for page in _rows(Segment(None, None), _raw_columns()) for row in page]
    assert len(rows) == len(events) == 4
    for row, event in zip(rows, events, strict=True):
        expected = canonical_json(_fields(event))
        assert canonical_row(row) == expected
        if connection.vendor == "sqlite":  # the data text as stored is already canonical there
            assert canonical_row(row, data_as_stored=True) == expected
    assert verify().ok


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL reads a COPY stream: test_verify_stream")
def test_the_database_builds_the_same_canonical_bytes_S5(events):
    """Issue 17: SQL quoting matches Python's; only the event stamped on a whole second (SQLite keeps no
    fraction then) is left to the exact path."""
    columns = _fast_columns()
    assert columns is not None
    fast = [row for page in _rows(Segment(None, None), columns) for row in page]
    matched = [_fast_matches(row) for row in fast]
    assert matched == [True, True, True, False]
    for row, event in zip(fast, events, strict=True):
        if row[4] is not None and row[5] is None:
            assert (row[4] + row[6]).encode() == canonical_json(_fields(event))


def test_data_stored_in_another_json_layout_still_verifies_S5(events):
    """S5: rows written before data was stored canonically (Django's default layout) are re-encoded."""
    for event in events:
        sql("UPDATE audit_auditevent SET data = %s WHERE seq = %s", json.dumps(event.data), event.seq)
    assert verify().ok
    sql("UPDATE audit_auditevent SET data = %s WHERE seq = 3", json.dumps({**events[2].data, "n": -4}))
    assert verify().bad_seq == 3


@pytest.fixture
def history(cast):
    from bmnn.registry.services import handover_create, outgoing_register

    for _ in range(3):
        carrier = outgoing_register(**outgoing_kwargs(cast))
    handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    return carrier


CASES = [
    ([("UPDATE audit_auditevent SET data = %s WHERE seq = 3", '{"number": "99/KH-SGDĐT"}')], 3, EDITED),
    ([("UPDATE audit_auditevent SET basis = %s WHERE seq = 1", "R2")], 1, EDITED),
    ([("DELETE FROM audit_auditevent WHERE seq = 2",)], 3, "thiếu hoặc sai thứ tự: mong đợi #2, gặp #3"),
    ([("DELETE FROM audit_auditevent WHERE seq = 3",)], 4, "thiếu hoặc sai thứ tự: mong đợi #3, gặp #4"),
    (
        [("DELETE FROM audit_auditevent WHERE seq = 4",)],
        4,
        "chuỗi dừng ở sự kiện #3 nhưng đầu chuỗi ghi #4: có sự kiện cuối bị xóa",
    ),
    ([(statement,) for statement in SWAP], 2, "mã băm của sự kiện trước không khớp (bị xóa hoặc đảo thứ tự)"),
    ([("UPDATE audit_auditevent SET seq = 0 WHERE seq = 1",)], 0, "thiếu hoặc sai thứ tự: mong đợi #1, gặp #0"),
]
IDS = ["data", "basis", "middle-deleted", "segment-start-deleted", "last-deleted", "swapped", "moved-before-1"]


@pytest.mark.parametrize("segment_size", [1, 2, 3])
@pytest.mark.parametrize(("statements", "bad_seq", "problem"), CASES, ids=IDS)
def test_segments_name_the_same_first_bad_event_as_one_walk_S5(history, segment_size, statements, bad_seq, problem):
    """S5: each segment starts from the stored hash of the event before it; the earliest problem wins."""
    whole = verify()
    assert whole.ok and whole.checked == 4
    for statement in statements:
        sql(*statement)
    single = verify()
    cut = verify(segment_size=segment_size)
    assert (single.ok, single.bad_seq, single.problem) == (False, bad_seq, problem)
    assert cut == single


def test_segments_of_an_intact_chain_agree_with_one_walk_S5(history):
    assert verify(segment_size=1) == verify() == verify(segment_size=3)
    assert verify(segment_size=1).checked == 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("statements", "bad_seq", "problem"), [([], None, ""), *CASES[:3], CASES[5]], ids=["intact", *IDS[:3], IDS[5]]
)
def test_parallel_workers_agree_with_one_walk_S5(cast, statements, bad_seq, problem):
    """S5: segments walked by parallel workers (threads here, sharing the test database) give one answer."""
    ensure_reference_data()
    from bmnn.registry.services import handover_create, outgoing_register

    for _ in range(3):
        carrier = outgoing_register(**outgoing_kwargs(cast))
    handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    for statement in statements:
        sql(*statement)
    seen = []
    parallel = verify(workers=2, segment_size=1, threads=True, on_progress=seen.append)
    assert parallel == verify()
    assert (parallel.ok, parallel.bad_seq, parallel.problem) == (not statements, bad_seq, problem)
    assert seen and seen == sorted(seen)


def test_an_interrupted_walk_resumes_after_its_last_finished_segment_S5(history):
    points = []

    def interrupt(point):
        points.append(point)
        if len(points) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        verify(segment_size=1, on_segment=interrupt)
    assert points[-1] == Resume(seq=2, hash=AuditEvent.objects.get(seq=2).hash, checked=2)
    resumed = verify(resume=points[-1], segment_size=1)
    assert resumed == verify() and resumed.checked == 4
    sql("UPDATE audit_auditevent SET basis = %s WHERE seq = 3", "R2")
    assert verify(resume=points[-1]).bad_seq == 3  # what comes after the resume point is still checked


def test_a_resume_point_that_no_longer_matches_is_refused_S5(history):
    with pytest.raises(ValueError, match="Điểm tiếp tục không khớp nhật ký: sự kiện #2"):
        verify(resume=Resume(seq=2, hash="0" * 64, checked=2))


def test_the_command_resumes_from_its_progress_file_and_prints_progress_S5(history, tmp_path):
    progress = tmp_path / "tien-do.json"
    progress.write_text(json.dumps({"seq": 2, "hash": AuditEvent.objects.get(seq=2).hash, "checked": 2}))
    out, err = io.StringIO(), io.StringIO()
    call_command("audit", "verify", "--resume", str(progress), "--progress", stdout=out, stderr=err)
    assert out.getvalue().startswith("Nhật ký toàn vẹn: 4 sự kiện, đầu chuỗi #4")
    assert "Đã kiểm tra 4 sự kiện" in err.getvalue()
    assert not progress.exists()  # a finished walk leaves no point to resume from


def test_a_broken_progress_file_is_refused_S5(history, tmp_path):
    from django.core.management import CommandError

    progress = tmp_path / "tien-do.json"
    progress.write_text("{không phải json")
    with pytest.raises(CommandError, match="Không đọc được tệp tiến độ"):
        call_command("audit", "verify", "--resume", str(progress), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không dùng --resume cùng --deep"):
        call_command("audit", "verify", "--deep", "--resume", str(progress), stdout=io.StringIO())
