"""How periodic reports and imported packages look in the API: shape only."""

from __future__ import annotations

from rest_framework import serializers

from .models import ImportedReport, PeriodicReport


class ReportSerializer(serializers.ModelSerializer):
    organisation = serializers.StringRelatedField()
    recipient = serializers.StringRelatedField()
    submitted_by = serializers.StringRelatedField()
    status_label = serializers.CharField(read_only=True, source="get_status_display")

    class Meta:
        model = PeriodicReport
        fields = [
            "id",
            "organisation",
            "year",
            "window_start",
            "window_end",
            "due",
            "recipient",
            "status",
            "status_label",
            "situation",
            "results",
            "incidents_text",
            "proposals",
            "figures",
            "figures_at",
            "submitted_by",
            "submitted_at",
        ]


class ImportedSerializer(serializers.ModelSerializer):
    organisation = serializers.StringRelatedField()
    recipient = serializers.StringRelatedField()
    imported_by = serializers.StringRelatedField()

    class Meta:
        model = ImportedReport
        fields = ["id", "organisation", "recipient", "year", "data", "data_sha256", "imported_by", "imported_at"]
