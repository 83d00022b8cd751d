"""The registry's REST reads: the records a person may see, one record, its history, counts, hand-overs awaiting.

The operations (register, hand over, sign for) have their endpoints made from their declarations
(registry.operations).
"""

from __future__ import annotations

from typing import Any

from rest_framework import generics
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.audit.vocabulary import label

from . import selectors
from .disclosure import events_shown
from .pagination import CappedPageNumberPagination
from .serializers import CarrierSerializer, HandoverSerializer


class CarrierList(generics.ListAPIView):
    """GET /api/carriers/?q=&level=&status=&unit=&year=&direction= : what the caller may see (S2)."""

    serializer_class = CarrierSerializer
    pagination_class = CappedPageNumberPagination

    def get_queryset(self) -> Any:
        p = self.request.query_params
        return selectors.carrier_search(
            self.request.user,
            q=p.get("q", ""),
            level=p.get("level", ""),
            status=p.get("status", ""),
            unit=p.get("unit"),
            year=p.get("year"),
            direction=p.get("direction", ""),
        )


@api_view(["GET"])
def carrier_detail(request: Request, pk: int) -> Response:
    return Response(CarrierSerializer(selectors.carrier_get_for_user(request.user, pk)).data)


@api_view(["GET"])
def carrier_history(request: Request, pk: int) -> Response:
    carrier = selectors.carrier_get_for_user(request.user, pk)
    # S2, R18: each event's data as the caller may see it now (an abstract copied while the record was MAT is
    # dropped once it is TUYET_MAT), through the one helper the admin's audit log uses too.
    events = [
        {
            "seq": e.seq,
            "at": e.occurred_at,
            "actor": e.actor_repr,
            "channel": e.channel,
            "channel_label": e.get_channel_display(),
            "action": e.action,
            "action_label": label(e.action),
            "basis": e.basis,
            "data": data,
        }
        for e, _target, data in events_shown(request.user, selectors.carrier_history(carrier))
    ]
    return Response(events)


@api_view(["GET"])
def carrier_counts(request: Request) -> Response:
    return Response(selectors.carrier_counts(request.user))


@api_view(["GET"])
def handovers_awaiting(request: Request) -> Response:
    return Response(HandoverSerializer(selectors.handovers_awaiting(request.user), many=True).data)
