"""`bmnn deadlines run` over many records: reads only what is due, in chunks, parameters once (R7, R8, issue 17)."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bmnn.audit.chain import verify
from bmnn.audit.models import AuditEvent, ChainHead
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.deadlines import jobs
from bmnn.legal.deadlines import extension_alert_from
from bmnn.legal.models import Duration
from bmnn.legal.periods import Durations, days
from bmnn.lifecycle.models import LevelChange, Notice, NoticeKind, Reminder
from bmnn.registry.choices import Status
from bmnn.registry.models import Carrier
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs

from .conftest import at

TODAY = dt.date(2030, 3, 1)


def records(cast, count: int, until: dt.date, start: int = 0) -> list[Carrier]:
    """``count`` live MAT originals of the department whose protection ends on ``until``."""
    return Carrier.objects.bulk_create(
        [
            Carrier(
                agency=cast.department,
                direction="OUTGOING",
                reg_year=2020,
                reg_number=start + n + 1,
                doc_number=f"{start + n + 1}/KH-SGDĐT",
                issuing_body="Sở",
                doc_type="Kế hoạch",
                level=Level.MAT,
                custodian=cast.clerk,
                protection_until=until,
                created_at=at(2020, 3, 1),
            )
            for n in range(count)
        ]
    )


def sweep() -> tuple[int, str]:
    """Run the command as cron does; return the queries it made and its progress lines (stderr)."""
    err = io.StringIO()
    with clock.frozen_at(at(TODAY.year, TODAY.month, TODAY.day)), CaptureQueriesContext(connection) as queries:
        call_command("deadlines", "run", stdout=io.StringIO(), stderr=err)
    return len(queries), err.getvalue()


def test_every_record_in_the_alert_window_is_reminded_once_and_nothing_beyond_it_R7(cast):
    due = records(cast, 12, TODAY + dt.timedelta(days=80))  # alert from T-90: due now
    later = records(cast, 5, TODAY + dt.timedelta(days=200), start=100)  # not yet
    assert all(extension_alert_from(c.protection_until) <= TODAY for c in due)
    assert not any(extension_alert_from(c.protection_until) <= TODAY for c in later)
    _, progress = sweep()
    assert set(Reminder.objects.values_list("carrier_id", flat=True)) == {c.pk for c in due}
    assert set(Reminder.objects.values_list("person_id", flat=True)) == {cast.director.pk}  # the agency's head
    assert "nhắc gia hạn: đã xét 12/12" in progress and "Nhắc việc: 12 mới" in progress


def test_a_run_after_a_run_reads_the_same_few_queries_however_many_were_reminded_before_R7(cast):
    records(cast, 3, TODAY + dt.timedelta(days=80))
    sweep()
    few, _ = sweep()
    records(cast, 40, TODAY + dt.timedelta(days=70), start=100)
    records(cast, 300, TODAY + dt.timedelta(days=3000), start=1000)  # far from due: never read
    sweep()
    assert Reminder.objects.count() == 43
    again, progress = sweep()
    assert again == few and "Nhắc việc: 0 mới" in progress


def test_the_chunks_cover_every_due_record_exactly_once(cast, monkeypatch):
    monkeypatch.setattr(jobs, "CHUNK", 4)
    due = records(cast, 10, TODAY + dt.timedelta(days=80))
    _, progress = sweep()
    assert sorted(Reminder.objects.values_list("carrier_id", flat=True)) == sorted(c.pk for c in due)
    assert "đã xét 4/10" in progress and "đã xét 8/10" in progress and "đã xét 10/10" in progress


def test_parameters_loaded_once_answer_as_the_database_does_on_every_day_R7(cast):
    Duration.objects.create(
        key="EXTENSION_ALERT_LEAD", days=45, effective_from=dt.date(2031, 1, 1), source="Thử nghiệm: thay đổi từ 2031"
    )
    table = Durations()
    for day in (dt.date(2020, 7, 1), dt.date(2030, 12, 31), dt.date(2031, 1, 1), dt.date(2040, 5, 5)):
        assert table.days("EXTENSION_ALERT_LEAD", day) == days("EXTENSION_ALERT_LEAD", day), day
    assert table.days("EXTENSION_ALERT_LEAD", dt.date(2031, 1, 1)) == 45
    assert table.longest("EXTENSION_ALERT_LEAD") == 45
    for day in (dt.date(2031, 3, 1), dt.date(2030, 6, 1)):
        assert extension_alert_from(day, table) == extension_alert_from(day)


def test_a_parameter_not_in_force_yet_is_an_error_not_zero_days(cast):
    from bmnn.core.errors import DomainError

    with pytest.raises(DomainError):
        Durations().days("EXTENSION_ALERT_LEAD", dt.date(2001, 1, 1))
    with pytest.raises(DomainError):
        Durations().days("NO_SUCH_PARAMETER", TODAY)


# Written a chunk at a time: one transaction per chunk, one audit event per item (issue 17) --------------------


def reminder_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="deadlines.reminder.raised").order_by("seq"))


def test_a_chunk_of_reminders_writes_one_audit_event_per_reminder_and_the_chain_verifies_R7(cast, monkeypatch):
    """R7: each reminder raised is on record by its own event, naming its record, person, due date and key."""
    monkeypatch.setattr(jobs, "WRITE_CHUNK", 4)
    due = records(cast, 10, TODAY + dt.timedelta(days=80))
    sweep()
    events = reminder_events()
    assert len(events) == 10 and Reminder.objects.count() == 10
    assert sorted(int(e.target_id) for e in events) == sorted(c.pk for c in due)
    assert {e.data["key"] for e in events} == set(Reminder.objects.values_list("key", flat=True))
    assert {e.data["person"] for e in events} == {str(cast.director)} and {e.basis for e in events} == {"R7, R26, R32"}
    assert [e.seq for e in events] == list(range(events[0].seq, events[0].seq + 10))
    assert verify().ok
    _, progress = sweep()  # the reminded records are left out by the database: nothing read, nothing written
    assert "đã xét" not in progress and len(reminder_events()) == 10


def backend_batches(model: type[Any], count: int, at_most: int | None = None) -> int:
    """How many INSERTs the database needs for ``count`` rows of ``model`` (SQLite caps the parameters)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    size = connection.ops.bulk_batch_size(fields, [None] * count) or count
    return math.ceil(count / min(size, at_most or size))


def test_raising_200_reminders_takes_the_queries_raising_10_takes_R7(cast):
    """R7: the reads, locks and updates of a run do not grow with the reminders it raises; only the database's own
    insert batches do (one per table on PostgreSQL)."""
    ChainHead.objects.get_or_create(pk=1)  # a chain already begun, as in any installation
    records(cast, 10, TODAY + dt.timedelta(days=80))
    with clock.frozen_at(at(TODAY.year, TODAY.month, TODAY.day)), CaptureQueriesContext(connection) as few:
        jobs.run()
    records(cast, 200, TODAY + dt.timedelta(days=70), start=100)
    with clock.frozen_at(at(TODAY.year, TODAY.month, TODAY.day)), CaptureQueriesContext(connection) as many:
        jobs.run()
    assert Reminder.objects.count() == 210 and len(reminder_events()) == 210

    def shape(queries: CaptureQueriesContext) -> Counter[str]:
        return Counter(q["sql"].split()[0] for q in queries.captured_queries if not q["sql"].startswith("INSERT"))

    def inserts(queries: CaptureQueriesContext) -> int:
        return sum(q["sql"].startswith("INSERT") for q in queries.captured_queries)

    assert shape(many) == shape(few)
    assert inserts(few) == backend_batches(Reminder, 10) + backend_batches(AuditEvent, 10, jobs.WRITE_CHUNK) == 2
    assert inserts(many) == backend_batches(Reminder, 200) + backend_batches(AuditEvent, 200, jobs.WRITE_CHUNK)


def test_a_failure_inside_a_chunk_leaves_none_of_its_reminders_nor_events_R7(cast, monkeypatch):
    """R7: a crash mid-run leaves whole chunks only, the chain intact; the next run raises the rest, once."""
    monkeypatch.setattr(jobs, "WRITE_CHUNK", 4)
    records(cast, 10, TODAY + dt.timedelta(days=80))
    written = jobs.record_many
    calls = []

    def fails_on_the_second_chunk(*args: Any, **kwargs: Any) -> Any:
        events = written(*args, **kwargs)  # the chunk's events are in the chain...
        calls.append(len(events))
        if len(calls) == 2:
            raise RuntimeError("mất điện")  # ...when the run stops
        return events

    monkeypatch.setattr(jobs, "record_many", fails_on_the_second_chunk)
    with pytest.raises(RuntimeError):
        sweep()
    assert calls == [4, 4]
    assert Reminder.objects.count() == 4 and len(reminder_events()) == 4  # the first chunk, whole
    assert ChainHead.objects.get().seq == AuditEvent.objects.order_by("-seq").first().seq
    assert verify().ok
    monkeypatch.setattr(jobs, "record_many", written)
    _, progress = sweep()
    assert "Nhắc việc: 6 mới" in progress
    assert Reminder.objects.count() == 10 and len(reminder_events()) == 10 and verify().ok


def test_records_declassified_a_chunk_at_a_time_each_have_their_event_and_pass_the_deep_check_R8(cast, monkeypatch):
    """R8: declassified at expiry in chunks, each record with its own change, mark, notices and audit event
    carrying its state: `audit verify --deep` finds the records as the log says."""
    monkeypatch.setattr(jobs, "WRITE_CHUNK", 2)
    with clock.frozen_at(at(2026, 6, 1)):
        lapsing = [outgoing_register(**outgoing_kwargs(cast, recipients="Phòng Khảo thí; Lưu: VT")) for _ in range(3)]
    expiry = lapsing[0].protection_until
    with clock.frozen_at(at(expiry.year, expiry.month, expiry.day)):
        err = io.StringIO()
        call_command("deadlines", "run", stdout=io.StringIO(), stderr=err)
    assert "giải mật (R8): 2/3" in err.getvalue() and "giải mật (R8): 3/3" in err.getvalue()
    events = AuditEvent.objects.filter(action="lifecycle.declassified.automatically").order_by("seq")
    assert [int(e.target_id) for e in events] == [c.pk for c in lapsing]
    assert all(json.loads(e.states).keys() == {f"registry.carrier:{e.target_id}"} for e in events)
    assert set(Carrier.objects.filter(pk__in=[c.pk for c in lapsing]).values_list("status", flat=True)) == {
        Status.DECLASSIFIED
    }
    assert LevelChange.objects.filter(kind=LevelChange.Kind.AUTO_EXPIRY).count() == 3
    assert Notice.objects.filter(kind=NoticeKind.DECLASSIFY, recipient="Phòng Khảo thí").count() == 3
    out = io.StringIO()
    call_command("audit", "verify", "--deep", stdout=out)
    assert "Dữ liệu khớp nhật ký" in out.getvalue()
