"""`bmnn requests` drives the same services (R12, S7)."""

import io

import pytest
from django.core.management import CommandError, call_command

from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs


def run(*args):
    out = io.StringIO()
    call_command("requests", *args, stdout=out)
    return out.getvalue()


def test_copy_request_decided_and_made_from_the_command_line_R12(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))
    out = run("--as", "chuyenvien", "new", str(carrier.pk), "sao-chup", "form=EXTRACT", "count=1",
              "recipients=Phòng Khảo thí", "reasons=Trích sao phục vụ họp")
    request_id = out.split()[-1]
    with pytest.raises(CommandError, match="không được tự phê duyệt"):
        run("--as", "chuyenvien", "decide", request_id)
    assert "Đã phê duyệt" in run("--as", "giamdoc", "decide", request_id)
    assert "xong" in run("--as", "vanthu", "execute", request_id, "made=1", "spoiled=0")
    assert carrier.copies.get().copy_form == "EXTRACT"


def test_bad_fields_are_reported_in_vietnamese(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))
    with pytest.raises(CommandError, match="bắt buộc"):
        run("--as", "vanthu", "new", str(carrier.pk), "sao-chup", "form=TRUE_COPY")
