"""The catalogue's REST reads: repeal requests the caller made or may decide."""

from __future__ import annotations

from typing import Any

from rest_framework import generics
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from .selectors import repeal_request_get_for_user, repeal_requests_visible_to
from .serializers import RepealRequestSerializer


class RepealRequestList(generics.ListAPIView):
    serializer_class = RepealRequestSerializer

    def get_queryset(self) -> Any:
        return repeal_requests_visible_to(self.request.user)


@api_view(["GET"])
def repeal_request_detail(request: Request, pk: int) -> Response:
    return Response(RepealRequestSerializer(repeal_request_get_for_user(request.user, pk)).data)
