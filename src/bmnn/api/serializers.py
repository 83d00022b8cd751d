"""Serializers: shape only. Rules live in the services."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bmnn.catalog.models import SecretListItem
from bmnn.core.levels import Level
from bmnn.core.limits import ABSTRACT_MAX, COUNT_MAX, TEXT_MAX
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import CarrierKind, Medium, Urgency
from bmnn.registry.models import Carrier, Handover

ERRORS = {"required": "Trường này là bắt buộc.", "invalid": "Giá trị không hợp lệ.",
          "null": "Trường này không được để trống.", "does_not_exist": "Không tồn tại (mã {pk_value}).",
          "invalid_choice": "Lựa chọn \"{input}\" không hợp lệ.", "blank": "Trường này không được để trống."}


def people() -> Any:
    return serializers.PrimaryKeyRelatedField(queryset=Person.objects.filter(is_active=True),
                                              error_messages=ERRORS)


class CarrierSerializer(serializers.ModelSerializer):
    level_label = serializers.CharField(read_only=True, source="get_level_display")
    status_label = serializers.CharField(read_only=True, source="get_status_display")
    custodian = serializers.StringRelatedField()
    agency = serializers.StringRelatedField()
    items = serializers.StringRelatedField(many=True)

    class Meta:
        model = Carrier
        fields = ["id", "agency", "direction", "kind", "medium", "reg_year", "reg_number", "doc_number",
                  "doc_date", "issuing_body", "doc_type", "abstract", "level", "level_label", "items",
                  "recipients", "copies_issued", "copy_permitted", "circulation_scope", "urgency",
                  "determination_date", "protection_until", "sender", "received_at", "unopened",
                  "custodian", "storage_place", "status", "status_label", "decision_basis"]


class OutgoingSerializer(serializers.Serializer):
    items = serializers.PrimaryKeyRelatedField(queryset=SecretListItem.objects.all(), many=True,
                                               error_messages=ERRORS)
    kind = serializers.ChoiceField(CarrierKind.choices, default=CarrierKind.DOCUMENT, error_messages=ERRORS)
    medium = serializers.ChoiceField(Medium.choices, default=Medium.PAPER, error_messages=ERRORS)
    doc_type = serializers.CharField(max_length=120, error_messages=ERRORS)
    symbol = serializers.CharField(max_length=60, error_messages=ERRORS)
    doc_date = serializers.DateField(required=False, error_messages=ERRORS)
    abstract = serializers.CharField(max_length=ABSTRACT_MAX, required=False, allow_blank=True, default="")
    drafter = people()
    decision_maker = people()
    recipients = serializers.CharField(max_length=TEXT_MAX, error_messages=ERRORS)
    copies_issued = serializers.IntegerField(max_value=COUNT_MAX, min_value=1, error_messages=ERRORS)
    copy_permitted = serializers.BooleanField(default=False)
    circulation_scope = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    urgency = serializers.ChoiceField(Urgency.choices, default=Urgency.NORMAL, error_messages=ERRORS)
    determination_date = serializers.DateField(required=False, error_messages=ERRORS)
    shorter_protection_until = serializers.DateField(required=False, allow_null=True, error_messages=ERRORS)
    custodian = people()
    storage_place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.validated_data)
        data["item_ids"] = [i.pk for i in data.pop("items")]
        return data


class IncomingSerializer(serializers.Serializer):
    sender = serializers.CharField(max_length=200, error_messages=ERRORS)
    doc_number = serializers.CharField(max_length=80, error_messages=ERRORS)
    level = serializers.ChoiceField(Level.choices, error_messages=ERRORS)
    doc_type = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    abstract = serializers.CharField(max_length=ABSTRACT_MAX, required=False, allow_blank=True, default="")
    doc_date = serializers.DateField(required=False, allow_null=True, error_messages=ERRORS)
    urgency = serializers.ChoiceField(Urgency.choices, default=Urgency.NORMAL, error_messages=ERRORS)
    medium = serializers.ChoiceField(Medium.choices, default=Medium.PAPER, error_messages=ERRORS)
    named_recipient = serializers.PrimaryKeyRelatedField(queryset=Person.objects.filter(is_active=True),
                                                         required=False, allow_null=True, error_messages=ERRORS)
    expected_count = serializers.IntegerField(max_value=COUNT_MAX, min_value=0, default=1)
    received_count = serializers.IntegerField(max_value=COUNT_MAX, min_value=0, default=1)
    packaging_intact = serializers.BooleanField(default=True)
    storage_place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    discrepancy_note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class SignOffSerializer(serializers.Serializer):
    expected_count = serializers.IntegerField(max_value=COUNT_MAX, min_value=0)
    received_count = serializers.IntegerField(max_value=COUNT_MAX, min_value=0)
    packaging_intact = serializers.BooleanField()


class HandoverCreateSerializer(serializers.Serializer):
    to_person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.filter(is_active=True),
                                                   required=False, allow_null=True, error_messages=ERRORS)
    to_unit = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False,
                                                 allow_null=True, error_messages=ERRORS)
    named_only = serializers.BooleanField(default=False)
    envelope_count = serializers.IntegerField(max_value=COUNT_MAX, min_value=1, default=1)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class HandoverSerializer(serializers.ModelSerializer):
    carrier = serializers.StringRelatedField()
    from_person = serializers.StringRelatedField()
    recipient = serializers.CharField(read_only=True, source="recipient_label")
    confirmed_by = serializers.StringRelatedField()

    class Meta:
        model = Handover
        fields = ["id", "number", "year", "carrier", "from_person", "recipient", "envelope_letter",
                  "envelope_count", "named_only", "note", "handed_at", "status", "confirmed_by", "confirmed_at"]


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "parent", "symbol"]


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True, source="get_full_name")

    class Meta:
        model = Person
        fields = ["id", "username", "full_name", "organisation", "position", "title", "clearance",
                  "designated_for_secrets", "designation_ref"]
