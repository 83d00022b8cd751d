"""The safeguards operations: incidents (R40), staff (P4, R38, R39) and devices (P3, R29, R31).

Each is declared once; its screen, REST endpoint, command (`bmnn safeguards --as USER <slug> ...`) and
offer on the incident, person or device page come from here (bmnn.core.operations). The web and API
paths are those the screens and endpoints had before the declarations.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from bmnn.core.operations import Operation, Subject

from . import api
from . import forms as f
from . import selectors as s
from .models import ScanImport, Sweep, TrainingSession
from .serializers import (
    CommitmentSerializer,
    DeviceSerializer,
    FindingSerializer,
    IncidentSerializer,
    PersonSerializer,
    RemedySerializer,
    ScanSerializer,
    SweepSerializer,
    TrainingSerializer,
)
from .services import devices, incidents, scans, staff, sweeps

INCIDENT = Subject(
    "incident",
    s.incident_get_for_user,
    page="safeguards:incident",
    api="incidents",
    web="su-co",
    present=lambda i: IncidentSerializer(i).data,
)
REMEDY = Subject(
    "remedy",
    s.remedy_get_for_user,
    page="safeguards:incident",
    api="remedies",
    web="bien-phap-khac-phuc",
    present=lambda r: RemedySerializer(r).data,
    page_pk=lambda r: r.incident_id,
)
STAFF = Subject(
    "staff",
    s.staff_get_for_user,
    page="safeguards:person",
    api="staff",
    web="cong-tac-can-bo",
    present=lambda p: PersonSerializer(p).data,
)
COMMITMENT = Subject(
    "commitment",
    s.commitment_get_for_user,
    page="safeguards:person",
    api="commitments",
    web="cam-ket",
    present=lambda c: CommitmentSerializer(c).data,
    page_pk=lambda c: c.person_id,
)
TRAINING = Subject(
    "training",
    s.training_get_for_user,
    page="safeguards:training",
    api="trainings",
    web="tap-huan",
    present=lambda t: TrainingSerializer(t).data,
)
DEVICE = Subject(
    "device",
    s.device_get_for_user,
    page="safeguards:device",
    api="devices",
    web="thiet-bi",
    present=lambda d: DeviceSerializer(d).data,
)
SCAN = Subject(
    "scan",
    s.scan_get_for_user,
    page="safeguards:device",
    api="scans",
    web="ket-qua-quet",
    present=lambda x: ScanSerializer(x).data,
    page_pk=lambda x: x.device_id,
)
FINDING = Subject(
    "device-finding",
    s.finding_get_for_user,
    page="safeguards:device",
    api="findings",
    web="phat-hien",
    present=lambda x: FindingSerializer(x).data,
    page_pk=lambda x: x.device_id,
)

SWEEP = Subject(
    "sweep",
    s.sweep_get_for_user,
    page="safeguards:sweep",
    api="sweeps",
    web="dot-quet",
    present=lambda x: SweepSerializer(x).data,
)


def _with_lists(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """The cleaned data with its multiple choices as lists, as the services take them."""
    return {**data, **{name: list(data[name]) for name in names}}


def _scan_import(actor: Any, device: Any, data: dict[str, Any]) -> ScanImport:
    upload = data["file"]
    return scans.scan_import(actor=actor, device=device, filename=upload.name, data=upload.read())


def _scan_done(scan: ScanImport) -> str:
    return _(
        "{lines} lines imported: {secret} files with secrecy marks, {clean} files without, {errors} unreadable files."
    ).format(lines=scan.lines, secret=scan.secret_count, clean=scan.clean_count, errors=scan.error_count)


def _sweep_import(actor: Any, _subject: Any, data: dict[str, Any]) -> Sweep:
    sweep = sweeps.sweep_import(actor=actor, files=[(f.name, f.read()) for f in data["files"]])
    sweep.shown_units = s.sweep_units(actor, sweep)  # S2: what the API answers, as this person may see it
    return sweep


def _sweep_done(sweep: Sweep) -> str:
    totals = [sum(unit[key] for unit in sweep.summary) for key in ("secret", "error")]
    return _(
        "Scan results imported for {computers} computers in {units} units: {secret} files with secrecy marks, "
        "{errors} unreadable files."
    ).format(computers=sweep.files, units=len(sweep.summary), secret=totals[0], errors=totals[1])


def _training_done(session: TrainingSession) -> str:
    return _("The training session with {count} attendees has been recorded.").format(count=session.attendees.count())


INCIDENT_OPERATIONS = [
    Operation(
        "incident-record",
        _("Record a disclosure or loss of state secrets"),
        form=f.IncidentForm,
        returns=INCIDENT,
        check=incidents.incident_record_check,
        submit=_("Record and draw up the report"),
        done=_("The incident has been recorded; the ad hoc report has been sent to the head and the superior agency."),
        web="su-co/moi",
        api="incidents",
        api_list=api.incident_list,
        run=lambda actor, _s, data: incidents.incident_record(actor=actor, **_with_lists(data, "carriers")),
    ),
    Operation(
        "incident-notify-agency",
        _("Notify the classifying agency"),
        form=f.NoticeForm,
        subject=INCIDENT,
        check=incidents.incident_notify_check,
        submit=_("Record the notice"),
        done=_("The notice to the classifying agency has been recorded."),
        web="thong-bao",
        api="thong-bao",
        run=lambda actor, incident, data: incidents.incident_notify_agency(actor=actor, incident=incident, **data),
    ),
    Operation(
        "incident-remedy-add",
        _("Assign a remedial measure"),
        form=f.RemedyForm,
        subject=INCIDENT,
        check=incidents.remedy_add_check,
        submit=_("Assign the measure"),
        done=_("The remedial measure has been assigned."),
        web="bien-phap",
        api="bien-phap",
        run=lambda actor, incident, data: incidents.remedy_add(actor=actor, incident=incident, **data),
    ),
    Operation(
        "incident-remedy-done",
        _("Report a remedial measure as completed"),
        form=f.RemedyDoneForm,
        subject=REMEDY,
        check=incidents.remedy_done_check,
        submit=_("Report completion"),
        done=_("The remedy outcome has been recorded."),
        web="xong",
        api="done",
        run=lambda actor, remedy, data: incidents.remedy_done(actor=actor, remedy=remedy, **data),
    ),
    Operation(
        "incident-close",
        _("Close incident handling"),
        form=f.CloseForm,
        subject=INCIDENT,
        check=incidents.incident_close_check,
        submit=_("Close the incident"),
        done=_("Incident handling has been closed."),
        web="ket-thuc",
        api="ket-thuc",
        run=lambda actor, incident, data: incidents.incident_close(actor=actor, incident=incident, **data),
    ),
]

STAFF_OPERATIONS = [
    Operation(
        "staff-designate",
        _("Assign to state secret protection work"),
        form=f.DesignateForm,
        subject=STAFF,
        check=staff.person_designate_check,
        submit=_("Assign"),
        done=_("Assigned to state secret protection work."),
        web="phan-cong",
        api="phan-cong",
        run=lambda actor, person, data: staff.person_designate(actor=actor, person=person, **data),
    ),
    Operation(
        "staff-undesignate",
        _("End assignment to state secret protection work"),
        form=f.ReasonForm,
        subject=STAFF,
        check=staff.person_undesignate_check,
        submit=_("End assignment"),
        done=_("Assignment to state secret protection work has ended."),
        web="thoi-phan-cong",
        api="thoi-phan-cong",
        run=lambda actor, person, data: staff.person_undesignate(actor=actor, person=person, **data),
    ),
    Operation(
        "commitment-add",
        _("Store a signed commitment"),
        form=f.CommitmentForm,
        subject=STAFF,
        returns=COMMITMENT,
        check=staff.commitment_record_check,
        submit=_("Store the commitment"),
        done=_("The commitment has been stored."),
        web="cam-ket",
        api="commitments",
        run=lambda actor, person, data: staff.commitment_record(actor=actor, person=person, **data),
    ),
    Operation(
        "training-record",
        _("Record a training session on state secret protection"),
        form=f.TrainingForm,
        returns=TRAINING,
        check=staff.training_record_check,
        submit=_("Record the training session"),
        done=_training_done,
        web="tap-huan/moi",
        api="trainings",
        run=lambda actor, _s, data: staff.training_record(actor=actor, **_with_lists(data, "attendees")),
    ),
    Operation(
        "offboarding-start",
        _("Open the procedure for leaving state secret protection work"),
        form=f.ReasonForm,
        subject=STAFF,
        check=staff.offboarding_start_check,
        submit=_("Open the procedure"),
        done=_("The procedure for leaving state secret protection work has been opened."),
        web="thoi-viec",
        api="thoi-viec",
        run=lambda actor, person, data: staff.offboarding_start(actor=actor, person=person, **data),
    ),
    Operation(
        "offboarding-complete",
        _("Complete the procedure for leaving state secret protection work"),
        subject=STAFF,
        check=staff.offboarding_complete_check,
        submit=_("Complete the procedure and lock the account"),
        done=_("The procedure is complete; the staff member's account has been locked."),
        web="hoan-thanh-thoi-viec",
        api="offboarding/complete",
        run=lambda actor, person, _data: staff.person_offboarding_complete(actor=actor, person=person),
    ),
]

DEVICE_OPERATIONS = [
    Operation(
        "device-register",
        _("Register a device in the device register"),
        form=f.DeviceForm,
        returns=DEVICE,
        check=devices.device_register_check,
        submit=_("Register the device"),
        done=_("The device has been registered; it needs a security inspection before use."),
        web="thiet-bi/moi",
        api="devices",
        api_list=api.device_list,
        run=lambda actor, _s, data: devices.device_register(actor=actor, **data),
    ),
    Operation(
        "device-inspect",
        _("Security inspection before use"),
        form=f.InspectionForm,
        subject=DEVICE,
        check=devices.device_inspect_check,
        submit=_("Record the inspection result"),
        done=_("The security inspection result has been recorded."),
        web="kiem-tra",
        api="kiem-tra",
        run=lambda actor, device, data: devices.device_inspect(actor=actor, device=device, **data),
    ),
    Operation(
        "device-secret-use",
        _("Used for state secrets"),
        form=f.SecretUseForm,
        subject=DEVICE,
        check=devices.device_secret_use_check,
        submit=_("Update secret use"),
        done=_("The device's use for state secrets has been updated."),
        web="bmnn",
        api="bmnn",
        run=lambda actor, device, data: devices.device_set_secret_use(actor=actor, device=device, **data),
    ),
    Operation(
        "device-connection",
        _("Change the network connection"),
        form=f.ConnectionForm,
        subject=DEVICE,
        check=devices.device_connection_check,
        submit=_("Update the connection"),
        done=_("The connection has been updated."),
        web="ket-noi",
        api="ket-noi",
        run=lambda actor, device, data: devices.device_change_connection(actor=actor, device=device, **data),
    ),
    Operation(
        "device-sanitise",
        _("Wipe or destroy data before reuse"),
        form=f.SanitiseForm,
        subject=DEVICE,
        check=devices.device_sanitise_check,
        submit=_("Record the wiping"),
        done=_("The data wiping or destruction record has been written."),
        web="xoa-du-lieu",
        api="xoa-du-lieu",
        run=lambda actor, device, data: devices.device_sanitise(actor=actor, device=device, **data),
    ),
    Operation(
        "device-reassign",
        _("Transfer to another unit"),
        form=f.ReassignForm,
        subject=DEVICE,
        check=devices.device_reassign_check,
        submit=_("Transfer the device"),
        done=_("The device has been transferred."),
        web="chuyen",
        api="chuyen",
        run=lambda actor, device, data: devices.device_reassign(actor=actor, device=device, **data),
    ),
    Operation(
        "device-dispose",
        _("Dispose of the device"),
        form=f.DisposeForm,
        subject=DEVICE,
        check=devices.device_dispose_check,
        submit=_("Dispose"),
        done=_("The device has been disposed of."),
        web="thanh-ly",
        api="thanh-ly",
        run=lambda actor, device, data: devices.device_dispose(actor=actor, device=device, **data),
    ),
    Operation(
        "device-scan-import",
        _("Import scan results (bmnn-scan --format jsonl)"),
        form=f.ScanImportForm,
        subject=DEVICE,
        returns=SCAN,
        check=scans.scan_import_check,
        submit=_("Import the results"),
        done=_scan_done,
        web="nhap-ket-qua-quet",
        api="scans",
        run=_scan_import,
    ),
    Operation(
        "device-sweep-import",
        _("Import the results of a sweep of several computers"),
        form=f.SweepImportForm,
        returns=SWEEP,
        check=sweeps.sweep_import_check,
        submit=_("Import the sweep results"),
        done=_sweep_done,
        web="thiet-bi/nhap-dot-quet",
        api="sweeps",
        run=_sweep_import,
    ),
    Operation(
        "finding-resolve",
        _("Handle a file with secrecy marks found by a scan"),
        form=f.FindingResolveForm,
        subject=FINDING,
        check=scans.finding_resolve_check,
        submit=_("Mark as handled"),
        done=_("The handling measure has been recorded."),
        web="xu-ly",
        api="resolve",
        run=lambda actor, finding, data: scans.finding_resolve(actor=actor, finding=finding, **data),
    ),
]

OPERATIONS = [*INCIDENT_OPERATIONS, *STAFF_OPERATIONS, *DEVICE_OPERATIONS]
