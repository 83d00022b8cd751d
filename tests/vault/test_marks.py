"""A vault file is checked on upload (issue 13, in the capped child process of issue 12): the marks found must
agree with the record's level (R4, R16, R17), or the person uploading confirms the difference with a reason,
kept in the audit event. A file that could not be checked is refused. Nothing is stored on a refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError
from bmnn.vault import services
from bmnn.vault.models import StoredFile
from tests.helpers import command, image_pdf

from .conftest import every_byte_under, secret_pdf


def _nothing_stored(settings) -> bool:
    return not StoredFile.objects.exists() and every_byte_under(Path(settings.BMNN_VAULT_DIR)) == b""


def test_marks_that_disagree_with_the_level_are_refused_without_a_reason_and_kept_with_one_R4(
    cast, exam_paper, settings
):
    """R4: a TOI_MAT record whose file is stamped MẬT: refused until the clerk states why; the reason is audited."""
    upload = SimpleUploadedFile("de-thi.pdf", secret_pdf(stamp="MẬT"), "application/pdf")
    with pytest.raises(DomainError, match=r"Dấu độ mật trong tệp \(Mật\) khác độ mật của hồ sơ \(Tối mật\)") as err:
        services.file_store(actor=cast.clerk, carrier=exam_paper, upload=upload)
    assert err.value.field == "reason" and _nothing_stored(settings)
    stored = services.file_store(
        actor=cast.clerk,
        carrier=exam_paper,
        upload=upload,
        reason="Bản dự thảo đóng dấu cũ; hồ sơ đã được nâng độ mật.",
    )
    event = AuditEvent.objects.get(action="vault.file.stored")
    assert event.data["file_id"] == stored.pk and event.data["marks"] == ["MAT"]
    assert event.data["reason"] == "Bản dự thảo đóng dấu cũ; hồ sơ đã được nâng độ mật."
    assert "khác độ mật" in event.data["difference"]


def test_a_file_without_any_mark_needs_a_reason_and_one_that_agrees_needs_none_R4(cast, exam_paper, settings):
    with pytest.raises(DomainError, match="Không tìm thấy dấu độ mật trong tệp"):
        services.file_store(
            actor=cast.clerk, carrier=exam_paper, upload=SimpleUploadedFile("a.pdf", secret_pdf(stamp=None))
        )
    assert _nothing_stored(settings)
    services.file_store(actor=cast.clerk, carrier=exam_paper, upload=SimpleUploadedFile("a.pdf", secret_pdf()))
    event = AuditEvent.objects.get(action="vault.file.stored")
    assert event.data["marks"] == ["TOI_MAT"] and "reason" not in event.data


def test_the_disagreement_on_the_screen_and_the_api_R4(cast, exam_paper, client, settings):
    """R4: the screen and the API refuse in Vietnamese (400) without a reason and store the file with one."""
    client.force_login(cast.clerk)
    url = reverse("ops:vault-upload", args=[exam_paper.pk])
    page = client.post(url, {"file": SimpleUploadedFile("a.pdf", secret_pdf(stamp="TUYỆT MẬT"), "application/pdf")})
    assert page.status_code == 400 and "khác độ mật của hồ sơ (Tối mật)" in page.content.decode()
    assert _nothing_stored(settings)
    api = f"/api/carriers/{exam_paper.pk}/files/"
    refused = client.post(api, {"file": SimpleUploadedFile("a.pdf", secret_pdf(stamp="MẬT"), "application/pdf")})
    assert refused.status_code == 400 and "khác độ mật" in str(refused.json()) and _nothing_stored(settings)
    done = client.post(
        api,
        {
            "file": SimpleUploadedFile("a.pdf", secret_pdf(stamp="MẬT"), "application/pdf"),
            "reason": "Trích lục, độ mật thấp hơn bản gốc theo quyết định",
        },
    )
    assert done.status_code == 201 and StoredFile.objects.count() == 1
    assert AuditEvent.objects.get(action="vault.file.stored").data["reason"].startswith("Trích lục")


def test_the_disagreement_on_the_command_line_R4(cast, exam_paper, tmp_path):
    source = tmp_path / "quet.pdf"
    source.write_bytes(secret_pdf(stamp="MẬT"))
    with pytest.raises(Exception, match="khác độ mật của hồ sơ"):
        command("vault", cast.clerk.username, "vault-upload", str(exam_paper.pk), f"file=@{source}")
    assert not StoredFile.objects.exists()
    out = command(
        "vault",
        cast.clerk.username,
        "vault-upload",
        str(exam_paper.pk),
        f"file=@{source}",
        "reason=Bản sao cũ đóng dấu Mật",
    )
    assert "Đã lưu tệp quet.pdf" in out and StoredFile.objects.count() == 1


def test_a_vault_file_that_could_not_be_checked_is_refused_and_leaves_no_ciphertext(cast, exam_paper, settings):
    """Issue 12: the check of the first pages outlasts its time cap (1 s here): "could not be checked", refused
    even with a reason, and no ciphertext is left behind."""
    settings.BMNN_UPLOAD_SCAN_SECONDS = 1
    with pytest.raises(DomainError, match="không kiểm tra được"):
        services.file_store(
            actor=cast.clerk, carrier=exam_paper, reason="Bản quét", upload=SimpleUploadedFile("quet.pdf", image_pdf(3))
        )
    assert _nothing_stored(settings)


def test_a_long_scan_is_checked_on_its_first_pages_where_the_level_mark_stands_R17(cast, exam_paper, settings):
    """R17: a digitised document of many scanned pages is checked on its first pages only (the OCR cap would
    refuse the whole): here seven pages without a mark are stored once the clerk states why."""
    settings.BMNN_UPLOAD_SCAN_OCR_PAGES = 5
    upload = SimpleUploadedFile("quet.pdf", image_pdf(7))
    with pytest.raises(DomainError, match="Không tìm thấy dấu độ mật"):
        services.file_store(actor=cast.clerk, carrier=exam_paper, upload=upload)
    services.file_store(actor=cast.clerk, carrier=exam_paper, upload=upload, reason="Bản quét chưa đóng dấu")
    assert StoredFile.objects.count() == 1
