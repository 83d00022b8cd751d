"""REST endpoints for incidents, staff and devices: the same forms, operation tables and services as the screens."""

from __future__ import annotations

from typing import Any

from django import forms
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.core.errors import NotFound
from bmnn.org.models import Person
from bmnn.registry.models import Incident

from . import forms as f
from . import selectors as s
from .models import Device, DeviceFinding, IncidentReport, Remedy, ScanImport
from .operations import DEVICE_OPS, INCIDENT_OPS, PERSON_OPS, make_form
from .services import incidents, scans, staff
from .services.devices import device_register


class RemedySerializer(serializers.ModelSerializer):
    owner = serializers.StringRelatedField()

    class Meta:
        model = Remedy
        fields = ["id", "action", "owner", "due_on", "done_at", "result"]


class IncidentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(read_only=True, source="get_kind_display")
    unit = serializers.StringRelatedField()
    found_by = serializers.StringRelatedField()
    reported_to = serializers.StringRelatedField()
    carrier_ids = serializers.SerializerMethodField()
    remedies = RemedySerializer(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = ["id", "kind", "kind_label", "unit", "carrier_ids", "description", "found_by", "found_at",
                  "recorded_at", "reported_to", "agency_notice", "agency_notified_at", "closed", "closed_at",
                  "closing_note", "remedies"]

    def get_carrier_ids(self, incident: Incident) -> list[int]:
        return [c.pk for c in incident.carriers.all()] or [incident.carrier_id]


class ReportSerializer(serializers.ModelSerializer):
    to_head = serializers.StringRelatedField()
    to_superior = serializers.StringRelatedField()

    class Meta:
        model = IncidentReport
        fields = ["id", "incident_id", "created_at", "due_on", "to_head", "to_superior", "body"]


class PersonSerializer(serializers.ModelSerializer):
    organisation = serializers.StringRelatedField()
    full_name = serializers.CharField(read_only=True, source="get_full_name")

    class Meta:
        model = Person
        fields = ["id", "username", "full_name", "organisation", "designated_for_secrets", "designation_ref",
                  "designation_date", "is_active"]


class DeviceSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField()

    class Meta:
        model = Device
        fields = ["id", "unit", "kind", "name", "serial", "location", "connection", "origin", "origin_note",
                  "used_for_secrets", "needs_wipe", "status"]


class ScanSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScanImport
        fields = ["id", "device_id", "filename", "imported_at", "lines", "secret_count", "clean_count",
                  "error_count"]


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeviceFinding
        fields = ["id", "device_id", "path", "level", "marks", "status", "remedy", "resolved_at"]


def _valid(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form.cleaned_data


def _op(table: dict[str, Any], op: str) -> Any:
    if op not in table:
        raise NotFound()
    return table[op]


@api_view(["GET", "POST"])
def incident_list(request: Request) -> Response:
    if request.method == "GET":
        rows = s.incidents_visible_to(request.user).prefetch_related("carriers", "remedies__owner")[:500]
        return Response(IncidentSerializer(rows, many=True).data)
    data = _valid(make_form(f.IncidentForm, request.user, request.data))
    made = incidents.incident_record(actor=request.user, unit=data["unit"], kind=data["kind"],
                                     carriers=list(data["carriers"]), description=data["description"],
                                     found_at=data["found_at"], measures=data["measures"],
                                     found_by=data["found_by"])
    return Response(IncidentSerializer(made).data, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def incident_detail(request: Request, pk: int) -> Response:
    return Response(IncidentSerializer(s.incident_get_for_user(request.user, pk)).data)


@api_view(["POST"])
def incident_act(request: Request, pk: int, op: str) -> Response:
    incident = s.incident_get_for_user(request.user, pk)
    form_class, service, _done = _op(INCIDENT_OPS, op)
    service(actor=request.user, incident=incident, **_valid(make_form(form_class, request.user, request.data)))
    return Response(IncidentSerializer(s.incident_get_for_user(request.user, pk)).data)


@api_view(["POST"])
def remedy_done(request: Request, pk: int) -> Response:
    remedy = Remedy.objects.filter(pk=pk).first()
    if remedy is None:
        raise NotFound()
    s.incident_get_for_user(request.user, remedy.incident_id)
    data = _valid(f.RemedyDoneForm(request.data))
    return Response(RemedySerializer(incidents.remedy_done(actor=request.user, remedy=remedy,
                                                           result=data["result"])).data)


@api_view(["GET"])
def reports_awaiting(request: Request) -> Response:
    return Response(ReportSerializer(s.reports_awaiting(request.user), many=True).data)


@api_view(["GET"])
def staff_list(request: Request) -> Response:
    return Response(PersonSerializer(s.staff_visible_to(request.user), many=True).data)


@api_view(["GET"])
def staff_detail(request: Request, pk: int) -> Response:
    person = s.staff_get_for_user(request.user, pk)
    body = PersonSerializer(person).data
    body["holdings"] = [{"what": h.what, "item": h.item} for h in staff.holdings(person)]
    body["commitments"] = [{"id": c.pk, "kind": c.kind, "signed_on": c.signed_on} for c in person.commitments.all()]
    body["offboarding_blockers"] = staff.offboarding_blockers(person)
    return Response(body)


@api_view(["POST"])
def staff_act(request: Request, pk: int, op: str) -> Response:
    person = s.staff_get_for_user(request.user, pk)
    form_class, service, _done = _op(PERSON_OPS, op)
    service(actor=request.user, person=person, **_valid(form_class(request.data)))
    return Response(PersonSerializer(s.staff_get_for_user(request.user, pk)).data)


@api_view(["POST"])
def commitment_add(request: Request, pk: int) -> Response:
    person = s.staff_get_for_user(request.user, pk)
    made = staff.commitment_record(actor=request.user, person=person,
                                   **_valid(f.CommitmentForm(request.data, request.FILES)))
    return Response({"id": made.pk, "kind": made.kind, "signed_on": made.signed_on},
                    status=status.HTTP_201_CREATED)


@api_view(["POST"])
def offboarding_complete(request: Request, pk: int) -> Response:
    person = s.staff_get_for_user(request.user, pk)
    case = person.offboardings.filter(status="OPEN").first()
    if case is None:
        raise NotFound()
    staff.offboarding_complete(actor=request.user, case=case)
    return Response({"completed": True, "account_locked": True})


@api_view(["POST"])
def training_new(request: Request) -> Response:
    data = _valid(make_form(f.TrainingForm, request.user, request.data))
    made = staff.training_record(actor=request.user, unit=data["unit"], title=data["title"],
                                 held_on=data["held_on"], attendees=list(data["attendees"]),
                                 trainer=data["trainer"], place=data["place"])
    return Response({"id": made.pk, "attendees": made.attendees.count()}, status=status.HTTP_201_CREATED)


@api_view(["GET", "POST"])
def device_list(request: Request) -> Response:
    if request.method == "GET":
        return Response(DeviceSerializer(s.devices_visible_to(request.user), many=True).data)
    made = device_register(actor=request.user, **_valid(make_form(f.DeviceForm, request.user, request.data)))
    return Response(DeviceSerializer(made).data, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def device_detail(request: Request, pk: int) -> Response:
    device = s.device_get_for_user(request.user, pk)
    body = DeviceSerializer(device).data
    body["findings"] = FindingSerializer(device.findings.all(), many=True).data
    return Response(body)


@api_view(["POST"])
def device_act(request: Request, pk: int, op: str) -> Response:
    device = s.device_get_for_user(request.user, pk)
    form_class, service, _done = _op(DEVICE_OPS, op)
    service(actor=request.user, device=device, **_valid(make_form(form_class, request.user, request.data)))
    return Response(DeviceSerializer(s.device_get_for_user(request.user, pk)).data)


@api_view(["POST"])
def scan_upload(request: Request, pk: int) -> Response:
    """POST a multipart ``file`` holding the output of `bmnn-scan --format jsonl`."""
    device = s.device_get_for_user(request.user, pk)
    upload = _valid(f.ScanImportForm(request.data, request.FILES))["file"]
    made = scans.scan_import(actor=request.user, device=device, filename=upload.name, data=upload.read())
    return Response(ScanSerializer(made).data, status=status.HTTP_201_CREATED)


@api_view(["POST"])
def finding_resolve(request: Request, pk: int) -> Response:
    finding = s.finding_get_for_user(request.user, pk)
    data = _valid(f.FindingResolveForm(request.data))
    return Response(FindingSerializer(scans.finding_resolve(actor=request.user, finding=finding,
                                                            remedy=data["remedy"])).data)
