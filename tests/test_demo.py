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


def test_demo_shows_each_waiting_workflow_once_on_the_due_pages_R5_R7_R25_R32_R37_R41_R48(client, db):
    """Each workflow of the law's second pass waits once for its person: the director's pending decisions
    (an emergency destruction report R37, a record whose list item was repealed R48), the division head's
    pending classification (R5), the clerk's owed notices (an extension R7, the sender of a mismatch R25), a
    record taken abroad awaiting its hand-over (R32); and the five-year summary in draft (R41)."""
    from django.urls import reverse

    from bmnn.lifecycle.models import DelistingReview, EmergencyDestruction, LevelChange, Notice, Reminder, Takeout
    from bmnn.registry.models import Incident
    from bmnn.reports.models import SummaryReport

    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())
    review = DelistingReview.objects.get(status=DelistingReview.Status.PENDING)
    emergency = EmergencyDestruction.objects.get(acknowledged_at__isnull=True)
    assert review.carrier.status == Status.IN_STORAGE and review.head.username == "giamdoc"
    assert LevelChange.objects.filter(kind=LevelChange.Kind.EXTENSION).count() == 1
    assert Notice.objects.filter(sent_at__isnull=True, kind="EXTENSION").exists()
    pending = Reminder.objects.get(key__startswith="classify:", done_at__isnull=True)
    mismatch = Incident.objects.get(kind="RECEIPT_MISMATCH", sender_notified_at__isnull=True)
    abroad = Takeout.objects.get(abroad=True, handed_over_at__isnull=True)
    summary = SummaryReport.objects.get()
    assert (summary.first_year, summary.last_year, summary.status) == (2022, 2026, "DRAFT")
    pages = {}
    for username in ("giamdoc", "truongkhaothi", "vanthu"):
        client.force_login(Person.objects.get(username=username))
        pages[username] = client.get(reverse("lifecycle:due")).content.decode()
    assert reverse("ops:delisting-confirm", args=[review.pk]) in pages["giamdoc"]
    assert reverse("ops:emergency-acknowledge", args=[emergency.pk]) in pages["giamdoc"]
    assert pending.text in pages["truongkhaothi"]
    assert reverse("ops:takeout-abroad-handover", args=[abroad.pk]) in pages["truongkhaothi"]
    assert reverse("ops:incoming-notify-sender", args=[mismatch.carrier_id]) in pages["vanthu"]
    assert "Thông báo gia hạn" in pages["vanthu"]
    client.force_login(Person.objects.get(username="vanthu"))
    assert reverse("reports:summary", args=[summary.pk]) in client.get(reverse("reports:list")).content.decode()
    assert verify().ok
