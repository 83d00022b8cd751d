"""Signed checkpoints of the audit chain make truncation and rewriting detectable (S5)."""

import base64
import io
import json
import stat

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from bmnn.audit.chain import GENESIS, SYSTEM_ACTOR, compute_hash, verify
from bmnn.audit.checkpoint import check_against, make_checkpoint, public_key_b64
from bmnn.audit.models import AuditEvent, ChainHead
from bmnn.core.levels import Level
from bmnn.registry.services import handover_confirm, handover_create, incoming_receive, outgoing_register
from tests.conftest import outgoing_kwargs


@pytest.fixture
def history(cast):
    """Five audited operations: two outgoing, one incoming, a hand-over and its signature."""
    plan = outgoing_register(**outgoing_kwargs(cast))
    outgoing_register(**outgoing_kwargs(cast, abstract="Danh sách cán bộ coi thi"))
    incoming_receive(
        actor=cast.clerk, sender="UBND tỉnh", doc_number="7/UBND-VX", level=Level.MAT, abstract="Chỉ đạo tổ chức kỳ thi"
    )
    handover = handover_create(actor=cast.clerk, carrier=plan, to_person=cast.officer)
    handover_confirm(actor=cast.officer, handover=handover)
    assert AuditEvent.objects.count() == 5
    return plan


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def audit(*args):
    out = io.StringIO()
    call_command("audit", *args, stdout=out)
    return out.getvalue()


def checkpoint_file(tmp_path):
    path = tmp_path / "diem-kiem-tra.json"
    audit("checkpoint", "-o", str(path))
    return path


def test_a_checkpoint_signs_the_verified_head_and_is_itself_audited_S5(history, tmp_path, settings):
    path = tmp_path / "diem-kiem-tra.json"
    assert audit("checkpoint", "-o", str(path)) == f"Đã ghi điểm kiểm tra #5 vào {path}\n"
    signed = json.loads(path.read_text(encoding="utf-8"))
    assert signed["seq"] == 5 and signed["hash"] == AuditEvent.objects.get(seq=5).hash
    assert signed["public_key"] == public_key_b64() and len(base64.b64decode(signed["signature"])) == 64
    event = AuditEvent.objects.get(seq=6)
    assert event.action == "audit.checkpoint.signed" and event.basis == "S5"
    assert event.actor_id is None and event.actor_repr == SYSTEM_ACTOR
    assert event.data == {"seq": 5, "hash": signed["hash"]}
    key_mode = stat.S_IMODE((tmp_path / "signing.pem").stat().st_mode)
    assert str(tmp_path / "signing.pem") == settings.BMNN_SIGNING_KEY_FILE and key_mode == 0o600

    out = audit("verify", "--checkpoint", str(path))
    assert out.startswith("Nhật ký toàn vẹn: 6 sự kiện, đầu chuỗi #6")


def test_the_log_may_grow_after_a_checkpoint_S5(history, tmp_path, cast):
    path = checkpoint_file(tmp_path)
    outgoing_register(**outgoing_kwargs(cast))
    assert "toàn vẹn: 7 sự kiện" in audit("verify", "--checkpoint", str(path))
    assert check_against(json.loads(path.read_text(encoding="utf-8"))) == ""


def test_without_a_file_the_checkpoint_is_printed(history):
    printed = json.loads(audit("checkpoint"))
    assert printed["seq"] == 5 and set(printed) == {"seq", "hash", "signed_at", "public_key", "signature"}


def test_a_truncated_log_with_a_rewritten_head_fails_against_the_checkpoint_S5(history, tmp_path):
    """S5: deleting the last events and moving the chain head back fools the chain, not the checkpoint."""
    path = checkpoint_file(tmp_path)
    sql("DELETE FROM audit_auditevent WHERE seq >= 4")
    sql("UPDATE audit_chainhead SET seq = 3, hash = %s", AuditEvent.objects.get(seq=3).hash)
    assert verify().ok
    assert "toàn vẹn: 3 sự kiện" in audit("verify")
    with pytest.raises(CommandError) as failed:
        audit("verify", "--checkpoint", str(path))
    assert str(failed.value) == (
        "NHẬT KÝ KHÔNG KHỚP ĐIỂM KIỂM TRA: nhật ký đã bị cắt: không còn sự kiện #5 của điểm kiểm tra"
    )


def test_a_rehashed_chain_fails_against_the_checkpoint_S5(history, tmp_path):
    """S5: an edit followed by recomputing every later hash verifies alone, but not against the signed head."""
    path = checkpoint_file(tmp_path)
    sql("UPDATE audit_auditevent SET actor_repr = %s WHERE seq = 2", "Người khác (nguoikhac)")
    prev = GENESIS
    for event in AuditEvent.objects.order_by("seq"):
        event.prev_hash = prev
        prev = compute_hash(event)
        sql("UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE seq = %s", event.prev_hash, prev, event.seq)
    sql("UPDATE audit_chainhead SET hash = %s", prev)
    assert verify().ok
    with pytest.raises(CommandError, match="sự kiện #5 khác với khi ký điểm kiểm tra"):
        audit("verify", "--checkpoint", str(path))


@pytest.mark.parametrize("field", ["hash", "seq", "signed_at", "signature"])
def test_a_modified_checkpoint_file_is_refused_S5(history, tmp_path, field):
    path = checkpoint_file(tmp_path)
    forged = json.loads(path.read_text(encoding="utf-8"))
    if field == "signature":
        raw = bytearray(base64.b64decode(forged["signature"]))
        raw[0] ^= 0x01
        forged["signature"] = base64.b64encode(bytes(raw)).decode()
    elif field == "hash":
        forged["hash"] = AuditEvent.objects.get(seq=4).hash
    elif field == "seq":
        forged["seq"] = 4
    else:
        forged["signed_at"] = "2020-01-01T00:00:00+07:00"
    path.write_text(json.dumps(forged), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        audit("verify", "--checkpoint", str(path))
    assert str(refused.value) == "NHẬT KÝ KHÔNG KHỚP ĐIỂM KIỂM TRA: chữ ký của điểm kiểm tra không hợp lệ"


def test_a_checkpoint_signed_by_another_key_is_refused_S5(history, tmp_path, settings):
    path = checkpoint_file(tmp_path)
    settings.BMNN_SIGNING_KEY_FILE = str(tmp_path / "another-installation.pem")
    with pytest.raises(CommandError, match="điểm kiểm tra không do khóa của hệ thống này ký"):
        audit("verify", "--checkpoint", str(path))


def test_a_broken_chain_is_never_checkpointed_S5(history, tmp_path):
    sql("UPDATE audit_auditevent SET basis = %s WHERE seq = 2", "R99")
    path = tmp_path / "diem-kiem-tra.json"
    with pytest.raises(CommandError) as refused:
        audit("checkpoint", "-o", str(path))
    assert str(refused.value) == "Chuỗi nhật ký hỏng tại sự kiện #2: nội dung sự kiện đã bị sửa"
    assert not path.exists() and AuditEvent.objects.count() == 5
    with pytest.raises(ValueError, match="#2"):
        make_checkpoint()


def test_an_empty_log_can_be_checkpointed(db, tmp_path):
    path = checkpoint_file(tmp_path)
    signed = json.loads(path.read_text(encoding="utf-8"))
    assert (signed["seq"], signed["hash"]) == (0, GENESIS)
    assert ChainHead.objects.get().seq == 1  # the checkpoint event itself
    assert "toàn vẹn: 1 sự kiện" in audit("verify", "--checkpoint", str(path))
