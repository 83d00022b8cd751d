"""How incidents, staff records and devices look in the API: shape only."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bmnn.org.models import Person
from bmnn.registry.disclosure import HIDDEN_PATH
from bmnn.registry.models import Incident

from .models import Commitment, Device, DeviceFinding, IncidentReport, Remedy, ScanImport, Sweep, TrainingSession
from .selectors import sweep_units


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
        fields = [
            "id",
            "kind",
            "kind_label",
            "unit",
            "carrier_ids",
            "description",
            "found_by",
            "found_at",
            "recorded_at",
            "reported_to",
            "agency_notice",
            "agency_notified_at",
            "closed",
            "closed_at",
            "closing_note",
            "remedies",
        ]

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
        fields = [
            "id",
            "username",
            "full_name",
            "organisation",
            "designated_for_secrets",
            "designation_ref",
            "designation_date",
            "is_active",
        ]


class CommitmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Commitment
        fields = ["id", "kind", "signed_on"]


class TrainingSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField()
    attendees = serializers.SerializerMethodField()

    class Meta:
        model = TrainingSession
        fields = ["id", "unit", "title", "held_on", "trainer", "place", "attendees"]

    def get_attendees(self, session: TrainingSession) -> int:
        return session.attendees.count()


class DeviceSerializer(serializers.ModelSerializer):
    unit = serializers.StringRelatedField()

    class Meta:
        model = Device
        fields = [
            "id",
            "unit",
            "kind",
            "name",
            "serial",
            "location",
            "connection",
            "origin",
            "origin_note",
            "used_for_secrets",
            "needs_wipe",
            "status",
        ]


class ScanSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScanImport
        fields = ["id", "device_id", "filename", "imported_at", "lines", "secret_count", "clean_count", "error_count"]


class FindingSerializer(serializers.ModelSerializer):
    # S2: path and marks as selectors.findings_shown prepared them for the reader; unprepared, hidden (fail closed).
    path = serializers.SerializerMethodField()
    marks = serializers.SerializerMethodField()

    class Meta:
        model = DeviceFinding
        fields = ["id", "device_id", "path", "level", "marks", "status", "remedy", "resolved_at"]

    def get_path(self, finding: DeviceFinding) -> str:
        return getattr(finding, "shown_path", HIDDEN_PATH)

    def get_marks(self, finding: DeviceFinding) -> list[str]:
        return getattr(finding, "shown_marks", [])


class SweepSerializer(serializers.ModelSerializer):
    """A sweep with its summary per unit; the units as ``selectors.sweep_units`` prepared them for the reader.

    Unprepared (no reader known), every finding's path is hidden: fail closed (S2).
    """

    units = serializers.SerializerMethodField()

    class Meta:
        model = Sweep
        fields = ["id", "imported_at", "files", "units"]

    def get_units(self, sweep: Sweep) -> list[dict[str, Any]]:
        units = getattr(sweep, "shown_units", None)
        if units is None:
            units = sweep_units(None, sweep)
        return [
            {
                "unit": u.unit,
                "devices": u.devices,
                "lines": u.lines,
                "secret": u.secret,
                "clean": u.clean,
                "error": u.error,
                "scans": [x.pk for x in u.scans],
                "internet_with_secrets": [DeviceSerializer(d).data for d in u.internet_with_secrets],
                "not_swept": [DeviceSerializer(d).data for d in u.not_swept],
                "findings": FindingSerializer(u.findings, many=True).data,
            }
            for u in units
        ]
