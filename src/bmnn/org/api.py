"""The organisation's REST reads: units and people as far as the caller may see."""

from __future__ import annotations

from typing import Any

from rest_framework import generics

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


class AccessRequestDetail(generics.RetrieveAPIView):
    serializer_class = AccessRequestSerializer

    def get_object(self) -> Any:
        return access_request_get_for_user(self.request.user, self.kwargs["pk"])
