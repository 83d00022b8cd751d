"""Small helpers the registry, audit and API tests share: moments in time, a TUYET_MAT item, the state of the world."""

from __future__ import annotations

import datetime as dt
import io
import os
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.core.management import call_command
from rest_framework.authtoken.models import Token

from bmnn.audit.models import AuditEvent
from bmnn.catalog.models import SecretListItem
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.org.models import Person
from bmnn.org.signins import SIGN_IN_ACTIONS
from bmnn.registry.models import Assignment, Carrier, Handover, Incident, RegisterSeries

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A moment given in the installation's time zone, returned in UTC (as the server clock gives it), for
    ``clock.frozen_at``: code reading a year or a date off it without converting to local time shows (R19)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN).astimezone(dt.UTC)


def tuyet_mat_item() -> SecretListItem:
    """A TUYET_MAT item, absent from the shipped education list, added for the tests."""
    other = SecretListItem.objects.get(level=Level.TOI_MAT, number="1")
    return SecretListItem.objects.create(secret_list=other.secret_list, level=Level.TUYET_MAT, number="1",
                                         text="Mục Tuyệt mật dùng cho thử nghiệm")


def clear_for_tuyet_mat(*people: Person) -> None:
    """Raise these people's clearance to TUYET_MAT (nobody in the cast has it)."""
    for person in people:
        person.clearance = Level.TUYET_MAT
        person.save(update_fields=["clearance"])


def last_number(kind: str, agency: Any, year: int | None = None) -> int:
    """The last number taken in a register series this year, or in ``year`` (0 when none was ever taken)."""
    year = clock.today().year if year is None else year
    series = RegisterSeries.objects.filter(agency=agency, kind=kind, year=year).first()
    return series.last_number if series is not None else 0


def operation_events() -> Any:
    """The audit events of operations: without logins and token use, which happen before any operation runs."""
    return AuditEvent.objects.exclude(action__in=SIGN_IN_ACTIONS)


def world() -> dict[str, Any]:
    """Everything a refused operation must leave as it was: rows, numbers taken, audit events, states."""
    return {
        "carriers": list(Carrier.objects.order_by("pk").values_list(
            "pk", "status", "level", "custodian", "reg_number", "abstract")),
        "series": list(RegisterSeries.objects.order_by("pk").values_list("agency", "kind", "year", "last_number")),
        "handovers": list(Handover.objects.order_by("pk").values_list("pk", "status", "confirmed_by")),
        "incidents": Incident.objects.count(),
        "assignments": Assignment.objects.count(),
        "audit": list(operation_events().order_by("seq").values_list("seq", "action")),
    }


def command(name: str, username: str, *args: Any) -> str:
    """Run ``bmnn <name> --as <username> ...`` authenticated by that person's own API token; return its output."""
    person = Person.objects.get(username=username)
    token, _ = Token.objects.get_or_create(user=person)
    out = io.StringIO()
    with mock.patch.dict(os.environ, {"BMNN_TOKEN": token.key}):
        call_command(name, "--as", username, *args, stdout=out)
    return out.getvalue()
