"""How the registry's records and hand-overs look in the API: shape only."""

from __future__ import annotations

from rest_framework import serializers

from .models import Carrier, Handover


class CarrierSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(read_only=True, source="get_level_display")
    status_label = serializers.CharField(read_only=True, source="get_status_display")
    custodian = serializers.StringRelatedField()
    agency = serializers.StringRelatedField()
    items = serializers.StringRelatedField(many=True)

    class Meta:
        model = Carrier
        fields = [
            "id",
            "agency",
            "direction",
            "kind",
            "medium",
            "reg_year",
            "reg_number",
            "doc_number",
            "doc_date",
            "issuing_body",
            "doc_type",
            "abstract",
            "level",
            "level_label",
            "items",
            "recipients",
            "copies_issued",
            "copy_permitted",
            "circulation_scope",
            "urgency",
            "determination_date",
            "protection_until",
            "sender",
            "received_at",
            "unopened",
            "custodian",
            "storage_place",
            "status",
            "status_label",
            "decision_basis",
        ]


class HandoverSerializer(serializers.ModelSerializer):
    carrier = serializers.StringRelatedField()
    from_person = serializers.StringRelatedField()
    recipient = serializers.CharField(read_only=True, source="recipient_label")
    confirmed_by = serializers.StringRelatedField()

    class Meta:
        model = Handover
        fields = [
            "id",
            "number",
            "year",
            "carrier",
            "from_person",
            "recipient",
            "envelope_letter",
            "envelope_count",
            "named_only",
            "note",
            "handed_at",
            "status",
            "confirmed_by",
            "confirmed_at",
        ]
