"""Recall: a return-by date on every holder's copy, returns confirmed, overdue flagged (R26)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.lifecycle.models import Recall, RecallItem, Reminder
from bmnn.lifecycle.services.recall import recall_confirm_return, recall_issue
from bmnn.registry.services import handover_confirm, handover_create, outgoing_register
from tests.conftest import outgoing_kwargs

from .conftest import at, make_copies, world


def handed_to_officer(cast, carrier):
    handover = handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    handover_confirm(actor=cast.officer, handover=handover)


def test_a_recall_stamps_the_original_and_every_copy_with_its_holder_and_date_R26(cast, exam_paper):
    """R26: "Tài liệu thu hồi" with the return-by date on every holder's copy."""
    first, second = make_copies(cast, exam_paper, 2)
    handed_to_officer(cast, second)
    return_by = clock.today() + dt.timedelta(days=7)
    recall = recall_issue(actor=cast.clerk, carrier=first, return_by=return_by, reason="Đề thi bị lộ, thay đề")
    assert recall.carrier == exam_paper  # a copy's recall is the original's
    items = {i.carrier: i.holder for i in recall.items.all()}
    assert items == {exam_paper: cast.clerk, first: cast.clerk, second: cast.officer}
    mark = f"Tài liệu thu hồi – trả trước ngày {return_by:%d/%m/%Y}"
    for carrier in (exam_paper, first, second):
        carrier.refresh_from_db()
        assert carrier.marks[-1] == mark
    event = AuditEvent.objects.get(action="lifecycle.recall.issued")
    assert event.basis == "R26" and event.data["return_by"] == return_by.isoformat() and len(event.data["items"]) == 3


def test_returns_are_confirmed_by_the_register_keeper_and_the_last_closes_the_recall_R26(cast, exam_paper):
    """R26: each return is confirmed; the holder's reminder is done; the recall closes with the last one."""
    copy = make_copies(cast, exam_paper, 1)[0]
    handed_to_officer(cast, copy)
    recall = recall_issue(
        actor=cast.clerk, carrier=exam_paper, return_by=clock.today() + dt.timedelta(days=2), reason="Thay đề"
    )
    officers = recall.items.get(carrier=copy)
    Reminder.objects.create(
        key=f"recall:{officers.pk}",
        person=cast.officer,
        carrier=copy,
        text="Trả",
        due=recall.return_by,
        created_at=clock.now(),
    )
    before = world()
    for person in (cast.outsider, cast.deputy):
        with pytest.raises(PermissionDenied) as refused:
            recall_confirm_return(actor=person, item=officers)
        assert refused.value.rule == "R26"
    assert world() == before
    recall_confirm_return(actor=cast.clerk, item=officers)
    officers.refresh_from_db()
    assert officers.returned_at is not None and officers.confirmed_by == cast.clerk
    assert Reminder.objects.get(key=f"recall:{officers.pk}").done_at is not None
    with pytest.raises(DomainError, match="đã được xác nhận"):
        recall_confirm_return(actor=cast.clerk, item=officers)
    recall.refresh_from_db()
    assert recall.closed_at is None
    recall_confirm_return(actor=cast.clerk, item=recall.items.get(carrier=exam_paper))
    recall.refresh_from_db()
    assert recall.closed_at is not None
    events = AuditEvent.objects.filter(action="lifecycle.recall.returned").order_by("seq")
    assert [e.data["recall_closed"] for e in events] == [False, True] and events[0].target_id == str(copy.pk)


def test_a_recall_needs_a_future_date_a_reason_and_the_holding_agency_R26(cast, exam_paper):
    """R26: refusals for a past date, no reason, another agency's person, a second open recall."""
    before = world()
    with pytest.raises(DomainError) as past:
        recall_issue(actor=cast.clerk, carrier=exam_paper, return_by=clock.today(), reason="Thay đề")
    assert past.value.rule == "R26"
    with pytest.raises(DomainError, match="lý do"):
        recall_issue(actor=cast.clerk, carrier=exam_paper, return_by=clock.today() + dt.timedelta(days=1), reason="")
    for person in (cast.outsider, cast.deputy):
        with pytest.raises(PermissionDenied):
            recall_issue(
                actor=person, carrier=exam_paper, return_by=clock.today() + dt.timedelta(days=1), reason="Thay đề"
            )
    assert world() == before
    recall_issue(
        actor=cast.director, carrier=exam_paper, return_by=clock.today() + dt.timedelta(days=1), reason="Thay đề"
    )
    with pytest.raises(DomainError, match="chưa kết thúc"):
        recall_issue(
            actor=cast.clerk, carrier=exam_paper, return_by=clock.today() + dt.timedelta(days=1), reason="Thay đề"
        )


def test_the_deadlines_run_reminds_before_the_return_date_and_flags_overdue_returns_R26(cast):
    """R26: alert before the return-by date (3 days by default), mark overdue after it, once."""
    with clock.frozen_at(at(2026, 9, 1)):
        carrier = outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))
        copy = make_copies(cast, carrier, 1)[0]
        handed_to_officer(cast, copy)
        recall = recall_issue(actor=cast.clerk, carrier=carrier, return_by=dt.date(2026, 9, 10), reason="Thay")
    with clock.frozen_at(at(2026, 9, 6)):
        call_command("deadlines", "run", stdout=io.StringIO())
        assert not Reminder.objects.exists()
    with clock.frozen_at(at(2026, 9, 7)):
        call_command("deadlines", "run", stdout=io.StringIO())
        reminders = Reminder.objects.filter(key__startswith="recall:")
        assert {r.person for r in reminders} == {cast.clerk, cast.officer}
        assert all(r.due == dt.date(2026, 9, 10) for r in reminders)
        recall_confirm_return(actor=cast.clerk, item=recall.items.get(carrier=carrier))
    with clock.frozen_at(at(2026, 9, 11)):
        out = io.StringIO()
        call_command("deadlines", "run", stdout=out)
        assert "recalls_overdue (R26)" in out.getvalue()
        overdue = RecallItem.objects.get(overdue_flagged_at__isnull=False)
        assert overdue.carrier == copy and overdue.holder == cast.officer
        assert AuditEvent.objects.filter(action="lifecycle.recall.overdue", target_id=str(copy.pk)).count() == 1
        events = AuditEvent.objects.count()
        call_command("deadlines", "run", stdout=io.StringIO())
        assert AuditEvent.objects.count() == events
        recall_confirm_return(actor=cast.clerk, item=overdue)
    assert AuditEvent.objects.filter(action="lifecycle.recall.returned").last().data["late"] is True
    assert Recall.objects.get().closed_at is not None
