"""At 00:30 on 1 January local time (17:30 on 31 December in UTC) every series, year and date the law counts is
the agency's local one (R19, S4, R6, R7, R23)."""

import datetime as dt

from bmnn.approvals.services import request_decide
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.lifecycle.models import CopyJob, Notice
from bmnn.lifecycle.services.copying import copy_make, copy_request
from bmnn.lifecycle.services.protection import extension_apply, extension_request
from bmnn.registry.choices import CopyForm, SeriesKind
from bmnn.registry.services import handover_create, incoming_receive, outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import at, last_number

NEW_YEAR = at(2027, 1, 1, 0, 30)


def test_the_clock_helpers_hold_the_moment_in_utc_R19():
    """R19: the frozen clock reads like the server's (UTC), yet the law's date and year are local."""
    assert NEW_YEAR.utcoffset() == dt.timedelta(0) and (NEW_YEAR.year, NEW_YEAR.day) == (2026, 31)
    with clock.frozen_at(NEW_YEAR):
        assert clock.now().utcoffset() == dt.timedelta(0)
        assert clock.today() == dt.date(2027, 1, 1) and clock.this_year() == 2027
        assert clock.local_date(clock.now()) == dt.date(2027, 1, 1)


def test_the_critical_operations_at_half_past_midnight_on_new_year_s_day_count_in_the_new_year_R19_S4(cast):
    """R19, S4: registrations, hand-overs and copies made at 00:30 on 1 January open the new year's series at
    number 1 and leave last year's where they were; R6, R7: periods and notice deadlines run from the local date."""
    with clock.frozen_at(at(2026, 12, 31, 9)):
        plan = outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))
        request = copy_request(
            actor=cast.officer,
            carrier=plan,
            form=CopyForm.TRUE_COPY,
            count=1,
            recipients="Hội đồng thi",
            reasons="Phục vụ kỳ thi",
        )
        request_decide(actor=cast.director, request=request, approve=True)
        extension = extension_request(
            actor=cast.clerk, carrier=plan, new_until=dt.date(2046, 12, 31), reasons="Còn dùng cho các kỳ thi sau"
        )
        request_decide(actor=cast.director, request=extension, approve=True)
    assert (plan.reg_year, plan.reg_number) == (2026, 1)
    series_2026 = {kind: last_number(kind, cast.department, 2026) for kind in SeriesKind.values}

    with clock.frozen_at(NEW_YEAR):
        job = copy_make(actor=cast.clerk, request=request, made=1)
        report = outgoing_register(**outgoing_kwargs(cast, symbol="BC-SGDĐT"))
        received = incoming_receive(actor=cast.clerk, sender="UBND tỉnh", doc_number="1/UBND", level=Level.MAT)
        handover = handover_create(actor=cast.clerk, carrier=report, to_person=cast.officer)
        extension_apply(actor=cast.clerk, request=extension)

    assert (job.year, job.number) == (2027, 1) and CopyJob.objects.get().year == 2027
    assert (report.reg_year, report.reg_number, report.doc_number) == (2027, 1, "1/BC-SGDĐT")
    assert report.determination_date == report.doc_date == dt.date(2027, 1, 1)
    assert report.protection_until == dt.date(2037, 1, 1)  # R6: ten years for MAT from the local date
    assert (received.reg_year, received.reg_number) == (2027, 1)
    assert (handover.year, handover.number) == (2027, 1)
    assert {n.due for n in Notice.objects.filter(carrier=plan)} == {dt.date(2027, 1, 16)}  # R7: 15 local days
    assert {kind: last_number(kind, cast.department, 2026) for kind in SeriesKind.values} == series_2026
