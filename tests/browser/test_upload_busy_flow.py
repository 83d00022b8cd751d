"""Issue 12 in a real browser: with every check slot of the installation taken (other uploads being checked), the
clerk's upload to the vault is refused at once with the Vietnamese "try again later", and nothing is stored; once
a slot is free the same file goes in."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from django.urls import reverse

from bmnn.core.uploadscan import scan_slot
from bmnn.registry.services import outgoing_register
from bmnn.vault.models import StoredFile
from tests.browser.conftest import login, sees, shot
from tests.conftest import outgoing_kwargs
from tests.helpers import operation_events
from tests.vault.conftest import every_byte_under, secret_pdf

pytestmark = pytest.mark.browser

FILE_LABEL = "Tệp PDF (tài liệu điện tử hoặc bản quét), hoặc bản quét dạng ảnh JPEG, PNG, TIFF"


def _upload(page, path: Path) -> int:
    """Send the file from the vault's upload screen; the status the server answered."""
    page.get_by_label(FILE_LABEL).set_input_files(str(path))
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Tải lên và mã hóa").click()
    page.wait_for_load_state()
    return posted.value.status


@pytest.mark.django_db(transaction=True)
def test_with_every_check_slot_taken_the_upload_is_refused_in_vietnamese_and_nothing_is_stored(
    page, cast, settings, tmp_path
):
    carrier = outgoing_register(
        **outgoing_kwargs(cast, item_ids=[cast.exam_paper_item.pk], doc_type="Đề thi", abstract="Đề thi môn Toán")
    )
    scan = tmp_path / "de-thi.pdf"
    scan.write_bytes(secret_pdf(1))
    settings.BMNN_UPLOAD_SCAN_CONCURRENCY = 2
    login(page, "vanthu")
    page.goto(reverse("ops:vault-upload", args=[carrier.pk]))
    before = list(operation_events())
    with contextlib.ExitStack() as held:  # two other uploads' checks hold both slots, as long as this lasts
        for _ in range(2):
            held.enter_context(scan_slot())
        status = _upload(page, scan)
        sees(page, "Hệ thống đang kiểm tra tệp khác, vui lòng thử lại sau. Tệp chưa được nhận, không có gì được lưu.")
        shot(page, "upload-busy-01-refused")
    assert status == 503
    assert not StoredFile.objects.exists() and list(operation_events()) == before
    assert every_byte_under(Path(settings.BMNN_VAULT_DIR)) == b""

    page.goto(reverse("ops:vault-upload", args=[carrier.pk]))  # the slots are free again: the same file goes in
    assert _upload(page, scan) == 302  # stored, and on to the file's page
    sees(page, "Đã lưu tệp de-thi.pdf vào kho (mã hóa).")
    page.wait_for_load_state("networkidle")  # the page image too, before the test's database goes
    assert StoredFile.objects.filter(carrier=carrier).count() == 1
