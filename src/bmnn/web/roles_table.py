"""Who can do what: each declared operation's ``check`` asked for the demo's role accounts (README).

The table is computed, never written: for every operation (bmnn.core.operations) and every role account of
the demo (``bmnn demo``), a cell is marked when the operation's own ``check`` lets that person start it, on
the demo data as it stands on ``AS_OF``. An operation that acts on an object (a record, a request, a plan...)
is marked when there is at least one such object the person can open (through the same ``..._get_for_user``
funnel as every screen) on which the check passes. The service may still refuse for the input (a level above
the person's clearance, a missing field): the table says who is offered the operation, as the pages do.
``tests/test_readme.py`` fails when the README's copy differs.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import models

from bmnn.core import clock, operations
from bmnn.core.errors import DomainError
from bmnn.core.operations import Operation, Subject
from bmnn.org.models import Person

# The demo's role accounts, as columns (user name, role as a reader of the README knows it).
ROLES = [
    ("giamdoc", "Giám đốc Sở (người đứng đầu)"),
    ("phogiamdoc", "Phó Giám đốc (được ủy quyền)"),
    ("vanthu", "Văn thư Sở"),
    ("truongkhaothi", "Trưởng phòng"),
    ("chuyenvienkhaothi", "Chuyên viên (Tối mật)"),
    ("canbomat", "Chuyên viên (Mật)"),
    ("chuyenvien", "Chuyên viên chưa được tiếp cận BMNN"),
    ("thanhtra", "Chánh Thanh tra Sở"),
    ("hieutruong", "Hiệu trưởng (đơn vị trực thuộc)"),
    ("quantri", "Quản trị hệ thống"),
]
# The day the table describes: the demo data's last month, so the table does not change with the calendar.
AS_OF = dt.datetime(2026, 11, 30, 10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
YES, NO = "✓", ""
NO_CASE = "dữ liệu mẫu chưa có trường hợp nào"  # no object in the demo data is in a state that allows it


class DemoMissing(LookupError):
    """The role accounts are not in the database: load the demo first."""


def subject_model(subject: Subject) -> type[models.Model]:
    """The model a subject's ``..._get_for_user`` funnel returns (its return annotation)."""
    model = typing.get_type_hints(subject.get_for_user).get("return")
    if not (isinstance(model, type) and issubclass(model, models.Model)):
        raise TypeError(f"the funnel of subject {subject.name!r} does not declare the model it returns")
    return model


class _Candidates:
    """The objects of each kind a person can open, found once per person and kind."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int], list[Any]] = {}

    def of(self, subject: Subject, person: Person) -> list[Any]:
        key = (subject.name, person.pk)
        if key not in self._cache:
            self._cache[key] = list(self._open(subject, person))
        return self._cache[key]

    @staticmethod
    def _open(subject: Subject, person: Person) -> Iterable[Any]:
        pks = subject_model(subject)._default_manager.order_by("pk").values_list("pk", flat=True)
        for pk in pks:
            try:
                yield subject.get_for_user(person, pk)
            except DomainError:
                continue


def _may(op: Operation, person: Person, candidates: _Candidates) -> bool:
    if op.subject is None:
        return op.allowed(person, None)
    return any(op.allowed(person, obj) for obj in candidates.of(op.subject, person))


def _group(op: Operation) -> str:
    return str(apps.get_app_config(op.app).verbose_name)


def operations_table() -> str:
    """The Markdown table of operations (rows) by role account (columns), from the database's demo data."""
    people = {p.username: p for p in Person.objects.filter(username__in=[u for u, _ in ROLES])}
    missing = [u for u, _ in ROLES if u not in people]
    if missing:
        raise DemoMissing(f"Chưa có tài khoản mẫu {', '.join(missing)}: chạy bmnn demo trước.")
    header = ["Nhóm", "Thao tác", *(f"{label} (`{u}`)" for u, label in ROLES)]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    candidates = _Candidates()
    with clock.frozen_at(AS_OF):
        for op in sorted(operations.load().values(), key=_order()):
            cells = [YES if _may(op, people[u], candidates) else NO for u, _ in ROLES]
            title = str(op.title) if YES in cells else f"{op.title} ({NO_CASE})"
            rows.append("| " + " | ".join([_group(op), title, *cells]) + " |")
    return "\n".join(rows) + "\n"


def _order() -> Any:
    """Apps in the order they are installed (the layers, bottom up), operations as each app declares them."""
    position = {config.label: i for i, config in enumerate(apps.get_app_configs())}
    declared = {slug: i for i, slug in enumerate(operations.load())}
    return lambda op: (position.get(op.app, len(position)), declared[op.slug])


__all__ = ["AS_OF", "ROLES", "DemoMissing", "operations_table", "subject_model"]
