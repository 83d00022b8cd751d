"""Staff who work with secrets: designation, commitments, training, off-boarding (P4, R38, R39)."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.uploadscan import require_clean
from bmnn.org.models import Organisation, Person

from ..choices import CommitmentKind, OffboardingStatus
from ..models import Attendance, Commitment, Offboarding, TrainingSession
from ..policies import require_agency_manager, require_manager
from ..selectors import Holding, has_commitment, holdings, offboarding_blockers, open_offboarding

__all__ = [
    "Holding",
    "commitment_record",
    "commitment_record_check",
    "has_commitment",
    "holdings",
    "offboarding_blockers",
    "offboarding_complete",
    "offboarding_complete_check",
    "offboarding_start",
    "offboarding_start_check",
    "person_designate",
    "person_designate_check",
    "person_offboarding_complete",
    "person_undesignate",
    "person_undesignate_check",
    "training_record",
    "training_record_check",
]

NO_OPEN_CASE = gettext_lazy("This staff member has no procedure for leaving state secret protection work in progress.")
SCAN_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff")


def _unit_of(person: Person) -> Organisation:
    if person.organisation is None:
        raise DomainError(_("The staff member does not belong to any unit yet."))
    return person.organisation


def _lock(person: Person) -> Person:
    return Person.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=person.pk)


def person_designate_check(actor: Person, person: Person) -> None:
    """R38: a manager designates an active person not yet designated."""
    require_manager(actor, _unit_of(person), _("assign staff to state secret protection work"), rule="R38")
    if not person.is_active:
        raise DomainError(_("The staff member's account has been locked."), rule="R38")
    if person.designated_for_secrets:
        raise DomainError(_("This staff member is already assigned to state secret protection work."), rule="R38")


def person_designate(*, actor: Person, person: Person, decision_ref: str, decided_on: dt.date) -> Person:
    """Designate a person for secret work by a written decision (R38)."""
    with transaction.atomic():
        person = _lock(person)
        person_designate_check(actor, person)
        if not decision_ref.strip():
            raise DomainError(
                _("An assignment to state secret protection work needs a document number."),
                rule="R38",
                field="decision_ref",
            )
        if decided_on > clock.today():
            raise DomainError(
                _("The assignment document date cannot be in the future."), rule="R38", field="decided_on"
            )
        person.designated_for_secrets = True
        person.designation_ref, person.designation_date = decision_ref.strip(), decided_on
        person.save(update_fields=["designated_for_secrets", "designation_ref", "designation_date"])
        record(
            actor,
            "org.person.designated",
            person,
            basis="R38",
            data={"decision_ref": person.designation_ref, "decided_on": decided_on.isoformat()},
        )
    return person


def person_undesignate_check(actor: Person, person: Person) -> None:
    """R38: only designated staff hold custody, so the designation ends once nothing is held."""
    require_manager(actor, _unit_of(person), _("end staff assignments to state secret protection work"), rule="R38")
    if not person.designated_for_secrets:
        raise DomainError(_("This staff member is not assigned to state secret protection work."), rule="R38")
    held = holdings(person, actor)  # S2: the refusal names only records the actor may see
    if held:
        raise DomainError(
            _("The staff member still has {count} items not handed over (for example: {what}: {item}).").format(
                count=len(held), what=held[0].what, item=held[0].item
            ),
            rule="R38",
        )


def person_undesignate(*, actor: Person, person: Person, reason: str) -> Person:
    """End a designation; refused while the person still holds anything (R38: only designated staff hold custody)."""
    with transaction.atomic():
        person = _lock(person)
        person_undesignate_check(actor, person)
        if not reason.strip():
            raise DomainError(_("Enter the reason."), rule="R38", field="reason")
        person.designated_for_secrets = False
        person.save(update_fields=["designated_for_secrets"])
        record(
            actor,
            "org.person.undesignated",
            person,
            basis="R38",
            data={"decision_ref": person.designation_ref, "reason": reason.strip()},
        )
    return person


def commitment_record_check(actor: Person, person: Person) -> None:
    """P4: a manager files the commitments of a person whose account is active."""
    require_manager(actor, _unit_of(person), _("store commitments"), rule="P4")
    if not person.is_active:
        raise DomainError(_("The staff member's account has been locked."), rule="P4")


def commitment_record(
    *, actor: Person, person: Person, kind: str, signed_on: dt.date, scan: File, note: str = ""
) -> Commitment:
    """File a signed commitment with its scanned copy (P4 at appointment, R39 on leaving).

    The scan is checked in a capped child process first (no lock held meanwhile): one that could not be
    checked, or that bears a secrecy mark, is refused (S6: commitments are kept in clear).
    """
    if scan is not None and scan.name:
        require_clean([scan], rule="P4", field_name="scan")
    with transaction.atomic():
        person = _lock(person)
        commitment_record_check(actor, person)
        if kind not in CommitmentKind.values:
            raise DomainError(_("Invalid commitment type."), rule="P4", field="kind")
        if signed_on > clock.today():
            raise DomainError(_("The commitment signing date cannot be in the future."), rule="P4", field="signed_on")
        if scan is None or not getattr(scan, "name", ""):
            raise DomainError(_("Attach the scan of the signed commitment."), rule="P4", field="scan")
        if not str(scan.name).lower().endswith(SCAN_TYPES):
            raise DomainError(_("The scan must be a PDF file or an image (JPG, PNG, TIFF)."), rule="P4", field="scan")
        if (
            kind == CommitmentKind.LEAVING
            and not Offboarding.objects.filter(person=person, status=OffboardingStatus.OPEN).exists()
        ):
            raise DomainError(
                _("A leaving commitment is stored only within the procedure for leaving state secret protection work."),
                rule="R39",
                field="kind",
            )
        commitment = Commitment(
            person=person, kind=kind, signed_on=signed_on, note=note.strip(), recorded_by=actor, recorded_at=clock.now()
        )
        commitment.scan.save(str(scan.name).rsplit("/", 1)[-1], scan, save=False)
        commitment.save()
        record(
            actor,
            "safeguards.commitment.recorded",
            person,
            basis="R39" if kind == CommitmentKind.LEAVING else "P4",
            data={"commitment_id": commitment.pk, "kind": kind, "signed_on": signed_on.isoformat()},
        )
    return commitment


def training_record_check(actor: Person, _subject: None = None) -> None:
    """P4: the managers of an agency record its training; the unit is checked with the input."""
    require_agency_manager(actor, _("record training sessions"), rule="P4")


def training_record(
    *,
    actor: Person,
    unit: Organisation,
    title: str,
    held_on: dt.date,
    attendees: list[Person],
    trainer: str = "",
    place: str = "",
) -> TrainingSession:
    """Record a training session and who attended (P4)."""
    with transaction.atomic():
        training_record_check(actor)
        require_manager(actor, unit, _("record training sessions"), rule="P4")
        if not title.strip():
            raise DomainError(_("Enter the training content."), rule="P4", field="title")
        if held_on > clock.today():
            raise DomainError(_("Only record a training session that has taken place."), rule="P4", field="held_on")
        if not attendees:
            raise DomainError(_("The attendee list is required."), rule="P4", field="attendees")
        scope = unit.registering_agency().subtree_ids()
        strangers = [str(p) for p in attendees if p.organisation_id not in scope]
        if strangers:
            raise DomainError(
                _("Attendees not belonging to the agency: {names}.").format(names=", ".join(strangers)),
                rule="P4",
                field="attendees",
            )
        session = TrainingSession.objects.create(
            unit=unit,
            title=title.strip(),
            held_on=held_on,
            trainer=trainer.strip(),
            place=place.strip(),
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        Attendance.objects.bulk_create([Attendance(session=session, person=p) for p in set(attendees)])
        record(
            actor,
            "safeguards.training.recorded",
            session,
            basis="P4",
            data={"title": session.title, "held_on": held_on.isoformat(), "attendees": len(set(attendees))},
        )
    return session


def offboarding_start_check(actor: Person, person: Person) -> None:
    """R39: a manager opens one off-boarding at a time for an active person."""
    require_manager(actor, _unit_of(person), _("open procedures for leaving state secret protection work"), rule="R39")
    if not person.is_active:
        raise DomainError(_("The staff member's account has been locked."), rule="R39")
    if Offboarding.objects.filter(person=person, status=OffboardingStatus.OPEN).exists():
        raise DomainError(
            _("This staff member has an unfinished procedure for leaving state secret protection work."), rule="R39"
        )


def offboarding_start(*, actor: Person, person: Person, reason: str) -> Offboarding:
    """Open the off-boarding checklist for a person leaving secret work (R39)."""
    with transaction.atomic():
        person = _lock(person)
        offboarding_start_check(actor, person)
        if not reason.strip():
            raise DomainError(_("Enter the reason (retirement, transfer, resignation...)."), rule="R39", field="reason")
        case = Offboarding.objects.create(
            person=person, reason=reason.strip(), started_by=actor, started_at=clock.now()
        )
        record(
            actor,
            "safeguards.offboarding.started",
            person,
            basis="R39",
            data={"offboarding_id": case.pk, "reason": case.reason},
        )
    return case


def offboarding_complete_check(actor: Person, person: Person) -> None:
    """R39: another manager completes an open off-boarding once nothing is held and the leaving
    commitment is on file."""
    require_manager(
        actor, _unit_of(person), _("complete procedures for leaving state secret protection work"), rule="R39"
    )
    if open_offboarding(person) is None:
        raise DomainError(NO_OPEN_CASE, rule="R39")
    if actor.pk == person.pk:
        raise DomainError(_("You cannot complete your own leaving procedure."), rule="R39")
    blockers = offboarding_blockers(person, actor)  # S2: the refusal names only records the actor may see
    if blockers:
        raise DomainError(_("Cannot complete yet: {blockers}.").format(blockers="; ".join(blockers)), rule="R39")


def offboarding_complete(*, actor: Person, case: Offboarding) -> Offboarding:
    """Complete off-boarding: nothing held, leaving commitment on file; then lock the account (R39)."""
    with transaction.atomic():
        case = Offboarding.objects.select_for_update().get(pk=case.pk)
        person = _lock(case.person)
        if case.status != OffboardingStatus.OPEN:
            raise DomainError(_("This procedure has already been completed."), rule="R39")
        offboarding_complete_check(actor, person)
        case.status, case.completed_by, case.completed_at = OffboardingStatus.COMPLETED, actor, clock.now()
        case.save(update_fields=["status", "completed_by", "completed_at"])
        person.is_active, person.designated_for_secrets = False, False
        person.save(update_fields=["is_active", "designated_for_secrets"])
        record(
            actor,
            "safeguards.offboarding.completed",
            person,
            basis="R39",
            data={"offboarding_id": case.pk, "account_locked": True},
        )
    return case


def person_offboarding_complete(*, actor: Person, person: Person) -> Offboarding:
    """Complete the person's off-boarding in progress (R39): the operation as started from their page."""
    case = open_offboarding(person)
    if case is None:
        raise DomainError(NO_OPEN_CASE, rule="R39")
    return offboarding_complete(actor=actor, case=case)
