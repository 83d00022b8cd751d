"""How repeal requests look in the API: shape only."""

from __future__ import annotations

from rest_framework import serializers

from .models import RepealRequest


class RepealRequestSerializer(serializers.ModelSerializer):
    secret_list = serializers.StringRelatedField()
    item = serializers.StringRelatedField()
    requester = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()
    what = serializers.CharField(read_only=True, source="describe")

    class Meta:
        model = RepealRequest
        fields = [
            "id",
            "secret_list_id",
            "secret_list",
            "item_id",
            "item",
            "new_status",
            "what",
            "reasons",
            "requester_id",
            "requester",
            "requested_at",
            "status",
            "decided_by",
            "decided_at",
            "decision_reasons",
        ]
        read_only_fields = fields  # an answer, never an input: decisions go through the operations
