"""`bmnn demo` loads a usable province once, through the services (S3, S5)."""

import io

from django.core.management import call_command

from bmnn.audit.chain import verify
from bmnn.audit.models import AuditEvent
from bmnn.core.levels import Level
from bmnn.gate.models import GateCheck
from bmnn.org.models import Person
from bmnn.registry.choices import Status
from bmnn.registry.models import Carrier
from tests.conftest import ensure_reference_data


def test_demo_loads_once_with_every_level_and_status(db):
    ensure_reference_data()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "demo@2026" in out.getvalue() and "vanthu" in out.getvalue()
    assert Person.objects.count() >= 15
    assert Carrier.objects.count() >= 45
    assert set(Carrier.objects.values_list("level", flat=True)) == set(Level.values)
    assert {Status.IN_STORAGE, Status.IN_TRANSIT, Status.HELD} <= set(Carrier.objects.values_list("status", flat=True))
    assert not Carrier.objects.filter(level=Level.TUYET_MAT).exclude(abstract="").exists()
    # R29: the web editor's two checks before publishing, one clean, one stamped MẬT.
    assert sorted(GateCheck.objects.values_list("verdict", "level")) == [("clean", ""), ("secret", Level.MAT)]
    assert verify().ok
    events = AuditEvent.objects.count()
    call_command("demo", stdout=io.StringIO())
    assert AuditEvent.objects.count() == events and Carrier.objects.count() >= 45


def test_demo_logins_work(client, db):
    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())
    assert client.login(username="vanthu", password="demo@2026")
    assert "Phạm Thị Lan" in client.get("/").content.decode()
