"""How requests, take-outs, councils, recalls, notices and meetings look in the API: shape only."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bmnn.approvals.models import Request
from bmnn.core import clock
from bmnn.registry.disclosure import payload_shown, payloads_shown

from .models import Council, Meeting, Notice, Recall, Takeout


class RequestSerializer(serializers.ModelSerializer):
    operation_label = serializers.CharField(read_only=True, source="get_operation_display")
    status_label = serializers.CharField(read_only=True, source="get_status_display")
    requester = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()
    payload = serializers.SerializerMethodField()

    class Meta:
        model = Request
        fields = [
            "id",
            "subject_id",
            "subject_repr",
            "level",
            "operation",
            "operation_label",
            "requester",
            "reasons",
            "payload",
            "status",
            "status_label",
            "created_at",
            "decided_by",
            "decided_at",
            "decision_basis",
            "decision_reasons",
        ]

    def get_payload(self, request: Request) -> Any:
        return payload_shown(request)  # R18: the abstract as the record's current level allows


def present_request(request: Request) -> Any:
    return RequestSerializer(payloads_shown([request])[0]).data


def present_takeout(takeout: Takeout) -> dict[str, Any]:
    return {
        "id": takeout.pk,
        "carrier": takeout.carrier_id,
        "taken_by": str(takeout.taken_by),
        "checked_out_at": takeout.checked_out_at,
        "due": takeout.due,
        "abroad": takeout.abroad,
        "returned_at": takeout.returned_at,
        "closing_report": takeout.closing_report,
        # R32: abroad, the hand-over to the delegation's head and its notice.
        "delegation_head": takeout.delegation_head,
        "handed_over_items": takeout.handed_over_items,
        "delegation_notice_ref": takeout.delegation_notice_ref,
        "handed_over_at": takeout.handed_over_at,
    }


def present_council(council: Council) -> dict[str, Any]:
    confirmed = set(council.confirmations.values_list("member_id", flat=True))
    return {
        "id": council.pk,
        "purpose": council.purpose,
        "purpose_label": council.get_purpose_display(),
        "agency": str(council.agency),
        "setup_decision_ref": council.setup_decision_ref,
        "setup_date": council.setup_date,
        "chair": str(council.chair),
        "members": [
            {"id": m.pk, "name": str(m), "confirmed": m.pk in confirmed} for m in council.members.order_by("pk")
        ],
        "carriers": [
            {"id": c.pk, "label": str(c), "level": c.level, "status": c.status} for c in council.carriers.order_by("pk")
        ],
        "minutes": council.minutes,
        "minutes_at": council.minutes_at,
        "decision_ref": council.decision_ref,
        "decided_by": str(council.decided_by or ""),
        "decided_at": council.decided_at,
        "entries": [
            {"sequence": e.sequence, "carrier": e.carrier_id, "method": e.method, "executors": e.executors}
            for e in council.entries.order_by("sequence")
        ],
        "closed_at": council.closed_at,
    }


def present_recall(recall: Recall) -> dict[str, Any]:
    today = clock.today()
    return {
        "id": recall.pk,
        "carrier": recall.carrier_id,
        "label": str(recall.carrier),
        "return_by": recall.return_by,
        "reason": recall.reason,
        "issued_by": str(recall.issued_by),
        "issued_at": recall.issued_at,
        "closed_at": recall.closed_at,
        "items": [
            {
                "id": i.pk,
                "carrier": i.carrier_id,
                "holder": str(i.holder or ""),
                "returned_at": i.returned_at,
                "overdue": i.returned_at is None and recall.closed_at is None and recall.return_by < today,
            }
            for i in recall.items.select_related("holder").order_by("pk")
        ],
    }


def present_notice(notice: Notice) -> dict[str, Any]:
    return {
        "id": notice.pk,
        "carrier": notice.carrier_id,
        "label": str(notice.carrier),
        "kind": notice.kind,
        "kind_label": notice.get_kind_display(),
        "recipient": notice.recipient,
        "content": notice.content,
        "due": notice.due,
        "overdue": notice.sent_at is None and notice.due < clock.today(),
        "sent_at": notice.sent_at,
        "sent_by": str(notice.sent_by or ""),
    }


def present_meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "level": meeting.level,
        "agency": str(meeting.agency),
        "starts_on": meeting.starts_on,
        "ends_on": meeting.ends_on,
        "venue": meeting.venue,
        "offsite": meeting.offsite,
        "police_check_ref": meeting.police_check_ref,
        "equipment_check": meeting.equipment_check,
        "no_devices_control": meeting.no_devices_control,
        "guard_plan": meeting.guard_plan,
        "attendee_check": meeting.attendee_check,
        "attendees": [{"id": p.pk, "name": str(p)} for p in meeting.attendees.order_by("pk")],
        "created_by": str(meeting.created_by),
        "approved_by": str(meeting.approved_by or ""),
        "approved_at": meeting.approved_at,
        "closed_at": meeting.closed_at,
        "documents": [
            {
                "id": d.pk,
                "carrier": d.carrier_id,
                "label": str(d.carrier),
                "issued_to": str(d.issued_to),
                "issued_at": d.issued_at,
                "returned_at": d.returned_at,
            }
            for d in meeting.documents.select_related("carrier", "issued_to").order_by("pk")
        ],
        "seals": [
            {"day": s.day, "sealed_by": str(s.sealed_by), "sealed_at": s.sealed_at}
            for s in meeting.seals.select_related("sealed_by").order_by("day")
        ],
    }


def present_emergency(emergency: Any) -> dict[str, Any]:
    """An emergency destruction and its acknowledgement by the head (R37)."""
    return {
        "id": emergency.pk,
        "carrier": emergency.carrier_id,
        "custodian": str(emergency.custodian),
        "destroyed_at": emergency.destroyed_at,
        "reported_to": str(emergency.reported_to or ""),
        "acknowledged_at": emergency.acknowledged_at,
        "direction": emergency.direction,
    }


def present_delisting(review: Any) -> dict[str, Any]:
    """A record proposed to its head after its list items were repealed, and the head's decision (R48)."""
    return {
        "id": review.pk,
        "carrier": review.carrier_id,
        "repealed_items": review.repealed_items,
        "head": str(review.head or ""),
        "proposed_at": review.proposed_at,
        "status": review.status,
        "decided_by": str(review.decided_by or ""),
        "decided_at": review.decided_at,
        "new_item": str(review.new_item or ""),
        "reasons": review.reasons,
    }


def present_list_item(item: Any) -> dict[str, Any]:
    """A list item and, for a superseded list, the item of the replacement list it was mapped to (R48)."""
    return {
        "id": item.pk,
        "list": item.secret_list.decision_number,
        "list_status": item.secret_list.status,
        "level": item.level,
        "number": item.number,
        "repealed": item.repealed,
        "replaced_by": item.replaced_by_id,
        "mapped_by": str(item.mapped_by or ""),
        "mapped_at": item.mapped_at,
    }
