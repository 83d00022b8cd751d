"""The `bmnn registry` command runs the same declared operations as the UI and the API, as an authenticated person."""

import io
import json
import os
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from bmnn.audit.models import AuditEvent
from bmnn.registry.models import Carrier
from tests.helpers import command, operation_events


def run(username, *args):
    return command("registry", username, *args)


def test_clerk_registers_outgoing_and_finds_it_without_diacritics(cast):
    out = run(
        "vanthu",
        "outgoing-register",
        f"items={cast.exam_logistics_item.pk}",
        "doc_type=Phương án",
        "symbol=PA-SGDĐT",
        "abstract=Phương án bảo vệ đề thi",
        "drafter=chuyenvien",
        "decision_maker=giamdoc",
        "recipients=Phòng Khảo thí",
        "custodian=vanthu",
    )
    assert "Đã vào sổ BMNN đi số 1/PA-SGDĐT" in out
    found = json.loads(run("vanthu", "search", "phuong an bao ve de thi", "--json"))
    assert [row["doc_number"] for row in found] == ["1/PA-SGDĐT"]
    assert AuditEvent.objects.filter(action="registry.outgoing.registered").count() == 1


def test_refusal_is_a_vietnamese_error_and_changes_nothing_R2(cast):
    with pytest.raises(CommandError, match="danh mục BMNN"):
        run(
            "vanthu",
            "outgoing-register",
            "doc_type=Kế hoạch",
            "symbol=KH-SGDĐT",
            "drafter=chuyenvien",
            "decision_maker=giamdoc",
            "recipients=Phòng Khảo thí",
            "custodian=vanthu",
        )
    assert not Carrier.objects.exists() and not operation_events().exists()


def test_handover_and_confirm_from_the_command_line_R23(cast):
    run(
        "vanthu",
        "incoming-receive",
        "sender=UBND tỉnh",
        "doc_number=7/UBND-VX",
        "level=MAT",
        "abstract=Kế hoạch tổ chức kỳ thi",
    )
    carrier = Carrier.objects.get()
    assert "chờ" in run("vanthu", "handover-create", str(carrier.pk), "to_person=chuyenvien")
    handover = carrier.handovers.get()
    assert "Đã ký nhận" in run("chuyenvien", "handover-confirm", str(handover.pk))
    history = run("chuyenvien", "history", str(carrier.pk))
    assert "Ký nhận BMNN" in history and "Đăng ký BMNN đến" in history


def test_a_person_without_clearance_cannot_see_the_record_S2(cast):
    run(
        "vanthu",
        "outgoing-register",
        f"items={cast.exam_paper_item.pk}",
        "doc_type=Đề thi",
        "symbol=ĐT-SGDĐT",
        "drafter=chuyenvien",
        "decision_maker=giamdoc",
        "recipients=Hội đồng thi",
        "custodian=vanthu",
        "abstract=Đề thi chính thức",
    )
    carrier = Carrier.objects.get()
    with pytest.raises(CommandError, match="Không tìm thấy"):
        run("canbo", "show", str(carrier.pk))


def test_naming_a_person_is_not_enough_the_command_needs_their_credentials(cast):
    """No one acts as someone else from the command line without that person's token or password."""
    with mock.patch.dict(os.environ, {"BMNN_TOKEN": ""}), pytest.raises(CommandError, match="Cần mật khẩu"):
        call_command("registry", "--as", "vanthu", "search", stdout=io.StringIO())
    other = command("registry", "chuyenvien", "search")  # chuyenvien's own token exists now
    assert "kết quả" in other
    from rest_framework.authtoken.models import Token

    with (
        mock.patch.dict(os.environ, {"BMNN_TOKEN": Token.objects.get(user__username="chuyenvien").key}),
        pytest.raises(CommandError, match="Không xác thực"),
    ):
        call_command("registry", "--as", "vanthu", "search", stdout=io.StringIO())


def test_a_password_on_standard_input_authenticates_and_an_inactive_account_is_refused(cast):
    cast.clerk.set_password("Mật-khẩu-đủ-dài-2026")
    cast.clerk.save()
    env = {"BMNN_TOKEN": "", "BMNN_PASSWORD_STDIN": "1"}
    with mock.patch.dict(os.environ, env), mock.patch("sys.stdin", io.StringIO("Mật-khẩu-đủ-dài-2026\n")):
        out = io.StringIO()
        call_command("registry", "--as", "vanthu", "search", stdout=out)
    assert "kết quả" in out.getvalue()
    with (
        mock.patch.dict(os.environ, env),
        mock.patch("sys.stdin", io.StringIO("sai-mat-khau\n")),
        pytest.raises(CommandError, match="Không xác thực"),
    ):
        call_command("registry", "--as", "vanthu", "search", stdout=io.StringIO())
    cast.clerk.is_active = False
    cast.clerk.save()
    with pytest.raises(CommandError, match=r"Không xác thực|đã bị khóa"):
        command("registry", "vanthu", "search")
