"""Incidents of disclosure and loss: record, report the same day, notify, remedy, close (R40)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.text import Message
from bmnn.legal.periods import days
from bmnn.org.models import Organisation, Person, Position
from bmnn.registry.models import Carrier, Incident

from ..models import IncidentReport, Remedy
from ..policies import may_report_incident, require_manager
from ..selectors import R40_KINDS, incident_subject


def head_of(agency: Organisation) -> Person | None:
    return Person.objects.filter(organisation=agency, position=Position.HEAD, is_active=True).order_by("pk").first()


def superior_of(unit: Organisation) -> Organisation | None:
    """The agency the unit's agency reports to (P5): the registering agency above it."""
    parent = unit.registering_agency().parent
    return parent.registering_agency() if parent is not None else None


def report_due(recorded_on: dt.date) -> dt.date:
    """R40: the ad-hoc report is due immediately, the day the incident is recorded.

    The lead is legal data (INCIDENT_REPORT_DAYS, 0 days as shipped) an administrator can change.
    """
    return recorded_on + dt.timedelta(days=days("INCIDENT_REPORT_DAYS", recorded_on))


def incident_record_check(actor: Person, _subject: None = None) -> None:
    """R40: anyone who works in an agency reports what they find; the unit is checked with the input."""
    if not actor.is_active or actor.agency() is None:
        raise PermissionDenied(_("Only the agency's staff may record incidents."), rule="R40")


def incident_record(
    *,
    actor: Person,
    unit: Organisation,
    kind: str,
    carriers: list[Carrier],
    description: str,
    found_at: dt.datetime,
    found_by: Person | None = None,
    measures: str = "",
) -> Incident:
    """Record a disclosure and/or loss and make its ad-hoc report for the head and the superior (R40)."""
    with transaction.atomic():
        incident_record_check(actor, None)
        if not may_report_incident(actor, unit):
            raise PermissionDenied(_("Only the agency's staff may record incidents of this unit."), rule="R40")
        if kind not in R40_KINDS:
            raise DomainError(
                _("The incident must be a disclosure, a loss, or both, of state secrets."), rule="R40", field="kind"
            )
        if not carriers:
            raise DomainError(_("Select at least one disclosed or lost state secret."), rule="R40", field="carriers")
        if not description.strip():
            raise DomainError(_("Describe what happened."), rule="R40", field="description")
        if found_at > clock.now():
            raise DomainError(_("The time of discovery cannot be in the future."), rule="R40", field="found_at")
        agency_ids = unit.registering_agency().subtree_ids()
        outside = [str(c) for c in carriers if c.agency_id not in agency_ids]
        if outside:
            raise DomainError(
                _("State secrets not belonging to the unit's agency: {secrets}.").format(secrets="; ".join(outside)),
                rule="R40",
                field="carriers",
            )
        if found_by is not None and found_by.organisation_id not in agency_ids:
            raise DomainError(
                _("The person who discovered it does not belong to the agency."), rule="R40", field="found_by"
            )
        head = head_of(unit.registering_agency())
        incident = Incident.objects.create(
            carrier=carriers[0],
            unit=unit,
            kind=kind,
            description=description.strip(),
            found_by=found_by or actor,
            found_at=found_at,
            recorded_at=clock.now(),
            reported_to=head,
        )
        incident.carriers.set(carriers)
        report = IncidentReport.objects.create(
            incident=incident,
            created_at=clock.now(),
            due_on=report_due(clock.today()),
            to_head=head,
            to_superior=superior_of(unit),
            body=report_text(incident, carriers, measures),
        )
        record(
            actor,
            "safeguards.incident.recorded",
            incident,
            basis="R40",
            data={
                "kind": kind,
                "unit": str(unit),
                "carriers": [c.pk for c in carriers],
                "found_by": str(incident.found_by),
                "reported_to": str(head or ""),
                "superior": str(report.to_superior or ""),
                "report_id": report.pk,
            },
        )
    return incident


def report_text(incident: Incident, carriers: list[Carrier], measures: str) -> str:
    """The printable ad-hoc report (báo cáo đột xuất). TUYET_MAT records are listed without abstract (R18)."""
    found = timezone.localtime(incident.found_at)
    head = incident.reported_to
    addressees = [f"{head.title} {head}" if head and head.title else str(head or "Người đứng đầu cơ quan")]
    superior = superior_of(incident.unit) if incident.unit else None
    if superior is not None:
        addressees.append(str(superior))
    lines = [
        "Kính gửi: " + "; ".join(addressees) + ".",
        "",
        f"{incident.unit} báo cáo đột xuất về việc {incident_subject(incident)} như sau:",
        f"1. Thời điểm phát hiện: {found:%H giờ %M, ngày %d/%m/%Y}; người phát hiện: {incident.found_by}.",
        "2. BMNN liên quan:",
    ]
    for n, c in enumerate(carriers, 1):
        abstract = "" if c.level == Level.TUYET_MAT or not c.abstract else f", {c.abstract}"
        lines.append(
            f"   {n}) {c.doc_type} {c.doc_number or c.register_label}{abstract}; độ mật "
            f"{c.get_level_display()}; cơ quan ban hành: {c.issuing_body}."
        )
    lines += [
        f"3. Diễn biến: {incident.description}",
        f"4. Biện pháp đã áp dụng ngay: {measures.strip() or 'đang xác minh, khoanh vùng, ngăn chặn.'}",
        "5. Đề xuất: thông báo cơ quan xác định độ mật; tiếp tục xác minh và khắc phục hậu quả.",
    ]
    return "\n".join(lines)


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update(of=("self",)).select_related("unit", "carrier").get(pk=incident.pk)


def _unit(incident: Incident) -> Organisation:
    return incident.unit or incident.carrier.agency


def _open_and_managed(actor: Person, incident: Incident, what: Message) -> None:
    if incident.closed:
        raise DomainError(_("Incident handling has already been closed."), rule="R40")
    require_manager(actor, _unit(incident), what, rule="R40")


def incident_notify_check(actor: Person, incident: Incident) -> None:
    """R40: a manager notifies the classifying agency once, while the incident is open."""
    _open_and_managed(actor, incident, _("notify the classifying agency"))
    if incident.agency_notified_at is not None:
        raise DomainError(_("The notice to the classifying agency has been recorded."), rule="R40")


def incident_notify_agency(*, actor: Person, incident: Incident, notice: str) -> Incident:
    """Record the notice sent to the agency that classified the records (R40)."""
    with transaction.atomic():
        incident = _locked(incident)
        incident_notify_check(actor, incident)
        if not notice.strip():
            raise DomainError(_("Enter the content and number of the notice."), rule="R40", field="notice")
        incident.agency_notice, incident.agency_notified_at = notice.strip(), clock.now()
        incident.save(update_fields=["agency_notice", "agency_notified_at"])
        record(
            actor,
            "safeguards.incident.agency_notified",
            incident,
            basis="R40",
            data={
                "issuing_bodies": sorted({c.issuing_body for c in incident.carriers.all()}),
                "notice": incident.agency_notice,
            },
        )
    return incident


def remedy_add_check(actor: Person, incident: Incident) -> None:
    """R40: a manager gives remedies while the incident is open."""
    _open_and_managed(actor, incident, _("assign remedial measures"))


def remedy_add(*, actor: Person, incident: Incident, action: str, owner: Person, due_on: dt.date) -> Remedy:
    """Give a remedial action an owner and a due date (R40)."""
    with transaction.atomic():
        incident = _locked(incident)
        remedy_add_check(actor, incident)
        if not action.strip():
            raise DomainError(_("Enter the remedial measure."), rule="R40", field="action")
        if due_on < clock.today():
            raise DomainError(_("The completion deadline cannot be in the past."), rule="R40", field="due_on")
        if not owner.is_active:
            raise DomainError(_("The person carrying out the measure no longer works here."), rule="R40", field="owner")
        if owner.organisation_id not in _unit(incident).registering_agency().subtree_ids():
            raise DomainError(
                _("The person carrying out the measure does not belong to the agency where the incident occurred."),
                rule="R40",
                field="owner",
            )
        remedy = Remedy.objects.create(
            incident=incident,
            action=action.strip(),
            owner=owner,
            due_on=due_on,
            created_by=actor,
            created_at=clock.now(),
        )
        record(
            actor,
            "safeguards.incident.remedy_added",
            incident,
            basis="R40",
            data={"remedy_id": remedy.pk, "owner": str(owner), "due_on": due_on.isoformat()},
        )
    return remedy


def remedy_done_check(actor: Person, remedy: Remedy) -> None:
    """R40: the owner, or a manager, reports an unfinished remedy of an open incident done."""
    incident = remedy.incident
    if incident.closed:
        raise DomainError(_("Incident handling has already been closed."), rule="R40")
    if actor.pk != remedy.owner_id:
        require_manager(actor, _unit(incident), _("confirm remedy outcomes"), rule="R40")
    if remedy.done_at is not None:
        raise DomainError(_("This measure has already been completed."), rule="R40")


def remedy_done(*, actor: Person, remedy: Remedy, result: str) -> Remedy:
    """The owner (or a manager) reports a remedy done with its result (R40)."""
    with transaction.atomic():
        remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
        incident = remedy.incident = _locked(remedy.incident)
        remedy_done_check(actor, remedy)
        if not result.strip():
            raise DomainError(_("Enter the remedy outcome."), rule="R40", field="result")
        remedy.done_at, remedy.result = clock.now(), result.strip()
        remedy.save(update_fields=["done_at", "result"])
        record(
            actor,
            "safeguards.incident.remedy_done",
            incident,
            basis="R40",
            data={"remedy_id": remedy.pk, "result": remedy.result},
        )
    return remedy


def incident_close_check(actor: Person, incident: Incident) -> None:
    """R40: a manager closes an open incident once the agency is notified and every remedy is done."""
    _open_and_managed(actor, incident, _("close incident handling"))
    if incident.kind in R40_KINDS and incident.agency_notified_at is None:
        raise DomainError(_("The classifying agency has not been notified yet."), rule="R40")
    if incident.kind in R40_KINDS and not incident.remedies.exists():
        raise DomainError(_("There is no remedial measure yet."), rule="R40")
    pending = incident.remedies.filter(done_at__isnull=True).count()
    if pending:
        raise DomainError(_("{pending} remedial measures are not yet completed.").format(pending=pending), rule="R40")


def incident_close(*, actor: Person, incident: Incident, note: str) -> Incident:
    """Close an incident once the agency is notified and every remedy is done (R40)."""
    with transaction.atomic():
        incident = _locked(incident)
        incident_close_check(actor, incident)
        if not note.strip():
            raise DomainError(_("Enter the remedy outcome."), rule="R40", field="note")
        incident.closed, incident.closed_at, incident.closed_by = True, clock.now(), actor
        incident.closing_note = note.strip()
        incident.save(update_fields=["closed", "closed_at", "closed_by", "closing_note"])
        record(actor, "safeguards.incident.closed", incident, basis="R40", data={"note": incident.closing_note})
    return incident
