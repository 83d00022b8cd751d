"""Screens for incidents (R40), staff (P4, R38, R39) and devices (P3, R29, R31): the reads.

The operations (report, notify, remedy, close; designate, commitments, training, off-boarding;
register, inspect, wipe, move, dispose, import a scan) have their screens made from their
declarations (safeguards.operations); the pages here offer those whose checks pass.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from bmnn.core import operations
from bmnn.org.http import AuthenticatedRequest
from bmnn.registry.disclosure import Disclosure

from . import selectors as s
from .choices import FindingStatus
from .policies import agency_scope


def _allowed(slug: str, person: object, subject: object) -> bool:
    op = operations.get(slug)
    return op is not None and op.allowed(person, subject)


# --- Incidents (R40) ---------------------------------------------------------------------------


@login_required
def incident_list(request: AuthenticatedRequest) -> HttpResponse:
    seen = Disclosure(request.user)
    incidents = list(s.incidents_visible_to(request.user)[:200])
    seen.may_see_ids([i.carrier_id for i in incidents])  # one query for the whole list
    for incident in incidents:
        incident.carrier_label = seen.label(incident.carrier)  # S2
    return render(
        request,
        "safeguards/incidents.html",
        {
            "incidents": incidents,
            "reports": s.reports_awaiting(request.user),
            "may_record": _allowed("incident-record", request.user, None),
        },
    )


@login_required
def incident_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    incident = s.incident_get_for_user(request.user, pk)
    remedies = list(incident.remedies.select_related("owner"))
    for remedy in remedies:
        remedy.incident = incident
    seen = Disclosure(request.user)
    carriers = s.incident_carriers(incident)
    return render(
        request,
        "safeguards/incident.html",
        {
            "incident": incident,
            "carriers": [(c, seen.may_see(c)) for c in carriers],  # S2: hidden ones unnamed
            "remedies": [
                (r, r.done_at is None and _allowed("incident-remedy-done", request.user, r)) for r in remedies
            ],
            "report": getattr(incident, "adhoc_report", None),
            "operations": operations.offered(request.user, "incident", incident),
        },
    )


@login_required
def incident_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    incident = s.incident_get_for_user(request.user, pk)
    report = getattr(incident, "adhoc_report", None)
    if report is None:
        raise Http404(_("This incident has no ad hoc report."))
    unit = incident.unit or incident.carrier.agency
    body, mark = s.report_for(request.user, report)  # S2, R18: records as the reader may see them
    return render(
        request,
        "safeguards/report_print.html",
        {
            "incident": incident,
            "report": report,
            "body": body,
            "mark": mark,
            "unit": unit,
            "governing": unit.parent,
            "symbol": unit.registering_agency().symbol,
            "subject": s.incident_subject(incident),
        },
    )


# --- Staff (P4, R38, R39) ----------------------------------------------------------------------


@login_required
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    ids = agency_scope(request.user)
    people = s.staff_visible_to(request.user).filter(is_active=True)
    unsigned = set(s.people_without_commitment(ids).values_list("pk", flat=True))
    return render(
        request,
        "safeguards/staff.html",
        {
            "people": people,
            "unsigned": unsigned,
            "trainings": s.trainings_visible_to(request.user)[:50],
            "offboardings": s.open_offboardings(request.user),
            "may_record": _allowed("training-record", request.user, None),
        },
    )


@login_required
def staff_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = s.staff_get_for_user(request.user, pk)
    case = s.open_offboarding(person)
    return render(
        request,
        "safeguards/person.html",
        {
            "person": person,
            "commitments": person.commitments.all(),
            "trainings": person.trainings.all(),
            # S2: a colleague's holdings are named only as far as the reader may see the records.
            "holdings": s.holdings(person, request.user),
            "case": case,
            "blockers": s.offboarding_blockers(person, request.user) if case else [],
            "operations": operations.offered(request.user, "staff", person),
        },
    )


@login_required
def commitment_file(request: AuthenticatedRequest, pk: int) -> FileResponse:
    commitment = s.commitment_get_for_user(request.user, pk)
    name = commitment.scan.name
    if not name or not commitment.scan.storage.exists(name):
        raise Http404(_("There is no scan of the commitment."))  # a scan missing from storage is not a server error
    return FileResponse(commitment.scan.open("rb"), as_attachment=True, filename=name.rsplit("/", 1)[-1])


@login_required
def training_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = s.training_get_for_user(request.user, pk)
    return render(
        request,
        "safeguards/training.html",
        {
            "session": session,
            "attendees": session.attendees.select_related("organisation").order_by("last_name", "first_name"),
        },
    )


# --- Devices (P3, R29, R31) --------------------------------------------------------------------


@login_required
def device_list(request: AuthenticatedRequest) -> HttpResponse:
    ids = agency_scope(request.user)
    return render(
        request,
        "safeguards/devices.html",
        {
            "devices": s.devices_visible_to(request.user).prefetch_related("inspections"),
            "not_inspected": set(s.devices_not_inspected(ids).values_list("pk", flat=True)),
            "findings": s.findings_shown(request.user, s.open_device_findings(ids)[:100]),
            "may_record": _allowed("device-register", request.user, None),
            "may_sweep": _allowed("device-sweep-import", request.user, None),
            "sweeps": s.sweeps_visible_to(request.user)[:20],
        },
    )


@login_required
def device_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    device = s.device_get_for_user(request.user, pk)
    findings = s.findings_shown(request.user, device.findings.select_related("resolved_by"))
    for finding in findings:
        if finding.unit_id == device.unit_id:
            finding.unit = device.unit  # the same unit: its chain of superiors is read once for every check
    return render(
        request,
        "safeguards/device.html",
        {
            "device": device,
            "inspections": device.inspections.all(),
            "sanitisations": device.sanitisations.all(),
            "scans": device.scans.all(),
            "findings": [
                (x, x.status == FindingStatus.OPEN and _allowed("finding-resolve", request.user, x)) for x in findings
            ],
            "operations": operations.offered(request.user, "device", device),
        },
    )


@login_required
def sweep_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sweep = s.sweep_get_for_user(request.user, pk)
    # S2, P3: a marked file's path only to a reader cleared for its level; the counts to every reader.
    return render(request, "safeguards/sweep.html", {"sweep": sweep, "units": s.sweep_units(request.user, sweep)})
