"""Reads of incidents, staff and devices.

The first group takes organisation ids chosen by the caller (reports and dashboards apply their
own visibility first); the signatures are stable, other apps rely on them. The second group
applies this app's visibility for a person (S2: a forbidden record answers like a missing one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from bmnn.core.errors import NotFound
from bmnn.core.levels import highest
from bmnn.lifecycle.models import RecallItem, Takeout
from bmnn.org.models import Person
from bmnn.registry.choices import HandoverStatus, IncidentKind, Status
from bmnn.registry.disclosure import HIDDEN, Disclosure
from bmnn.registry.models import Carrier, Handover, Incident

from .choices import CommitmentKind, DeviceStatus, FindingStatus, InspectionResult, OffboardingStatus
from .models import (
    Commitment,
    Device,
    DeviceFinding,
    DeviceInspection,
    IncidentReport,
    Offboarding,
    Remedy,
    ScanImport,
    Sweep,
    TrainingSession,
)
from .policies import agency_scope

# R40: only disclosure and loss count as incidents of the programme; a receipt mismatch (R25) is
# an incident of the registry until it turns out to be a loss.
R40_KINDS = (IncidentKind.DISCLOSURE, IncidentKind.LOSS, IncidentKind.DISCLOSURE_AND_LOSS)
_GONE = (Status.DESTROYED, Status.DECLASSIFIED)


def _in_units(org_ids: Iterable[int]) -> Q:
    ids = list(org_ids)
    return Q(unit_id__in=ids) | Q(unit__isnull=True, carrier__agency_id__in=ids)


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    from django.utils import timezone

    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


# --- For other apps (reports, dashboards): caller-chosen units, dates inclusive -----------------


def incidents_in(org_ids: Iterable[int], start: dt.date, end: dt.date) -> QuerySet[Incident]:
    """Disclosure and loss incidents (R40) of the units, found between ``start`` and ``end`` inclusive."""
    low, high = _day_bounds(start, end)
    return (
        Incident.objects.filter(_in_units(org_ids), kind__in=R40_KINDS, found_at__gte=low, found_at__lt=high)
        .select_related("carrier", "unit", "found_by")
        .order_by("found_at")
    )


def open_incidents(org_ids: Iterable[int]) -> QuerySet[Incident]:
    """Incidents of the units (every kind, R25 included) not yet closed."""
    return (
        Incident.objects.filter(_in_units(org_ids), closed=False)
        .select_related("carrier", "unit", "found_by")
        .order_by("found_at")
    )


def people_without_commitment(org_ids: Iterable[int]) -> QuerySet[Person]:
    """Active staff designated for secret work in the units with no appointment commitment on file (P4)."""
    signed = Commitment.objects.filter(person=OuterRef("pk"), kind=CommitmentKind.APPOINTMENT)
    return (
        Person.objects.filter(organisation_id__in=list(org_ids), is_active=True, designated_for_secrets=True)
        .exclude(Exists(signed))
        .select_related("organisation")
    )


def trainings_in(org_ids: Iterable[int], start: dt.date, end: dt.date) -> QuerySet[TrainingSession]:
    """Training sessions the units held between ``start`` and ``end`` inclusive (P4)."""
    return (
        TrainingSession.objects.filter(unit_id__in=list(org_ids), held_on__gte=start, held_on__lte=end)
        .select_related("unit")
        .prefetch_related("attendees")
        .order_by("held_on")
    )


def devices_inspected_in(org_ids: Iterable[int], start: dt.date, end: dt.date) -> QuerySet[Device]:
    """Devices of the units with a security inspection between ``start`` and ``end`` inclusive (P3)."""
    inspected = DeviceInspection.objects.filter(device=OuterRef("pk"), inspected_on__gte=start, inspected_on__lte=end)
    return Device.objects.filter(unit_id__in=list(org_ids)).filter(Exists(inspected)).select_related("unit")


def devices_not_inspected(org_ids: Iterable[int]) -> QuerySet[Device]:
    """Devices in use in the units that never passed a security inspection (P3)."""
    passed = DeviceInspection.objects.filter(device=OuterRef("pk"), result=InspectionResult.PASSED)
    return (
        Device.objects.filter(unit_id__in=list(org_ids), status=DeviceStatus.IN_USE)
        .exclude(Exists(passed))
        .select_related("unit")
    )


def open_device_findings(org_ids: Iterable[int]) -> QuerySet[DeviceFinding]:
    """Secret-marked files found by scans on the units' devices, not yet resolved (P3)."""
    return DeviceFinding.objects.filter(unit_id__in=list(org_ids), status=FindingStatus.OPEN).select_related(
        "device", "unit"
    )


# --- For a person: this app's screens, API and commands ----------------------------------------


def incidents_visible_to(person: Person) -> QuerySet[Incident]:
    """Incidents of the person's agency subtree (readers), plus those they found or must remedy."""
    if not getattr(person, "is_authenticated", False) or not person.is_active:
        return Incident.objects.none()
    mine = Q(found_by=person) | Q(remedies__owner=person) | Q(reported_to=person) | Q(adhoc_report__to_head=person)
    scope = agency_scope(person)
    condition = (_in_units(scope) | mine) if scope else mine
    ids = Incident.objects.filter(condition).values("pk")
    return (
        Incident.objects.filter(pk__in=ids)
        .select_related("carrier__agency", "unit", "found_by", "reported_to")
        .order_by("-found_at")
    )


def incident_get_for_user(person: Person, pk: Any) -> Incident:
    try:
        return incidents_visible_to(person).get(pk=int(pk))
    except (Incident.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def remedy_get_for_user(person: Person, pk: Any) -> Remedy:
    """A remedy of an incident the person may see (S2: otherwise as if missing)."""
    try:
        remedy = Remedy.objects.select_related("owner").get(pk=int(pk))
    except (Remedy.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None
    remedy.incident = incident_get_for_user(person, remedy.incident_id)
    return remedy


def incident_subject(incident: Incident) -> str:
    """What the report is about, in words: "mất bí mật nhà nước", "lộ, mất bí mật nhà nước"."""
    words: dict[str, str] = {
        IncidentKind.DISCLOSURE: "lộ bí mật nhà nước",
        IncidentKind.LOSS: "mất bí mật nhà nước",
        IncidentKind.DISCLOSURE_AND_LOSS: "lộ, mất bí mật nhà nước",
    }
    return words.get(incident.kind, incident.get_kind_display().lower())


def carrier_line(n: int, carrier: Carrier, seen: Disclosure) -> str:
    """One record of the ad-hoc report: number and abstract as the reader may see them (S2, R18 at read time)."""
    if not seen.may_see(carrier):
        return f"   {n}) {HIDDEN}."
    abstract = seen.abstract(carrier)
    return (
        f"   {n}) {carrier.doc_type} {carrier.doc_number or carrier.register_label}"
        f"{', ' + abstract if abstract else ''}; độ mật {carrier.get_level_display()}; "
        f"cơ quan ban hành: {carrier.issuing_body}."
    )


def incident_carriers(incident: Incident) -> list[Carrier]:
    """The incident's records in a stable order (read from a prefetch when there is one)."""
    return sorted(incident.carriers.all(), key=lambda c: c.pk) or [incident.carrier]


def report_for(person: Any, report: IncidentReport, seen: Disclosure | None = None) -> tuple[str, str | None]:
    """The ad-hoc report's text for ``person`` and the secrecy mark of the highest level it describes (S2, R18).

    The stored text is the report as made; its list of records is rebuilt here for the reader, so a record
    the reader may not see is neither numbered nor summarised, and a record re-graded TUYET_MAT since loses
    its abstract. The mark is that of the highest level among the records shown.
    """
    seen = seen or Disclosure(person)
    carriers = incident_carriers(report.incident)
    lines, out, skipping = report.body.split("\n"), [], False
    for line in lines:
        if skipping and not line.startswith("   "):
            skipping = False
        if skipping:
            continue
        out.append(line)
        if line.startswith("2. BMNN liên quan"):
            out += [carrier_line(n, c, seen) for n, c in enumerate(carriers, 1)]
            skipping = True
    shown = [c.level for c in carriers if seen.may_see(c)]
    return "\n".join(out), highest(shown)


def reports_shown(person: Any, reports: Iterable[IncidentReport]) -> list[tuple[IncidentReport, str]]:
    """Each report with its text for ``person`` (S2, R18), the visibility of all their records asked at once."""
    rows = list(reports)
    seen = Disclosure(person)
    seen.may_see_ids([c.pk for r in rows for c in incident_carriers(r.incident)])
    return [(r, report_for(person, r, seen)[0]) for r in rows]


def reports_awaiting(person: Person) -> QuerySet[IncidentReport]:
    """Ad-hoc incident reports in the person's queue: sent to them as head, or to their agency as superior."""
    if not getattr(person, "is_authenticated", False) or not person.is_active:
        return IncidentReport.objects.none()
    condition = Q(to_head=person)
    agency = person.agency()
    if agency is not None and person.position in ("HEAD", "DEPUTY_HEAD"):
        condition |= Q(to_superior=agency)
    return (
        IncidentReport.objects.filter(condition, incident__closed=False)
        .select_related("incident", "incident__unit", "to_head", "to_superior")
        .order_by("-created_at")
    )


def staff_visible_to(person: Person) -> QuerySet[Person]:
    """People of the units the person may read, for the staff page (P4)."""
    return (
        Person.objects.filter(organisation_id__in=agency_scope(person))
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name")
    )


def staff_get_for_user(person: Person, pk: Any) -> Person:
    try:
        return staff_visible_to(person).get(pk=int(pk))
    except (Person.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def commitment_get_for_user(person: Person, pk: Any) -> Commitment:
    """A commitment of someone on the person's staff page (S2: otherwise as if missing)."""
    try:
        commitment = Commitment.objects.get(pk=int(pk))
    except (Commitment.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None
    commitment.person = staff_get_for_user(person, commitment.person_id)
    return commitment


def trainings_visible_to(person: Person) -> QuerySet[TrainingSession]:
    return TrainingSession.objects.filter(unit_id__in=agency_scope(person)).select_related("unit")


def training_get_for_user(person: Person, pk: Any) -> TrainingSession:
    try:
        return trainings_visible_to(person).get(pk=int(pk))
    except (TrainingSession.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def open_offboarding(person: Person) -> Offboarding | None:
    """The person's off-boarding case in progress, if any (R39)."""
    return person.offboardings.filter(status=OffboardingStatus.OPEN).first()


@dataclass(frozen=True)
class Holding:
    """Something a person still holds: what it is and the record it is about."""

    what: str
    item: str


def holdings(person: Person, viewer: Any = None) -> list[Holding]:
    """Everything that keeps ``person`` from leaving secret work (R39 a).

    Read for ``viewer`` (a colleague's staff page), each record is named only if the viewer may see it (S2);
    without a viewer (the off-boarding service itself) every record is named.
    """
    seen = Disclosure(viewer) if viewer is not None else None

    def name(carrier: Carrier) -> str:
        return seen.label(carrier) if seen is not None else str(carrier)

    found = [
        Holding("Đang quản lý BMNN", name(c))
        for c in Carrier.objects.filter(custodian=person).exclude(status__in=_GONE)
    ]
    found += [
        Holding("Lượt chuyển giao chưa ký nhận", f"{h} – {name(h.carrier)}")
        for h in Handover.objects.filter(status=HandoverStatus.PENDING)
        .filter(from_person=person)
        .select_related("carrier")
    ]
    found += [
        Holding("Lượt chuyển giao chờ mình ký nhận", f"{h} – {name(h.carrier)}")
        for h in Handover.objects.filter(status=HandoverStatus.PENDING, to_person=person).select_related("carrier")
    ]
    found += [
        Holding("Tài liệu mang ra chưa trả", name(t.carrier))
        for t in Takeout.objects.filter(taken_by=person, returned_at__isnull=True).select_related("carrier")
    ]
    found += [
        Holding("Tài liệu thu hồi chưa trả", name(r.carrier))
        for r in RecallItem.objects.filter(holder=person, returned_at__isnull=True).select_related("carrier")
    ]
    return found


def has_commitment(person: Person, kind: str) -> bool:
    return Commitment.objects.filter(person=person, kind=kind).exists()


def offboarding_blockers(person: Person, viewer: Any = None) -> list[str]:
    """What still blocks completion, in Vietnamese; empty when the person may leave (R39); named for ``viewer`` (S2)."""
    blockers = [f"{h.what}: {h.item}" for h in holdings(person, viewer)]
    if not has_commitment(person, CommitmentKind.LEAVING):
        blockers.append("Chưa có bản cam kết khi thôi làm công tác BMNN")
    return blockers


def open_offboardings(person: Person) -> QuerySet[Offboarding]:
    return Offboarding.objects.filter(
        person__organisation_id__in=agency_scope(person), status=OffboardingStatus.OPEN
    ).select_related("person")


def devices_visible_to(person: Person) -> QuerySet[Device]:
    return Device.objects.filter(unit_id__in=agency_scope(person)).select_related("unit")


def device_get_for_user(person: Person, pk: Any) -> Device:
    try:
        return devices_visible_to(person).get(pk=int(pk))
    except (Device.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def scan_get_for_user(person: Person, pk: Any) -> ScanImport:
    try:
        return ScanImport.objects.filter(device__unit_id__in=agency_scope(person)).get(pk=int(pk))
    except (ScanImport.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def finding_get_for_user(person: Person, pk: Any) -> DeviceFinding:
    try:
        return (
            DeviceFinding.objects.filter(unit_id__in=agency_scope(person))
            .select_related("device", "unit")
            .get(pk=int(pk))
        )
    except (DeviceFinding.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


def findings_shown(person: Any, findings: Iterable[DeviceFinding]) -> list[DeviceFinding]:
    """Scan findings with their file path and marks as ``person`` may see them (S2, P3).

    The path of a secret-marked file (its name often says what it is) and the marks found in it are
    shown only to a reader cleared for the level found; an unknown level counts as the highest.
    """
    seen = Disclosure(person)
    out = list(findings)
    for finding in out:
        cleared = seen.may_see_level(finding.level)
        finding.shown_path = finding.path if cleared else seen.path(finding.path, finding.level)
        finding.shown_marks = finding.marks if cleared else []
    return out


def sweeps_visible_to(person: Person) -> QuerySet[Sweep]:
    return Sweep.objects.filter(agency_id__in=agency_scope(person)).select_related("imported_by")


def sweep_get_for_user(person: Person, pk: Any) -> Sweep:
    try:
        return sweeps_visible_to(person).get(pk=int(pk))
    except (Sweep.DoesNotExist, TypeError, ValueError):
        raise NotFound() from None


@dataclass
class UnitSweep:
    """What a sweep found in one unit, for one reader: counts, devices, and findings as the reader may see them."""

    unit_id: int
    unit: str
    scans: list[ScanImport]
    lines: int
    secret: int
    clean: int
    error: int
    internet_with_secrets: list[Device]  # R29 broken on these
    not_swept: list[Device]  # computers in use that brought back no result
    findings: list[DeviceFinding]

    @property
    def devices(self) -> int:
        return len(self.scans)


def sweep_units(person: Any, sweep: Sweep) -> list[UnitSweep]:
    """The sweep's summary per unit as it stood on the day; finding paths through the policy (S2, P3).

    The path of a marked file is shown only to a reader cleared for the level found (findings_shown);
    anyone else, the head included, reads the counts and "hidden".
    """
    scans = {x.pk: x for x in sweep.scans.select_related("device")}
    device_ids = {pk for unit in sweep.summary for key in ("internet_with_secrets", "not_swept") for pk in unit[key]}
    devices = Device.objects.in_bulk(device_ids)
    findings: dict[int, list[DeviceFinding]] = {}
    for finding in findings_shown(
        person, DeviceFinding.objects.filter(scan__sweep=sweep).select_related("device").order_by("device__name", "pk")
    ):
        findings.setdefault(finding.scan_id, []).append(finding)
    return [
        UnitSweep(
            unit_id=unit["unit_id"],
            unit=unit["unit"],
            scans=[scans[pk] for pk in unit["scans"] if pk in scans],
            lines=unit["lines"],
            secret=unit["secret"],
            clean=unit["clean"],
            error=unit["error"],
            internet_with_secrets=[devices[pk] for pk in unit["internet_with_secrets"] if pk in devices],
            not_swept=[devices[pk] for pk in unit["not_swept"] if pk in devices],
            findings=[f for pk in unit["scans"] for f in findings.get(pk, [])],
        )
        for unit in sweep.summary
    ]


def last_passed_inspection(device: Device) -> DeviceInspection | None:
    return device.inspections.filter(result=InspectionResult.PASSED).order_by("-inspected_on", "-pk").first()
