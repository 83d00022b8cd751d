"""A small programme world on top of the cast: the provincial police, a second school, heads and secret staff."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.org.models import Organisation, OrgKind, Person, Position
from bmnn.programme.choices import Recurrence
from bmnn.programme.models import Plan
from bmnn.programme.services import plan_create, plan_issue
from tests.conftest import Cast, ensure_reference_data, make_person
from tests.helpers import at

__all__ = ["World", "at"]


@dataclass
class World:
    cast: Cast
    police: Organisation
    school2: Organisation
    police_officer: Person
    principal: Person
    school_clerk: Person
    principal2: Person
    teacher: Person

    def directive_plan(self, **overrides: Any) -> Plan:
        """The provincial police's issued plan implementing Directive 32/CT-TTg, a task for the department."""
        values: dict[str, Any] = dict(
            actor=self.police_officer,
            unit=self.police,
            number=120,
            symbol="KH-CAT",
            place="Thử Nghiệm",
            issued_on=clock.today(),
            title="Thực hiện Chỉ thị số 32/CT-TTg về bảo vệ BMNN trong tình hình mới",
            basis="Luật Bảo vệ bí mật nhà nước số 117/2025/QH15;\nChỉ thị số 32/CT-TTg ngày 21/10/2025",
            purposes="Nâng cao nhận thức, trách nhiệm của người đứng đầu trong bảo vệ BMNN.",
            contents=["Tuyên truyền, phổ biến Luật Bảo vệ BMNN", "Tự kiểm tra công tác bảo vệ BMNN"],
            tasks=[
                dict(
                    title="Xây dựng kế hoạch tự kiểm tra công tác bảo vệ BMNN của ngành",
                    leads=[self.cast.department],
                    due=clock.today() + dt.timedelta(days=60),
                )
            ],
        )
        values.update(overrides)
        plan = plan_create(**values)
        return plan_issue(actor=self.police_officer, plan=plan)

    def department_plan(self, parent: Plan | None = None, *, issue: bool = True, **overrides: Any) -> Plan:
        """The department's plan handing a one-off task and a quarterly report to both schools."""
        c = self.cast
        source = parent.tasks.first().assignments.get(unit=c.department) if parent else None
        values: dict[str, Any] = dict(
            actor=c.director,
            unit=c.department,
            number=15,
            symbol="KH-SGDĐT",
            place="Thử Nghiệm",
            issued_on=clock.today(),
            parent=parent,
            title="Công tác bảo vệ bí mật nhà nước năm 2026",
            basis="Luật Bảo vệ bí mật nhà nước số 117/2025/QH15",
            purposes="Bảo đảm tuyệt đối an toàn BMNN của ngành giáo dục.",
            contents=["Tự kiểm tra tại các trường", "Báo cáo định kỳ"],
            tasks=[
                dict(
                    title="Tự kiểm tra công tác bảo vệ BMNN tại trường",
                    leads=[c.school, self.school2],
                    coordinators=[c.exams_division],
                    due=clock.today() + dt.timedelta(days=30),
                    source=source,
                ),
                dict(
                    title="Báo cáo tình hình bảo vệ BMNN",
                    leads=[c.school, self.school2],
                    recurrence=Recurrence.QUARTERLY,
                ),
            ],
        )
        values.update(overrides)
        plan = plan_create(**values)
        return plan_issue(actor=c.director, plan=plan) if issue else plan


@pytest.fixture
def world(cast: Cast) -> World:
    ensure_reference_data()
    province = cast.department.parent
    police = Organisation.objects.create(
        name="Công an tỉnh Thử Nghiệm", kind=OrgKind.POLICE, parent=province, symbol="CAT", keeps_register=True
    )
    school2 = Organisation.objects.create(
        name="Trường THPT Nguyễn Trãi",
        kind=OrgKind.SCHOOL,
        parent=cast.department,
        keeps_register=True,
        symbol="THPT-NT",
    )
    return World(
        cast=cast,
        police=police,
        school2=school2,
        police_officer=make_person(
            "congan", police, Position.STAFF, Level.TOI_MAT, designated=True, first="Long", last="Phan Văn"
        ),
        principal=make_person(
            "hieutruong",
            cast.school,
            Position.HEAD,
            Level.TOI_MAT,
            first="Quang",
            last="Trịnh Văn",
            title="Hiệu trưởng",
        ),
        school_clerk=make_person(
            "vanthutruong", cast.school, Position.CLERK, Level.MAT, designated=True, first="Nga", last="Cao Thị"
        ),
        principal2=make_person(
            "hieutruong2", school2, Position.HEAD, Level.TOI_MAT, first="Sơn", last="Lê Hồng", title="Hiệu trưởng"
        ),
        teacher=make_person("giaovien", cast.school, Position.STAFF, "", first="Tú", last="Ngô Anh"),
    )


@pytest.fixture(autouse=True)
def _fixed_day() -> Any:
    """Tests run on a fixed working day so periods and overdue flags are the same every run."""
    with clock.frozen_at(at(2026, 3, 2)):
        yield
