"""A reporting tree on top of the cast: two schools under the department, the provincial police above it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.org.models import Organisation, OrgKind, Person, Position
from bmnn.registry.services import incoming_receive
from bmnn.reports import services
from tests.conftest import Cast, ensure_reference_data, make_person
from tests.helpers import at


@dataclass
class Tree:
    cast: Cast
    province: Organisation
    police: Organisation
    department: Organisation
    school: Organisation
    school2: Organisation
    principal: Person
    principal2: Person
    school_clerk: Person
    police_officer: Person
    admin: Person


@pytest.fixture
def tree(cast: Cast) -> Tree:
    ensure_reference_data()
    province = cast.department.parent
    police = Organisation.objects.create(
        name="Công an tỉnh Thử Nghiệm", kind=OrgKind.POLICE, parent=province, symbol="CAT", keeps_register=True
    )
    school2 = Organisation.objects.create(
        name="Trường THPT Nguyễn Trãi",
        kind=OrgKind.SCHOOL,
        parent=cast.department,
        symbol="THPT-NT",
        keeps_register=True,
    )
    admin = Person.objects.create_superuser(username="quantri", password="mat-khau-thu-nghiem")
    return Tree(
        cast=cast,
        province=province,
        police=police,
        department=cast.department,
        school=cast.school,
        school2=school2,
        principal=make_person(
            "hieutruong",
            cast.school,
            Position.HEAD,
            Level.TOI_MAT,
            first="Quang",
            last="Trịnh Văn",
            title="Hiệu trưởng",
        ),
        principal2=make_person(
            "hieutruong2", school2, Position.HEAD, Level.MAT, first="Hải", last="Lê Văn", title="Hiệu trưởng"
        ),
        school_clerk=make_person(
            "vanthutruong", cast.school, Position.CLERK, Level.TOI_MAT, designated=True, first="Nga", last="Cao Thị"
        ),
        police_officer=make_person(
            "canbocongan", police, Position.STAFF, Level.TOI_MAT, designated=True, first="Long", last="Phan Văn"
        ),
        admin=admin,
    )


def receive(clerk: Person, level: str, number: str, when: dt.datetime) -> Any:
    """Register an incoming secret at a given moment (R42 counts it by level)."""
    with clock.frozen_at(when):
        return incoming_receive(
            actor=clerk,
            sender="Bộ Giáo dục và Đào tạo",
            doc_number=number,
            level=level,
            doc_type="Công văn",
            abstract="" if level == Level.TUYET_MAT else "Hướng dẫn",
            storage_place="Tủ sắt số 1",
        )


TEXTS = {
    "situation": "Tình hình ổn định.",
    "results": "Thực hiện đầy đủ kế hoạch.",
    "proposals": "Đề nghị tập huấn cho văn thư.",
}


def submitted(unit: Organisation, head: Person, year: int = 2026, when: dt.datetime | None = None) -> Any:
    """Build, write and submit the unit's report at ``when`` (default 16/12 of the year)."""
    with clock.frozen_at(when or at(year, 12, 16)):
        report = services.report_build(actor=head, unit=unit, year=year)
        services.report_edit(actor=head, report=report, **TEXTS)
        return services.report_submit(actor=head, report=report)
