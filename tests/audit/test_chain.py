"""The audit log is append-only and tamper-evident (S3, S5, R44)."""

import io
import itertools
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from bmnn.audit.chain import GENESIS, Entry, UnknownAction, compute_hash, record, record_many, verify
from bmnn.audit.models import AuditEvent, ChainHead
from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.registry.models import Carrier
from bmnn.registry.services import (
    carrier_assign,
    handover_confirm,
    handover_create,
    incoming_receive,
    incoming_sign_off,
    outgoing_register,
)
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


# The chain across every registry operation, and the verify command naming the first bad event ---------------


def test_every_registry_operation_extends_one_verified_chain_S5_R44(cast):
    """S5, R44: register, receive, hold, report, sign off, route, hand over, sign, assign: one linked chain."""
    plan = outgoing_register(**outgoing_kwargs(cast))
    held = incoming_receive(
        actor=cast.clerk,
        sender="UBND tỉnh",
        doc_number="7/UBND-VX",
        level=Level.MAT,
        abstract="Chỉ đạo",
        expected_count=2,
        received_count=1,
    )
    incoming_sign_off(actor=cast.clerk, carrier=held, expected_count=2, received_count=2, packaging_intact=True)
    envelope = incoming_receive(
        actor=cast.clerk, sender="Bộ GDĐT", doc_number="Bì số 3", level=Level.MAT, named_recipient=cast.exams_head
    )
    handover_confirm(actor=cast.exams_head, handover=envelope.handovers.get())
    handover_confirm(
        actor=cast.officer, handover=handover_create(actor=cast.clerk, carrier=plan, to_person=cast.officer)
    )
    carrier_assign(actor=cast.officer, carrier=plan, person=cast.exams_head)

    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.action for e in events] == [
        "registry.outgoing.registered",
        "registry.incoming.held",
        "registry.incident.opened",
        "registry.incoming.registered",
        "registry.incoming.registered",
        "registry.handover.created",
        "registry.incoming.routed_unopened",
        "registry.handover.confirmed",
        "registry.handover.created",
        "registry.handover.confirmed",
        "registry.carrier.assigned",
    ]
    assert [e.seq for e in events] == list(range(1, 12))
    assert events[0].prev_hash == GENESIS
    assert all(e.prev_hash == before.hash for before, e in itertools.pairwise(events))
    assert all(e.hash == compute_hash(e) and e.basis and e.actor_repr for e in events)
    result = verify()
    assert (result.ok, result.checked, result.head_seq, result.head_hash) == (True, 11, 11, events[-1].hash)
    assert (ChainHead.objects.get().seq, ChainHead.objects.get().hash) == (11, events[-1].hash)


EDITED = "nội dung sự kiện đã bị sửa"
SWAP = [
    "UPDATE audit_auditevent SET seq = 100 WHERE seq = 2",
    "UPDATE audit_auditevent SET seq = 2 WHERE seq = 3",
    "UPDATE audit_auditevent SET seq = 3 WHERE seq = 100",
]


@pytest.mark.parametrize(
    ("statements", "bad_seq", "problem"),
    [
        ([("UPDATE audit_auditevent SET data = %s WHERE seq = 3", '{"number": "99/KH-SGDĐT"}')], 3, EDITED),
        ([("UPDATE audit_auditevent SET basis = %s WHERE seq = 1", "R2")], 1, EDITED),
        ([("UPDATE audit_auditevent SET action = %s WHERE seq = 4", "registry.handover.confirmed")], 4, EDITED),
        ([("DELETE FROM audit_auditevent WHERE seq = 2",)], 3, "thiếu hoặc sai thứ tự: mong đợi #2, gặp #3"),
        (
            [("DELETE FROM audit_auditevent WHERE seq = 4",)],
            4,
            "chuỗi dừng ở sự kiện #3 nhưng đầu chuỗi ghi #4: có sự kiện cuối bị xóa",
        ),
        ([(statement,) for statement in SWAP], 2, "mã băm của sự kiện trước không khớp (bị xóa hoặc đảo thứ tự)"),
    ],
    ids=["data", "basis", "action", "middle-deleted", "last-deleted", "swapped"],
)
def test_the_verify_command_names_the_first_bad_event_S5(history, statements, bad_seq, problem):
    """S5: an edit, a deletion or a reordering done in SQL, behind the application's back, is named."""
    for statement in statements:
        sql(*statement)
    result = verify()
    assert (result.ok, result.bad_seq, result.problem) == (False, bad_seq, problem)
    with pytest.raises(CommandError) as failed:
        call_command("audit", "verify", stdout=io.StringIO())
    assert str(failed.value) == f"NHẬT KÝ BỊ SỬA ĐỔI: sự kiện #{bad_seq}: {problem}"


def test_an_edit_with_its_own_hash_recomputed_is_caught_at_the_next_event_S5(history):
    sql("UPDATE audit_auditevent SET actor_repr = %s WHERE seq = 2", "Người khác (nguoikhac)")
    edited = AuditEvent.objects.get(seq=2)
    sql("UPDATE audit_auditevent SET hash = %s WHERE seq = 2", compute_hash(edited))
    result = verify()
    assert (result.ok, result.bad_seq, result.checked) == (False, 3, 2)
    assert result.problem == "mã băm của sự kiện trước không khớp (bị xóa hoặc đảo thứ tự)"


def test_an_unknown_action_is_refused_and_writes_nothing_S3(cast):
    before = (AuditEvent.objects.count(), ChainHead.objects.first())
    with pytest.raises(UnknownAction, match=r"registry\.secret\.leaked"), transaction.atomic():
        record(cast.clerk, "registry.secret.leaked", basis="R44")
    assert (AuditEvent.objects.count(), ChainHead.objects.first()) == before == (0, None)
    with transaction.atomic():
        event = record(cast.clerk, "registry.outgoing.registered", basis="R44", data={"n": 1})
    assert (event.seq, event.prev_hash, event.actor_repr) == (1, GENESIS, "Lê Thị Chi (vanthu)")


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused_and_writes_nothing_S3(cast):
    """S3: an audit event belongs to its operation's transaction; on its own it is refused."""
    with pytest.raises(RuntimeError, match="inside the operation's transaction"):
        record(cast.clerk, "registry.outgoing.registered", basis="R44")
    assert not AuditEvent.objects.exists() and not ChainHead.objects.exists()
    with transaction.atomic():
        record(cast.clerk, "registry.outgoing.registered", basis="R44")
    assert verify().ok and AuditEvent.objects.get().seq == 1


# Several events written at once (the deadline job, issue 17) -------------------------------------------------

EVENT_FIELDS = [f.attname for f in AuditEvent._meta.concrete_fields if not f.primary_key]


def written(write) -> list[dict]:
    """The events ``write`` appends, every column but the row id; then undone, so both ways start alike."""
    before = ChainHead.objects.get_or_create(pk=1)[0].seq
    with transaction.atomic():
        point = transaction.savepoint()
        write()
        events = list(AuditEvent.objects.filter(seq__gt=before).order_by("seq").values(*EVENT_FIELDS))
        head = ChainHead.objects.values_list("seq", "hash").get(pk=1)
        transaction.savepoint_rollback(point)
    assert head == (events[-1]["seq"], events[-1]["hash"])  # the head moved to the last event
    return events


def test_record_many_writes_exactly_the_events_record_writes_one_by_one_S5(history, cast):
    """S5: one event per entry, same fields, same chain and same state hashes as one ``record()`` per entry; the
    rows saved before go with the first event, as with the first ``record()``."""
    other = outgoing_register(**outgoing_kwargs(cast, abstract="Danh sách cán bộ coi thi"))
    entries = [
        Entry(history, {"key": "a", "số": 1}),
        Entry(other, {"key": "b"}, {("registry.carrier", history.pk): None}),
        Entry(None, {}),
    ]

    def touch() -> None:
        history.save(update_fields=["abstract"])  # a tracked row saved in the operation, before its events

    def one_by_one() -> None:
        touch()
        for entry in entries:
            record(
                None,
                "deadlines.reminder.raised",
                entry.target,
                basis="R7",
                data=entry.data,
                also=[Carrier.objects.get(pk=pk) for _, pk in entry.subjects],
            )

    def at_once() -> None:
        touch()
        record_many(None, "deadlines.reminder.raised", entries, basis="R7")

    with clock.frozen_at(clock.now()):
        expected, got = written(one_by_one), written(at_once)
    assert len(got) == 3 and got == expected
    assert json.loads(got[0]["states"]).keys() == {f"registry.carrier:{history.pk}"}
    assert json.loads(got[1]["states"]).keys() == {f"registry.carrier:{history.pk}", f"registry.carrier:{other.pk}"}
    assert got[2]["states"] == ""
    with transaction.atomic():
        record_many(None, "deadlines.reminder.raised", entries, basis="R7")
    assert verify().ok
    assert "Dữ liệu khớp nhật ký" in _deep()


def _deep() -> str:
    out = io.StringIO()
    call_command("audit", "verify", "--deep", stdout=out)
    return out.getvalue()


def test_record_many_refuses_what_record_refuses_S3(cast):
    with pytest.raises(UnknownAction), transaction.atomic():
        record_many(None, "registry.secret.leaked", [Entry()])
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_record_many_is_only_written_inside_the_operations_transaction_S3():
    with pytest.raises(RuntimeError):
        record_many(None, "deadlines.reminder.raised", [Entry()])


def test_a_row_not_written_by_the_event_is_read_under_the_chains_lock_S5(history):
    """A read's event (its record untouched in this transaction) takes the record's state after the chain's lock,
    so a writer of the same record between the two cannot leave the chain a state older than the database's; the
    rows the transaction wrote are locked by it and are read before the lock (issue 17)."""
    from django.test.utils import CaptureQueriesContext

    from bmnn.audit.deep import deep_check

    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        record(None, "registers.form.exported", history)  # printing a form changes nothing of the record
    statements = [q["sql"] for q in queries.captured_queries]
    head = next(i for i, s in enumerate(statements) if "audit_chainhead" in s)
    state = next(i for i, s in enumerate(statements) if "registry_carrier" in s)
    assert head < state, statements
    walked = verify(collect_states=True)
    assert walked.ok and deep_check(walked.states).mismatches == []
