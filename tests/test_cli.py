"""The `bmnn registry` command calls the same services as the UI and the API."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from bmnn.audit.models import AuditEvent
from bmnn.registry.models import Carrier


def run(*args):
    out = io.StringIO()
    call_command("registry", *args, stdout=out)
    return out.getvalue()


def test_clerk_registers_outgoing_and_finds_it_without_diacritics(cast):
    out = run("--as", "vanthu", "outgoing", "--item", str(cast.exam_logistics_item.pk), "--type", "Phương án",
              "--symbol", "PA-SGDĐT", "--abstract", "Phương án bảo vệ đề thi", "--drafter", "chuyenvien",
              "--decided-by", "giamdoc", "--recipients", "Phòng Khảo thí", "--custodian", "vanthu")
    assert "Đã vào sổ BMNN đi số 1/PA-SGDĐT" in out
    found = json.loads(run("--as", "vanthu", "search", "phuong an bao ve de thi", "--json"))
    assert [row["doc_number"] for row in found] == ["1/PA-SGDĐT"]
    assert AuditEvent.objects.filter(action="registry.outgoing.registered").count() == 1


def test_refusal_is_a_vietnamese_error_and_changes_nothing_R2(cast):
    with pytest.raises(CommandError, match="danh mục BMNN"):
        run("--as", "vanthu", "outgoing", "--item", "999999", "--type", "Kế hoạch", "--symbol", "KH-SGDĐT",
            "--drafter", "chuyenvien", "--decided-by", "giamdoc", "--recipients", "Phòng Khảo thí",
            "--custodian", "vanthu")
    assert not Carrier.objects.exists() and not AuditEvent.objects.exists()


def test_handover_and_confirm_from_the_command_line_R23(cast):
    run("--as", "vanthu", "incoming", "--sender", "UBND tỉnh", "--number", "7/UBND-VX", "--level", "MAT",
        "--abstract", "Kế hoạch tổ chức kỳ thi")
    carrier = Carrier.objects.get()
    assert "chờ" in run("--as", "vanthu", "handover", str(carrier.pk), "--to", "chuyenvien")
    handover = carrier.handovers.get()
    assert "Đã ký nhận" in run("--as", "chuyenvien", "confirm", str(handover.pk))
    history = run("--as", "chuyenvien", "history", str(carrier.pk))
    assert "Ký nhận BMNN" in history and "Đăng ký BMNN đến" in history


def test_a_person_without_clearance_cannot_see_the_record_S2(cast):
    run("--as", "vanthu", "outgoing", "--item", str(cast.exam_paper_item.pk), "--type", "Đề thi",
        "--symbol", "ĐT-SGDĐT", "--drafter", "chuyenvien", "--decided-by", "giamdoc", "--recipients", "Hội đồng thi",
        "--custodian", "vanthu", "--abstract", "Đề thi chính thức")
    carrier = Carrier.objects.get()
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run("--as", "canbo", "show", str(carrier.pk))
