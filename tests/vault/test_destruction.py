"""A council's destruction of records with electronic files (R36): the record lists each electronic item with where
it is kept; the last member's confirmation crypto-erases every file in the same transaction and writes the time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.lifecycle.models import CouncilPurpose, DestroyedFile
from bmnn.lifecycle.services.councils import (
    council_decide,
    council_minutes,
    council_set_up,
    destroy_emergency,
    destruction_confirm,
    destruction_record,
)
from bmnn.registers.downloads import form_export
from bmnn.registry.choices import IncidentKind, Status
from bmnn.registry.models import Carrier
from bmnn.safeguards.services.incidents import incident_record
from bmnn.vault import reading, services
from bmnn.vault.models import StoredFile
from tests.documents.readers import docx_text, pdf_text
from tests.helpers import operation_events, world

from .conftest import MARKER, every_byte_under, secret_pdf, store
from .test_digitise import approved_digitisation
from .test_download import ask


@pytest.fixture
def electronic(cast, exam_paper):
    """The exam paper's own file in the vault, its digitised copy (no. 1, its scan in the vault) and a copy the
    officer downloaded (no. 2, held by the officer, outside the vault)."""
    original_file = store(cast, exam_paper)
    services.digitise(
        actor=cast.clerk,
        request=approved_digitisation(cast, exam_paper),
        upload=SimpleUploadedFile("ban-quet.pdf", secret_pdf(), "application/pdf"),
    )
    request = ask(cast, exam_paper, cast.officer)
    services.file_download(actor=cast.officer, stored=original_file, request=request)
    digitised, downloaded = exam_paper.copies.order_by("copy_number")
    return original_file, digitised, downloaded


def recorded_council(cast, carriers):
    council = council_set_up(
        actor=cast.clerk,
        purpose=CouncilPurpose.DESTROY,
        carriers=carriers,
        setup_decision_ref="40/QĐ-SGDĐT",
        setup_date=clock.today(),
        chair=cast.deputy,
        members=[cast.clerk, cast.officer],
    )
    council_minutes(actor=cast.deputy, council=council, minutes="Đề thi đã thay thế, không còn giá trị.")
    council_decide(actor=cast.director, council=council, decision_ref="41/QĐ-SGDĐT")
    destruction_record(
        actor=cast.clerk,
        council=council,
        entries=[(c, "Xóa không khôi phục (hủy khóa dữ liệu)", "Lê Thị Chi; Đỗ Thu Hà") for c in carriers],
    )
    return council


def test_the_destruction_record_lists_each_electronic_item_and_the_last_confirmation_erases_them_R36(
    cast, exam_paper, electronic, settings, client, django_capture_on_commit_callbacks
):
    """R36: the original's file, the digitised copy's scan and the downloaded copy are each a line of the record with
    their location; every file of the vault is crypto-erased when the last member confirms, with the time."""
    original_file, digitised, downloaded = electronic
    scan = StoredFile.objects.get(carrier=digitised)
    council = recorded_council(cast, [exam_paper, digitised, downloaded])
    listed = list(DestroyedFile.objects.select_related("entry__carrier").order_by("entry__sequence", "pk"))
    assert [(f.entry.carrier, f.name) for f in listed] == [
        (exam_paper, "de-thi.pdf"),
        (digitised, "ban-quet.pdf"),
        (downloaded, ""),
    ]
    vault = f"Kho tài liệu điện tử mật trên hệ thống BMNN của {exam_paper.agency}"
    assert listed[0].location == listed[1].location == vault
    assert listed[2].location == f"Bản tải xuống do {cast.officer} giữ (ngoài kho)"
    assert all(f.erased_at is None for f in listed)
    recorded = AuditEvent.objects.get(action="lifecycle.destruction.recorded").data["entries"]
    assert [f["name"] for f in recorded[1]["files"]] == ["ban-quet.pdf"]

    destruction_confirm(actor=cast.deputy, council=council)
    destruction_confirm(actor=cast.clerk, council=council)
    assert reading.plaintext(original_file).startswith(b"%PDF-")  # one signature missing: nothing erased yet
    with django_capture_on_commit_callbacks(execute=True):
        destruction_confirm(actor=cast.officer, council=council)

    for stored in (original_file, scan):
        stored.refresh_from_db()
        assert stored.erased and stored.wrapped_key is None
        assert not (Path(settings.BMNN_VAULT_DIR) / f"{stored.blob}.enc").exists()
    assert MARKER not in every_byte_under(Path(settings.BMNN_VAULT_DIR))
    erased = [f for f in DestroyedFile.objects.order_by("entry__sequence", "pk") if f.reference]
    assert [f.erased_at for f in erased] == [original_file.erased_at, scan.erased_at]
    assert AuditEvent.objects.filter(action="vault.file.erased", basis="R36, R44").count() == 2
    destroyed = AuditEvent.objects.get(action="lifecycle.destroyed", target_id=str(digitised.pk))
    assert destroyed.data["files"][0]["name"] == "ban-quet.pdf" and destroyed.data["files"][0]["erased_at"]

    client.force_login(cast.clerk)
    page = client.get(reverse("lifecycle:council", args=[council.pk])).content.decode()
    assert "Tài liệu, bản sao điện tử" in page and "ban-quet.pdf" in page and "Điện tử" in page
    assert page.count("Đã hủy khóa dữ liệu và xóa bản mã lúc") == 2
    assert f"Bản tải xuống do {cast.officer} giữ (ngoài kho)" in page
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(form_export(actor=cast.clerk, carrier=exam_paper, form="ho-so-tieu-huy", fmt=fmt).content)
        record = text.split("Tiêu hủy tài liệu, vật chứa bí mật nhà nước")[-1]
        assert "Tài liệu, bản sao điện tử được xóa không khôi phục" in record, fmt
        assert "ban-quet.pdf" in record and "de-thi.pdf" in record, fmt
        assert record.count("Đã hủy khóa dữ liệu, xóa bản mã lúc") == 2, fmt


def test_a_refused_confirmation_erases_nothing_R36(cast, exam_paper, electronic):
    """R36, S3: a non-member's confirmation, and a last confirmation refused because an incident was opened about
    the record, leave every file readable, no erasure time written and no event."""
    original_file, digitised, _downloaded = electronic
    council = recorded_council(cast, [exam_paper, digitised])
    destruction_confirm(actor=cast.deputy, council=council)
    destruction_confirm(actor=cast.clerk, council=council)
    before, events = world(), list(operation_events().values_list("seq", flat=True))
    with pytest.raises(PermissionDenied):
        destruction_confirm(actor=cast.director, council=council)
    assert world() == before
    incident_record(
        actor=cast.officer,
        unit=cast.exams_division,
        kind=IncidentKind.DISCLOSURE,
        carriers=[exam_paper],
        description="Nghi lộ đề thi",
        found_at=clock.now() - dt.timedelta(hours=1),
    )
    before, events = world(), list(operation_events().values_list("seq", flat=True))
    with pytest.raises(DomainError, match="sự cố chưa khắc phục"):
        destruction_confirm(actor=cast.officer, council=council)
    assert world() == before and list(operation_events().values_list("seq", flat=True)) == events
    assert not DestroyedFile.objects.filter(erased_at__isnull=False).exists()
    assert not StoredFile.objects.filter(erased_at__isnull=False).exists()
    assert reading.plaintext(original_file).startswith(b"%PDF-")
    exam_paper.refresh_from_db()
    assert exam_paper.status == Status.IN_STORAGE


def test_emergency_destruction_erases_the_records_files_at_once_R37(cast, exam_paper, settings):
    """R37, S6: the custodian's emergency destruction leaves no readable file of the record behind."""
    stored = store(cast, exam_paper)
    destroy_emergency(actor=cast.clerk, carrier=exam_paper, reason="Nguy cơ lộ", method="Đốt", report="Đã báo cáo")
    stored.refresh_from_db()
    assert stored.erased
    event = AuditEvent.objects.get(action="lifecycle.destroyed.emergency")
    assert event.data["erased_files"][0]["name"] == "de-thi.pdf"
    with pytest.raises(DomainError, match="xóa không khôi phục"):
        reading.plaintext(stored)


def test_a_tuyet_mat_records_file_name_is_not_written_in_the_destruction_record_R18(cast, exam_paper, client):
    """R18, R36: the file name of a TUYET_MAT record tells its content as an abstract would; the record lists the item
    and where it was kept, never the name, on the page and on paper."""
    services.file_store(
        actor=cast.clerk,
        carrier=exam_paper,
        upload=SimpleUploadedFile("phuong-an-bao-ve-de-thi.pdf", secret_pdf(), "application/pdf"),
    )
    council = recorded_council(cast, [exam_paper])
    Carrier.objects.filter(pk=exam_paper.pk).update(level=Level.TUYET_MAT, abstract="")  # as a TUYET_MAT record

    client.force_login(cast.director)
    page = client.get(reverse("lifecycle:council", args=[council.pk])).content.decode()
    assert "Tài liệu, bản sao điện tử" in page and "Không ghi" in page
    assert "phuong-an-bao-ve-de-thi" not in page
    exam_paper.refresh_from_db()
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        text = read(form_export(actor=cast.director, carrier=exam_paper, form="ho-so-tieu-huy", fmt=fmt).content)
        assert "Tài liệu, bản sao điện tử được xóa không khôi phục" in text, fmt
        assert "phuong-an-bao-ve-de-thi" not in text, fmt
