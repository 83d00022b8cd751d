"""Digitising a paper secret is a copy (R17): the same approval and copy register entry, one numbered copy that is
electronic and flagged "digitised", its scan stored encrypted in the vault; nothing else is a way to digitise."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bmnn.approvals.services import request_decide
from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError
from bmnn.lifecycle.models import CopyJob
from bmnn.lifecycle.services.copying import copy_request
from bmnn.registry.choices import CopyForm, Medium
from bmnn.vault import services
from bmnn.vault.models import StoredFile
from bmnn.vault.reading import plaintext
from tests.helpers import command

from .conftest import MARKER, every_byte_under, secret_pdf


def approved_digitisation(cast, carrier, approve: bool | None = True):
    request = copy_request(
        actor=cast.clerk,
        carrier=carrier,
        form=CopyForm.DIGITISE,
        count=1,
        recipients="Lưu trữ điện tử của Sở",
        reasons="Số hóa hồ sơ đề thi",
    )
    if approve is not None:
        request_decide(actor=cast.director, request=request, approve=approve)
    return request


def scan() -> SimpleUploadedFile:
    return SimpleUploadedFile("ban-quet.pdf", secret_pdf(pages=2), "application/pdf")


def test_digitising_makes_one_numbered_electronic_copy_with_its_scan_in_the_vault_R17(
    cast, exam_paper, settings, client
):
    request = approved_digitisation(cast, exam_paper)
    client.force_login(cast.clerk)
    page = client.get(reverse("lifecycle:request", args=[request.pk])).content.decode()
    assert reverse("ops:vault-digitise", args=[request.pk]) in page  # offered where it can be done
    assert reverse("ops:copy-make", args=[request.pk]) not in page  # and not as a paper copy
    response = client.post(reverse("ops:vault-digitise", args=[request.pk]), {"file": scan()})
    assert response.status_code == 302
    copy = exam_paper.copies.get()
    job = CopyJob.objects.get()
    assert (job.request, job.form, job.made_count) == (request, CopyForm.DIGITISE, 1)  # the copy register entry
    assert copy.digitised and copy.medium == Medium.ELECTRONIC and copy.copy_number == 1
    assert copy.level == exam_paper.level and copy.custodian == cast.clerk
    assert any("Số hóa" in mark for mark in copy.marks)
    stored = StoredFile.objects.get(carrier=copy)
    assert MARKER in plaintext(stored)
    assert MARKER not in every_byte_under(Path(settings.BMNN_VAULT_DIR))  # S6: kept encrypted
    assert AuditEvent.objects.filter(action="lifecycle.copy.made", data__form=CopyForm.DIGITISE).count() == 1
    assert AuditEvent.objects.filter(action="vault.file.stored", data__file_id=stored.pk).count() == 1


def test_digitising_without_approval_or_with_a_file_that_is_not_a_pdf_changes_nothing_R12_R17(cast, exam_paper, client):
    pending = approved_digitisation(cast, exam_paper, approve=None)
    with pytest.raises(DomainError) as not_yet:
        services.digitise(actor=cast.clerk, request=pending, upload=scan())
    assert not_yet.value.rule == "R12"
    request_decide(actor=cast.director, request=pending, approve=True)
    client.force_login(cast.clerk)
    bad = SimpleUploadedFile("ban-quet.pdf", b"not a pdf at all", "application/pdf")
    response = client.post(reverse("ops:vault-digitise", args=[pending.pk]), {"file": bad})
    assert response.status_code == 400 and "chỉ nhận tệp PDF" in response.content.decode()
    assert not exam_paper.copies.exists() and not CopyJob.objects.exists() and not StoredFile.objects.exists()
    pending.refresh_from_db()
    assert pending.status == "APPROVED"  # still there to be carried out


def test_an_ordinary_copy_request_is_not_a_digitisation_and_a_digitisation_is_no_download_R17(cast, exam_paper):
    request = copy_request(
        actor=cast.clerk,
        carrier=exam_paper,
        form=CopyForm.TRUE_COPY,
        count=1,
        recipients="Hội đồng",
        reasons="Làm việc",
    )
    request_decide(actor=cast.director, request=request, approve=True)
    with pytest.raises(DomainError) as wrong:
        services.digitise(actor=cast.clerk, request=request, upload=scan())
    assert wrong.value.rule == "R17"
    assert not exam_paper.copies.exists()


def test_digitising_through_the_api_and_the_command_line_R17(cast, exam_paper, client, tmp_path):
    request = approved_digitisation(cast, exam_paper)
    client.force_login(cast.clerk)
    response = client.post(f"/api/requests/{request.pk}/digitise/", {"file": scan()})
    assert response.status_code == 201, response.content
    assert exam_paper.copies.get().digitised
    other = exam_paper  # a second digitisation, through the command line
    request2 = approved_digitisation(cast, other)
    path = tmp_path / "ban-quet-2.pdf"
    path.write_bytes(secret_pdf(pages=1))
    out = command("vault", cast.clerk.username, "vault-digitise", str(request2.pk), f"file=@{path}")
    assert "Đã số hóa" in out
    assert sorted(exam_paper.copies.values_list("copy_number", flat=True)) == [1, 2]
    assert StoredFile.objects.count() == 2
