"""The audit log is append-only and tamper-evident (S3, S5, R44)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from bmnn.audit.chain import UnknownAction, record, verify
from bmnn.audit.models import AuditEvent
from bmnn.registry.services import handover_create, outgoing_register
from tests.conftest import outgoing_kwargs


@pytest.fixture
def history(cast):
    for _ in range(3):
        carrier = outgoing_register(**outgoing_kwargs(cast))
    handover_create(actor=cast.clerk, carrier=carrier, to_person=cast.officer)
    assert AuditEvent.objects.count() == 4
    return carrier


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_intact_chain_verifies_S5(history):
    result = verify()
    assert result.ok and result.checked == 4 and result.head_seq == 4
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "toàn vẹn: 4 sự kiện" in out.getvalue()


def test_an_edited_event_is_named_S5(history):
    sql("UPDATE audit_auditevent SET actor_repr = %s WHERE seq = 2", "Người khác")
    result = verify()
    assert not result.ok and result.bad_seq == 2 and "bị sửa" in result.problem
    with pytest.raises(CommandError, match="#2"):
        call_command("audit", "verify", stdout=io.StringIO())


def test_an_edited_payload_is_named_S5(history):
    sql("UPDATE audit_auditevent SET data = %s WHERE seq = 3", json.dumps({"number": "99/KH"}))
    assert verify().bad_seq == 3


def test_a_deleted_event_is_named_S5(history):
    sql("DELETE FROM audit_auditevent WHERE seq = 2")
    result = verify()
    assert not result.ok and result.bad_seq == 3 and "mong đợi #2" in result.problem


def test_reordered_events_are_detected_S5(history):
    sql("UPDATE audit_auditevent SET seq = 100 WHERE seq = 2")
    sql("UPDATE audit_auditevent SET seq = 2 WHERE seq = 3")
    sql("UPDATE audit_auditevent SET seq = 3 WHERE seq = 100")
    result = verify()
    assert not result.ok and result.bad_seq == 2


def test_a_deleted_tail_is_detected_by_the_head_S5(history):
    sql("DELETE FROM audit_auditevent WHERE seq = 4")
    result = verify()
    assert not result.ok and "xóa" in result.problem


def test_truncation_with_the_head_rewritten_is_caught_by_a_signed_checkpoint_S5(history, tmp_path):
    checkpoint = tmp_path / "head.json"
    call_command("audit", "checkpoint", "-o", str(checkpoint), stdout=io.StringIO())
    call_command("audit", "verify", "--checkpoint", str(checkpoint), stdout=io.StringIO())
    signed_seq = json.loads(checkpoint.read_text())["seq"]
    sql("DELETE FROM audit_auditevent WHERE seq >= 4")
    third = AuditEvent.objects.get(seq=3)
    sql("UPDATE audit_chainhead SET seq = 3, hash = %s", third.hash)
    assert verify().ok  # the chain alone cannot see a clean truncation...
    with pytest.raises(CommandError, match=f"#{signed_seq}"):  # ...the signed checkpoint can
        call_command("audit", "verify", "--checkpoint", str(checkpoint), stdout=io.StringIO())


def test_a_forged_checkpoint_is_refused_S5(history, tmp_path):
    checkpoint = tmp_path / "head.json"
    call_command("audit", "checkpoint", "-o", str(checkpoint), stdout=io.StringIO())
    forged = json.loads(checkpoint.read_text())
    forged["seq"] = 2
    checkpoint.write_text(json.dumps(forged))
    with pytest.raises(CommandError, match="chữ ký"):
        call_command("audit", "verify", "--checkpoint", str(checkpoint), stdout=io.StringIO())


def test_only_registered_actions_S3(cast):
    with pytest.raises(UnknownAction), transaction.atomic():
        record(cast.clerk, "registry.secret.leaked")


@pytest.mark.django_db(transaction=True)
def test_an_event_is_only_written_inside_the_operations_transaction_S3():
    with pytest.raises(RuntimeError):
        record(None, "registry.outgoing.registered")


def test_events_cannot_be_changed_through_the_orm_S5(history):
    event = AuditEvent.objects.first()
    event.actor_repr = "x"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_every_operation_records_actor_basis_and_target_R44(history):
    for event in AuditEvent.objects.all():
        assert event.actor_repr and event.basis and event.target_type == "registry.carrier"
