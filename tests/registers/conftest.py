"""Fixtures the registers tests share: a year of every register, and the lifecycle tests' records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.registry.models import Carrier
from bmnn.registry.services import handover_confirm, handover_create, incoming_receive, outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import at, clear_for_tuyet_mat, tuyet_mat_item
from tests.lifecycle.conftest import exam_paper, make_copies, plan  # noqa: F401

TM_ABSTRACT = "Phương án bảo vệ đề thi dự phòng"


@dataclass
class Year:
    """A year with something in every register: three outgoing levels, two incoming, a hand-over, a copy job."""

    mat: Carrier
    toi: Carrier
    tuyet: Carrier
    incoming: Carrier
    incoming_tuyet: Carrier


@pytest.fixture
def full_year(cast: Any) -> Year:
    clear_for_tuyet_mat(cast.clerk, cast.director)
    with clock.frozen_at(at(2026, 12, 30)):
        mat = outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))
        toi = outgoing_register(
            **outgoing_kwargs(
                cast, item_ids=[cast.exam_paper_item.pk], doc_type="Đề thi", abstract="Đề thi chính thức môn Toán"
            )
        )
        tuyet = outgoing_register(
            **outgoing_kwargs(cast, item_ids=[tuyet_mat_item().pk], doc_type="Phương án", abstract="")
        )
    with clock.frozen_at(at(2026, 12, 31)):
        incoming = incoming_receive(
            actor=cast.clerk,
            sender="Bộ Giáo dục và Đào tạo",
            doc_number="215/BGDĐT-QLCL",
            level=Level.MAT,
            doc_type="Công văn",
            abstract="Hướng dẫn bảo quản đề thi",
        )
        incoming_tuyet = incoming_receive(
            actor=cast.clerk,
            sender="UBND tỉnh",
            doc_number="04/UBND-NC",
            level=Level.TUYET_MAT,
            doc_type="Công văn",
            abstract="",
        )
        handover = handover_create(actor=cast.clerk, carrier=toi, to_person=cast.exams_head)
        handover_confirm(actor=cast.exams_head, handover=handover)
        handover_create(actor=cast.clerk, carrier=tuyet, to_person=cast.director)
        make_copies(cast, mat, 2)
    return Year(mat, toi, tuyet, incoming, incoming_tuyet)


@pytest.fixture
def leaky_abstracts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend storage let an abstract through for every TUYET_MAT record: prints must still leave it blank (R18).

    Storage refuses such an abstract (a database constraint), so the print layer is tested on its own.
    """

    def get(self: Carrier) -> str:
        if self.__dict__.get("level") == Level.TUYET_MAT:
            return TM_ABSTRACT
        return str(self.__dict__.get("abstract", ""))

    def put(self: Carrier, value: str) -> None:
        self.__dict__["abstract"] = value

    monkeypatch.setattr(Carrier, "abstract", property(get, put))
