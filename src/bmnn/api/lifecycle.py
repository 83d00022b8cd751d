"""REST endpoints of the lifecycle: requests, decisions, execution, return, due items, councils, meetings.

Input is validated by the same Django forms as the web screens (lifecycle.operations), so a
field the UI refuses, the API refuses with the same Vietnamese message.
"""

from __future__ import annotations

from typing import Any

from django import forms
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request as HttpRequest
from rest_framework.response import Response

from bmnn.approvals import selectors as approvals
from bmnn.approvals.models import Request
from bmnn.approvals.services import request_decide
from bmnn.core import clock
from bmnn.core.errors import NotFound
from bmnn.lifecycle.forms import (
    CouncilSetUpForm,
    DecisionForm,
    MeetingPlanForm,
    PendingClassificationForm,
    ReturnForm,
)
from bmnn.lifecycle.models import Council, Meeting, Recall, Takeout
from bmnn.lifecycle.operations import ACTIONS, EXECUTE, NEW_REQUESTS
from bmnn.lifecycle.selectors import (
    council_get_for_user,
    councils_visible_to,
    due_summary,
    meeting_get_for_user,
    meetings_visible_to,
    pending_notices,
    recall_get_for_user,
    recalls_visible_to,
    request_get_for_user,
    subject_get_for_user,
)
from bmnn.lifecycle.services.classification import classification_pending
from bmnn.lifecycle.services.councils import council_set_up
from bmnn.lifecycle.services.meetings import meeting_plan
from bmnn.lifecycle.services.takeout import takeout_return
from bmnn.registry import selectors as registry


class RequestSerializer(serializers.ModelSerializer):
    operation_label = serializers.CharField(read_only=True, source="get_operation_display")
    status_label = serializers.CharField(read_only=True, source="get_status_display")
    requester = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()

    class Meta:
        model = Request
        fields = ["id", "subject_id", "subject_repr", "level", "operation", "operation_label", "requester",
                  "reasons", "payload", "status", "status_label", "created_at", "decided_by", "decided_at",
                  "decision_basis", "decision_reasons"]


def _valid(form: forms.Form) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    return form.cleaned_data


@api_view(["GET"])
def requests_mine(request: HttpRequest) -> Response:
    return Response(RequestSerializer(approvals.requests_of(request.user), many=True).data)


@api_view(["GET"])
def requests_awaiting(request: HttpRequest) -> Response:
    return Response(RequestSerializer(approvals.requests_awaiting(request.user), many=True).data)


@api_view(["GET"])
def request_detail(request: HttpRequest, pk: int) -> Response:
    return Response(RequestSerializer(request_get_for_user(request.user, pk)).data)


@api_view(["POST"])
def request_new(request: HttpRequest, pk: int, kind: str) -> Response:
    """POST /api/carriers/<id>/requests/<kind>/, kind one of lifecycle.operations.NEW_REQUESTS."""
    if kind not in NEW_REQUESTS:
        raise NotFound()
    carrier = registry.carrier_get_for_user(request.user, pk)
    _title, form_class, service = NEW_REQUESTS[kind]
    made = service(actor=request.user, carrier=carrier, **_valid(form_class(request.data)))
    return Response(RequestSerializer(made).data, status=status.HTTP_201_CREATED)


@api_view(["POST"])
def request_decision(request: HttpRequest, pk: int) -> Response:
    req = request_get_for_user(request.user, pk)
    data = _valid(DecisionForm(request.data))
    return Response(RequestSerializer(request_decide(actor=request.user, request=req, approve=data["approve"],
                                                     reasons=data["reasons"])).data)


@api_view(["POST"])
def request_execute(request: HttpRequest, pk: int) -> Response:
    req = request_get_for_user(request.user, pk)
    if req.operation not in EXECUTE:
        raise NotFound()
    form_class, service, _label = EXECUTE[req.operation]
    service(actor=request.user, request=req, **_valid(form_class(request.data) if form_class else forms.Form({})))
    req.refresh_from_db()
    return Response(RequestSerializer(req).data)


@api_view(["POST"])
def takeout_back(request: HttpRequest, pk: int) -> Response:
    takeout = Takeout.objects.filter(pk=pk).first()
    if takeout is None:
        raise NotFound()
    registry.carrier_get_for_user(request.user, takeout.carrier_id)
    data = _valid(ReturnForm(request.data))
    takeout = takeout_return(actor=request.user, takeout=takeout, closing_report=data["closing_report"])
    return Response({"id": takeout.pk, "returned_at": takeout.returned_at, "carrier": takeout.carrier_id})


@api_view(["GET"])
def due(request: HttpRequest) -> Response:
    summary = due_summary(request.user)
    return Response({
        "reminders": [{"text": r.text, "due": r.due, "person": str(r.person), "carrier": r.carrier_id}
                      for r in summary["reminders"]],
        "takeouts": [{"id": t.pk, "carrier": t.carrier_id, "due": t.due, "taken_by": str(t.taken_by)}
                     for t in summary["takeouts"]],
        "notices": [{"id": n.pk, "carrier": n.carrier_id, "kind": n.kind, "recipient": n.recipient, "due": n.due}
                    for n in summary["notices"]],
        "meetings": [{"id": m.pk, "title": m.title, "ends_on": m.ends_on, "documents_out": m.out_count}
                     for m in summary["meetings"]],
        "meetings_to_approve": [{"id": m.pk, "title": m.title, "level": m.level, "starts_on": m.starts_on}
                                for m in summary["meetings_to_approve"]],
    })


def _council(council: Council) -> dict[str, Any]:
    return {
        "id": council.pk, "purpose": council.purpose, "purpose_label": council.get_purpose_display(),
        "agency": str(council.agency), "setup_decision_ref": council.setup_decision_ref,
        "setup_date": council.setup_date, "chair": str(council.chair),
        "members": [{"id": m.pk, "name": str(m), "confirmed": m.pk in confirmed}
                    for confirmed in [set(council.confirmations.values_list("member_id", flat=True))]
                    for m in council.members.order_by("pk")],
        "carriers": [{"id": c.pk, "label": str(c), "level": c.level, "status": c.status}
                     for c in council.carriers.order_by("pk")],
        "minutes": council.minutes, "minutes_at": council.minutes_at, "decision_ref": council.decision_ref,
        "decided_by": str(council.decided_by or ""), "decided_at": council.decided_at,
        "entries": [{"sequence": e.sequence, "carrier": e.carrier_id, "method": e.method, "executors": e.executors}
                    for e in council.entries.order_by("sequence")],
        "closed_at": council.closed_at,
    }


def _recall(recall: Recall) -> dict[str, Any]:
    return {
        "id": recall.pk, "carrier": recall.carrier_id, "label": str(recall.carrier), "return_by": recall.return_by,
        "reason": recall.reason, "issued_by": str(recall.issued_by), "issued_at": recall.issued_at,
        "closed_at": recall.closed_at,
        "items": [{"id": i.pk, "carrier": i.carrier_id, "holder": str(i.holder or ""), "returned_at": i.returned_at,
                   "overdue": i.returned_at is None and recall.closed_at is None and recall.return_by < clock.today()}
                  for i in recall.items.select_related("holder").order_by("pk")],
    }


@api_view(["GET", "POST"])
def councils(request: HttpRequest) -> Response:
    """GET: the councils the person may see. POST: record the decision setting one up (R11, R36)."""
    if request.method == "GET":
        return Response([_council(c) for c in councils_visible_to(request.user)[:200]])
    data = _valid(CouncilSetUpForm(request.data, user=request.user))
    council = council_set_up(actor=request.user, **data)
    return Response(_council(council), status=status.HTTP_201_CREATED)


@api_view(["GET"])
def council_detail(request: HttpRequest, pk: int) -> Response:
    return Response(_council(council_get_for_user(request.user, pk)))


@api_view(["GET"])
def recalls(request: HttpRequest) -> Response:
    return Response([_recall(r) for r in recalls_visible_to(request.user)[:200]])


@api_view(["GET"])
def recall_detail(request: HttpRequest, pk: int) -> Response:
    return Response(_recall(recall_get_for_user(request.user, pk)))


@api_view(["GET"])
def notices(request: HttpRequest) -> Response:
    """Written notices still owed (extension, re-grade, declassification) on records the person sees."""
    return Response([{"id": n.pk, "carrier": n.carrier_id, "label": str(n.carrier), "kind": n.kind,
                      "kind_label": n.get_kind_display(), "recipient": n.recipient, "content": n.content,
                      "due": n.due, "overdue": n.due < clock.today()} for n in pending_notices(request.user)])


@api_view(["POST"])
def action(request: HttpRequest, pk: int, slug: str) -> Response:
    """POST an operation of lifecycle.operations.ACTIONS on its object; the url names the slug."""
    act = ACTIONS[slug]
    subject = subject_get_for_user(act.subject, request.user, pk)
    form = act.form(request.data, subject=subject, user=request.user)
    _valid(form)
    result = act.run(request.user, subject, form)
    subject.refresh_from_db()
    if act.subject == "council":
        return Response(_council(subject))
    if act.subject == "recall_item":
        return Response(_recall(subject.recall))
    if act.subject in ("meeting", "meeting_document"):
        return Response(_meeting(subject.meeting if act.subject == "meeting_document" else subject))
    if isinstance(result, Recall):
        return Response(_recall(result), status=status.HTTP_201_CREATED)
    return Response({"id": getattr(result, "pk", None), "subject": subject.pk, "done": act.done})


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk, "title": meeting.title, "level": meeting.level, "agency": str(meeting.agency),
        "starts_on": meeting.starts_on, "ends_on": meeting.ends_on, "venue": meeting.venue,
        "offsite": meeting.offsite, "police_check_ref": meeting.police_check_ref,
        "equipment_check": meeting.equipment_check, "no_devices_control": meeting.no_devices_control,
        "guard_plan": meeting.guard_plan, "attendee_check": meeting.attendee_check,
        "attendees": [{"id": p.pk, "name": str(p)} for p in meeting.attendees.order_by("pk")],
        "created_by": str(meeting.created_by), "approved_by": str(meeting.approved_by or ""),
        "approved_at": meeting.approved_at, "closed_at": meeting.closed_at,
        "documents": [{"id": d.pk, "carrier": d.carrier_id, "label": str(d.carrier), "issued_to": str(d.issued_to),
                       "issued_at": d.issued_at, "returned_at": d.returned_at}
                      for d in meeting.documents.select_related("carrier", "issued_to").order_by("pk")],
        "seals": [{"day": s.day, "sealed_by": str(s.sealed_by), "sealed_at": s.sealed_at}
                  for s in meeting.seals.select_related("sealed_by").order_by("day")],
    }


@api_view(["GET", "POST"])
def meetings(request: HttpRequest) -> Response:
    """GET: the meetings with secret content the person may see. POST: plan one with its controls (R35)."""
    if request.method == "GET":
        return Response([_meeting(m) for m in meetings_visible_to(request.user)[:200]])
    meeting = meeting_plan(actor=request.user, **_valid(MeetingPlanForm(request.data, user=request.user)))
    return Response(_meeting(meeting), status=status.HTTP_201_CREATED)


@api_view(["GET"])
def meeting_detail(request: HttpRequest, pk: int) -> Response:
    return Response(_meeting(meeting_get_for_user(request.user, pk)))


@api_view(["POST"])
def pending_classification(request: HttpRequest) -> Response:
    """R5: unmarked information a list item covers, protected meanwhile, with a task for its handler."""
    form = PendingClassificationForm(request.data, user=request.user)
    _valid(form)
    carrier = classification_pending(actor=request.user, **form.service_kwargs())
    return Response({"id": carrier.pk, "level": carrier.level, "marks": carrier.marks},
                    status=status.HTTP_201_CREATED)
