"""The organisation's REST reads: units and people as far as the caller may see."""

from __future__ import annotations

from typing import Any

from rest_framework import generics

from .selectors import organisations_visible_to, people_visible_to
from .serializers import OrganisationSerializer, PersonSerializer


class OrganisationList(generics.ListAPIView):
    serializer_class = OrganisationSerializer

    def get_queryset(self) -> Any:
        return organisations_visible_to(self.request.user)


class PersonList(generics.ListAPIView):
    serializer_class = PersonSerializer

    def get_queryset(self) -> Any:
        return people_visible_to(self.request.user)
