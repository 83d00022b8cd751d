"""`bmnn demo` loads a usable province once, through the services (S3, S5)."""

import io

from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

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
    assert "Demo@BMNN-2026" in out.getvalue() and "vanthu" in out.getvalue()
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
    response = client.post("/dang-nhap/", {"username": "vanthu", "password": "Demo@BMNN-2026"})
    assert response.status_code == 302
    assert "Phạm Thị Lan" in client.get("/").content.decode()


def test_demo_password_passes_the_password_policy_for_every_account(db):
    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())
    for person in Person.objects.all():
        validate_password("Demo@BMNN-2026", person)


def test_demo_enrols_every_approver_and_administrator_in_two_factor(db):
    ensure_reference_data()
    out = io.StringIO()
    call_command("demo", stdout=out)
    enrolled = set(TOTPDevice.objects.filter(confirmed=True).values_list("user__username", flat=True))
    assert {"giamdoc", "phogiamdoc", "quantri"} <= enrolled
    assert "vanthu" not in enrolled
    assert "bmnn logins code giamdoc" in out.getvalue()
