"""`bmnn lifecycle` drives the same declared operations as the screens and the API (R12, S7)."""

import pytest
from django.core.management import CommandError

from bmnn.approvals.models import Request
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import command


def run(username, *args):
    return command("lifecycle", username, *args)


def test_copy_request_decided_and_made_from_the_command_line_R12(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))
    out = run(
        "chuyenvien",
        "copy-request",
        str(carrier.pk),
        "form=EXTRACT",
        "count=1",
        "recipients=Phòng Khảo thí",
        "reasons=Trích sao phục vụ họp",
    )
    request_id = str(Request.objects.get().pk)
    assert f"số {request_id}" in out
    with pytest.raises(CommandError, match="không được tự phê duyệt"):
        run("chuyenvien", "request-decide", request_id, "approve=1")
    assert "Đã phê duyệt" in run("giamdoc", "request-decide", request_id, "approve=1")
    assert "xong" in run("vanthu", "copy-make", request_id, "made=1", "spoiled=0")
    assert carrier.copies.get().copy_form == "EXTRACT"
    assert f"[{request_id}]" in run("chuyenvien", "requests")


def test_bad_fields_are_reported_in_vietnamese(cast):
    carrier = outgoing_register(**outgoing_kwargs(cast, copy_permitted=True))
    with pytest.raises(CommandError, match="bắt buộc"):
        run("vanthu", "copy-request", str(carrier.pk), "form=TRUE_COPY")
