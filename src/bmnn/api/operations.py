"""The REST endpoint of every declared operation: ``POST /api/<collection>/<id>/<operation>/``.

The operation's form validates the body (the same Vietnamese messages as the screen), the
declaration runs the service, and the answer is the object made (201) or the subject as it is now
(200). The OpenAPI schema describes each endpoint from the same form.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.urls import URLPattern, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bmnn.core import operations
from bmnn.core.operations import Download, Operation


def form_errors(form: forms.Form) -> ValidationError:
    return ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})


def _schema_field(field: forms.Field) -> serializers.Field:
    """The serializer field that describes a form field in the schema (validation stays with the form)."""
    common: dict[str, Any] = {"required": field.required, "help_text": str(field.help_text or field.label or "")}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return serializers.ListField(child=serializers.IntegerField(), **common)
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(**common)
    if isinstance(field, forms.MultipleChoiceField):
        return serializers.MultipleChoiceField(choices=list(_choices(field)), **common)
    if isinstance(field, forms.ChoiceField):
        return serializers.ChoiceField(choices=[c for c in _choices(field) if c[0] != ""], **common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(required=False, help_text=common["help_text"])
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(min_value=field.min_value, max_value=field.max_value, **common)
    if isinstance(field, forms.DateTimeField):
        return serializers.DateTimeField(**common)
    if isinstance(field, forms.DateField):
        return serializers.DateField(**common)
    if isinstance(field, forms.FileField):
        return serializers.FileField(**common)
    if isinstance(field, forms.CharField):
        return serializers.CharField(max_length=field.max_length, allow_blank=not field.required, **common)
    return serializers.CharField(**common)


def _choices(field: forms.ChoiceField) -> Iterable[tuple[Any, Any]]:
    """A form field's choices, which Django normalises to (value, label) pairs when they are set."""
    return cast("Iterable[tuple[Any, Any]]", field.choices)


def input_schema(op: Operation) -> serializers.Serializer | None:
    form = op.make_form(None, None)
    if not form.fields:
        return None
    name = "".join(part.title() for part in op.slug.split("-")) + "Input"
    return inline_serializer(name, {key: _schema_field(f) for key, f in form.fields.items()})


def endpoint(op: Operation) -> type[APIView]:
    """The API view of one operation."""
    created = op.returns is not None  # a creation answers 201 with what it made; an action 200 with its subject

    class OperationEndpoint(APIView):
        def post(self, request: Request, pk: int | None = None) -> Response:
            subject = op.find(request.user, pk)
            if op.check is not None:
                op.check(request.user, subject)  # who may not act is told so, not which fields are missing
            form = op.bind(request.user, subject, request.data, request.FILES)
            if not form.is_valid():
                raise form_errors(form)
            result = op.execute(request.user, subject, form.cleaned_data)
            if isinstance(result, Download):
                return result.response()
            if op.returns is not None:
                return Response(op.returns.present(result), status=status.HTTP_201_CREATED)
            if subject is None:  # an operation that makes nothing to show: what was done
                return Response({"detail": op.done_message(result)})
            subject.refresh_from_db()
            return Response(op.subject.present(subject))  # type: ignore[union-attr]

        if op.api_list is not None:

            def get(self, request: Request) -> Response:
                return op.api_list(request._request)  # type: ignore[misc]

    kind = op.returns or op.subject
    OperationEndpoint.__name__ = OperationEndpoint.__qualname__ = op.slug.title().replace("-", "") + "Endpoint"
    OperationEndpoint.__doc__ = str(op.title)
    described = extend_schema(
        operation_id=op.slug,
        summary=op.title,
        tags=[op.app],
        request=input_schema(op),
        responses={
            (201 if created else 200): OpenApiResponse(description=f"{kind.name if kind else ''}"),
            400: OpenApiResponse(description="Dữ liệu không hợp lệ hoặc thao tác bị từ chối"),
            404: OpenApiResponse(description="Không tìm thấy hồ sơ"),
        },
    )
    # The schema decorators wrap the methods once the declaration is known, after the class is made.
    OperationEndpoint.post = described(OperationEndpoint.post)  # type: ignore[method-assign]
    if op.api_list is not None:
        listed = extend_schema(
            operation_id=f"{op.slug}-list",
            summary=f"Danh sách ({kind.name if kind else ''})",
            tags=[op.app],
            responses={200: OpenApiTypes.ANY},
        )
        OperationEndpoint.get = listed(OperationEndpoint.get)  # type: ignore[method-assign]
    return OperationEndpoint


def urlpatterns() -> list[URLPattern]:
    """One route per declared operation, at its endpoint's path, named ``api:<slug>``."""
    return [path(op.api_path, endpoint(op).as_view(), name=op.slug) for op in operations.load().values()]
