"""How organisations and people look in the API: shape only."""

from __future__ import annotations

from rest_framework import serializers

from .models import Organisation, Person


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "parent", "symbol"]


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name")

    class Meta:
        model = Person
        fields = ["id", "username", "full_name", "organisation", "position", "title", "clearance",
                  "designated_for_secrets", "designation_ref"]
