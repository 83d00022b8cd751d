"""REST endpoint of the pre-publication gate: the same service as the screen."""

from __future__ import annotations

from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from .forms import GateForm
from .services import file_check


@api_view(["POST"])
def gate_check(request: Request) -> Response:
    """POST a multipart ``file``; answer the verdict. 201 with ``may_publish`` true only for a clean file."""
    form = GateForm(request.data, request.FILES)
    if not form.is_valid():
        raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
    upload = form.cleaned_data["file"]
    outcome = file_check(actor=request.user, name=upload.name, chunks=upload.chunks())
    check = outcome.check
    return Response(
        {
            "id": check.pk,
            "sha256": check.sha256,
            "verdict": check.verdict,
            "level": check.level or None,
            "may_publish": check.may_publish,
            "marks": [mark.as_dict() for mark in outcome.marks],
            "error": outcome.error,
            "checked_at": check.checked_at,
        },
        status=status.HTTP_201_CREATED,
    )
