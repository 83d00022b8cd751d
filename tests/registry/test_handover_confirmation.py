"""Signing for a TOI_MAT or TUYET_MAT item confirms what was received (count of envelopes, envelope intact) on
the web, the API and the command line alike; the audit event keeps it (R23). Copies are listed as copies (R16)."""

import pytest
from django.core.management import CommandError

from bmnn.audit.models import AuditEvent
from bmnn.registry.choices import HandoverStatus, Status
from bmnn.registry.services import handover_create, outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import command
from tests.lifecycle.conftest import make_copies


@pytest.fixture
def toi_mat(cast):
    paper = outgoing_register(
        **outgoing_kwargs(
            cast, item_ids=[cast.exam_paper_item.pk], copy_permitted=True, doc_type="Đề thi", symbol="ĐT-SGDĐT"
        )
    )
    return paper, handover_create(actor=cast.clerk, carrier=paper, to_person=cast.officer, envelope_count=2)


def test_the_web_asks_what_was_received_and_refuses_a_short_count_or_a_broken_envelope_R23(client, cast, toi_mat):
    paper, handover = toi_mat
    client.force_login(cast.officer)
    url = f"/cho-ky-nhan/{handover.pk}/ky-nhan/"
    form = client.get(url).content.decode()
    assert "Số bì thực nhận" in form and "Bì còn nguyên vẹn" in form and "2 bì" in form and "ĐT-SGDĐT" in form
    assert "Phải xác nhận bì còn nguyên vẹn" in client.post(url, {"received_count": 2}).content.decode()
    short = client.post(url, {"received_count": 1, "envelope_intact": "on"}).content.decode()
    assert "Số bì thực nhận (1) khác số bì theo phiếu chuyển (2)" in short
    handover.refresh_from_db()
    assert (
        handover.status == HandoverStatus.PENDING
        and not AuditEvent.objects.filter(action="registry.handover.confirmed").exists()
    )
    client.post(url, {"received_count": 2, "envelope_intact": "on"})
    handover.refresh_from_db()
    paper.refresh_from_db()
    assert handover.status == HandoverStatus.CONFIRMED and paper.custodian == cast.officer
    event = AuditEvent.objects.get(action="registry.handover.confirmed")
    assert event.data["received_count"] == 2 and event.data["envelope_intact"] is True


def test_the_api_and_the_command_line_require_the_same_confirmation_R23(client, cast, toi_mat):
    _, handover = toi_mat
    client.force_login(cast.officer)
    refused = client.post(f"/api/handovers/{handover.pk}/confirm/", {}, content_type="application/json")
    assert refused.status_code == 400 and "received_count" in refused.json()
    with pytest.raises(CommandError, match="Phải xác nhận bì còn nguyên vẹn"):
        command("registry", "chuyenvien", "handover-confirm", str(handover.pk), "received_count=2")
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING
    out = command(
        "registry", "chuyenvien", "handover-confirm", str(handover.pk), "received_count=2", "envelope_intact=1"
    )
    assert "Đã ký nhận" in out


def test_a_mat_item_is_signed_for_in_one_step_R23(client, cast):
    paper = outgoing_register(**outgoing_kwargs(cast))
    handover = handover_create(actor=cast.clerk, carrier=paper, to_person=cast.officer)
    client.force_login(cast.officer)
    assert "Số bì thực nhận" not in client.get(f"/cho-ky-nhan/{handover.pk}/ky-nhan/").content.decode()
    client.post(f"/cho-ky-nhan/{handover.pk}/ky-nhan/")
    paper.refresh_from_db()
    assert paper.status == Status.IN_STORAGE and paper.custodian == cast.officer


def test_copies_are_listed_with_their_number_and_original_R16(client, cast):
    paper = outgoing_register(
        **outgoing_kwargs(
            cast, item_ids=[cast.exam_paper_item.pk], copy_permitted=True, doc_type="Đề thi", symbol="ĐT-SGDĐT"
        )
    )
    copies = make_copies(cast, paper, 2)
    client.force_login(cast.clerk)
    for url in ("/so-bmnn/", "/so-bmnn/?q=de+thi", "/", "/bieu-mau/"):
        page = client.get(url).content.decode()
        assert "Bản sao số 1" in page and "Bản sao số 2" in page, url
        assert f'Sao từ <a href="/so-bmnn/{paper.pk}/">bản gốc {paper.doc_number}</a>' in page, url
        assert f'href="/so-bmnn/{copies[0].pk}/"' in page, url
