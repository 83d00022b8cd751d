"""The catalogue's REST reads: repeal requests the caller made or may decide."""

from __future__ import annotations

from typing import Any

from rest_framework import generics

from .selectors import repeal_request_get_for_user, repeal_requests_visible_to
from .serializers import RepealRequestSerializer


class RepealRequestList(generics.ListAPIView):
    serializer_class = RepealRequestSerializer

    def get_queryset(self) -> Any:
        return repeal_requests_visible_to(self.request.user)


class RepealRequestDetail(generics.RetrieveAPIView):
    serializer_class = RepealRequestSerializer

    def get_object(self) -> Any:
        return repeal_request_get_for_user(self.request.user, self.kwargs["pk"])
