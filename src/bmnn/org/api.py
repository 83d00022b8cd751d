"""The organisation's REST reads: units and people as far as the caller may see."""

from __future__ import annotations

from typing import Any

from rest_framework import generics
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from .selectors import (
    access_request_get_for_user,
    access_requests_visible_to,
    organisations_visible_to,
    people_visible_to,
)
from .serializers import AccessRequestSerializer, OrganisationSerializer, PersonSerializer


class OrganisationList(generics.ListAPIView):
    serializer_class = OrganisationSerializer

    def get_queryset(self) -> Any:
        return organisations_visible_to(self.request.user)


class PersonList(generics.ListAPIView):
    serializer_class = PersonSerializer

    def get_queryset(self) -> Any:
        return people_visible_to(self.request.user)


class AccessRequestList(generics.ListAPIView):
    """Access requests the caller made, that concern them, or that they may decide."""

    serializer_class = AccessRequestSerializer

    def get_queryset(self) -> Any:
        return access_requests_visible_to(self.request.user)


@api_view(["GET"])
def access_request_detail(request: Request, pk: int) -> Response:
    return Response(AccessRequestSerializer(access_request_get_for_user(request.user, pk)).data)
