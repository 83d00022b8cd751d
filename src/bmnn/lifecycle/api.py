"""The lifecycle's REST reads: requests, due items, councils, recalls, notices, meetings.

The operations (requests, decisions, execution, councils, recall, meetings...) have their endpoints made
from their declarations (lifecycle.operations).
"""

from __future__ import annotations

from rest_framework.decorators import api_view
from rest_framework.request import Request as HttpRequest
from rest_framework.response import Response

from bmnn.approvals import selectors as approvals
from bmnn.registry.disclosure import payloads_shown

from . import selectors
from .serializers import RequestSerializer, present_council, present_meeting, present_notice, present_recall


@api_view(["GET"])
def requests_mine(request: HttpRequest) -> Response:
    return Response(RequestSerializer(payloads_shown(approvals.requests_of(request.user)), many=True).data)


@api_view(["GET"])
def requests_awaiting(request: HttpRequest) -> Response:
    return Response(RequestSerializer(payloads_shown(approvals.requests_awaiting(request.user)), many=True).data)


@api_view(["GET"])
def request_detail(request: HttpRequest, pk: int) -> Response:
    return Response(RequestSerializer(payloads_shown([selectors.request_get_for_user(request.user, pk)])[0]).data)


@api_view(["GET"])
def due(request: HttpRequest) -> Response:
    summary = selectors.due_summary(request.user)
    return Response(
        {
            "reminders": [
                {"text": r.text, "due": r.due, "person": str(r.person), "carrier": r.carrier_id}
                for r in summary["reminders"]
            ],
            "takeouts": [
                {"id": t.pk, "carrier": t.carrier_id, "due": t.due, "taken_by": str(t.taken_by)}
                for t in summary["takeouts"]
            ],
            "notices": [
                {"id": n.pk, "carrier": n.carrier_id, "kind": n.kind, "recipient": n.recipient, "due": n.due}
                for n in summary["notices"]
            ],
            "meetings": [
                {"id": m.pk, "title": m.title, "ends_on": m.ends_on, "documents_out": m.out_count}
                for m in summary["meetings"]
            ],
            "meetings_to_approve": [
                {"id": m.pk, "title": m.title, "level": m.level, "starts_on": m.starts_on}
                for m in summary["meetings_to_approve"]
            ],
        }
    )


@api_view(["GET"])
def councils(request: HttpRequest) -> Response:
    """The councils the person may see (S2)."""
    return Response([present_council(c) for c in selectors.councils_visible_to(request.user)[:200]])


@api_view(["GET"])
def council_detail(request: HttpRequest, pk: int) -> Response:
    return Response(present_council(selectors.council_get_for_user(request.user, pk)))


@api_view(["GET"])
def recalls(request: HttpRequest) -> Response:
    return Response([present_recall(r) for r in selectors.recalls_visible_to(request.user)[:200]])


@api_view(["GET"])
def recall_detail(request: HttpRequest, pk: int) -> Response:
    return Response(present_recall(selectors.recall_get_for_user(request.user, pk)))


@api_view(["GET"])
def notices(request: HttpRequest) -> Response:
    """Written notices still owed (extension, re-grade, declassification) on records the person sees."""
    return Response([present_notice(n) for n in selectors.pending_notices(request.user)])


@api_view(["GET"])
def meetings(request: HttpRequest) -> Response:
    """The meetings with secret content the person may see (R35, S2)."""
    return Response([present_meeting(m) for m in selectors.meetings_visible_to(request.user)[:200]])


@api_view(["GET"])
def meeting_detail(request: HttpRequest, pk: int) -> Response:
    return Response(present_meeting(selectors.meeting_get_for_user(request.user, pk)))
