"""`bmnn deadlines run` over many records: reads only what is due, in chunks, parameters once (R7, R8, issue 17)."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.deadlines import jobs
from bmnn.legal.deadlines import extension_alert_from
from bmnn.legal.models import Duration
from bmnn.legal.periods import Durations, days
from bmnn.lifecycle.models import Reminder
from bmnn.registry.models import Carrier

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
    import pytest

    from bmnn.core.errors import DomainError

    with pytest.raises(DomainError):
        Durations().days("EXTENSION_ALERT_LEAD", dt.date(2001, 1, 1))
    with pytest.raises(DomainError):
        Durations().days("NO_SUCH_PARAMETER", TODAY)
