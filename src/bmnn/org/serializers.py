"""How organisations and people look in the API: shape only."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.authtoken.models import Token

from .models import AccessRequest, Organisation, Person


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "parent", "symbol"]


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True, source="get_full_name")

    class Meta:
        model = Person
        fields = [
            "id",
            "username",
            "full_name",
            "organisation",
            "position",
            "title",
            "clearance",
            "designated_for_secrets",
            "designation_ref",
        ]


class AccountSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True, source="get_full_name")
    has_token = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "username", "full_name", "has_token"]

    def get_has_token(self, person: Person) -> bool:
        return Token.objects.filter(user=person).exists()


class TokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = Token
        fields = ["key", "created"]


class AccessRequestSerializer(serializers.ModelSerializer):
    person = serializers.StringRelatedField()
    requester = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()
    what = serializers.CharField(read_only=True, source="describe")

    class Meta:
        model = AccessRequest
        fields = [
            "id",
            "kind",
            "person_id",
            "person",
            "what",
            "payload",
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
