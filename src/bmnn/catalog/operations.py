"""The catalogue's operations: the head decides a request to repeal a list of state secrets or an item.

Requests are filed by the administrator in the Django admin (catalog.admin); the decision is made here, on
the screen, the API or the command line (bmnn.core.operations).
"""

from __future__ import annotations

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
        "Phê duyệt đề nghị bãi bỏ danh mục BMNN",
        form=f.ApproveForm,
        subject=REPEAL_REQUEST,
        check=services.repeal_decide_check,
        submit="Phê duyệt",
        web="phe-duyet",
        api="approve",
        done="Đã phê duyệt; danh mục được cập nhật ngay.",
        run=lambda actor, request, data: services.repeal_request_approve(actor=actor, request=request, **data),
    ),
    Operation(
        "repeal-refuse",
        "Từ chối đề nghị bãi bỏ danh mục BMNN",
        form=f.RefuseForm,
        subject=REPEAL_REQUEST,
        check=services.repeal_decide_check,
        submit="Từ chối",
        web="tu-choi",
        api="refuse",
        done="Đã từ chối đề nghị.",
        run=lambda actor, request, data: services.repeal_request_refuse(actor=actor, request=request, **data),
    ),
]
