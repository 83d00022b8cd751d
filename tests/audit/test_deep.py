"""Records cannot be changed underneath the log: `verify --deep` compares them with their last event (S5)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from bmnn.audit import state
from bmnn.audit.chain import verify
from bmnn.audit.deep import NO_STATE, deep_check
from bmnn.audit.models import AuditEvent
from bmnn.core.levels import Level
from bmnn.registry.models import Carrier, Handover, RegisterSeries
from bmnn.registry.services import carrier_assign, handover_confirm, handover_create, outgoing_register
from tests.conftest import ensure_reference_data, outgoing_kwargs


@pytest.fixture
def history(cast):
    plan = outgoing_register(**outgoing_kwargs(cast))
    outgoing_register(**outgoing_kwargs(cast, abstract="Danh sách cán bộ coi thi"))
    handover = handover_create(actor=cast.clerk, carrier=plan, to_person=cast.officer)
    handover_confirm(actor=cast.officer, handover=handover)
    carrier_assign(actor=cast.officer, carrier=plan, person=cast.exams_head)
    return plan


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def audit(*args):
    out = io.StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue()


def deep_failure(*args):
    with pytest.raises(CommandError) as failed:
        audit("verify", "--deep", *args)
    return str(failed.value)


def test_every_event_carries_the_state_of_what_it_changed_S5(history):
    """S5: the registration carries the record and its register series; a hand-over its entry too."""
    registered = AuditEvent.objects.get(seq=1)
    series = RegisterSeries.objects.get(kind="OUTGOING")
    expected = {f"registry.carrier:{history.pk}", f"registry.registerseries:{series.pk}"}
    assert set(json.loads(registered.states)) == expected
    handed = AuditEvent.objects.get(action="registry.handover.created")
    handover = Handover.objects.get()
    assert {f"registry.handover:{handover.pk}", f"registry.carrier:{history.pk}"} <= set(json.loads(handed.states))
    assert verify().ok


def test_a_normal_sequence_of_operations_passes_the_deep_check_S5(history):
    out = audit("verify", "--deep")
    checked = Carrier.objects.count() + Handover.objects.count() + RegisterSeries.objects.count()
    assert out.endswith(f"Dữ liệu khớp nhật ký: {checked} đối tượng đã đối chiếu\n")


def test_the_whole_demo_province_passes_the_deep_check_S5(db):
    """S5: every service the demo drives (registers, copies, councils, hand-overs, volumes) records its states."""
    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())
    assert "Dữ liệu khớp nhật ký" in audit("verify", "--deep")


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("UPDATE registry_carrier SET level = 'TUYET_MAT', abstract = '' WHERE id = %s", "level"),
        ("UPDATE registry_carrier SET reg_number = 77 WHERE id = %s", "number"),
        ("UPDATE registry_carrier SET custodian_id = NULL WHERE id = %s", "custodian"),
    ],
    ids=["level", "number", "custodian"],
)
def test_a_record_edited_in_sql_is_named_by_the_deep_check_S5(history, statement, problem):
    """S5: a direct UPDATE of a record's level, number or custodian passes the chain but not --deep."""
    sql(statement, history.pk)
    assert verify().ok and "toàn vẹn" in audit("verify")
    message = deep_failure()
    last = AuditEvent.objects.filter(states__contains=f'"registry.carrier:{history.pk}"').order_by("-seq").first()
    assert message == (
        "DỮ LIỆU KHÔNG KHỚP NHẬT KÝ: 1 đối tượng\n"
        f"  BMNN #{history.pk}: đã bị sửa ngoài ứng dụng: khác trạng thái ghi ở sự kiện #{last.seq}"
    )


def test_a_hand_over_and_a_register_series_edited_in_sql_are_named_S5(history, cast):
    handover = Handover.objects.get()
    series = RegisterSeries.objects.get(kind="OUTGOING")
    assert handover.to_person_id != cast.junior.pk
    sql("UPDATE registry_handover SET to_person_id = %s WHERE id = %s", cast.junior.pk, handover.pk)
    sql("UPDATE registry_registerseries SET last_number = 1 WHERE id = %s", series.pk)
    message = deep_failure()
    assert message.startswith("DỮ LIỆU KHÔNG KHỚP NHẬT KÝ: 2 đối tượng\n")
    assert f"lượt chuyển giao #{handover.pk}: đã bị sửa ngoài ứng dụng" in message
    assert f"dãy số đăng ký #{series.pk}: đã bị sửa ngoài ứng dụng" in message


def test_a_record_inserted_or_deleted_in_sql_is_named_S5(history):
    other = Carrier.objects.exclude(pk=history.pk).get()
    sql("DELETE FROM registry_carrier_items WHERE carrier_id = %s", other.pk)
    sql("DELETE FROM registry_carrier WHERE id = %s", other.pk)
    message = deep_failure()
    assert f"BMNN #{other.pk}: đã bị xóa ngoài ứng dụng" in message


def test_the_deep_check_needs_an_intact_chain_first_S5(history):
    sql("UPDATE audit_auditevent SET states = %s WHERE seq = 1", "")
    assert deep_failure() == "NHẬT KÝ BỊ SỬA ĐỔI: sự kiện #1: nội dung sự kiện đã bị sửa"


def test_rows_from_before_state_hashes_are_named_until_baselined_once_S5(cast, monkeypatch):
    """S5: events written before this change carry no state; the deep check says so instead of passing.

    `bmnn audit baseline` records each such row once, in an audited event, and never re-baselines a row
    that already has a recorded state (an edit after that stays visible).
    """
    with monkeypatch.context() as legacy:
        legacy.setattr(state, "states_for", lambda subjects, known=None: {})
        plan = outgoing_register(**outgoing_kwargs(cast))
    assert AuditEvent.objects.get().states == ""
    message = deep_failure()
    assert message.startswith("DỮ LIỆU KHÔNG KHỚP NHẬT KÝ: 2 đối tượng\n")
    assert f"BMNN #{plan.pk}: {NO_STATE}" in message

    assert audit("baseline") == "Đã lập trạng thái gốc cho 2 đối tượng chưa có trong nhật ký.\n"
    baselined = AuditEvent.objects.filter(action="audit.state.baselined")
    assert baselined.count() == 2 and all(e.basis == "S5" and len(json.loads(e.states)) == 1 for e in baselined)
    assert "Dữ liệu khớp nhật ký: 2 đối tượng" in audit("verify", "--deep")

    sql("UPDATE registry_carrier SET level = %s WHERE id = %s", Level.TOI_MAT, plan.pk)
    assert audit("baseline") == "Đã lập trạng thái gốc cho 0 đối tượng chưa có trong nhật ký.\n"
    assert f"BMNN #{plan.pk}: đã bị sửa ngoài ứng dụng" in deep_failure()


def test_the_deep_check_lists_the_rows_it_compared(history):
    result = verify(collect_states=True)
    deep = deep_check(result.states)
    assert deep.mismatches == [] and deep.checked == len(result.states) == 5


def test_an_operation_committed_during_the_deep_check_is_not_reported_S5(history, cast, monkeypatch):
    """S5: a record changed by an audited operation after the walk is judged by that newer event."""
    import bmnn.audit.management.commands.audit as command

    walked = []

    def walk_then_operate(**kwargs):
        result = verify(**kwargs)
        if not walked:
            walked.append(result.head_seq)
            handover_create(actor=cast.officer, carrier=history, to_person=cast.exams_head)  # after the walk
        return result

    monkeypatch.setattr(command, "verify", walk_then_operate)
    assert "Dữ liệu khớp nhật ký" in audit("verify", "--deep")
    assert AuditEvent.objects.latest("seq").seq == walked[0] + 1
