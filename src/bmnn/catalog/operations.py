"""The catalogue's operations: the head decides a request to repeal a list of state secrets or an item.

Requests are filed by the administrator in the Django admin (catalog.admin); the decision is made here, on
the screen, the API or the command line (bmnn.core.operations).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bmnn.core.operations import Operation, Subject

from . import forms as f
from . import selectors, services
from .serializers import RepealRequestSerializer

REPEAL_REQUEST = Subject(
    "repeal-request",
    selectors.repeal_request_get_for_user,
    page="catalog:repeal-request",
    api="repeal-requests",
    web="danh-muc/de-nghi-bai-bo",
    present=lambda r: RepealRequestSerializer(r).data,
)

OPERATIONS = [
    Operation(
        "repeal-approve",
        _("Approve a state secret list repeal request"),
        form=f.ApproveForm,
        subject=REPEAL_REQUEST,
        check=services.repeal_decide_check,
        submit=_("Approve"),
        web="phe-duyet",
        api="approve",
        done=_("Approved; the list is updated at once."),
        run=lambda actor, request, data: services.repeal_request_approve(actor=actor, request=request, **data),
    ),
    Operation(
        "repeal-refuse",
        _("Refuse a state secret list repeal request"),
        form=f.RefuseForm,
        subject=REPEAL_REQUEST,
        check=services.repeal_decide_check,
        submit=_("Refuse"),
        web="tu-choi",
        api="refuse",
        done=_("The request was refused."),
        run=lambda actor, request, data: services.repeal_request_refuse(actor=actor, request=request, **data),
    ),
]
