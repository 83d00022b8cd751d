"""A download is a copy (R12–R16): refused without the person's own approved copy request; with it, one numbered
copy enters the copy register and the file comes watermarked on every page; audited (R44)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from bmnn.approvals.services import request_decide
from bmnn.audit.models import AuditEvent
from bmnn.core.errors import PermissionDenied
from bmnn.lifecycle.models import CopyJob
from bmnn.lifecycle.services.copying import copy_request
from bmnn.registry.choices import CopyForm
from bmnn.vault import services

from .conftest import MARKER, secret_pdf, store


def ask(cast, carrier, person, approve: bool | None = True):
    request = copy_request(
        actor=person,
        carrier=carrier,
        form=CopyForm.TRUE_COPY,
        count=1,
        recipients="Hội đồng ra đề",
        reasons="Làm việc với đề thi",
    )
    if approve is not None:
        request_decide(actor=cast.director, request=request, approve=approve)
    return request


def refuse_download(cast, client, stored, request):
    with pytest.raises(PermissionDenied):
        services.file_download(actor=cast.officer, stored=stored, request=request)
    response = client.post(reverse("ops:vault-download", args=[stored.pk]), {"request": request.pk})
    assert response.status_code == 400 and "cần đề nghị sao, chụp" in response.content.decode()


def test_a_download_without_an_approved_copy_request_is_refused_R12(cast, exam_paper, client):
    """R12: nothing asked, a request still pending, a refused one, or someone else's approval: no download, no copy,
    no register entry, no audit event."""
    stored = store(cast, exam_paper)
    client.force_login(cast.officer)
    refused = client.get(reverse("ops:vault-download", args=[stored.pk]))
    assert refused.status_code == 403 and "cần đề nghị sao, chụp" in refused.content.decode()
    assert client.post(f"/api/vault-files/{stored.pk}/download/").status_code == 403
    pending = ask(cast, exam_paper, cast.officer, approve=None)  # one open request per record at a time
    refuse_download(cast, client, stored, pending)
    request_decide(actor=cast.director, request=pending, approve=False, reasons="Không cần thiết")
    refuse_download(cast, client, stored, pending)
    others = ask(cast, exam_paper, cast.exams_head)  # approved, but for another person
    refuse_download(cast, client, stored, others)
    assert not CopyJob.objects.exists()
    assert not exam_paper.copies.exists()
    assert not AuditEvent.objects.filter(action="vault.file.downloaded").exists()


def test_an_approved_download_is_a_numbered_registered_copy_watermarked_on_every_page_R12_R16(cast, exam_paper, client):
    stored = store(cast, exam_paper, secret_pdf(pages=3))
    request = ask(cast, exam_paper, cast.officer)
    client.force_login(cast.officer)
    form = client.get(reverse("ops:vault-download", args=[stored.pk]))
    assert form.status_code == 200 and f'value="{request.pk}"' in form.content.decode()
    response = client.post(reverse("ops:vault-download", args=[stored.pk]), {"request": request.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    job = CopyJob.objects.get()
    copy = exam_paper.copies.get()
    assert (job.request, job.made_count, job.operator) == (request, 1, cast.officer)
    assert copy.copy_number == 1 and copy.level == exam_paper.level
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert MARKER not in content  # pages are images now: the original's text layer is gone
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 3
    for page in reader.pages:  # R16 and the trace to the reader, on every page
        text = page.extract_text()
        assert "TỐI MẬT" in text
        assert str(cast.officer) in text and cast.officer.organisation.name in text
        assert f"Bản sao số 1 – sổ sao, chụp số {job.number}/{job.year}" in text
    event = AuditEvent.objects.get(action="vault.file.downloaded")
    assert event.data["copy_number"] == 1 and event.data["request_id"] == request.pk
    # the approval is used up: a second download needs a new request (R16: one copy-register entry per job)
    again = client.post(reverse("ops:vault-download", args=[stored.pk]), {"request": request.pk})
    assert again.status_code == 400 and "cần đề nghị sao, chụp" in again.content.decode()
    assert CopyJob.objects.count() == 1


def test_a_download_from_the_api_answers_the_watermarked_file_R12(cast, exam_paper, client):
    stored = store(cast, exam_paper)
    request = ask(cast, exam_paper, cast.officer)
    client.force_login(cast.officer)
    response = client.post(f"/api/vault-files/{stored.pk}/download/", {"request": request.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2
