"""How the OpenAPI schema describes the project's endpoints.

Operation endpoints carry their input schema from the operation's form (bmnn.api.operations). A read
endpoint written as a plain function answers JSON built by its app; where no serializer says its shape,
the schema says "a JSON value" instead of dropping the endpoint, so every list a client needs is listed.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from rest_framework.generics import GenericAPIView


class Schema(AutoSchema):
    def _has_serializer(self) -> bool:
        view = self.view
        return isinstance(view, GenericAPIView) or hasattr(view, "get_serializer") or hasattr(view, "serializer_class")

    def get_operation_id(self) -> str:
        """A read written as a function is named after its app and function (``lifecycle_recall_detail``)."""
        view = type(self.view)
        if (
            view.__name__ != "WrappedAPIView"
            and view.__module__.startswith("bmnn.")
            and view.__module__.endswith((".api", ".api_inspections"))
            and not issubclass(view, GenericAPIView)
        ):
            app = view.__module__.split(".")[1]
            suffix = "" if self.method == "GET" else f"_{self.method.lower()}"
            return f"{app}_{view.__name__}{suffix}"
        return str(super().get_operation_id())

    def get_request_serializer(self) -> Any:
        return super().get_request_serializer() if self._has_serializer() else None

    def get_response_serializers(self) -> Any:
        return super().get_response_serializers() if self._has_serializer() else OpenApiTypes.ANY


class PasswordOnlyBasicScheme(OpenApiAuthenticationExtension):
    """The API's Basic authentication (locked accounts and second-factor users refused) is HTTP Basic."""

    target_class = "bmnn.api.authentication.PasswordOnlyBasicAuthentication"
    name = "basicAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "basic"}


class LockableTokenScheme(OpenApiAuthenticationExtension):
    """The API's token authentication: ``Authorization: Token <key>``."""

    target_class = "bmnn.api.authentication.LockableTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token <mã truy cập API của chính mình>",
        }
