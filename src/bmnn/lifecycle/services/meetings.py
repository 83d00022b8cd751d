"""Meetings with secret content: plan, approval, documents issued and returned, daily sealing, close (R35)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level, rank
from bmnn.core.roles import Position
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import Status
from bmnn.registry.models import Carrier
from bmnn.registry.policies import is_register_keeper
from bmnn.registry.services.common import require_cleared

from ..models import Meeting, MeetingDocument, MeetingSeal


def meeting_plan_check(actor: Person, _subject: object = None) -> None:
    """Whoever works in an agency plans a meeting of it; the agency's leader approves it (R35, S7)."""
    if actor.agency() is None:
        raise PermissionDenied(_("The account does not belong to any agency or unit yet."), rule="R35")


def meeting_plan(
    *,
    actor: Person,
    title: str,
    level: str,
    starts_on: dt.date,
    ends_on: dt.date,
    venue: str,
    attendees: Sequence[Person],
    equipment_check: str,
    offsite: bool = False,
    police_check_ref: str = "",
    no_devices_control: bool = False,
    guard_plan: str = "",
    attendee_check: str = "",
) -> Meeting:
    """Record a planned meeting with every control its level requires (R35); it still needs approval."""
    meeting_plan_check(actor)
    agency = cast(Organisation, actor.agency())  # checked just above
    with transaction.atomic():
        if level not in Level.values:
            raise DomainError(pgettext("lifecycle", "Invalid level."), rule="R1", field="level")
        missing = [
            label
            for label, value in (
                ("nội dung cuộc họp", title),
                ("địa điểm", venue),
                ("biên bản kiểm tra thiết bị", equipment_check),
            )
            if not value.strip()
        ]
        if offsite and not police_check_ref.strip():  # R35: off-site needs the police security check request
            missing.append("văn bản đề nghị công an kiểm tra an ninh (họp ngoài trụ sở)")
        if rank(level) >= rank(Level.TOI_MAT) and not no_devices_control:
            missing.append("kiểm soát không mang thiết bị ghi âm, ghi hình, thu phát (Tối mật, Tuyệt mật)")
        if level == Level.TUYET_MAT and not (guard_plan.strip() and attendee_check.strip()):
            missing.append("phương án bảo vệ và kiểm tra an ninh người dự họp (Tuyệt mật)")
        if missing:
            raise DomainError(
                _("A meeting with state secret content needs: {missing}.").format(missing="; ".join(missing)),
                rule="R35",
            )
        if not attendees:
            raise DomainError(_("List the attendees."), rule="R35", field="attendees")
        if ends_on < starts_on:
            raise DomainError(_("The meeting's end date must be after its start date."), rule="R35", field="ends_on")
        for person in attendees:  # R35: only staff cleared for the level attend
            require_cleared(person, level, f"Người dự họp {person}")
        meeting = Meeting.objects.create(
            agency=agency,
            title=title.strip(),
            level=level,
            starts_on=starts_on,
            ends_on=ends_on,
            venue=venue.strip(),
            offsite=offsite,
            police_check_ref=police_check_ref.strip(),
            equipment_check=equipment_check.strip(),
            no_devices_control=no_devices_control,
            guard_plan=guard_plan.strip(),
            attendee_check=attendee_check.strip(),
            created_by=actor,
        )
        meeting.attendees.set(attendees)
        record(
            actor,
            "lifecycle.meeting.planned",
            meeting,
            basis="R35",
            data={
                "title": meeting.title,
                "level": level,
                "venue": meeting.venue,
                "offsite": offsite,
                "attendees": [str(p) for p in attendees],
            },
        )
    return meeting


def meeting_approve_check(actor: Person, meeting: Meeting) -> None:
    """A cleared head or deputy of the agency approves once; never the planner (R35, S7)."""
    if actor.pk == meeting.created_by_id:
        raise PermissionDenied(_("Whoever planned the meeting cannot approve it."), rule="S7")
    if actor.organisation_id != meeting.agency_id or actor.position not in (Position.HEAD, Position.DEPUTY_HEAD):
        raise PermissionDenied(
            _("Only the agency's leaders may approve a meeting with state secret content."), rule="R35"
        )
    require_cleared(actor, meeting.level, "Người phê duyệt")
    if meeting.approved_at is not None:
        raise DomainError(_("The meeting is already approved."), rule="R35")


def meeting_approve(*, actor: Person, meeting: Meeting) -> Meeting:
    """The head (or a deputy) of the agency approves the meeting; never the person who planned it (R35, S7)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        meeting_approve_check(actor, meeting)
        meeting.approved_by, meeting.approved_at = actor, clock.now()
        meeting.save(update_fields=["approved_by", "approved_at"])
        record(actor, "lifecycle.meeting.approved", meeting, basis="R35", data={"title": meeting.title})
    return meeting


def meeting_issue_check(actor: Person, meeting: Meeting) -> None:
    """The clerk or the organiser issues documents at an approved, open meeting (R35)."""
    _require_open(meeting)
    _require_keeper(actor, meeting)


def meeting_issue(*, actor: Person, meeting: Meeting, carrier: Carrier, to: Person) -> MeetingDocument:
    """Issue a secret to an attendee of an approved, open meeting."""
    with transaction.atomic():
        meeting = _lock(meeting)
        meeting_issue_check(actor, meeting)
        if not meeting.attendees.filter(pk=to.pk).exists():
            raise DomainError(_("{person} is not on the list of attendees.").format(person=to), rule="R35")
        if carrier.status == Status.DESTROYED:  # no operation on a destroyed item
            raise DomainError(_("Cannot hand out the document: the state secret has been destroyed."), rule="R36")
        if rank(carrier.level) > rank(meeting.level):
            raise DomainError(_("The document's level is higher than the meeting's."), rule="R35")
        issued = MeetingDocument.objects.create(meeting=meeting, carrier=carrier, issued_to=to, issued_at=clock.now())
        record(
            actor,
            "lifecycle.meeting.document_issued",
            carrier,
            basis="R35",
            data={"meeting_id": meeting.pk, "to": str(to)},
        )
    return issued


def meeting_return_check(actor: Person, issued: MeetingDocument) -> None:
    """The clerk or the organiser takes back a document still out (R35)."""
    _require_keeper(actor, issued.meeting)
    if issued.returned_at is not None:
        raise DomainError(_("This document is already collected."), rule="R35")


def meeting_return(*, actor: Person, issued: MeetingDocument) -> MeetingDocument:
    with transaction.atomic():
        issued = MeetingDocument.objects.select_for_update().select_related("meeting", "carrier").get(pk=issued.pk)
        meeting_return_check(actor, issued)
        issued.returned_at = clock.now()
        issued.save(update_fields=["returned_at"])
        record(
            actor,
            "lifecycle.meeting.document_returned",
            issued.carrier,
            basis="R35",
            data={"meeting_id": issued.meeting_id, "from": str(issued.issued_to)},
        )
    return issued


def meeting_seal_check(actor: Person, meeting: Meeting) -> None:
    """The clerk or the organiser seals the room once a day while the meeting runs (R35)."""
    meeting_issue_check(actor, meeting)
    today = clock.today()
    if not meeting.starts_on <= today <= meeting.ends_on:
        raise DomainError(_("Sealing is only possible while the meeting is on."), rule="R35")
    if meeting.seals.filter(day=today).exists():
        raise DomainError(_("The meeting room is already sealed today."), rule="R35")


def meeting_seal(*, actor: Person, meeting: Meeting) -> MeetingSeal:
    """Seal the room at the end of today's session of a multi-day meeting (R35)."""
    with transaction.atomic():
        meeting = _lock(meeting)
        meeting_seal_check(actor, meeting)
        today = clock.today()
        seal = MeetingSeal.objects.create(meeting=meeting, day=today, sealed_by=actor, sealed_at=clock.now())
        record(actor, "lifecycle.meeting.sealed", meeting, basis="R35", data={"day": today.isoformat()})
    return seal


def meeting_close_check(actor: Person, meeting: Meeting) -> None:
    """The clerk or the organiser closes once every document is back and every day but the last sealed (R35)."""
    meeting_issue_check(actor, meeting)
    out = [str(d) for d in meeting.documents.filter(returned_at__isnull=True).select_related("carrier", "issued_to")]
    if out:
        raise DomainError(
            _("Documents handed out are not yet collected: {documents}.").format(documents="; ".join(out)), rule="R35"
        )
    sealed = set(meeting.seals.values_list("day", flat=True))
    unsealed = [f"{d:%d/%m/%Y}" for d in meeting.days_to_seal() if d not in sealed]
    if unsealed:
        raise DomainError(
            _("The meeting room seal record is missing for: {days}.").format(days=", ".join(unsealed)), rule="R35"
        )


def meeting_close(*, actor: Person, meeting: Meeting) -> Meeting:
    """Close the meeting: every document issued is back, and each day but the last was sealed (R35)."""
    with transaction.atomic():
        meeting = _lock(meeting)
        meeting_close_check(actor, meeting)
        sealed = set(meeting.seals.values_list("day", flat=True))
        meeting.closed_at = clock.now()
        meeting.save(update_fields=["closed_at"])
        record(
            actor,
            "lifecycle.meeting.closed",
            meeting,
            basis="R35",
            data={"documents": meeting.documents.count(), "sealed_days": len(sealed)},
        )
    return meeting


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _require_open(meeting: Meeting) -> None:
    if meeting.approved_at is None:
        raise DomainError(_("The meeting is not approved yet."), rule="R35")
    if meeting.closed_at is not None:
        raise DomainError(_("The meeting has ended."), rule="R35")


def _require_keeper(actor: Person, meeting: Meeting) -> None:
    if not (is_register_keeper(actor, meeting.agency) or actor.pk == meeting.created_by_id):
        raise PermissionDenied(_("Only a clerk or the meeting's organiser may do this."), rule="R35")
