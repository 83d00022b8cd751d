"""Records the lifecycle tests share: a MAT plan, a TOI_MAT exam paper, their copies, the state of the world."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bmnn.approvals.models import Request
from bmnn.approvals.services import request_decide
from bmnn.catalog.models import SecretListItem
from bmnn.core.levels import Level
from bmnn.lifecycle.models import Council, LevelChange, Notice, Provision, Recall, Reminder
from bmnn.lifecycle.services.copying import copy_make, copy_request
from bmnn.registry.choices import CopyForm
from bmnn.registry.models import Carrier
from bmnn.registry.services import outgoing_register
from tests.conftest import Cast, outgoing_kwargs
from tests.helpers import operation_events

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    """A moment given in the installation's time zone, returned in UTC as the server clock gives it (R19)."""
    return dt.datetime(year, month, day, hour, tzinfo=VN).astimezone(dt.UTC)


@pytest.fixture
def plan(cast: Cast) -> Carrier:
    """A MAT transport plan kept by the clerk; copying permitted."""
    return outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))


@pytest.fixture
def exam_paper(cast: Cast) -> Carrier:
    """A TOI_MAT exam paper kept by the clerk; copying permitted."""
    return outgoing_register(
        **outgoing_kwargs(
            cast,
            item_ids=[cast.exam_paper_item.pk],
            copy_permitted=True,
            doc_type="Đề thi",
            abstract="Đề thi chính thức môn Toán",
        )
    )


def make_copies(cast: Cast, carrier: Carrier, count: int) -> list[Carrier]:
    """Copies approved by the director and made by the clerk (R12, R16)."""
    request = copy_request(
        actor=cast.officer,
        carrier=carrier,
        form=CopyForm.TRUE_COPY,
        count=count,
        recipients="Hội đồng thi",
        reasons="Phục vụ kỳ thi",
    )
    request_decide(actor=cast.director, request=request, approve=True)
    copy_make(actor=cast.clerk, request=request, made=count)
    return list(carrier.copies.order_by("copy_number"))


def tuyet_mat_item() -> SecretListItem:
    """A TUYET_MAT item, absent from the shipped education list, added for the tests."""
    other = SecretListItem.objects.get(level=Level.TOI_MAT, number="1")
    return SecretListItem.objects.create(
        secret_list=other.secret_list, level=Level.TUYET_MAT, number="1", text="Mục Tuyệt mật dùng cho thử nghiệm"
    )


def world() -> dict[str, Any]:
    """What a refused operation must leave as it was: rows, audit events, and each record's state."""
    return {
        "audit": operation_events().count(),
        "requests": list(Request.objects.values_list("pk", "status").order_by("pk")),
        "carriers": list(Carrier.objects.values_list("pk", "status", "level", "marks", "custodian").order_by("pk")),
        "rows": [model.objects.count() for model in (Provision, LevelChange, Notice, Council, Recall, Reminder)],
    }
