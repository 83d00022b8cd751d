"""`bmnn deadlines run` as time moves: T-90, T-60, expiry, notice deadlines; idempotent (R7, R8).

A repealed list item is proposed to the head, never declassified by the job: test_delisting.py (R9, R48)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from bmnn.approvals.services import request_decide
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.lifecycle.models import LevelChange, Notice, NoticeKind, Reminder, Takeout
from bmnn.lifecycle.services.notices import notice_mark_sent
from bmnn.lifecycle.services.protection import extension_apply, extension_request
from bmnn.lifecycle.services.takeout import takeout_checkout, takeout_request, takeout_return
from bmnn.registry.choices import Status
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs

from .conftest import at, world

EXPIRY = dt.date(2036, 6, 1)  # MAT: ten years from 1 June 2026 (R6)


def run() -> str:
    out = io.StringIO()
    call_command("deadlines", "run", stdout=out)
    return out.getvalue()


def state() -> dict[str, object]:
    """Everything the job may change: records, level changes, notices, reminders, flags, audit events."""
    return {
        **world(),
        "reminders": list(Reminder.objects.values_list("key", "person", "due", "done_at").order_by("key")),
        "notices": list(Notice.objects.values_list("pk", "due", "sent_at", "overdue_flagged_at").order_by("pk")),
        "changes": list(LevelChange.objects.values_list("pk", "carrier", "kind").order_by("pk")),
        "takeouts": list(Takeout.objects.values_list("pk", "overdue_flagged_at").order_by("pk")),
        "last_event": AuditEvent.objects.order_by("-seq").values_list("seq", "action").first(),
    }


def run_twice() -> str:
    """Run the job, then again: the second run must change nothing at all."""
    output = run()
    after_first = state()
    run()
    assert state() == after_first
    return output


def count(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_the_job_across_t90_t60_expiry_and_the_notice_deadline_R7_R8(cast):
    """R7: remind the head before the T-60 decision deadline; an extension owes notices within 15 days, flagged
    overdue after. R8: at expiry without extension the record is declassified, stamped, and holders notified."""
    with clock.frozen_at(at(2026, 6, 1)):
        lapsing = outgoing_register(**outgoing_kwargs(cast, recipients="Phòng Khảo thí; Trường THPT Chuyên; Lưu: VT"))
        extended = outgoing_register(**outgoing_kwargs(cast, symbol="PA-SGDĐT"))
    assert lapsing.protection_until == extended.protection_until == EXPIRY

    with clock.frozen_at(at(2036, 3, 2)):  # T-91: nothing due yet
        run_twice()
        assert not Reminder.objects.exists()

    with clock.frozen_at(at(2036, 3, 3)):  # T-90: the head is reminded of the extension deadline
        run_twice()
        reminders = Reminder.objects.filter(key__startswith="extend:")
        assert {r.carrier for r in reminders} == {lapsing, extended}
        assert {r.person for r in reminders} == {cast.director}
        assert {r.due for r in reminders} == {dt.date(2036, 4, 2)}  # T-60
        assert count("deadlines.reminder.raised") == 2

    with clock.frozen_at(at(2036, 4, 2)):  # T-60: the director extends one record, the last day to do so
        request = extension_request(
            actor=cast.clerk,
            carrier=extended,
            new_until=dt.date(2046, 6, 1),
            reasons="Phương án còn dùng cho các kỳ thi sau",
        )
        request_decide(actor=cast.director, request=request, approve=True)
        extension_apply(actor=cast.clerk, request=request)
        notice = Notice.objects.get(carrier=extended, kind=NoticeKind.EXTENSION)
        assert notice.due == dt.date(2036, 4, 17)
        run_twice()
        assert Reminder.objects.count() == 2  # nothing new: the extended record is far from its new end

    with clock.frozen_at(at(2036, 4, 12)):  # notice day 10: the custodian is reminded to send it
        run_twice()
        assert Reminder.objects.get(key=f"notice:{notice.pk}").person == cast.clerk

    with clock.frozen_at(at(2036, 4, 18)):  # the notice deadline has passed: flagged overdue, once
        assert "notices_overdue (R7)" in run_twice()
        notice.refresh_from_db()
        assert notice.overdue_flagged_at is not None
        assert count("lifecycle.notice.overdue") == 1

    with clock.frozen_at(at(2036, 5, 31)):  # the day before expiry: still secret
        run_twice()
        lapsing.refresh_from_db()
        assert lapsing.status == Status.IN_STORAGE

    with clock.frozen_at(at(2036, 6, 1)):  # expiry without extension: declassified by law (R8)
        output = run_twice()
        assert "declassified_expiry (R8)" in output
        lapsing.refresh_from_db()
        extended.refresh_from_db()
        assert lapsing.status == Status.DECLASSIFIED and lapsing.marks[-1].startswith("GIẢI MẬT")
        assert extended.status == Status.IN_STORAGE
        change = LevelChange.objects.get(carrier=lapsing)
        assert change.kind == LevelChange.Kind.AUTO_EXPIRY and change.decided_by is None
        event = AuditEvent.objects.get(action="lifecycle.declassified.automatically")
        assert event.actor_id is None and event.basis == "R8"
        notices = Notice.objects.filter(carrier=lapsing, kind=NoticeKind.DECLASSIFY).order_by("recipient")
        assert [n.recipient for n in notices] == ["Phòng Khảo thí", "Trường THPT Chuyên"]
        assert {n.due for n in notices} == {dt.date(2036, 6, 16)}

    with clock.frozen_at(at(2036, 6, 10)):  # one notice goes out in time
        sent = notice_mark_sent(actor=cast.clerk, notice=notices[0])

    with clock.frozen_at(at(2036, 6, 17)):  # the other is overdue; the sent one is not flagged
        run_twice()
        flagged = set(Notice.objects.filter(carrier=lapsing, overdue_flagged_at__isnull=False))
        assert flagged == {notices[1]}
        assert count("lifecycle.notice.overdue") == 2
        sent.refresh_from_db()
        assert sent.overdue_flagged_at is None


def test_a_notice_is_marked_sent_once_by_the_clerk_or_custodian_R7(cast):
    """R7: the written notice is recorded as sent, audited; others cannot record it; its reminder is done."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    request = extension_request(
        actor=cast.clerk,
        carrier=carrier,
        new_until=carrier.protection_until + dt.timedelta(days=365),
        reasons="Còn dùng",
    )
    request_decide(actor=cast.director, request=request, approve=True)
    extension_apply(actor=cast.clerk, request=request)
    notice = Notice.objects.get(carrier=carrier)
    Reminder.objects.create(
        key=f"notice:{notice.pk}",
        person=cast.clerk,
        carrier=carrier,
        text="Gửi",
        due=notice.due,
        created_at=clock.now(),
    )
    before = world()
    for person in (cast.outsider, cast.deputy):
        with pytest.raises(PermissionDenied) as refused:
            notice_mark_sent(actor=person, notice=notice)
        assert refused.value.rule == "R7"
    assert world() == before
    notice_mark_sent(actor=cast.clerk, notice=notice)
    notice.refresh_from_db()
    assert notice.sent_at is not None and notice.sent_by == cast.clerk
    assert Reminder.objects.get(key=f"notice:{notice.pk}").done_at is not None
    event = AuditEvent.objects.get(action="lifecycle.notice.sent")
    assert event.basis == "R7" and event.data["recipient"] == "Phòng Khảo thí" and event.data["late"] is False
    with pytest.raises(DomainError, match="đã được gửi"):
        notice_mark_sent(actor=cast.clerk, notice=notice)


def test_a_take_out_past_its_due_date_is_reminded_then_flagged_once_R32(cast):
    """R32: the borrower is reminded before the due date and the take-out is flagged overdue after it, once."""
    with clock.frozen_at(at(2026, 9, 1)):
        carrier = outgoing_register(**outgoing_kwargs(cast))
        request = takeout_request(
            actor=cast.officer,
            carrier=carrier,
            purpose="Họp hội đồng",
            place="Phòng họp",
            start=clock.today(),
            due=dt.date(2026, 9, 5),
            measures="Kèm cán bộ",
        )
        request_decide(actor=cast.director, request=request, approve=True)
        takeout = takeout_checkout(actor=cast.clerk, request=request)
        run_twice()
        assert not Reminder.objects.filter(key__startswith="takeout:").exists()
    with clock.frozen_at(at(2026, 9, 4)):
        run_twice()
        assert Reminder.objects.get(key=f"takeout:{takeout.pk}").person == cast.officer
    with clock.frozen_at(at(2026, 9, 6)):
        assert "takeouts_overdue (R32)" in run_twice()
        takeout.refresh_from_db()
        assert takeout.overdue_flagged_at is not None
        assert count("lifecycle.takeout.overdue") == 1
        takeout_return(actor=cast.clerk, takeout=takeout, closing_report="Trả muộn một ngày")
        run_twice()
        assert count("lifecycle.takeout.overdue") == 1
    assert AuditEvent.objects.filter(action="lifecycle.takeout.returned").get().data["late"] is True
