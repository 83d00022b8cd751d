"""How the OpenAPI schema describes the project's endpoints.

Operation endpoints carry their input schema from the operation's form (bmnn.api.operations). A read
endpoint written as a plain function answers JSON built by its app; where no serializer says its shape,
the schema says "a JSON value" instead of dropping the endpoint, so every list a client needs is listed.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from rest_framework.generics import GenericAPIView


class Schema(AutoSchema):
    def _has_serializer(self) -> bool:
        view = self.view
        return isinstance(view, GenericAPIView) or hasattr(view, "get_serializer") or hasattr(
            view, "serializer_class")

    def get_request_serializer(self) -> Any:
        return super().get_request_serializer() if self._has_serializer() else None

    def get_response_serializers(self) -> Any:
        return super().get_response_serializers() if self._has_serializer() else OpenApiTypes.ANY
