"""``GET /api/lookup/people/`` and ``/api/lookup/units/``: whom a picker offers, as the person types.

The answer comes from the operation's own form, built for the same person and subject
(``Operation.make_form``), or from a page's filter form (``core.lookup.register_filter``): its field's
queryset is exactly whom the form accepts (cleared, designated, of the agency, as that form narrows it), so
the endpoint states no eligibility of its own. A person who may not start the operation, or open the page,
is refused as on its screen; a subject they may not see is not found.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bmnn.core import operations
from bmnn.core.limits import SEARCH_MAX
from bmnn.core.lookup import LookupInput, filter_form, matches


def _form(request: Request) -> Any:
    params = request.query_params
    purpose = params.get("purpose", "")
    op = operations.get(purpose)
    if op is None:
        form = filter_form(purpose, request.user)  # a page's filter: whom it may filter by, or not found
        if form is None:
            raise NotFound
        return form
    subject_pk = params.get("subject", "")
    subject = op.find(request.user, int(subject_pk) if subject_pk.isdigit() else None)
    if op.check is not None:
        op.check(request.user, subject)  # who may not start the operation is told so, as on its screen
    return op.make_form(request.user, subject)


def _picker(request: Request, kind: str) -> Any:
    field = _form(request).fields.get(request.query_params.get("field", ""))
    if field is None or not isinstance(field.widget, LookupInput) or field.widget.kind != kind:
        raise NotFound
    return field


class Lookup(APIView):
    kind = ""

    @extend_schema(
        summary="Tra cứu người hoặc đơn vị được chọn cho một thao tác (gõ đến đâu, gợi ý đến đó)",
        parameters=[
            OpenApiParameter("q", str, description="vài chữ của tên, không cần dấu"),
            OpenApiParameter("purpose", str, description="thao tác (slug), ví dụ handover-create"),
            OpenApiParameter("field", str, description="trường của biểu mẫu, ví dụ to_person"),
            OpenApiParameter("subject", int, required=False, description="mã đối tượng của thao tác"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        field = _picker(request, self.kind)
        found, more = matches(field.queryset, request.query_params.get("q", "")[:SEARCH_MAX])
        return Response({"results": [{"id": o.pk, "label": field.label_from_instance(o)} for o in found], "more": more})


class PeopleLookup(Lookup):
    kind = "people"


class UnitsLookup(Lookup):
    kind = "units"
