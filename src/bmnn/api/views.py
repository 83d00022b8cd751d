"""REST endpoints. Each parses input, calls one selector or service, renders the result."""

from __future__ import annotations

from typing import Any

from rest_framework import generics, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from bmnn.audit.vocabulary import label
from bmnn.core.errors import NotFound
from bmnn.org.selectors import organisations_visible_to, people_visible_to
from bmnn.registry import selectors, services

from . import serializers as s
from .pagination import CappedPageNumberPagination


class CarrierList(generics.ListAPIView):
    """GET /api/carriers/?q=&level=&status=&unit=&year=&direction= : what the caller may see (S2)."""

    serializer_class = s.CarrierSerializer
    pagination_class = CappedPageNumberPagination

    def get_queryset(self) -> Any:
        p = self.request.query_params
        return selectors.carrier_search(self.request.user, q=p.get("q", ""), level=p.get("level", ""),
                                        status=p.get("status", ""), unit=p.get("unit"), year=p.get("year"),
                                        direction=p.get("direction", ""))


@api_view(["GET"])
def carrier_detail(request: Request, pk: int) -> Response:
    carrier = selectors.carrier_get_for_user(request.user, pk)
    return Response(s.CarrierSerializer(carrier).data)


@api_view(["GET"])
def carrier_history(request: Request, pk: int) -> Response:
    carrier = selectors.carrier_get_for_user(request.user, pk)
    events = [{"seq": e.seq, "at": e.occurred_at, "actor": e.actor_repr, "action": e.action,
               "action_label": label(e.action), "basis": e.basis, "data": e.data}
              for e in selectors.carrier_history(carrier)]
    return Response(events)


@api_view(["GET"])
def carrier_counts(request: Request) -> Response:
    return Response(selectors.carrier_counts(request.user))


@api_view(["POST"])
def outgoing_register(request: Request) -> Response:
    data = s.OutgoingSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    carrier = services.outgoing_register(actor=request.user, **data.service_kwargs())
    return Response(s.CarrierSerializer(carrier).data, status=status.HTTP_201_CREATED)


@api_view(["POST"])
def incoming_receive(request: Request) -> Response:
    data = s.IncomingSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    carrier = services.incoming_receive(actor=request.user, **data.validated_data)
    return Response(s.CarrierSerializer(carrier).data, status=status.HTTP_201_CREATED)


@api_view(["POST"])
def incoming_sign_off(request: Request, pk: int) -> Response:
    carrier = selectors.carrier_get_for_user(request.user, pk)
    data = s.SignOffSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    carrier = services.incoming_sign_off(actor=request.user, carrier=carrier, **data.validated_data)
    return Response(s.CarrierSerializer(carrier).data)


@api_view(["POST"])
def handover_create(request: Request, pk: int) -> Response:
    carrier = selectors.carrier_get_for_user(request.user, pk)
    data = s.HandoverCreateSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    handover = services.handover_create(actor=request.user, carrier=carrier, **data.validated_data)
    return Response(s.HandoverSerializer(handover).data, status=status.HTTP_201_CREATED)


@api_view(["GET"])
def handovers_awaiting(request: Request) -> Response:
    return Response(s.HandoverSerializer(selectors.handovers_awaiting(request.user), many=True).data)


@api_view(["POST"])
def handover_confirm(request: Request, pk: int) -> Response:
    handover = selectors.handovers_awaiting(request.user).filter(pk=pk).first()
    if handover is None:
        raise NotFound()
    handover = services.handover_confirm(actor=request.user, handover=handover)
    return Response(s.HandoverSerializer(handover).data)


class OrganisationList(generics.ListAPIView):
    serializer_class = s.OrganisationSerializer

    def get_queryset(self) -> Any:
        return organisations_visible_to(self.request.user)


class PersonList(generics.ListAPIView):
    serializer_class = s.PersonSerializer

    def get_queryset(self) -> Any:
        return people_visible_to(self.request.user)
