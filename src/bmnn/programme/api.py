"""REST reads of plans and their tasks (P1): lists, one plan with its matrix, one task with its history, print.

The operations (write, hand out tasks, attach, issue, report, remind, return) are declared in
programme.operations; their endpoints are made from the declarations (``/api/plans/<id>/issue/`` ...).
"""

from __future__ import annotations

from django.http import HttpResponse
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.core.errors import NotFound

from . import printing
from . import selectors as s
from .serializers import OccurrenceSerializer, PlanSerializer, occurrence_body, plan_body


@api_view(["GET"])
def plan_list(request: Request) -> Response:
    return Response(PlanSerializer(s.plans_visible_to(request.user)[:500], many=True).data)


@api_view(["GET"])
def plan_detail(request: Request, pk: int) -> Response:
    return Response(plan_body(s.plan_get_for_user(request.user, pk)))


@api_view(["GET"])
def plan_print(request: Request, pk: int, fmt: str) -> HttpResponse:
    plan = s.plan_get_for_user(request.user, pk)
    if fmt not in printing.FORMATS:
        raise NotFound()
    data, content_type = printing.render(plan, fmt)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{printing.filename(plan, fmt)}"'
    return response


@api_view(["GET"])
def occurrence_list(request: Request) -> Response:
    """Open work of the units in the person's scope ("our tasks")."""
    return Response(OccurrenceSerializer(s.tasks_for_unit_people(request.user)[:500], many=True).data)


@api_view(["GET"])
def occurrence_detail(request: Request, pk: int) -> Response:
    return Response(occurrence_body(s.occurrence_get_for_user(request.user, pk)))
