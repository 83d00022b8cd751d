"""Every audit event says through which channel the operation came: web, API, command line or the system (S5)."""

import datetime as dt
import hashlib
import io

from django.core.management import call_command
from django.db import connection, transaction

from bmnn.audit.canonical import canonical_json
from bmnn.audit.chain import record, verify
from bmnn.audit.models import AuditEvent
from bmnn.core import channel, clock
from bmnn.registry.models import Carrier
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import at, command

INCOMING = {"sender": "UBND tỉnh", "level": "MAT", "abstract": "Chỉ đạo"}


def test_one_operation_through_web_api_and_command_records_each_channel_S5(client, cast):
    client.force_login(cast.clerk)
    web = client.post(
        "/tiep-nhan-den/",
        {
            **INCOMING,
            "doc_number": "1/UBND-VX",
            "urgency": "NORMAL",
            "medium": "PAPER",
            "packaging_intact": "on",
            "expected_count": 1,
            "received_count": 1,
        },
    )
    assert web.status_code == 302
    api = client.post(
        "/api/carriers/incoming/", {**INCOMING, "doc_number": "2/UBND-VX"}, content_type="application/json"
    )
    assert api.status_code == 201
    out = command(
        "registry",
        "vanthu",
        "incoming-receive",
        "sender=UBND tỉnh",
        "doc_number=3/UBND-VX",
        "level=MAT",
        "abstract=Chỉ đạo",
    )
    assert "Đã" in out
    registered = AuditEvent.objects.filter(action="registry.incoming.registered").order_by("seq")
    assert [(e.target_repr.split()[0], e.channel) for e in registered] == [
        ("1/UBND-VX", "web"),
        ("2/UBND-VX", "api"),
        ("3/UBND-VX", "command"),
    ]
    assert [e.get_channel_display() for e in registered] == ["Giao diện web", "API", "Dòng lệnh"]
    assert verify().ok


def test_the_record_history_shows_the_channel_in_vietnamese_on_every_surface(client, cast):
    client.force_login(cast.clerk)
    client.post("/api/carriers/incoming/", {**INCOMING, "doc_number": "2/UBND-VX"}, content_type="application/json")
    carrier = Carrier.objects.get()
    assert "<td>API</td>" in client.get(f"/so-bmnn/{carrier.pk}/").content.decode()
    history = client.get(f"/api/carriers/{carrier.pk}/history/").json()
    assert [(e["channel"], e["channel_label"]) for e in history] == [("api", "API")]
    assert "[API]" in command("registry", "vanthu", "history", str(carrier.pk))


def test_system_jobs_record_the_system_channel_not_the_operators(cast):
    with clock.frozen_at(at(2026, 6, 1)):
        outgoing_register(**outgoing_kwargs(cast))
    with clock.frozen_at(at(2036, 3, 3)):  # T-90 before expiry (R7): the job raises a reminder
        call_command("deadlines", "run", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("audit", "checkpoint", stdout=io.StringIO())
    reminders = AuditEvent.objects.filter(action="deadlines.reminder.raised")
    assert reminders.exists() and {e.channel for e in reminders} == {"system"}
    signed = AuditEvent.objects.get(action="audit.checkpoint.signed")
    assert (signed.channel, signed.actor_repr) == ("system", "Hệ thống")
    registered = AuditEvent.objects.get(action="registry.outgoing.registered")
    assert registered.channel == ""  # a service called directly (no entry point) names no channel


def _old_formula(event: AuditEvent) -> str:
    """The hash as written before the channel existed: the same canonical JSON without a "channel" key."""
    fields = {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_repr": event.actor_repr,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_repr": event.target_repr,
        "basis": event.basis,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }
    return hashlib.sha256(canonical_json(fields)).hexdigest()


def test_events_without_a_channel_keep_their_old_hash_and_verify_beside_new_ones_S5(cast):
    with transaction.atomic():
        old = record(cast.clerk, "org.person.changed", cast.officer, data={"title": ["", "Chuyên viên"]})
    assert old.channel == "" and old.hash == _old_formula(old)  # written exactly as before the channel existed
    with channel.using(channel.Channel.COMMAND), transaction.atomic():
        new = record(cast.clerk, "org.person.changed", cast.officer, data={"title": ["Chuyên viên", ""]})
    assert new.channel == "command" and new.hash != _old_formula(new)  # the channel is part of what is hashed
    assert verify().ok
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "toàn vẹn: 2 sự kiện" in out.getvalue()
    call_command("audit", "baseline", stdout=io.StringIO())
    call_command("audit", "verify", "--deep", stdout=io.StringIO())


def test_a_changed_channel_is_named_as_an_edited_event_S5(cast):
    with channel.using(channel.Channel.WEB), transaction.atomic():
        record(cast.clerk, "org.person.changed", cast.officer, data={})
        record(cast.clerk, "org.person.changed", cast.officer, data={})
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET channel = 'api' WHERE seq = 2")
    result = verify()
    assert not result.ok and result.bad_seq == 2 and "bị sửa" in result.problem
    with connection.cursor() as cursor:  # nor can a channel be erased to pass for an old event
        cursor.execute("UPDATE audit_auditevent SET channel = '' WHERE seq = 2")
    assert verify().bad_seq == 2
